"""URLs of monitoring: reports (included by monitoring.urls)."""

urlpatterns: list = []
