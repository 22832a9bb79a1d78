"""Settings of the REST API (issue 17): Django REST framework, drf-spectacular, knox tokens.

Imported at the end of ``base``; read the environment through ``nastavnik.settings.env``.
"""

import datetime as dt

from nastavnik.settings.env import env_int

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "nastavnik.accounts.authentication.TokenAuthentication",  # «Authorization: Token …» (knox), from the profile page
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "nastavnik.core.api.KeysetPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "nastavnik.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "nastavnik.core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "API «Наставник»",
    "DESCRIPTION": (
        "Программный интерфейс информационной системы целевой модели наставничества педагогических "
        "работников: те же данные и те же права, что на страницах системы.\n\n"
        "**Вход.** Токен создаётся на странице «Профиль» → «Токены доступа к API» и передаётся в "
        "заголовке `Authorization: Token <токен>`; из браузера, где выполнен вход, запросы идут с "
        "сеансом (изменяющим запросам нужен заголовок `X-CSRFToken`).\n\n"
        "**Списки** отдаются страницами: `results`, ссылки `next` и `previous`, `page_size` до 500.\n\n"
        "**Ошибки** — JSON: `detail` — описание, `errors` — ошибки по полям запроса или фильтрам; "
        "401 — нет токена или он недействителен, 403 — нет права, 404 — записи нет или она вне "
        "области видимости, 409 — запись изменена другим пользователем."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets under the same field name («status», «format», «kind») get names of their own
    # rather than drf-spectacular's hashed ones (and its warnings, which `check --deploy` shows).
    "ENUM_NAME_OVERRIDES": {
        "MentorStatusEnum": "nastavnik.bank.choices.MentorStatus",
        "ProgramFormatEnum": "nastavnik.mentoring.choices.ProgramFormat",
        "ProgramStatusEnum": "nastavnik.mentoring.choices.ProgramStatus",
        # The plan's activities and the roadmap's share their states (planned … cancelled).
        "ActivityStatusEnum": "nastavnik.mentoring.choices.ActivityStatus",
        "MeetingFormatEnum": "nastavnik.mentoring.choices.MeetingFormat",
        "RequestKindEnum": "nastavnik.mentoring.choices.RequestKind",
        "RoadmapStatusEnum": "nastavnik.roadmaps.choices.RoadmapStatus",
        # Professional development (issue 18): routes, their activities, diagnoses, enrolments.
        "RouteStatusEnum": "nastavnik.development.choices.RouteStatus",
        "RouteActivityStatusEnum": "nastavnik.development.choices.ActivityStatus",
        "RouteActivityKindEnum": "nastavnik.development.choices.ActivityKind",
        "RouteEventKindEnum": "nastavnik.development.choices.RouteEventKind",
        "DiagnosisKindEnum": "nastavnik.development.choices.DiagnosisKind",
        "EnrollmentStatusEnum": "nastavnik.development.choices.EnrollmentStatus",
        # the organizations' levels keep their name beside the deficit's and the competence's
        "LevelEnum": "nastavnik.organizations.choices.Level",
        "DeficitLevelEnum": "nastavnik.development.choices.DeficitLevel",
        "CompetenceLevelEnum": "nastavnik.development.choices.CompetenceLevel",
    },
}

# API tokens (django-rest-knox): stored as hashes; a token lives NASTAVNIK_API_TOKEN_DAYS days
# (0: until revoked).
_TOKEN_DAYS = env_int("NASTAVNIK_API_TOKEN_DAYS", 365)
REST_KNOX = {
    "TOKEN_TTL": None if _TOKEN_DAYS == 0 else dt.timedelta(days=_TOKEN_DAYS),
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": 20,
}
