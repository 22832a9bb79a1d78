"""The REST API's addresses (issue 17): ``/api/v1/…`` gathered from each app's ``api`` module
(``register(router)``), the OpenAPI 3 schema at ``/api/schema/`` and its interactive docs at
``/api/docs/`` (Swagger UI served from our own static files: drf-spectacular's sidecar)."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from nastavnik.bank import api as bank_api
from nastavnik.documents import api as documents_api
from nastavnik.jobs import api as jobs_api
from nastavnik.mentoring import api as mentoring_api
from nastavnik.monitoring import api as monitoring_api
from nastavnik.organizations import api as organizations_api
from nastavnik.people import api as people_api
from nastavnik.roadmaps import api as roadmaps_api

app_name = "api"

router = DefaultRouter()
for module in (
    organizations_api,
    people_api,
    bank_api,
    mentoring_api,
    roadmaps_api,
    monitoring_api,
    documents_api,
    jobs_api,
):
    module.register(router)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
