"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nastavnik.settings.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[3]


def _import_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "SECRET_KEY_FILE"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import nastavnik.settings.base"],
        cwd="/",  # no .env is read from the project root: BASE_DIR/.env may not exist in CI
        env={**clean, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = _import_settings({"DEBUG": "0", "NASTAVNIK_VAR_DIR": str(tmp_path), "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_with_secret_key_starts(tmp_path):
    result = _import_settings({"DEBUG": "0", "NASTAVNIK_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr


def test_secret_read_from_file(tmp_path, monkeypatch):
    secret = tmp_path / "key"
    secret.write_text("from-file\n", encoding="utf-8")
    monkeypatch.setenv("TEST_SECRET_FILE", str(secret))
    assert env_str("TEST_SECRET") == "from-file"


def test_typed_helpers_fail_loudly(monkeypatch):
    monkeypatch.setenv("TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="TEST_FLAG"):
        env_bool("TEST_FLAG")
    monkeypatch.setenv("TEST_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="TEST_NUMBER"):
        env_int("TEST_NUMBER", 1)
    monkeypatch.setenv("TEST_HOSTS", "a.example, b.example,,")
    assert env_list("TEST_HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("TEST_FLAG", "да")
    assert env_bool("TEST_FLAG") is True


@pytest.mark.django_db
def test_the_checks_with_the_database_report_nothing(capsys):
    """``migrate`` runs the system checks with the database (the first README command): a
    warning there — a model feature the database lacks — is printed to every user who starts the
    system. Any warning fails here."""
    from django.core.management import call_command

    call_command("check", databases=["default"], fail_level="WARNING")
    assert "WARNINGS" not in capsys.readouterr().err
