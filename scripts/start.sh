#!/usr/bin/env bash
# Start «Наставник» with the demo region: venv, install, migrate, load demo (first time only), serve.
source "$(dirname "$0")/bootstrap.sh"

if [ ! -f .env ]; then
  echo "→ Создаю .env с новым секретным ключом"
  {
    echo "SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    echo "DEBUG=0"
    echo "ALLOWED_HOSTS=127.0.0.1,localhost"
  } > .env
fi
export DJANGO_SETTINGS_MODULE=nastavnik.settings.base
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py load_demo
echo
echo "«Наставник» работает: http://${HOST}:${PORT}/  (остановить: Ctrl+C)"
exec .venv/bin/waitress-serve --listen="${HOST}:${PORT}" --threads=8 nastavnik.wsgi:application
