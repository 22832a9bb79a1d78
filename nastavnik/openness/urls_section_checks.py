"""Addresses of the monitoring of the sections (``/sections/checks/``); the ``section_checks``
namespace."""

app_name = "section_checks"

urlpatterns: list = []
