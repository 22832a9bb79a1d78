"""URLs of monitoring: the federal statistical figure (seed 002 §9; included by monitoring.urls)."""

from django.urls import path

from nastavnik.monitoring import views_federal

urlpatterns: list = [
    path("federal/", views_federal.FederalView.as_view(), name="federal"),
    path("federal/<int:pk>/confirm/", views_federal.FederalConfirmView.as_view(), name="federal_confirm"),
]
