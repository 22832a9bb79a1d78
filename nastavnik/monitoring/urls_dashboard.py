"""URLs of monitoring: dashboard (included by monitoring.urls)."""

from django.urls import path

from nastavnik.monitoring import views_dashboard as views

urlpatterns: list = [
    path("", views.HomeDashboardView.as_view(), name="dashboard"),
    path("units/<int:pk>/", views.DashboardView.as_view(), name="unit"),
    path("units/<int:pk>/export.xlsx", views.ExportView.as_view(), name="unit_export"),
    path("units/<int:pk>/charts/<slug:name>.svg", views.ChartView.as_view(), name="unit_chart"),
]
