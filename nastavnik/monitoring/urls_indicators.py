"""URLs of monitoring: indicators (included by monitoring.urls)."""

urlpatterns: list = []
