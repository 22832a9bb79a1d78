"""Addresses of the public open bank of mentors (``/mentors/``, without sign-in) and of the
requests for a mentor it sends to curators (``/mentor-requests/``); the ``public_bank`` namespace."""

app_name = "public_bank"

urlpatterns: list = []
