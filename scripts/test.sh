#!/usr/bin/env bash
# Run the whole test suite: install test dependencies, lint, check migrations, pytest.
# DATABASE_URL selects the database (SQLite by default; e.g. postgres://postgres@127.0.0.1:5432/nastavnik_test).
source "$(dirname "$0")/bootstrap.sh" test
export DJANGO_SETTINGS_MODULE=nastavnik.settings.test

echo "→ ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "→ проверка миграций"
.venv/bin/python manage.py makemigrations --check --dry-run
echo "→ pytest (база: ${DATABASE_URL:-SQLite})"
exec .venv/bin/pytest "$@"
