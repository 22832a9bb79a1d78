"""Addresses of the public section «Наставничество» (issue 19): the public pages under ``/o/``, the
sitemap, and the keeper's editor under ``/sections/``; the ``sections`` namespace."""

app_name = "sections"

urlpatterns: list = []
