"""URLs of monitoring: campaigns (included by monitoring.urls)."""

urlpatterns: list = []
