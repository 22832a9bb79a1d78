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
:class:`ErrorSerializer` and :class:`ValidationErrorSerializer` describe them for
``extend_schema(responses=…)``.

Nothing here may import ``rest_framework.generics`` (or ``viewsets``, or drf-spectacular's
``openapi``): DRF imports this module, for ``DEFAULT_PAGINATION_CLASS``, while it loads
``generics``.
The schema (``nastavnik.api.schema.ApiSchema``) documents these answers on every operation: 400 where there is
input, 401, 403 and 404.

Filtering: a viewset sets ``filterset_class`` to the HTML list's FilterSet (DRF's
``DjangoFilterBackend`` passes it ``request``, so choices narrowed to the user's scope work as on
the page); an invalid filter value is a 400 with the filter's name in ``errors``.
"""

from __future__ import annotations

import json

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, permissions, renderers, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from nastavnik.access.rules import DEFAULT_REFUSAL, has_perm
from nastavnik.core.users import user_name

#: ``ValidationError.code`` of ``core.concurrency.ConcurrentEditError``.
CONCURRENT_EDIT = "concurrent_edit"
#: The summary of an answer with invalid input; the fields say what is wrong.
INVALID_INPUT = "Проверьте введённые данные."
#: 404, whether the row is missing or out of the user's scope (the two are not told apart).
NOT_FOUND = "Не найдено."
#: 401 without any credentials.
NOT_AUTHENTICATED = (
    "Требуется вход: передайте токен доступа в заголовке «Authorization: Token …» или войдите в систему."
)
#: 401 with a token that is wrong, revoked, expired or of a blocked user.
BAD_TOKEN = "Токен доступа неверен, отозван или просрочен."
#: 403 of a session request without the CSRF token.
CSRF_FAILED = (
    "Запрос отклонён защитой от подделки запросов (CSRF): передайте заголовок X-CSRFToken "
    "или используйте токен доступа."
)
#: 400 when the body cannot be parsed.
PARSE_ERROR = "Не удалось разобрать тело запроса: ожидается корректный JSON."


class KeysetPagination(CursorPagination):
    """Pages that cost the same at any length (issue 17: «the API list of 60,000 people pages
    through in constant queries per page»): ``{"next": url|null, "previous": url|null,
    "results": [...]}``, ``page_size`` rows a page (``?page_size=`` up to ``max_page_size``),
    ordered by ``id`` unless the view sets ``ordering``; no ``COUNT(*)``, which over a region's
    scope reads every row of it (see ``core.pagination``). A damaged ``cursor`` is a 404
    «Неверный курсор страницы.»."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "id"
    invalid_cursor_message = "Неверный курсор страницы."
    cursor_query_description = "Курсор страницы: значение из ссылок «next» и «previous» ответа."
    page_size_query_description = "Число записей на странице (не больше 500, по умолчанию 50)."


class HasViewRight(permissions.BasePermission):
    """Allows a signed-in user who holds the view's ``required_right`` — a pair ``(model key,
    action)`` of ``access.choices.PERMISSIONS``, ``(scope_model, "view")`` by default — on some
    unit (``access.rules.has_perm`` without an object), as ``core.views.RightRequiredMixin`` does
    for a page. Which rows they reach is the queryset's ``for_user``.

    A workflow action that needs another right declares it on the action, with the page's
    reason: ``@action(detail=True, required_right=("answer", "view"), refusal="…")`` (DRF sets
    the action's keyword arguments on the view) — never a ``has_perm`` in the action's body."""

    message = DEFAULT_REFUSAL

    def has_permission(self, request, view) -> bool:
        self.message = getattr(view, "refusal", "") or DEFAULT_REFUSAL
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
    empty), ``scope_action`` (``"view"``), ``required_right`` and ``refusal`` (see
    :class:`HasViewRight`; both may be set per action).
    Override :meth:`base_queryset` for ``select_related``/``prefetch_related`` (never to widen
    the scope).
    """

    scope_model: str = ""
    scope_action: str = "view"
    required_right: tuple[str, str] | None = None
    #: The reason of the 403 when the user lacks ``required_right`` (``DEFAULT_REFUSAL`` if empty).
    refusal: str = ""
    permission_classes = [permissions.IsAuthenticated, HasViewRight]
    pagination_class = KeysetPagination

    def initial(self, request, *args, **kwargs):
        if not self.scope_model:
            self.scope_model = getattr(self.base_queryset(), "scope_model", "")
        super().initial(request, *args, **kwargs)

    def base_queryset(self):
        """The rows before the scope; the view's ``queryset`` by default."""
        return self.queryset.all()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the types
            return self.base_queryset().none()
        return self.base_queryset().for_user(self.request.user, self.scope_action)


def _scoped_read_only_viewset():
    from rest_framework import viewsets  # here, not above: see the module's last paragraph

    class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
        """List and detail of a scoped model (``GET /x/``, ``GET /x/{id}/``), see
        :class:`ScopedViewSetMixin`."""

    ScopedReadOnlyViewSet.__module__ = __name__
    return ScopedReadOnlyViewSet


