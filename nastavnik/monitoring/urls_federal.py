"""URLs of monitoring: federal (included by monitoring.urls)."""

urlpatterns: list = []
