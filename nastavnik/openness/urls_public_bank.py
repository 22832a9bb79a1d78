"""Addresses of the public open bank of mentors (``/mentors/``, without sign-in) and of the
requests for a mentor it sends to curators (``/mentor-requests/``); the ``public_bank`` namespace."""

from django.urls import path

from nastavnik.openness import views_public_bank as views

app_name = "public_bank"

urlpatterns = [
    path("mentors/", views.PublicBankSearchView.as_view(), name="search"),
    path("mentors/<int:pk>/", views.PublicMentorView.as_view(), name="mentor"),
    path("mentors/<int:pk>/request/", views.MentorRequestView.as_view(), name="request"),
    path("mentors/<int:pk>/request/sent/", views.MentorRequestSentView.as_view(), name="request_sent"),
    path("mentor-requests/", views.MentorRequestListView.as_view(), name="request_list"),
    path("mentor-requests/<int:pk>/", views.MentorRequestDetailView.as_view(), name="request_detail"),
]
