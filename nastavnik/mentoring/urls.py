"""URLs of mentoring programs: ``/programs/…``. Each part keeps its own module."""

from django.urls import include, path

app_name = "mentoring"
urlpatterns = [
    path("", include("nastavnik.mentoring.urls_programs")),
    path("", include("nastavnik.mentoring.urls_meetings")),
    path("", include("nastavnik.mentoring.urls_completion")),
]
