"""Routes of matching mentors to mentees, under ``/matching/`` in the ``matching`` namespace."""

from django.urls import path

from nastavnik.matching import views

app_name = "matching"
urlpatterns = [
    path("mentees/<int:pk>/", views.MentorCandidatesView.as_view(), name="candidates"),
    path("pool/", views.PoolView.as_view(), name="pool"),
    path("marks/", views.CompatibilityMarkListView.as_view(), name="marks"),
    path("marks/add/", views.CompatibilityMarkCreateView.as_view(), name="mark_add"),
]
