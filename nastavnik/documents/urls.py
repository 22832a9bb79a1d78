from django.urls import path

from nastavnik.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("new/<slug:kind>/", views.IssueView.as_view(), name="issue"),
    path("package/", views.PackageView.as_view(), name="package"),
    path("package/<int:pk>/download/", views.PackageDownloadView.as_view(), name="package_download"),
    path("<int:pk>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<int:pk>/sign/", views.SignView.as_view(), name="sign"),
    path("<int:pk>/regenerate/", views.RegenerateView.as_view(), name="regenerate"),
    path("<int:pk>/delete/", views.DeleteView.as_view(), name="delete"),
    path("<int:pk>/docx/", views.FileView.as_view(), {"fmt": "docx"}, name="docx"),
    path("<int:pk>/pdf/", views.FileView.as_view(), {"fmt": "pdf"}, name="pdf"),
    path("<int:pk>/scan/", views.FileView.as_view(), {"fmt": "scan"}, name="scan"),
    path("route/<int:pk>/docx/", views.RouteDocumentView.as_view(), {"fmt": "docx"}, name="route_docx"),
    path("route/<int:pk>/pdf/", views.RouteDocumentView.as_view(), {"fmt": "pdf"}, name="route_pdf"),
]
