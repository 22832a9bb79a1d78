from django.urls import path

from nastavnik.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitation/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    path("sessions/", views.SessionListView.as_view(), name="sessions"),
    path("sessions/<str:which>/end/", views.SessionEndView.as_view(), name="session_end"),
    path("api-tokens/create/", views.ApiTokenCreateView.as_view(), name="api_token_create"),
    path("api-tokens/<str:which>/revoke/", views.ApiTokenRevokeView.as_view(), name="api_token_revoke"),
]
