"""URLs of monitoring: dashboard (included by monitoring.urls)."""

urlpatterns: list = []
