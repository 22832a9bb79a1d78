"""Backup and restore of the database and the files (issue 17, build 6).

A backup is a directory::

    manifest.json    what is in it and how to check it (below)
    database.dump    PostgreSQL: ``pg_dump -Fc`` (custom format, restored by ``pg_restore``)
    database.sqlite3 SQLite: a copy made by SQLite's online backup API
    media.tar        every file under ``MEDIA_ROOT``, paths relative to it

``manifest.json``: ``format`` (1), ``created_at`` (ISO 8601, UTC), ``vendor`` (``postgresql`` or
``sqlite``), ``database_file`` and its ``database_sha256``, ``tables`` (the number of rows of every
table of the database, by name), ``migrations`` (the applied migrations by app), ``media`` (the
SHA-256 of every file by its path relative to ``MEDIA_ROOT``), ``media_sha256`` (of the tar).

The row counts are those of the dump itself: on PostgreSQL they are counted in a repeatable-read
transaction whose snapshot ``pg_dump --snapshot`` dumps, so writes during the backup change
neither; on SQLite they are counted in the copy.

:func:`backup` writes one; :func:`restore` loads one into an empty database and an empty
``MEDIA_ROOT`` and checks the row counts and the hashes against the manifest. Only Django, the
database and the file system are used (``core`` is a lower app). Errors are :class:`BackupError`
with a Russian message.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar"
PG_DUMP_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore cannot be done or did not check out; the message is Russian."""


@dataclass
class RestoreReport:
    """What a restore loaded and how it checked out against the manifest.

    ``tables`` and ``rows``: tables and rows compared; ``files`` and ``media_bytes``: files
    compared and their size; ``differences``: Russian lines, one per mismatch (empty: identical);
    ``migrations_note``: Russian, when the code's migrations differ from those of the backup.
    """

    tables: int = 0
    rows: int = 0
    files: int = 0
    media_bytes: int = 0
    differences: list[str] = field(default_factory=list)
    migrations_note: str = ""

    @property
    def ok(self) -> bool:
        return not self.differences


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of the file at ``path``, read in 1 MB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_root() -> Path:
    """``MEDIA_ROOT`` as a path.

    Raises:
        BackupError: the files are not kept on the file system (another storage is configured).
    """
    backend = settings.STORAGES.get("default", {}).get("BACKEND", "")
    if backend != "django.core.files.storage.FileSystemStorage":
        raise BackupError(
            "Файлы хранятся не в каталоге MEDIA_ROOT (хранилище "
            f"{backend.rsplit('.', 1)[-1]}): копируйте их средствами этого хранилища."
        )
    return Path(settings.MEDIA_ROOT)


