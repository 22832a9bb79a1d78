"""Addresses of the part (issue 19): the internal pages and, where the part has them, the public
ones; included at the root in the ``contests`` namespace."""

app_name = "contests"

urlpatterns: list = []