def __getattr__(name: str):
    # ``ScopedReadOnlyViewSet`` (``ScopedViewSetMixin`` + DRF's ``ReadOnlyModelViewSet``) is made
    # on first use: this module may not import ``viewsets`` while DRF loads it (PEP 562).
    if name == "ScopedReadOnlyViewSet":
        cls = globals()[name] = _scoped_read_only_viewset()
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ErrorSerializer(serializers.Serializer):
    """The shape of an error answer (401, 403, 404, 405…): ``{"detail": "…"}`` in Russian."""

    detail = serializers.CharField(help_text="Описание ошибки.")


class ValidationErrorSerializer(ErrorSerializer):
    """The shape of a 400: ``{"detail": "Проверьте введённые данные.", "errors": {"поле":
    ["…"]}}`` — ``non_field_errors`` for what concerns the whole request."""

    errors = serializers.DictField(
        required=False,
        help_text=(
            "Ошибки по полям запроса (или фильтрам); non_field_errors — ошибки запроса в целом. "
            "Нет, когда тело запроса не удалось разобрать."
        ),
    )


class ConflictSerializer(ValidationErrorSerializer):
    """The shape of a 409 (optimistic locking, ``core.concurrency``): the record was changed by
    someone else since the ``version`` the client sent, nothing was written; ``version`` — the
    stored one (``null``: the record was deleted), ``current`` — the stored record as the
    endpoint shows it (when the endpoint can show it), for the client to compare and send again."""

    version = serializers.IntegerField(allow_null=True, help_text="Версия записи в системе.")
    current = serializers.DictField(
        allow_null=True, required=False, help_text="Запись, как она сохранена сейчас."
    )


def _conflict(exc: DjangoValidationError, context) -> Response:
    view = context.get("view") if isinstance(context, dict) else None
    current = getattr(exc, "current", None)
    show = getattr(view, "conflict_representation", None)
    data = {
        "detail": exc.messages[0],
        "errors": {"version": exc.messages},
        "version": getattr(exc, "actual", None),
        "current": show(current) if (show is not None and current is not None) else None,
    }
    return Response(data, status=status.HTTP_409_CONFLICT)


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        return detail
    if isinstance(detail, list):
        return {api_settings.NON_FIELD_ERRORS_KEY: detail}
    return {api_settings.NON_FIELD_ERRORS_KEY: [detail]}


def _from_django_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        errors = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in exc.message_dict.items()
        }
        return exceptions.ValidationError(errors)
    return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})


def _reword(exc: exceptions.APIException, message: str) -> None:
    # In place: the view has already set the status and the ``WWW-Authenticate`` header on it.
    exc.detail = exceptions.ErrorDetail(message, code=exc.default_code)


def exception_handler(exc, context):
    """DRF's handler with the project's Russian JSON (see the module).

    - a service's ``core.concurrency.ConcurrentEditError`` (the record changed since the
      ``version`` sent): 409 :class:`ConflictSerializer` — ``current`` from the view's
      ``conflict_representation(row) -> dict`` when it has one;
    - DRF's and a service's Django ``ValidationError`` (with or without fields): 400
      ``{"detail": INVALID_INPUT, "errors": {field: [...]}}``; Django's ``__all__`` is
      ``non_field_errors``;
    - a service's ``PermissionDenied``: 403 with its reason (``DEFAULT_REFUSAL`` when it has none);
      DRF's CSRF refusal: 403 :data:`CSRF_FAILED`;
    - a missing or out-of-scope row: 404 :data:`NOT_FOUND` (the two are not told apart);
    - no credentials: 401 :data:`NOT_AUTHENTICATED`; a bad token: 401 :data:`BAD_TOKEN`;
    - an unparsable body: 400 :data:`PARSE_ERROR`.

    Anything else is DRF's answer (its messages are translated to Russian); an exception DRF does
    not know returns ``None`` — a server error, reported as such.
    """
    if isinstance(exc, DjangoValidationError) and getattr(exc, "code", None) == CONCURRENT_EDIT:
        return _conflict(exc, context)
    if isinstance(exc, DjangoValidationError):
        exc = _from_django_validation_error(exc)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or DEFAULT_REFUSAL)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, exceptions.NotAuthenticated):
        _reword(exc, NOT_AUTHENTICATED)
    elif isinstance(exc, exceptions.AuthenticationFailed):
        _reword(exc, BAD_TOKEN)
    elif isinstance(exc, exceptions.ParseError):
        _reword(exc, PARSE_ERROR)
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        _reword(exc, CSRF_FAILED)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": INVALID_INPUT, "errors": _field_errors(exc.detail)}
    elif not (isinstance(response.data, dict) and "detail" in response.data):
        response.data = {"detail": str(exc)}
    return response


@extend_schema_field(OpenApiTypes.STR)
class UserNameField(serializers.Field):
    """A user as the pages name them (``core.users.user_name``: the person's name, never the
    login), read only; ``""`` when there is nobody (a built-in row, the system). ``source``: the
    user attribute, e.g. ``UserNameField(source="author")``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        user = super().get_attribute(instance)
        return "" if user is None else user_name(user)

    def to_representation(self, value):
        return value


class FileRenderer(renderers.BaseRenderer):
    """Lets a download answer a client that asks for the file's type (``Accept: application/pdf``)
    or anything: the file itself is a ready ``HttpResponse`` that no renderer touches; an error
    on the way (404, 403) is rendered as the usual JSON."""

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data, ensure_ascii=False).encode()
