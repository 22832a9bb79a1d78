"""Learners, their legal representatives, their accounts and bank entry (issue 20): ``/learners/``."""

from django.urls import path

from nastavnik.learners import views

app_name = "learners"

urlpatterns = [
    path("", views.LearnerListView.as_view(), name="list"),
    path("add/", views.LearnerCreateView.as_view(), name="add"),
    path("import/", views.LearnerImportView.as_view(), name="import"),
    path("import/template.xlsx", views.LearnerImportTemplateView.as_view(), name="import_template"),
    path("<int:pk>/", views.LearnerDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.LearnerUpdateView.as_view(), name="edit"),
    path("<int:pk>/leave/", views.LearnerLeaveView.as_view(), name="leave"),
    path("<int:pk>/account/", views.LearnerAccountView.as_view(), name="account"),
    path("<int:pk>/mentee/", views.LearnerMenteeAddView.as_view(), name="mentee_add"),
    path("<int:pk>/mentor/", views.LearnerMentorAddView.as_view(), name="mentor_add"),
    path("<int:pk>/representatives/add/", views.RepresentativeAddView.as_view(), name="representative_add"),
    path(
        "representatives/<int:pk>/edit/",
        views.RepresentativeUpdateView.as_view(),
        name="representative_edit",
    ),
    path(
        "representatives/<int:pk>/delete/",
        views.RepresentativeDeleteView.as_view(),
        name="representative_delete",
    ),
]
