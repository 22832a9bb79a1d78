"""Production settings: PostgreSQL, Redis, Celery workers, gunicorn behind nginx (issue 17, build 4).

``DJANGO_SETTINGS_MODULE=nastavnik.settings.production``. Everything is read from the environment
as in ``base`` (README, «Развёртывание»); this module only changes the defaults and refuses what
a production node must not run with:

- ``DATABASE_URL`` must name PostgreSQL (SQLite is one file on one machine: several web nodes and
  workers cannot share it); connections are kept ``DATABASE_CONN_MAX_AGE`` seconds (60) and
  checked before reuse;
- ``MEDIA_ROOT`` must be set: the uploaded and generated files live on storage every web node and
  worker mounts at that path (NFS, a shared volume); nginx never serves it — files are downloaded
  through Django, which checks the right to each;
- Redis (``REDIS_URL``) is the cache and the Celery broker; sessions are kept in the cache and the
  database (``cached_db``: a Redis restart signs nobody out); jobs run on Celery workers
  (``NASTAVNIK_JOBS_BACKEND=celery``, the periodic work on Celery beat);
- HTTPS is on (``HTTPS=1``: redirect, secure cookies, HSTS) and the scheme is read from nginx's
  ``X-Forwarded-Proto`` (``SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO``);
- logs are JSON lines with the request id (``nastavnik.core.logging``);
- errors go to Sentry when ``SENTRY_DSN`` is set, without personal data
  (``nastavnik.core.logging.sentry_before_send``).

``python manage.py check --deploy`` is clean with the variables of ``deploy/env.example``
(``core/tests/test_production_settings.py``).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

# Defaults of production, set before ``base`` reads them (an explicit variable still wins).
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("HTTPS", "1")
os.environ.setdefault("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO")
os.environ.setdefault("NASTAVNIK_JOBS_BACKEND", "celery")
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
os.environ.setdefault("NASTAVNIK_TRUST_X_FORWARDED_FOR", "1")  # behind nginx, which appends the client

from nastavnik.settings.base import *  # noqa: F403
from nastavnik.settings.base import DATABASES, DEBUG
from nastavnik.settings.env import env_str


def _env_fraction(name: str) -> float:
    """``name`` as a fraction from 0 to 1 (unset: 0).

    Raises:
        ImproperlyConfigured: not a number from 0 to 1.
    """
    raw = env_str(name, "") or "0"
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise ImproperlyConfigured(f"{name} должно быть числом от 0 до 1, задано {raw!r}.")
    return value


if DEBUG:
    raise ImproperlyConfigured(
        "Рабочие настройки (nastavnik.settings.production) не запускаются с DEBUG=1: "
        "режим отладки показывает посетителям код и настройки."
    )

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "Рабочим настройкам нужна PostgreSQL: задайте DATABASE_URL=postgres://пользователь:пароль@сервер:5432/база. "
        "SQLite — один файл на одной машине, его не могут делить несколько веб-узлов и обработчиков заданий."
    )
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)

if not env_str("MEDIA_ROOT"):
    raise ImproperlyConfigured(
        "Не задан MEDIA_ROOT: каталог файлов (загруженные сканы, сформированные документы) должен быть "
        "общим для всех веб-узлов и обработчиков заданий, например MEDIA_ROOT=/srv/nastavnik/media."
    )

# Static files collected here by `collectstatic` and served by nginx (WhiteNoise serves them too).
if _static_root := env_str("STATIC_ROOT"):
    from pathlib import Path

    STATIC_ROOT = Path(_static_root)

#: Redis of the cache and of the Celery queue (``settings/workers.py`` reads the same variable).
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")

# Redis: the cache shared by every node (dashboard figures), sessions in the cache and the database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("NASTAVNIK_CACHE_URL", REDIS_URL),
        "KEY_PREFIX": env_str("NASTAVNIK_CACHE_PREFIX", "nastavnik"),
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Logs: JSON lines on standard error, each with the request id, the user id and the job id.
from nastavnik.core.logging import json_logging, sentry_before_send  # noqa: E402

LOGGING = json_logging(env_str("LOG_LEVEL", "INFO") or "INFO")

# Sentry: only with a DSN; no personal data leaves (no cookies, addresses, users, request bodies,
# query strings or local variables of the frames).
if SENTRY_DSN := env_str("SENTRY_DSN", ""):
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE") or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=_env_fraction("SENTRY_TRACES_SAMPLE_RATE"),
        before_send=sentry_before_send,
    )
