"""Deployment files (``deploy/``): nginx accepts its configuration, never serves the users' files
and takes an upload as large as the import allows; the Compose file runs every service; gunicorn
with ``deploy/gunicorn.conf.py`` under production settings serves ``/healthz`` and ``/login/``
with JSON access logs carrying the request id."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"


def _size_in_bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def test_nginx_takes_the_largest_import_and_never_serves_media():
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")

    [body_size] = re.findall(r"client_max_body_size\s+(\w+);", conf)
    assert _size_in_bytes(body_size) >= settings.NASTAVNIK_IMPORT_MAX_BYTES

    media = re.search(r"location /media/ \{(.*?)\}", conf, re.S).group(1)
    assert "return 404" in media
    assert "alias" not in media and "root" not in media
    assert "proxy_set_header X-Request-ID $request_id;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf


def test_nginx_accepts_the_configuration(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx:
        pytest.skip("nginx не установлен (apt-get install nginx-light)")
    # given the configuration with a local upstream (no host «web» here) and a self-signed certificate
    tls = tmp_path / "tls"
    tls.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tls / "privkey.pem"), "-out", str(tls / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    conf = conf.replace("server web:8000", "server 127.0.0.1:8000").replace("/etc/nginx/tls", str(tls))
    (tmp_path / "nastavnik.conf").write_text(conf, encoding="utf-8")
    (tmp_path / "main.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/nastavnik.conf; }}\n",
        encoding="utf-8",
    )

    # when nginx checks it, then it is accepted
    result = subprocess.run(
        [
            nginx,
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "main.conf"),
            "-e",
            str(tmp_path / "error.log"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_compose_runs_every_service_with_shared_media_and_migrates_on_start():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]

    assert set(services) == {"postgres", "redis", "web", "worker", "beat", "nginx"}
    assert "migrate --noinput" in services["web"]["command"][-1]
    assert "collectstatic --noinput" in services["web"]["command"][-1]
    assert "gunicorn -c deploy/gunicorn.conf.py" in services["web"]["command"][-1]
    assert services["worker"]["command"][:4] == ["celery", "-A", "nastavnik", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "nastavnik", "beat"]
    for name in ("web", "worker", "beat"):
        assert "media:/srv/nastavnik/media" in services[name]["volumes"]
        assert services[name]["environment"]["DJANGO_SETTINGS_MODULE"] == "nastavnik.settings.production"
    # nginx gets the static files, never the users' files
    assert "static:/srv/nastavnik/static:ro" in services["nginx"]["volumes"]
    assert not any("media" in volume for volume in services["nginx"]["volumes"])
    if (
        shutil.which("docker")
        and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0
    ):
        env_file = DEPLOY / ".env"
        if env_file.exists():
            result = subprocess.run(
                ["docker", "compose", "-f", str(DEPLOY / "docker-compose.yml"), "config", "--quiet"],
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, result.stderr


def test_systemd_units_run_the_three_processes_under_production_settings():
    for unit, command in (
        ("nastavnik-web.service", "gunicorn -c deploy/gunicorn.conf.py nastavnik.wsgi:application"),
        ("nastavnik-worker.service", "celery -A nastavnik worker"),
        ("nastavnik-beat.service", "celery -A nastavnik beat"),
    ):
        text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
        assert command in text
        assert "Environment=DJANGO_SETTINGS_MODULE=nastavnik.settings.production" in text
        assert "EnvironmentFile=/etc/nastavnik/nastavnik.env" in text
        assert "User=nastavnik" in text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        out, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out


@pytest.mark.django_db
def test_gunicorn_serves_health_and_login_under_production_settings(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("рабочие настройки требуют PostgreSQL (CI запускает тесты и на ней)")
    # given production settings on the migrated test database, Redis, files and static files in tmp
    redis_db = 8 + os.getpid() % 8  # a database of its own: the ping reaches only this worker
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "nastavnik.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "nastavnik.example.ru",
        "DATABASE_URL": os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"],
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
        "NASTAVNIK_CELERY_QUEUE": f"h5-deploy-test-{os.getpid()}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "NASTAVNIK_VAR_DIR": str(tmp_path / "var"),
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
    }
    with_workers = importlib.util.find_spec("nastavnik.celery") is not None
    if not with_workers:
        env["NASTAVNIK_JOBS_BACKEND"] = "thread"
    # The static files as they are in the source (collectstatic compresses every file: minutes on
    # a loaded machine), all else as in production.
    (tmp_path / "deploy_test_settings.py").write_text(
        "from nastavnik.settings.production import *  # noqa\n"
        "STORAGES = {**STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
        "WHITENOISE_USE_FINDERS = True\n",
        encoding="utf-8",
    )
    env["PYTHONPATH"] = f"{ROOT}:{tmp_path}"
    env["DJANGO_SETTINGS_MODULE"] = "deploy_test_settings"
    port = _free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py"), "nastavnik.wsgi:application"],
        env=env, cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    worker = None
    if with_workers:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "nastavnik", "worker", "--pool", "solo", "-n", f"h5deploy{port}@%h",
             "--without-gossip", "--without-mingle", "-l", "WARNING"],
            env=env, cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    host = {"Host": "nastavnik.example.ru", "X-Forwarded-Proto": "https"}
    try:
        # when /healthz is asked (as nginx asks it) until the node and the worker are up
        deadline = time.monotonic() + 120
        status, body = None, b""
        while time.monotonic() < deadline:
            try:
                status, headers, body = _get(f"http://127.0.0.1:{port}/healthz", **host)
            except OSError:
                status = None
            if status == 200:
                break
            time.sleep(1)

        # then every check is ok: the database, Redis and (with Celery) the worker
        assert status == 200, body
        checks = json.loads(body)["checks"]
        assert checks["database"]["vendor"] == "postgresql"
        assert checks["redis"]["status"] == "ok"
        if with_workers:
            assert checks["workers"]["workers"] >= 1

        # and the sign-in page is served over «HTTPS» from nginx, with the request id nginx sent
        status, headers, page = _get(
            f"http://127.0.0.1:{port}/login/", **host, **{"X-Request-ID": "nginx0123456789abcdef"}
        )
        assert status == 200
        assert "Вход" in page.decode()
        assert headers["X-Request-ID"] == "nginx0123456789abcdef"
        assert "Strict-Transport-Security" in headers
    finally:
        output = _stop(web)
        if worker is not None:
            _stop(worker)

    # and gunicorn logged each request as a JSON line with its request id
    access = [json.loads(line) for line in output.splitlines() if line.startswith("{") and '"path"' in line]
    login = [line for line in access if line.get("path") == "/login/"]
    assert login and login[0]["status"] == 200
    assert login[0]["request_id"] == "nginx0123456789abcdef"
