from django.urls import path

from nastavnik.access import views

app_name = "access"
urlpatterns = [
    path("", views.RoleAssignmentListView.as_view(), name="list"),
    path("assign/", views.RoleAssignView.as_view(), name="assign"),
    path("<int:pk>/revoke/", views.RoleRevokeView.as_view(), name="revoke"),
    path("<int:pk>/invite/", views.RoleInvitationView.as_view(), name="invite"),
]
