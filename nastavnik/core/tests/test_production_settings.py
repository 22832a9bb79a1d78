"""Production settings (``nastavnik.settings.production``): ``check --deploy`` is clean with the
documented environment (``deploy/env.example``); SQLite, a missing ``MEDIA_ROOT`` and ``DEBUG``
are refused; Redis, Celery, JSON logs and Sentry without personal data are set up."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from nastavnik.core.logging import log_context, sentry_before_send

ROOT = Path(__file__).resolve().parents[3]
ENV_EXAMPLE = ROOT / "deploy" / "env.example"
#: PostgreSQL of this machine (the settings only parse it: `check` opens no connection).
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def documented_env() -> dict[str, str]:
    """The variables of ``deploy/env.example`` (``KEY=value`` lines, comments skipped)."""
    env = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    return env


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The documented environment with a real random key, local addresses and paths under ``tmp_path``."""
    env = documented_env()
    env.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=(
            os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ["DATABASE_URL"]
        )
        or LOCAL_POSTGRES,
        REDIS_URL="redis://127.0.0.1:6379/0",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        NASTAVNIK_VAR_DIR=str(tmp_path / "var"),
    )
    env.update(extra)
    return env


def run_python(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter whose environment is ``env`` on top of a clean one
    (no variable of this test process that the settings read)."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    clean = {k: v for k, v in os.environ.items() if k in keep}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd="/",
        env={**clean, **env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    # given the environment of deploy/env.example (with a real key and local services)
    env = production_env(tmp_path)
    assert env["DJANGO_SETTINGS_MODULE"] == "nastavnik.settings.production"

    # when `manage.py check --deploy --fail-level WARNING` runs under it
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        cwd="/",
        env={"PATH": os.environ["PATH"], **env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    # then nothing is found
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_defaults_postgres_redis_celery_https_json_logs(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
        "'max_age': s.DATABASES['default']['CONN_MAX_AGE'], "
        "'health_checks': s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "'cache': s.CACHES['default']['BACKEND'], 'cache_url': s.CACHES['default']['LOCATION'], "
        "'sessions': s.SESSION_ENGINE, 'jobs': s.NASTAVNIK_JOBS_BACKEND, "
        "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'proxy': list(s.SECURE_PROXY_SSL_HEADER), "
        "'media': str(s.MEDIA_ROOT), 'static': str(s.STATIC_ROOT), "
        "'formatter': s.LOGGING['formatters']['json']['()'], 'debug': s.DEBUG}))"
    )
    env = production_env(tmp_path)
    for name in ("DATABASE_CONN_MAX_AGE", "HTTPS", "SECURE_PROXY_SSL_HEADER", "NASTAVNIK_JOBS_BACKEND"):
        env.pop(name)  # the defaults of production.py, not of the example

    result = run_python(env, code)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "engine": "django.db.backends.postgresql",
        "max_age": 60,
        "health_checks": True,
        "cache": "django.core.cache.backends.redis.RedisCache",
        "cache_url": "redis://127.0.0.1:6379/0",
        "sessions": "django.contrib.sessions.backends.cached_db",
        "jobs": "celery",
        "ssl_redirect": True,
        "proxy": ["HTTP_X_FORWARDED_PROTO", "https"],
        "media": str(tmp_path / "media"),
        "static": str(tmp_path / "static"),
        "formatter": "nastavnik.core.logging.JsonFormatter",
        "debug": False,
    }


def test_sqlite_a_missing_media_root_and_debug_are_refused(tmp_path):
    code = "import django; django.setup()"

    sqlite = run_python(production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3"), code)
    assert sqlite.returncode != 0
    assert "ImproperlyConfigured" in sqlite.stderr
    assert "Рабочим настройкам нужна PostgreSQL" in sqlite.stderr

    env = production_env(tmp_path)
    env.pop("MEDIA_ROOT")
    no_media = run_python(env, code)
    assert no_media.returncode != 0
    assert "Не задан MEDIA_ROOT" in no_media.stderr

    debug = run_python(production_env(tmp_path, DEBUG="1"), code)
    assert debug.returncode != 0
    assert "не запускаются с DEBUG=1" in debug.stderr


def test_sentry_starts_only_with_a_dsn_and_sends_no_personal_data(tmp_path):
    code = (
        "import django; django.setup(); import sentry_sdk; c = sentry_sdk.get_client(); "
        "print(c.is_active(), c.options.get('send_default_pii'), c.options.get('include_local_variables'), "
        "c.options.get('max_request_body_size'))"
    )
    without = run_python(production_env(tmp_path), code)
    assert without.returncode == 0, without.stderr
    assert without.stdout.split()[0] == "False"

    with_dsn = run_python(production_env(tmp_path, SENTRY_DSN="https://public@sentry.example.ru/1"), code)
    assert with_dsn.returncode == 0, with_dsn.stderr
    assert with_dsn.stdout.split() == ["True", "False", "False", "never"]


def test_sentry_events_lose_query_strings_bodies_cookies_and_user_details():
    event = {
        "request": {
            "url": "https://nastavnik.example.ru/people/?search=Иванова",
            "query_string": "search=Иванова",
            "data": {"snils": "112-233-445 95"},
            "cookies": {"sessionid": "x"},
            "env": {"REMOTE_ADDR": "10.0.0.5"},
            "method": "GET",
        },
        "user": {"id": 7, "username": "ivanova", "email": "ivanova@example.ru"},
    }

    with log_context(request_id="abcdef0123456789", job_id=5):
        scrubbed = sentry_before_send(event, {})

    assert scrubbed["request"] == {"url": "https://nastavnik.example.ru/people/", "method": "GET"}
    assert scrubbed["user"] == {"id": 7}
    assert scrubbed["tags"] == {"request_id": "abcdef0123456789", "job_id": "5"}
