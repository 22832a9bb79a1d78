"""URLs of monitoring: the register of risks (seed 000 §VI; included by monitoring.urls)."""

from django.urls import path

from nastavnik.monitoring import views_risks

urlpatterns: list = [
    path("risks/", views_risks.RiskRegisterView.as_view(), name="risks"),
    path("risks/add/", views_risks.RiskCreateView.as_view(), name="risk_add"),
    path("risks/<int:pk>/edit/", views_risks.RiskEditView.as_view(), name="risk_edit"),
]
