"""The OpenAPI schema's generator (issue 17): drf-spectacular's ``AutoSchema`` with the
project's error answers (``settings.api``: ``DEFAULT_SCHEMA_CLASS``)."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
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

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """A field of a model's text column that may be blank (``blank=True``) answers ``""``
        when empty: its response schema says so — ``""`` among the choices, no ``email``/``uri``
        format. DRF leaves ``allow_blank`` off read-only fields, so drf-spectacular would promise
        a value that an empty ИНН, site or kind of organization breaks."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "response" and _blank_in_model(field):
            if "enum" in schema and "" not in schema["enum"]:
                schema["enum"] = [*schema["enum"], ""]
        return schema

    def _map_basic_serializer(self, serializer, direction):
        # The e-mail and URL formats come from the fields' validators, added after the field's
        # own mapping: taken off here for the blank columns (see ``_map_serializer_field``).
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response":
            properties = schema.get("properties", {})
            for name, field in serializer.fields.items():
                if name in properties and _blank_in_model(field):
                    if properties[name].get("format") in ("email", "uri"):
                        del properties[name]["format"]
        return schema

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


def _blank_in_model(field) -> bool:
    """Whether serializer ``field`` reads a text column of its ``ModelSerializer``'s model that
    may be blank."""
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    source = getattr(field, "source", "")
    if model is None or not source or source == "*" or "." in source:
        return False
    try:
        column = model._meta.get_field(source)
    except FieldDoesNotExist:
        return False
    return isinstance(column, models.CharField | models.TextField) and column.blank
