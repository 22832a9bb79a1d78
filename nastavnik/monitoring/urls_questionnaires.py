"""URLs of monitoring: questionnaires (included by monitoring.urls)."""

urlpatterns: list = []
