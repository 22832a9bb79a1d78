from django.urls import path

from nastavnik.roadmaps import views, views_control

app_name = "roadmaps"

urlpatterns = [
    path("", views.RoadmapListView.as_view(), name="list"),
    path("new/", views.RoadmapCreateView.as_view(), name="create"),
    path("import/", views.RoadmapImportView.as_view(), name="import"),
    path("control/", views_control.ControlView.as_view(), name="control"),
    path("<int:pk>/", views.RoadmapDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.RoadmapEditView.as_view(), name="edit"),
    path("<int:pk>/delete/", views.RoadmapDeleteView.as_view(), name="delete"),
    path("<int:pk>/action/<slug:action>/", views.RoadmapActionView.as_view(), name="action"),
    path("<int:pk>/comment/", views.RoadmapCommentView.as_view(), name="comment"),
    path("<int:pk>/upload/", views.RoadmapUploadView.as_view(), name="upload"),
    path("<int:pk>/timeline/", views_control.TimelineView.as_view(), name="timeline"),
    path("<int:pk>/export.xlsx", views.RoadmapExportView.as_view(fmt="xlsx"), name="export_xlsx"),
    path("<int:pk>/export.docx", views.RoadmapExportView.as_view(fmt="docx"), name="export_docx"),
    path("<int:pk>/sections/new/", views.SectionFormView.as_view(), name="section_create"),
    path("sections/<int:section>/edit/", views.SectionFormView.as_view(), name="section_edit"),
    path("sections/<int:section>/delete/", views.SectionDeleteView.as_view(), name="section_delete"),
    path("<int:pk>/items/new/", views.ItemFormView.as_view(), name="item_create"),
    path("items/<int:item>/edit/", views.ItemFormView.as_view(), name="item_edit"),
    path("items/<int:item>/delete/", views.ItemDeleteView.as_view(), name="item_delete"),
    path("items/<int:item>/report/", views.ItemReportView.as_view(), name="item_report"),
    path("evidence/<int:evidence>/", views.EvidenceDownloadView.as_view(), name="evidence"),
    path("evidence/<int:evidence>/delete/", views.EvidenceDeleteView.as_view(), name="evidence_delete"),
]
