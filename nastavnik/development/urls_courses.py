"""Addresses of the course catalogue, the enrolments and the base of trained mentors and curators
(issue 18, Build 4)."""

from django.urls import path

from nastavnik.development import views_courses as views

urlpatterns: list = [
    path("courses/", views.CourseListView.as_view(), name="course_list"),
    path("courses/new/", views.CourseCreateView.as_view(), name="course_create"),
    path("courses/<int:pk>/", views.CourseDetailView.as_view(), name="course_detail"),
    path("courses/<int:pk>/edit/", views.CourseEditView.as_view(), name="course_edit"),
    path("courses/<int:pk>/apply/", views.EnrollmentApplyView.as_view(), name="enrollment_apply"),
    path("enrollments/<int:pk>/enroll/", views.EnrollmentEnrollView.as_view(), name="enrollment_enroll"),
    path(
        "enrollments/<int:pk>/complete/", views.EnrollmentCompleteView.as_view(), name="enrollment_complete"
    ),
    path(
        "enrollments/<int:pk>/withdraw/", views.EnrollmentWithdrawView.as_view(), name="enrollment_withdraw"
    ),
    path(
        "enrollments/<int:pk>/certificate/",
        views.EnrollmentCertificateView.as_view(),
        name="enrollment_certificate",
    ),
    path("trained/", views.TrainedListView.as_view(), name="trained_list"),
]
