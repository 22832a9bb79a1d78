"""Addresses of the part (issue 19): the internal pages and, where the part has them, the public
ones; included at the root in the ``incentives`` namespace."""

app_name = "incentives"

urlpatterns: list = []
