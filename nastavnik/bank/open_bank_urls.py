"""Routes of the open bank of mentors, under ``/bank/open/`` in the ``bank`` namespace."""

from django.urls import path

from nastavnik.bank import open_bank_views

urlpatterns = [
    path("", open_bank_views.OpenBankListView.as_view(), name="open_bank"),
    path("<int:pk>/", open_bank_views.OpenBankDetailView.as_view(), name="open_bank_detail"),
]
