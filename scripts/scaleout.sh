#!/usr/bin/env bash
# Two web nodes and two Celery workers on this machine, as in production (issue 17, build 5):
# a scratch PostgreSQL database with a small demo region, gunicorn on 127.0.0.1:18081 and :18082,
# workers w1@host and w2@host, one Redis and one media directory (tests/scaleout/cluster.py).
#
#   scripts/scaleout.sh          — the test: a package requested through node 1 is built by a
#                                  worker and downloaded through node 2; a worker killed mid-job
#                                  leaves the job failed and repeatable (about a minute and a half)
#   scripts/scaleout.sh --keep   — start the cluster and leave it running until Ctrl-C
#
# The PostgreSQL server: NASTAVNIK_SCALEOUT_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres;
# the scratch database is made there and dropped at the end); Redis: REDIS_URL (redis://127.0.0.1:6379/0).
set -euo pipefail
cd "$(dirname "$0")/.."
export NASTAVNIK_SCALEOUT_DATABASE_URL="${NASTAVNIK_SCALEOUT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if [ "${1:-}" = "--keep" ]; then
  exec .venv/bin/python -m tests.scaleout.cluster
fi
export DJANGO_SETTINGS_MODULE=nastavnik.settings.test
exec .venv/bin/pytest -q -p no:cacheprovider tests/scaleout "$@"
