from django.urls import path

from nastavnik.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.OrgUnitListView.as_view(), name="list"),
    path("add/", views.OrgUnitCreateView.as_view(), name="add"),
    path("<int:pk>/", views.OrgUnitDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.OrgUnitUpdateView.as_view(), name="edit"),
]
