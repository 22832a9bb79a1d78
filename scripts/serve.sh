#!/usr/bin/env bash
# Start «Наставник» for production: venv, install, migrate, collect static files, serve.
# Never loads the demo region nor creates any account: the administrator is created by hand
# (`.venv/bin/python manage.py createsuperuser`). Settings come from the environment or .env
# (README, «Настройки»): SECRET_KEY is required, DEBUG stays off.
# With DJANGO_SETTINGS_MODULE=nastavnik.settings.production (PostgreSQL, Redis, Celery workers
# started apart: README, «Развёртывание») the server is gunicorn with deploy/gunicorn.conf.py;
# otherwise the embedded default: waitress on SQLite, jobs in the web process.
source "$(dirname "$0")/bootstrap.sh"

if [ ! -f .env ] && [ -z "${SECRET_KEY:-}" ] && [ -z "${SECRET_KEY_FILE:-}" ]; then
  echo "Не задан SECRET_KEY: создайте .env или задайте переменные окружения (README, «Настройки»)." >&2
  exit 1
fi
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-nastavnik.settings.base}"
export NASTAVNIK_DEMO=0
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
THREADS="${THREADS:-8}"

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py check --deploy --fail-level ERROR
echo "«Наставник» работает: http://${HOST}:${PORT}/  (остановить: Ctrl+C)"
if [ "$DJANGO_SETTINGS_MODULE" = "nastavnik.settings.production" ]; then
  export GUNICORN_BIND="${GUNICORN_BIND:-${HOST}:${PORT}}"
  exec .venv/bin/gunicorn -c deploy/gunicorn.conf.py nastavnik.wsgi:application
fi
exec .venv/bin/waitress-serve --listen="${HOST}:${PORT}" --threads="${THREADS}" nastavnik.wsgi:application
