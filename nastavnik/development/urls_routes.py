"""Addresses of the pages of individual educational routes (issue 18, Build 2; seed 000 §4.3.3)."""

from django.urls import path

from nastavnik.development import views_routes as views

urlpatterns: list = [
    path("routes/", views.RouteListView.as_view(), name="route_list"),
    path("routes/new/", views.RouteCreateView.as_view(), name="route_create"),
    path("routes/<int:pk>/", views.RouteDetailView.as_view(), name="route_detail"),
    path("routes/<int:pk>/edit/", views.RouteEditView.as_view(), name="route_edit"),
    path("routes/<int:pk>/activities/new/", views.ActivityAddView.as_view(), name="activity_add"),
    path("routes/activities/<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("routes/activities/<int:pk>/product/", views.ActivityProductView.as_view(), name="activity_product"),
    path(
        "routes/activities/<int:pk>/product/file/",
        views.ActivityProductFileView.as_view(),
        name="activity_product_file",
    ),
    path("routes/<int:pk>/correct/", views.RouteCorrectView.as_view(), name="route_correct"),
    path("routes/<int:pk>/comment/", views.RouteCommentView.as_view(), name="route_comment"),
    path("routes/<int:pk>/start/", views.RouteStartView.as_view(), name="route_start"),
    path("routes/<int:pk>/reflect/", views.RouteReflectView.as_view(), name="route_reflect"),
    path("routes/<int:pk>/complete/", views.RouteCompleteView.as_view(), name="route_complete"),
    path("routes/<int:pk>/cancel/", views.RouteCancelView.as_view(), name="route_cancel"),
]