def media_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every regular file under ``root`` by its POSIX path relative to ``root``."""
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): file_sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def table_row_counts(cursor, tables: list[str]) -> dict[str, int]:
    """``{table: rows}`` for ``tables``, counted through ``cursor``."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations() -> dict[str, list[str]]:
    """The applied migrations of this database by app, names sorted."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _pg_env_and_args(settings_dict: dict) -> tuple[dict[str, str], list[str]]:
    """The environment (password, options) and the connection arguments of a PostgreSQL client."""
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS", {})
    if sslmode := options.get("sslmode"):
        env["PGSSLMODE"] = str(sslmode)
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    args += ["--dbname", str(settings_dict["NAME"])]
    return env, args


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"Не найдена программа {name} (клиент PostgreSQL): установите пакет postgresql-client той же "
            "версии, что и сервер, и повторите."
        )
    return path


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise BackupError(f"{what} завершилась с ошибкой (код {result.returncode}): " + " ".join(detail))


def _prepare_target(directory: Path) -> None:
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(
            f"Каталог {directory} не пуст: укажите новый или пустой каталог для резервной копии."
        )
    directory.mkdir(parents=True, exist_ok=True)


def _dump_postgresql(directory: Path) -> dict[str, int]:
    """``pg_dump -Fc`` of the database in the snapshot its row counts are read in.

    The snapshot's transaction is opened on a connection of its own, so that a transaction of
    the caller (a test's) does not matter.
    """
    pg_dump = _pg_tool("pg_dump")
    env, args = _pg_env_and_args(connection.settings_dict)
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with own.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = table_row_counts(cursor, own.introspection.table_names(cursor))
            _run(
                [
                    pg_dump,
                    *args,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={directory / PG_DUMP_FILE}",
                ],
                env,
                "Выгрузка базы данных (pg_dump)",
            )
            cursor.execute("COMMIT")
    finally:
        own.close()
    return counts


def _dump_sqlite(directory: Path) -> dict[str, int]:
    """A copy of the SQLite database by the online backup API, its rows counted in the copy.

    Not inside a transaction: SQLite's backup would wait for its locks for ever.
    """
    if connection.in_atomic_block:
        raise BackupError("Резервную копию SQLite нельзя делать внутри транзакции.")
    connection.ensure_connection()
    target = sqlite3.connect(directory / SQLITE_FILE)
    try:
        connection.connection.backup(target)
        cursor = target.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        tables = [row[0] for row in cursor.fetchall()]
        return table_row_counts(cursor, tables)
    finally:
        target.close()


def backup(directory: Path, *, log: Callable[[str], None] = lambda line: None) -> dict:
    """Write a backup of the default database and of ``MEDIA_ROOT`` into ``directory``.

    ``directory`` is created, or must be empty. ``log`` receives Russian progress lines.
    Returns the manifest (as written to ``manifest.json``).

    Raises:
        BackupError: ``directory`` not empty, an unsupported database, ``pg_dump`` missing or
            failing, files not on the file system.
    """
    directory = Path(directory)
    root = media_root()
    _prepare_target(directory)
    vendor = connection.vendor
    log("Выгрузка базы данных…")
    if vendor == "postgresql":
        counts, database_file = _dump_postgresql(directory), PG_DUMP_FILE
    elif vendor == "sqlite":
        counts, database_file = _dump_sqlite(directory), SQLITE_FILE
    else:
        raise BackupError(
            f"Резервное копирование базы {vendor} не поддерживается: нужна PostgreSQL или SQLite."
        )
    log(f"Таблиц: {len(counts)}, строк: {sum(counts.values())}. Копирование файлов…")
    hashes = {}
    with tarfile.open(directory / MEDIA_TAR, "w", format=tarfile.PAX_FORMAT) as tar:
        if root.exists():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    relative = path.relative_to(root).as_posix()
                    hashes[relative] = file_sha256(path)
                    tar.add(path, arcname=relative, recursive=False)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "vendor": vendor,
        "database_file": database_file,
        "database_sha256": file_sha256(directory / database_file),
        "tables": counts,
        "migrations": applied_migrations(),
        "media": hashes,
        "media_sha256": file_sha256(directory / MEDIA_TAR),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    log(f"Файлов: {len(hashes)}. Резервная копия записана в {directory}.")
    return manifest


def read_manifest(directory: Path) -> dict:
    """The manifest of the backup in ``directory``, its files checked against their SHA-256.

    Raises:
        BackupError: no manifest, an unknown format, a missing or changed file.
    """
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(
            f"В каталоге {directory} нет {MANIFEST}: это не резервная копия «Наставника»."
        ) from exc
    except (OSError, ValueError) as exc:
        raise BackupError(f"Файл {MANIFEST} не читается: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Неизвестный формат резервной копии: {manifest.get('format')!r}.")
    for name, key in ((manifest["database_file"], "database_sha256"), (MEDIA_TAR, "media_sha256")):
        file = Path(directory) / name
        if not file.is_file():
            raise BackupError(f"В резервной копии нет файла {name}.")
        if file_sha256(file) != manifest[key]:
            raise BackupError(f"Файл {name} резервной копии повреждён или изменён: его SHA-256 не совпадает.")
    return manifest


def _database_tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _restore_postgresql(directory: Path, force: bool) -> None:
    pg_restore = _pg_tool("pg_restore")
    env, args = _pg_env_and_args(connection.settings_dict)
    connection.close()
    options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if force:
        options += ["--clean", "--if-exists"]
    _run(
        [pg_restore, *args, *options, str(directory / PG_DUMP_FILE)], env, "Загрузка базы данных (pg_restore)"
    )


def _restore_sqlite(directory: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(directory / SQLITE_FILE)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def _restore_media(directory: Path, root: Path, force: bool) -> None:
    if root.exists() and any(root.iterdir()) and not force:
        raise BackupError(
            f"Каталог файлов {root} не пуст: восстановление идёт в пустой каталог (или с --force поверх)."
        )
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / MEDIA_TAR, "r") as tar:
        tar.extractall(root, filter="data")  # no absolute paths, no «..», no links out


def verify(manifest: dict) -> RestoreReport:
    """Compare this database and ``MEDIA_ROOT`` with ``manifest``: rows of every table it lists,
    the SHA-256 of every file it lists, and the applied migrations against the code's."""
    report = RestoreReport()
    tables = set(_database_tables())
    with connection.cursor() as cursor:
        present = [name for name in manifest["tables"] if name in tables]
        counts = table_row_counts(cursor, present)
    for name, expected in sorted(manifest["tables"].items()):
        if name not in tables:
            report.differences.append(f"нет таблицы {name}")
        elif counts[name] != expected:
            report.differences.append(f"таблица {name}: строк {counts[name]}, в копии {expected}")
    report.tables = len(present)
    report.rows = sum(counts.values())
    root = media_root()
    for relative, expected in sorted(manifest["media"].items()):
        path = root / relative
        if not path.is_file():
            report.differences.append(f"нет файла {relative}")
            continue
        if file_sha256(path) != expected:
            report.differences.append(f"файл {relative}: содержимое отличается")
        report.files += 1
        report.media_bytes += path.stat().st_size
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    in_backup = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    if newer := in_backup - known:
        report.migrations_note = (
            f"Копия сделана более новой версией системы: {len(newer)} миграций не известны этому коду."
        )
    elif known - in_backup:
        report.migrations_note = (
            f"У кода есть {len(known - in_backup)} миграций, которых не было в копии: выполните "
            "«python manage.py migrate»."
        )
    return report


def restore(
    directory: Path, *, force: bool = False, log: Callable[[str], None] = lambda line: None
) -> RestoreReport:
    """Load the backup in ``directory`` into the default database and ``MEDIA_ROOT``, then
    :func:`verify` it against its manifest.

    The database must have no tables and ``MEDIA_ROOT`` no files, unless ``force``: then the
    backup's tables replace those of the same name (PostgreSQL: ``pg_restore --clean``; SQLite:
    the whole file) and its files are written over the directory. The database is loaded in one
    transaction: a failed load leaves it as it was.

    Raises:
        BackupError: the backup is damaged, of another database, the target is not empty,
            ``pg_restore`` is missing or fails.
    """
    directory = Path(directory)
    manifest = read_manifest(directory)
    vendor = connection.vendor
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"Копия сделана из базы {manifest['vendor']}, а восстанавливается в {vendor}: так нельзя."
        )
    root = media_root()
    existing = _database_tables()
    if existing and not force:
        raise BackupError(
            f"База данных не пуста (таблиц: {len(existing)}): восстановление идёт в пустую базу. "
            "Создайте новую базу или запустите с --force, чтобы заменить таблицы копии."
        )
    if root.exists() and any(root.iterdir()) and not force:
        raise BackupError(
            f"Каталог файлов {root} не пуст: восстановление идёт в пустой каталог (или с --force поверх)."
        )
    log("Загрузка базы данных…")
    if vendor == "postgresql":
        _restore_postgresql(directory, force)
    else:
        _restore_sqlite(directory)
    log("Восстановление файлов…")
    _restore_media(directory, root, force)
    log("Проверка по описи…")
    return verify(manifest)
