"""URLs of the completion of personalized programs and of the organization's program, mounted
at ``/programs/`` in the ``mentoring`` namespace."""

from django.urls import path

from nastavnik.mentoring.views import completion, organization

urlpatterns = [
    path("<int:pk>/report/", completion.MentorReportView.as_view(), name="mentor_report"),
    path(
        "<int:pk>/report/attachment/",
        completion.MentorReportAttachmentView.as_view(),
        name="mentor_report_attachment",
    ),
    path("<int:pk>/complete/", completion.ProgramCompleteView.as_view(), name="program_complete"),
    path("organization/", organization.MentoringProgramListView.as_view(), name="mentoring_program_list"),
    path(
        "organization/add/", organization.MentoringProgramCreateView.as_view(), name="mentoring_program_add"
    ),
    path(
        "organization/<int:pk>/",
        organization.MentoringProgramDetailView.as_view(),
        name="mentoring_program_detail",
    ),
    path(
        "organization/<int:pk>/edit/",
        organization.MentoringProgramUpdateView.as_view(),
        name="mentoring_program_edit",
    ),
]
