"""URLs of monitoring: indicators (included by monitoring.urls)."""

from django.urls import path

from nastavnik.monitoring import views_indicators as views

urlpatterns: list = [
    path("indicators/", views.IndicatorListView.as_view(), name="indicators"),
    path("indicators/<slug:code>/", views.IndicatorDetailView.as_view(), name="indicator"),
]
