"""The registry of partner organizations (issue 20): ``/partners/``."""

app_name = "partners"

urlpatterns: list = []
