"""The OpenAPI schema's generator (issue 17): drf-spectacular's ``AutoSchema`` with the
project's error answers (``settings.api``: ``DEFAULT_SCHEMA_CLASS``)."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from nastavnik.core.api import ConflictSerializer, ErrorSerializer, ValidationErrorSerializer


class ApiSchema(AutoSchema):
    """drf-spectacular's schema with the error answers every operation can give (the project's
    Russian JSON, see :func:`exception_handler`): 400 where there is input (a body, filters or a
    page cursor), 401, 403, 404 (a row by id, or a damaged cursor), and 409 on a change (the
    record was changed by someone else since the ``version`` sent). A view's own
    ``extend_schema(responses=…)`` for a code wins."""

    ERRORS = {
        "400": (ValidationErrorSerializer, "Неверные входные данные."),
        "401": (ErrorSerializer, "Не передан или неверен токен доступа."),
        "403": (ErrorSerializer, "Нет прав на это действие."),
        "404": (ErrorSerializer, "Не найдено или вне области видимости пользователя."),
        "409": (ConflictSerializer, "Запись изменена другим пользователем: ничего не записано."),
    }

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        has_input = self.method in ("POST", "PUT", "PATCH") or bool(self._get_filter_parameters())
        has_input = has_input or self._is_list_view()
        codes = ["401", "403"]
        if has_input:
            codes.insert(0, "400")
        if "{" in self.path or self._is_list_view():
            codes.append("404")
        if self.method in ("PUT", "PATCH"):
            codes.append("409")
        for code in codes:
            if code in responses:
                continue
            serializer, description = self.ERRORS[code]
            responses[code] = self._get_response_for_code(
                OpenApiResponse(response=serializer, description=description), code, direction=direction
            )
        return responses
