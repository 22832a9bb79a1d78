"""URLs of monitoring: risks (included by monitoring.urls)."""

urlpatterns: list = []
