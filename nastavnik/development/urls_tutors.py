"""Addresses of the tutors pages (issue 18, Build 3): ``development:tutor_list``,
``tutor_detail``, ``tutor_assign``, ``tutor_unassign``, ``tutor_worklist``."""

from django.urls import path

from nastavnik.development import views_tutors

urlpatterns: list = [
    path("tutors/", views_tutors.TutorListView.as_view(), name="tutor_list"),
    path("tutors/work/", views_tutors.TutorWorklistView.as_view(), name="tutor_worklist"),
    path("tutors/<int:pk>/", views_tutors.TutorDetailView.as_view(), name="tutor_detail"),
    path("tutors/<int:pk>/assign/", views_tutors.TutorAssignView.as_view(), name="tutor_assign"),
    path("tutors/assignments/<int:pk>/end/", views_tutors.TutorUnassignView.as_view(), name="tutor_unassign"),
]
