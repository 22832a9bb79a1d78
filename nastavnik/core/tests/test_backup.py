"""``manage.py backup`` and ``restore``: the demo region with its documents, backed up and restored
into an empty database and an empty files directory, gives identical row counts of every table
and identical file hashes; refusals and the check against the manifest."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from nastavnik.core import backup as backup_module
from nastavnik.core.backup import BackupError, media_hashes, read_manifest, verify

ROOT = Path(__file__).resolve().parents[3]
#: Teachers of the demo region loaded for the round trip (its founding documents are files).
DEMO_TEACHERS = 150


def _manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``manage.py args`` in a fresh process with ``env`` over a clean environment."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=str(ROOT),
        env={**{k: v for k, v in os.environ.items() if k in keep}, **env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if check:
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def _env(tmp_path: Path, database_url: str, media: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "nastavnik.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "DEBUG": "0",
        "NASTAVNIK_DEMO": "1",
        "NASTAVNIK_JOBS_BACKEND": "sync",
        "NASTAVNIK_PDF_EAGER": "0",
        "NASTAVNIK_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
    }


def _round_trip(tmp_path: Path, source_url: str, target_url: str) -> tuple[dict, subprocess.CompletedProcess]:
    """Migrate and load the demo into ``source_url``, back up, restore into ``target_url``."""
    source_media, target_media = tmp_path / "media", tmp_path / "media-restored"
    source = _env(tmp_path, source_url, source_media)
    _manage(source, "migrate", "--noinput", "-v", "0")
    _manage(source, "load_demo", "--teachers", str(DEMO_TEACHERS), "--seed", "7")
    _manage(source, "backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8"))
    restored = _manage(_env(tmp_path, target_url, target_media), "restore", str(tmp_path / "backup"))
    return manifest, restored


def _assert_identical_files(tmp_path: Path, manifest: dict) -> None:
    source, target = media_hashes(tmp_path / "media"), media_hashes(tmp_path / "media-restored")
    assert len(source) > 100  # the founding documents of the organizations and their scans
    assert source == target == manifest["media"]


@pytest.fixture
def postgres_pair():
    """Two new empty PostgreSQL databases on the server of the tests, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "резервное копирование PostgreSQL проверяется на PostgreSQL (CI запускает тесты и на ней)"
        )
    import psycopg

    params = dj_database_url.parse(os.environ["DATABASE_URL"])
    suffix = uuid.uuid4().hex[:8]
    names = [f"nastavnik_backup_src_{suffix}", f"nastavnik_backup_dst_{suffix}"]
    admin = dict(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with psycopg.connect(**admin) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    try:
        yield [f"{base}/{name}" for name in names], {**admin}
    finally:
        with psycopg.connect(**admin) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_counts(admin: dict, name: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(**{**admin, "dbname": name}) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


def test_postgresql_round_trip_of_the_demo_region_is_identical(tmp_path, postgres_pair):
    (source_url, target_url), admin = postgres_pair

    # given the demo region with its documents, backed up and restored into an empty database
    manifest, restored = _round_trip(tmp_path, source_url, target_url)

    # then the restore reports a match with the manifest…
    assert "совпадает с описью" in restored.stdout
    # …and, counted independently, every table has the same rows and every file the same hash
    source_counts = _postgres_counts(admin, source_url.rsplit("/", 1)[1])
    target_counts = _postgres_counts(admin, target_url.rsplit("/", 1)[1])
    assert source_counts == target_counts == manifest["tables"]
    assert source_counts["people_person"] >= DEMO_TEACHERS
    assert sum(source_counts.values()) > 1000
    _assert_identical_files(tmp_path, manifest)
    assert manifest["vendor"] == "postgresql"
    assert "0001_initial" in manifest["migrations"]["people"]

    # and a second restore into the now full database is refused, nothing changed
    again = _manage(
        _env(tmp_path, target_url, tmp_path / "other-media"), "restore", str(tmp_path / "backup"), check=False
    )
    assert again.returncode != 0
    assert "База данных не пуста" in again.stderr
    assert _postgres_counts(admin, target_url.rsplit("/", 1)[1]) == target_counts


def test_sqlite_round_trip_is_identical(tmp_path):
    import sqlite3

    source_db, target_db = tmp_path / "source.sqlite3", tmp_path / "target.sqlite3"
    manifest, restored = _round_trip(tmp_path, f"sqlite:///{source_db}", f"sqlite:///{target_db}")

    assert "совпадает с описью" in restored.stdout

    def counts(path: Path) -> dict[str, int]:
        with sqlite3.connect(path) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}

    assert counts(source_db) == counts(target_db) == manifest["tables"]
    _assert_identical_files(tmp_path, manifest)


@pytest.fixture
def files_on_disk(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.mark.django_db(transaction=True)  # SQLite's backup waits for the locks of a transaction
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, files_on_disk):
    # given a backup of the test database
    call_command("backup", str(tmp_path / "backup"))

    # when it is restored into the same, non-empty database, then it is refused in Russian
    with pytest.raises(CommandError, match="База данных не пуста"):
        call_command("restore", str(tmp_path / "backup"))


@pytest.mark.django_db
def test_backup_refuses_a_directory_that_is_not_empty_and_files_not_on_disk(
    tmp_path, files_on_disk, settings
):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "other.txt").write_text("x")
    with pytest.raises(CommandError, match="не пуст"):
        call_command("backup", str(tmp_path / "busy"))

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    with pytest.raises(CommandError, match="Файлы хранятся не в каталоге MEDIA_ROOT"):
        call_command("backup", str(tmp_path / "new"))


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_before_anything_is_loaded(tmp_path, files_on_disk):
    files_on_disk.mkdir(parents=True)
    (files_on_disk / "a.txt").write_text("документ")
    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8"))

    # a changed media archive
    with (tmp_path / "backup" / "media.tar").open("ab") as handle:
        handle.write(b"\0" * 512)
    with pytest.raises(BackupError, match=r"media\.tar резервной копии повреждён"):
        read_manifest(tmp_path / "backup")

    # no manifest at all
    with pytest.raises(CommandError, match="это не резервная копия"):
        call_command("restore", str(tmp_path))

    assert manifest["media"] == {"a.txt": backup_module.file_sha256(files_on_disk / "a.txt")}


@pytest.mark.django_db
def test_verify_names_every_difference(files_on_disk):
    # given the files and rows the manifest says, but one file changed, one missing, one count off
    files_on_disk.mkdir(parents=True)
    (files_on_disk / "kept.txt").write_text("как было")
    (files_on_disk / "changed.txt").write_text("изменён")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations")
        migrations = cursor.fetchone()[0]
    manifest = {
        "tables": {"django_migrations": migrations + 1, "no_such_table": 0},
        "media": {
            "kept.txt": backup_module.file_sha256(files_on_disk / "kept.txt"),
            "changed.txt": "0" * 64,
            "lost.txt": "0" * 64,
        },
        "migrations": backup_module.applied_migrations(),
    }

    report = verify(manifest)

    assert not report.ok
    assert sorted(report.differences) == sorted(
        [
            f"таблица django_migrations: строк {migrations}, в копии {migrations + 1}",
            "нет таблицы no_such_table",
            "файл changed.txt: содержимое отличается",
            "нет файла lost.txt",
        ]
    )
    assert report.migrations_note == ""
    assert settings.MEDIA_ROOT == files_on_disk
