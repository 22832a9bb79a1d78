from django.urls import path

from nastavnik.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("<int:pk>/status/", views.JobStatusView.as_view(), name="status"),
    path("<int:pk>/retry/", views.JobRetryView.as_view(), name="retry"),
]
