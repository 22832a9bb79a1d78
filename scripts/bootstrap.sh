# Shared by scripts/start.sh and scripts/test.sh: create .venv and install the project.
# Usage: source scripts/bootstrap.sh [extra]   (extra: "test" installs the test dependencies)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Нужен Python 3.11 или новее (найден: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "→ Создаю виртуальное окружение .venv"
  "$PYTHON" -m venv .venv
fi
extra="${1:-}"
spec="."
[ -n "$extra" ] && spec=".[${extra}]"
stamp=".venv/.installed-${extra:-base}-$(cat pyproject.toml | .venv/bin/python -c 'import hashlib,sys; print(hashlib.sha1(sys.stdin.buffer.read()).hexdigest()[:12])')"
if [ ! -f "$stamp" ]; then
  echo "→ Устанавливаю зависимости ($spec)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
  touch "$stamp"
fi
