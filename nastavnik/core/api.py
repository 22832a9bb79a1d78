"""The REST API's common parts (issue 17, build 1): what ``core.views`` is to the pages.

Each app declares its endpoints in its own ``api`` module (serializers, viewsets and a
``register(router)`` function); ``nastavnik.api.urls`` gathers them under ``/api/v1/``. A viewset
takes :class:`ScopedViewSetMixin`: its rows are ``queryset.for_user(user, "view")`` — the same
scope as the pages, decided in one place (``access``) — and a user without the right to view the
model anywhere gets 403, as the list page answers. Workflow actions are ``POST`` endpoints that call
the same services as the pages, which check the user's right themselves; their refusals
(``PermissionDenied``) and the services' ``ValidationError`` become JSON here
(:func:`exception_handler`).

Errors are JSON in Russian: ``{"detail": "…", "errors": {"field": ["…"]}}`` — ``errors`` only for
invalid input, keyed by the field names of the request (``non_field_errors`` for the whole).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, permissions
from rest_framework.pagination import CursorPagination
from rest_framework.views import exception_handler as drf_exception_handler

from nastavnik.access.rules import DEFAULT_REFUSAL, has_perm

#: The summary of an answer with invalid input; the fields say what is wrong.
INVALID_INPUT = "Проверьте введённые данные."


class KeysetPagination(CursorPagination):
    """Pages that cost the same at any length (issue 17: «the API list of 60,000 people pages
    through in constant queries per page»): ``{"next": url|null, "previous": url|null,
    "results": [...]}``, ``page_size`` rows a page (``?page_size=`` up to ``max_page_size``),
    ordered by ``id`` unless the view sets ``ordering``; no ``COUNT(*)``, which over a region's
    scope reads every row of it (see ``core.pagination``)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "id"
    invalid_cursor_message = "Неверный курсор страницы."


class HasViewRight(permissions.BasePermission):
    """Allows a signed-in user who holds the view's ``required_right`` — a pair ``(model key,
    action)`` of ``access.choices.PERMISSIONS``, ``(scope_model, "view")`` by default — on some
    unit (``access.rules.has_perm`` without an object), as ``core.views.RightRequiredMixin`` does
    for a page. Which rows they reach is the queryset's ``for_user``."""

    message = DEFAULT_REFUSAL

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        right = getattr(view, "required_right", None) or (getattr(view, "scope_model", ""), "view")
        model, action = right
        if not model:
            return True
        return has_perm(user, model, action)


class ScopedViewSetMixin:
    """A viewset over a scoped model: ``get_queryset`` is ``base_queryset().for_user(user,
    scope_action)`` — rows out of scope are 404 by id and absent from lists, as on the pages.

    Attributes: ``scope_model`` (key of ``PERMISSIONS``; the queryset's own ``scope_model`` when
    empty), ``scope_action`` (``"view"``), ``required_right`` (see :class:`HasViewRight`).
    """

    scope_model: str = ""
    scope_action: str = "view"
    required_right: tuple[str, str] | None = None
    permission_classes = [permissions.IsAuthenticated, HasViewRight]
    pagination_class = KeysetPagination

    def initial(self, request, *args, **kwargs):
        if not self.scope_model and getattr(self, "queryset", None) is not None:
            self.scope_model = getattr(self.queryset, "scope_model", "")
        super().initial(request, *args, **kwargs)

    def base_queryset(self):
        """The rows before the scope; the view's ``queryset`` by default."""
        return self.queryset.all()

    def get_queryset(self):
        return self.base_queryset().for_user(self.request.user, self.scope_action)


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        return detail
    if isinstance(detail, list):
        return {"non_field_errors": detail}
    return {"non_field_errors": [detail]}


def exception_handler(exc, context):
    """DRF's handler with the project's Russian JSON (see the module): a service's Django
    ``ValidationError`` is a 400 with its fields, its ``PermissionDenied`` a 403 with its reason;
    a 404 says «Не найдено.» whether the row is missing or out of scope."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or DEFAULT_REFUSAL)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Не найдено.")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": INVALID_INPUT, "errors": _field_errors(exc.detail)}
    elif not (isinstance(response.data, dict) and "detail" in response.data):
        response.data = {"detail": str(exc)}
    return response
