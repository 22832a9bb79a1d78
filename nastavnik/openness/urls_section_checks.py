"""Addresses of the monitoring of the sections (``/sections/checks/``); the ``section_checks``
namespace."""

from django.urls import path

from nastavnik.openness import views_section_checks as views

app_name = "section_checks"

urlpatterns = [
    path("sections/checks/", views.SectionChecksView.as_view(), name="list"),
    path("sections/checks/record/", views.SectionChecksRecordView.as_view(), name="record"),
    path("sections/checks/<int:pk>/", views.SectionCheckHistoryView.as_view(), name="history"),
]
