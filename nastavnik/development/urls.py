"""Addresses of professional development (issue 18): diagnoses, individual educational routes,
tutors of the ЦНППМ, courses and the base of trained mentors. Each part keeps its own module."""

from nastavnik.development import urls_courses, urls_diagnoses, urls_routes, urls_tutors

app_name = "development"

urlpatterns = [
    *urls_diagnoses.urlpatterns,
    *urls_routes.urlpatterns,
    *urls_tutors.urlpatterns,
    *urls_courses.urlpatterns,
]
