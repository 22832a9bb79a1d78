"""URLs of monitoring: the contingent of learners (issue 20; seed 002 §9; included by
monitoring.urls)."""

from django.urls import path

from nastavnik.monitoring import views_contingent

urlpatterns: list = [
    path("contingent/", views_contingent.ContingentView.as_view(), name="contingent"),
    path("contingent/<int:pk>/edit/", views_contingent.ContingentEditView.as_view(), name="contingent_edit"),
    path("contingent/import/", views_contingent.ContingentImportView.as_view(), name="contingent_import"),
    path(
        "contingent/template/", views_contingent.ContingentTemplateView.as_view(), name="contingent_template"
    ),
]
