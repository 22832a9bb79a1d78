"""The accounts settings come from the environment (README «Настройки»); the demo with its
published administrator password is refused on a production system."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[3]


def _settings(env: dict, names: str) -> str:
    code = f"import nastavnik.settings.base as s; print([getattr(s, n) for n in {names.split()!r}])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd="/",
        env={**os.environ, "SECRET_KEY": "x" * 50, "DEBUG": "0", "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_limits_and_idle_time_from_the_environment(tmp_path):
    names = "AXES_FAILURE_LIMIT AXES_COOLOFF_TIME SESSION_COOKIE_AGE"
    assert _settings({"NASTAVNIK_VAR_DIR": str(tmp_path)}, names) == "[5, 0.5, 7200]"
    custom = {
        "NASTAVNIK_VAR_DIR": str(tmp_path),
        "NASTAVNIK_LOGIN_FAILURE_LIMIT": "3",
        "NASTAVNIK_LOGIN_COOLOFF_MINUTES": "90",
        "NASTAVNIK_SESSION_IDLE_MINUTES": "15",
    }
    assert _settings(custom, names) == "[3, 1.5, 900]"


@pytest.mark.django_db
def test_the_demo_is_refused_without_debug(settings):
    settings.DEBUG = False
    settings.NASTAVNIK_DEMO = False
    with pytest.raises(CommandError, match="admin / demo12345"):
        call_command("load_demo", "--teachers", "0")
    assert not get_user_model().objects.exists()
