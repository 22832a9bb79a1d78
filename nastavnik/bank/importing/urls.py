"""Routes of the bank import, included at ``/bank/import/`` in the ``bank`` namespace."""

from django.urls import path

from nastavnik.bank.importing import views

urlpatterns = [
    path("", views.ImportStartView.as_view(), name="import_start"),
    path("template.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("<int:pk>/apply/", views.ImportApplyView.as_view(), name="import_apply"),
]
