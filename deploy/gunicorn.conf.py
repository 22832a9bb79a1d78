"""gunicorn settings of a web node of «Наставник» (README, «Развёртывание»).

``gunicorn -c deploy/gunicorn.conf.py nastavnik.wsgi:application``; every value comes from the
environment (``deploy/env.example``):

- ``GUNICORN_BIND`` — address to listen on (``127.0.0.1:8000``; in Docker ``0.0.0.0:8000``);
- ``GUNICORN_WORKERS`` — processes (default: 2 × cores + 1, at most 8), ``GUNICORN_THREADS`` —
  threads of each (4: pages wait on PostgreSQL much of their time);
- ``GUNICORN_TIMEOUT`` — seconds a request may take before its worker is restarted (120: the
  heavy work — imports, document packages, reports — runs on Celery, not in a request);
- ``GUNICORN_MAX_REQUESTS`` — a worker is replaced after this many requests (1000, ± 10 %), so
  that no slow leak grows for weeks.

Logs: the access log and gunicorn's own as JSON lines on standard error
(``nastavnik.core.logging``), the request id of each response among the fields.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread"
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5  # nginx keeps connections to the upstream open
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# The application is loaded in each worker, not in the master: a worker restarted after
# max_requests starts clean, and database connections are never shared across a fork.
preload_app = False
# nginx in front sets X-Forwarded-For/-Proto; gunicorn trusts them only from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# /dev/shm for the workers' heartbeat files: a container's overlay file system can stall them.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No control socket (~/.gunicorn/gunicorn.ctl): several nodes of one machine would share its path.
control_socket_disable = True
# Headers and request line limits (defaults) stay; the body size is nginx's client_max_body_size.

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "nastavnik.core.logging.JsonFormatter"},
        "access": {"()": "nastavnik.core.logging.AccessJsonFormatter"},
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
        "access_console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "stream": "ext://sys.stdout",
        },
    },
    # gunicorn's own defaults name a «console» handler for the root logger: ours replaces it
    # (Django's LOGGING configures the root again in each worker).
    "root": {"handlers": ["error_console"], "level": loglevel.upper()},
    "loggers": {
        "gunicorn.error": {"handlers": ["error_console"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["access_console"], "level": "INFO", "propagate": False},
    },
}
