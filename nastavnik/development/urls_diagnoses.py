"""Addresses of the diagnoses pages (issue 18, Build 1): the list, a new diagnosis
(``?person=<id>&route=<id>``, both optional) and a diagnosis with its profile chart."""

from django.urls import path

from nastavnik.development import views_diagnoses as views

urlpatterns = [
    path("diagnoses/", views.DiagnosisListView.as_view(), name="diagnosis_list"),
    path("diagnoses/new/", views.DiagnosisCreateView.as_view(), name="diagnosis_create"),
    path("diagnoses/<int:pk>/", views.DiagnosisDetailView.as_view(), name="diagnosis_detail"),
]
