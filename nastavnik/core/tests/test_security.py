"""Hardening: security headers, no caching of personal data, HTTPS settings from the environment,
templates without inline scripts or styles (the Content-Security-Policy forbids them), the favicon."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, HttpResponse
from django.test import Client, RequestFactory

from nastavnik.core.middleware import NoStoreMiddleware

ROOT = Path(__file__).resolve().parents[3]


def _run_with_env(env: dict, code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with only ``env`` on top of a clean environment."""
    # DJANGO_ALLOW_ASYNC_UNSAFE: the browser tests set it in this process (Playwright beside the ORM);
    # a production process never has it, and `check --deploy` rightly refuses it (async.E001).
    names = {
        "SECRET_KEY",
        "SECRET_KEY_FILE",
        "DEBUG",
        "HTTPS",
        "ALLOWED_HOSTS",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in names and not k.startswith("SECURE_")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd="/",
        env={**clean, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _production(tmp_path, **extra) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "nastavnik.settings.base",
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "nastavnik.example.ru",
        "NASTAVNIK_VAR_DIR": str(tmp_path),
        **extra,
    }


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    # given production settings: DEBUG off, HTTPS on, a long random key, a host name
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )

    # when `check --deploy` runs
    result = _run_with_env(_production(tmp_path), code)

    # then it finds nothing (W004, W008, W012, W016 and the rest)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_https_turns_on_the_whole_set_and_the_proxy_header_is_read(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER, "
        "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS)"
    )
    result = _run_with_env(_production(tmp_path, SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO"), code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "31536000",
        "True",
        "False",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "True",
        "DENY",
    ]

    # each can still be set on its own; without HTTPS nothing is forced and no proxy header is trusted
    result = _run_with_env(
        _production(tmp_path, HTTPS="0", SECURE_HSTS_SECONDS="600", SECURE_HSTS_PRELOAD="1"),
        code.replace("s.SECURE_PROXY_SSL_HEADER", "getattr(s, 'SECURE_PROXY_SSL_HEADER', None)"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:7] == ["False", "False", "False", "600", "False", "True", "None"]


@pytest.mark.django_db
def test_pages_carry_the_security_headers(world):
    client = Client()
    client.force_login(world.users["curator_a"])

    response = client.get("/")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "unsafe" not in policy
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_of_a_signed_in_user_are_not_stored_static_files_are(world):
    client = Client()
    client.force_login(world.users["curator_a"])

    for url in ("/", "/people/", f"/people/{world.mentee_a.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url

    static = client.get("/static/css/nastavnik.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def _through_middleware(user, response):
    request = RequestFactory().get("/x/")
    request.user = user
    return NoStoreMiddleware(lambda _request: response)(request)


@pytest.mark.django_db
def test_the_no_store_rule(world):
    curator = world.users["curator_a"]
    # a page to a signed-in user
    assert _through_middleware(curator, HttpResponse("x"))["Cache-Control"] == "no-store, private"
    # a file download, even to an anonymous visitor
    download = _through_middleware(
        AnonymousUser(), FileResponse(iter([b"x"]), as_attachment=True, filename="a.pdf")
    )
    assert download["Cache-Control"] == "no-store, private"
    attachment = HttpResponse(b"x")
    attachment["Content-Disposition"] = 'attachment; filename="a.xlsx"'
    assert _through_middleware(AnonymousUser(), attachment)["Cache-Control"] == "no-store, private"
    # a public page to an anonymous visitor is left alone
    assert not _through_middleware(AnonymousUser(), HttpResponse("x")).has_header("Cache-Control")
    # a view's own caching is kept
    own = HttpResponse("x")
    own["Cache-Control"] = "max-age=60"
    assert _through_middleware(curator, own)["Cache-Control"] == "max-age=60"


TEMPLATE_ROOTS = [ROOT / "nastavnik"]
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on…= handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"<style[\s>]", re.I), "<style> block"),
]


def test_templates_have_no_inline_scripts_or_styles():
    """The Content-Security-Policy (script-src and style-src 'self') would block them in the browser:
    behaviours live in static JS (data-confirm, data-autosubmit in js/nastavnik.js), sizes in CSS."""
    found = []
    for root in TEMPLATE_ROOTS:
        for path in root.rglob("*.html"):
            if "templates" not in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            for pattern, what in INLINE:
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert found == []


@pytest.mark.django_db
def test_the_favicon_is_there(world):
    client = Client()
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    body = b"".join(icon.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO

    client.force_login(world.users["curator_a"])
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
    assert client.get("/static/img/favicon.svg").status_code == 200


@pytest.mark.django_db
def test_https_redirect_spares_the_health_check(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/login/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/login/", secure=True).status_code == 200
