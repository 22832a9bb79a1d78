#!/usr/bin/env bash
# Start «Наставник» with the demo region: venv, install, migrate, load demo (first time only), serve.
# For demonstration only: the demo accounts, the superuser admin among them, share the published
# password demo12345. A production system starts with scripts/serve.sh, which never loads the demo.
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
# The demo is refused with DEBUG=0 (the .env above) unless asked for explicitly.
NASTAVNIK_DEMO=1 .venv/bin/python manage.py load_demo
echo
echo "ВНИМАНИЕ: это демонстрационный стенд. Учётные записи выше, включая администратора системы admin,"
echo "имеют общеизвестный пароль demo12345 и служат только для демонстрации. Для рабочей системы"
echo "используйте scripts/serve.sh: он не загружает демонстрационные данные и не создаёт администратора."
echo
echo "«Наставник» работает: http://${HOST}:${PORT}/  (остановить: Ctrl+C)"
exec .venv/bin/waitress-serve --listen="${HOST}:${PORT}" --threads=8 nastavnik.wsgi:application
