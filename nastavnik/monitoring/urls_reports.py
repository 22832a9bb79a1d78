"""URLs of monitoring: the analytical reports (included by monitoring.urls)."""

from django.urls import path

from nastavnik.monitoring import views_reports as views

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report_create"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/texts/", views.ReportTextsView.as_view(), name="report_texts"),
    path("reports/<int:pk>/redraft/", views.ReportRedraftView.as_view(), name="report_redraft"),
    path("reports/<int:pk>/register/", views.ReportRegisterView.as_view(), name="report_register"),
    path("reports/<int:pk>/docx/", views.ReportFileView.as_view(), {"fmt": "docx"}, name="report_docx"),
    path("reports/<int:pk>/pdf/", views.ReportFileView.as_view(), {"fmt": "pdf"}, name="report_pdf"),
]
