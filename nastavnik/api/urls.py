"""The REST API's addresses (issue 17): ``/api/v1/…`` gathered from each app's ``api`` module
(``register(router)``), the OpenAPI 3 schema at ``/api/schema/`` and its interactive docs at
``/api/docs/`` (Swagger UI served from our own static files: drf-spectacular's sidecar).

The schema and the docs are for signed-in users (a session or a token): the schema is the same
for everyone (every endpoint, whatever the user's rights) and says nothing about the data, but an
information system of personal data does not describe itself to strangers. The docs page sends
an anonymous visitor to the login page, the schema answers 401 in JSON."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.urls import Resolver404, include, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from nastavnik.bank import api as bank_api
from nastavnik.core.api import NOT_FOUND
from nastavnik.development import api as development_api
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
    development_api,
    monitoring_api,
    documents_api,
    jobs_api,
):
    module.register(router)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (YAML; JSON with ``?format=json``), for signed-in users."""

    permission_classes = [IsAuthenticated]


class DocsView(LoginRequiredMixin, SpectacularSwaggerSplitView):
    """Swagger UI over :class:`SchemaView`; an anonymous visitor goes to the login page."""


@csrf_exempt  # a 404 protects nothing; a POST to a wrong address is told so, not a CSRF refusal
def not_found(request, *args, **kwargs):
    """Any other address under ``/api/`` (an id the router's pattern does not take, such as
    ``1.5``, a mistyped path): 404 in the API's JSON, not the site's HTML page. An address that
    only lacks the final slash says so (the site's pages are redirected; an API call is not)."""
    detail = NOT_FOUND
    path = request.path_info
    if not path.endswith("/"):
        try:
            match = resolve(path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not_found":
            detail = f"Не найдено: адрес должен оканчиваться косой чертой — {path}/"
    return JsonResponse({"detail": detail}, status=404, json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", not_found, name="not_found"),
]
