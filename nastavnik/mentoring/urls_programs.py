"""URLs of personalized programs (namespace ``mentoring``, mounted at ``/programs/``)."""

from django.urls import path

from nastavnik.mentoring.views import programs as views

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program_list"),
    path("add/", views.ProgramCreateView.as_view(), name="program_add"),
    path("<int:pk>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path("<int:pk>/edit/", views.ProgramEditView.as_view(), name="program_edit"),
    path("<int:pk>/approve/", views.ProgramApproveView.as_view(), name="program_approve"),
    path("<int:pk>/return/", views.ProgramReturnView.as_view(), name="program_return"),
    path("<int:pk>/start/", views.ProgramStartView.as_view(), name="program_start"),
    path("<int:pk>/terminate/", views.ProgramTerminateView.as_view(), name="program_terminate"),
    path("<int:pk>/stage/", views.ProgramStageAdvanceView.as_view(), name="program_stage_advance"),
    path("<int:pk>/plan/add/", views.PlanItemAddView.as_view(), name="plan_item_add"),
    path("plan/<int:pk>/edit/", views.PlanItemEditView.as_view(), name="plan_item_edit"),
    path("plan/<int:pk>/report/", views.PlanItemReportView.as_view(), name="plan_item_report"),
    path("plan/<int:pk>/delete/", views.PlanItemDeleteView.as_view(), name="plan_item_delete"),
    path("plan/<int:pk>/evidence/", views.PlanItemEvidenceView.as_view(), name="plan_item_evidence"),
]
