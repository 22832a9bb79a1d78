"""Load benchmark: 50 users of every role against gunicorn on PostgreSQL (issue 17, «Speed and load»).

    .venv/bin/python benchmarks/load.py                 # 2 then 4 web workers, 2 minutes each
    .venv/bin/python benchmarks/load.py --short         # a 20 s check run of each
    .venv/bin/python benchmarks/load.py --workers 2     # one round only
    .venv/bin/python benchmarks/load.py --keep          # keep the demo database bench_load_demo
    .venv/bin/python benchmarks/load.py --keep --drop   # reuse it, drop it at the end
    .venv/bin/python benchmarks/load.py --csv-dir var/load   # keep locust's CSV files there
    .venv/bin/python benchmarks/load.py --static-dir var/bench_load_static   # collect once, reuse

1. A scratch PostgreSQL database on the server of ``DATABASE_URL`` (default
   ``postgres://postgres@127.0.0.1:5432/postgres``; ``benchmarks/harness.py``), migrated, with the
   demo region (``demo_region_load``: 8,000 teachers, ``--teachers``); the accounts of the seven
   roles (``curator``, ``head``, ``coordinator``, ``operator``, ``mentor``, ``mentee``,
   ``federal``; README «Демонстрационные учётные записи») are made usable: password
   ``demo12345``, active, no forced password change, no login lock. Static files are collected
   (WhiteNoise's compressed manifest storage, minutes of compressing) into a temporary directory,
   or into ``--static-dir`` (with ``--keep``: ``var/bench_load_static``), where a later run finds
   them and collects again only when a static file was added or changed since.
2. The plan of the load (``benchmarks/locustfile.py``): every role opens, through the Django test
   client, every page without arguments (``nastavnik.testing.matrix.url_patterns``, as
   ``benchmarks/pages.py``) and the monitoring dashboard of its own unit; the HTML pages that
   answer 200 are its pages (a page it may not open is never requested under load, so that any
   403 is an error). A page with links to detail pages (the pattern with arguments it links most
   often, not a link of the menu) is a list, with the pattern of its detail pages. Each role gets
   an API token (django-rest-knox); the API root ``/api/v1/`` names the list endpoints, and those
   answering 200 to the role are its endpoints (without a working token the session is used).
3. For each ``--workers`` count (2, then 4): gunicorn serves ``nastavnik.wsgi`` on loopback with
   that many sync workers and one thread each, under ``nastavnik.settings.base`` with
   ``DEBUG=0``, ``ALLOWED_HOSTS=127.0.0.1``, ``NASTAVNIK_JOBS_BACKEND=thread``, database
   connections kept 60 s as in production (``--conn-max-age``: ``DATABASE_CONN_MAX_AGE``) and the static
   files served by WhiteNoise (a settings module in the temporary directory imports ``base`` and
   only points ``STATIC_ROOT`` at the collected files); ``deploy/gunicorn.conf.py`` is read when
   it exists (``--no-config``: not), the command line overriding its workers, threads, class
   and address (when gunicorn does not start with it, the reason is printed and the round runs
   without it). Then locust, headless: ``--users`` users (50) started ``--spawn-rate`` a second
   (10), each signing in through the login form and browsing with 1–3 s of thinking; the
   steady phase begins ``--settle`` seconds (10) after the last user has signed in, and the round
   stops ``--run-time`` (2m; 20s with ``--short``) after that, at the latest two minutes later
   (a sign-in that never ends). gunicorn is stopped at the
   end of each round, also after an error, Ctrl+C or a TERM.
4. Report of each round, in two phases. The sign-in phase lasts from the first request until
   every user has finished signing in: 50 users arriving within 5 s all post the login form,
   and checking a password costs some 0.4 s of processor by design (PBKDF2, Django's default),
   so its figures are those of a login storm; they are printed apart (its duration, its
   requests by group), with the ``--settle`` seconds after it, while the requests queued behind
   the sign-ins are served. The steady phase is the browsing after: requests per second, p50/p95/p99
   in ms overall and by page group (the application of the page; API; static files), the ten
   slowest pages by p95, and — from gunicorn's JSON access log when ``deploy/gunicorn.conf.py``
   is used — the same percentiles of the time in the worker alone, without the wait in the
   listen queue. Errors (a status outside 2xx/3xx, a network error, a page ending on the
   login form) are counted over the whole round, with their counts. The machine's load average
   at the start and at the end of the load is printed with the figures (the machine may be
   shared, and the load generator itself runs on it), and so is the processor time, which does
   not depend on what else runs: of gunicorn (master and workers) and of the PostgreSQL
   backends of the scratch database, sampled every second, over the round and per request of
   the steady phase, with the requests per second the machine's cores could serve at that cost
   alone; and of locust. Then a table of the rounds.

Target (issue 17): at 2 workers no errors and p95 of the steady phase under 300 ms. Exit status 1
when a round has errors, or at 2 workers the p95 of the steady phase is 300 ms or more (or no
steady phase was reached), so that the benchmark can serve as a check.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from harness import ROOT, bench_django, database_exists, drop_database, page_urls

P95_BUDGET_MS = 300
#: The longest the sign-in of all users may take before the steady phase: locust's own limit of a
#: round is the steady phase plus this.
SIGNIN_ALLOWANCE_S = 120
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).resolve().with_name("locustfile.py")
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"

#: The roles of the load: key → (the role in Russian, the demo login).
ROLES = {
    "curator": ("куратор", "curator"),
    "head": ("руководитель организации", "head"),
    "coordinator": ("муниципальный координатор", "coordinator"),
    "operator": ("региональный оператор", "operator"),
    "mentor": ("наставник", "mentor"),
    "mentee": ("наставляемый", "mentee"),
    "federal": ("федеральный оператор", "federal"),
}

#: Pages without arguments that are not browsed: they end the session, answer a health check or
#: are the API (called on its own, its schema and docs are no user's page).

#: The page groups of the report: the application of a page's URL name.
GROUPS = {
    "core": "главная и общие страницы",
    "accounts": "учётная запись",
    "organizations": "организации",
    "people": "работники",
    "access": "роли",
    "bank": "банк наставников",
    "mentoring": "программы и пары",
    "matching": "подбор пар",
    "jobs": "задания",
    "documents": "документы",
    "roadmaps": "дорожные карты",
    "audit": "журнал действий",
    "monitoring": "мониторинг",
}

HREF = re.compile(r'href="(/[^"?#]*)"')


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 мин; ядер: {os.cpu_count()})"


def _group(name: str) -> str:
    """The report group of a request name: «вход», «API», «статические файлы» or the application."""
    if name.startswith("вход"):
        return "вход"
    if name.startswith("api"):
        return "API"
    if name == "статические файлы":
        return name
    app = name.split(":", 1)[0] if ":" in name else "core"
    return GROUPS.get(app, app)


# --- preparing the data ---------------------------------------------------------------------------


def _demo(teachers: int, reuse: bool) -> None:
    """Load the demo region (unless the kept database has it) and print what was loaded."""
    from nastavnik.demo.services import demo_region_load

    t0 = time.perf_counter()
    summary = demo_region_load(seed=2026, teachers=teachers)
    if reuse and not summary.created:
        print("Демонстрационный регион взят из сохранённой базы данных.")
        return
    print(
        f"Демонстрационный регион загружен за {time.perf_counter() - t0:.0f} с: организаций "
        f"{summary.organizations}, работников {summary.persons}, пар {summary.pairs}"
    )


def _usable_accounts() -> None:
    """The demo accounts of :data:`ROLES`: password ``demo12345``, active, no forced password
    change, no login lock of django-axes. Raises ``SystemExit`` when one is missing."""
    from axes.models import AccessAttempt
    from django.contrib.auth import get_user_model

    from nastavnik.accounts.models import AccountStatus
    from nastavnik.demo.accounts import DEMO_PASSWORD

    logins = [login for _label, login in ROLES.values()]
    users = {u.username: u for u in get_user_model().objects.filter(username__in=logins)}
    missing = sorted(set(logins) - set(users))
    if missing:
        raise SystemExit(f"Нет демонстрационных учётных записей: {', '.join(missing)}")
    for user in users.values():
        if not user.is_active or not user.check_password(DEMO_PASSWORD):
            user.is_active = True
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["is_active", "password"])
    AccountStatus.objects.filter(user__in=users.values()).update(must_change_password=False)
    AccessAttempt.objects.filter(username__in=logins).delete()


def _static_current(static_root: Path) -> bool:
    """Whether ``static_root`` holds a manifest naming every static file of the project, none of
    them changed since it was written."""
    from django.contrib.staticfiles.finders import get_finders

    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    written = manifest.stat().st_mtime
    try:
        known = set(json.loads(manifest.read_text(encoding="utf-8"))["paths"])
    except (ValueError, KeyError):
        return False
    for finder in get_finders():
        for path, storage in finder.list([]):
            if path not in known or os.path.getmtime(storage.path(path)) > written:
                return False
    return True


def _collect_static(tmp: Path, static_root: Path) -> None:
    """Collect the static files into ``static_root`` (WhiteNoise's compressed manifest storage,
    as in production), unless its manifest is there already (a directory kept from an earlier
    run: collecting compresses every file and takes minutes), and write the settings module that
    gunicorn runs with into ``tmp``."""
    import io

    from django.conf import settings
    from django.core.management import call_command

    settings.STATIC_ROOT = static_root  # before the first use of the storage
    if _static_current(static_root):
        print(f"Статические файлы взяты собранными из {static_root}")
    else:
        t0 = time.perf_counter()
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
        print(f"Статические файлы собраны за {time.perf_counter() - t0:.0f} с")
    (tmp / "nastavnik_load_settings.py").write_text(
        '"""Settings of the load benchmark: base, with the static files collected for it."""\n\n'
        "from nastavnik.settings.base import *  # noqa: F403\n\n"
        f"STATIC_ROOT = {str(static_root)!r}\n",
        encoding="utf-8",
    )


# --- the plan -------------------------------------------------------------------------------------


def _html(response) -> str | None:
    """The text of a 200 HTML answer, else ``None`` (a refusal, a redirect, a file)."""
    if response.status_code != 200 or response.streaming:
        return None
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    return response.content.decode("utf-8", "replace")


def _link_pattern(href: str, kwargs: dict) -> str:
    """A regular expression of the paths like ``href``: its segments that are an argument's value
    match any segment (``/people/17/`` → ``^/people/[^/]+/$``)."""
    values = {str(value) for value in kwargs.values()}
    parts = [("[^/]+" if part in values else re.escape(part)) for part in href.split("/")]
    return "^" + "/".join(parts) + "$"


def _detail(client, html: str, menu: set[str], own: str) -> dict | None:
    """The detail pages of a list: among the links of ``html`` that are not in the menu
    (``menu``: the links of the home page) and go to a pattern with arguments other than the
    list's own (``own``), the pattern linked most often whose first link answers 200 with HTML.
    Returns ``{"name", "pattern"}`` or ``None``."""
    from django.urls import Resolver404, resolve

    by_name: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for href in dict.fromkeys(HREF.findall(html)):
        if href in menu or href.startswith(("/static/", "/media/", "/api/")):
            continue
        try:
            match = resolve(href)
        except Resolver404:
            continue
        if not match.kwargs or not match.view_name or match.view_name == own:
            continue
        by_name[match.view_name].append((href, match.kwargs))
    for name, links in sorted(by_name.items(), key=lambda item: -len(item[1])):
        href, kwargs = links[0]
        if _html(client.get(href)) is not None:
            return {"name": name, "pattern": _link_pattern(href, kwargs)}
    return None


def _api(client, token: str) -> tuple[str, list[dict]]:
    """The API of a role: ``(token or "" when the token is refused, [{"name", "url"}])`` — the
    list endpoints named by the root that answer 200 with JSON."""
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
    root = client.get("/api/v1/", **headers)
    if root.status_code in (401, 403):
        token, headers = "", {}
        root = client.get("/api/v1/")
    if root.status_code != 200:
        return token, []
    endpoints = []
    for key, address in sorted(root.json().items()):
        path = urlsplit(str(address)).path
        response = client.get(path, **headers)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("application/json"):
            endpoints.append({"name": f"api: {key}", "url": path})
    return token, endpoints


def _plan(password: str) -> dict:
    """The plan of ``locustfile.py`` (its docstring): each role's pages, lists with their detail
    pattern, API endpoints and token, found by opening them once through the test client."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from knox.models import AuthToken

    from nastavnik.access.models import RoleAssignment

    t0 = time.perf_counter()
    plan = {"login_url": reverse("login"), "api_root": "/api/v1/", "roles": {}}
    for key, (label, login) in ROLES.items():
        user = get_user_model().objects.get(username=login)
        unit_id = RoleAssignment.objects.filter(user=user).values_list("org_unit_id", flat=True).first()
        client = Client()
        client.force_login(user)
        home = _html(client.get(reverse("core:home"))) or ""
        menu = set(HREF.findall(home))
        pages, lists = [], []
        for name, url in page_urls(unit_id, skipped_routes=("api/",)):
            html = _html(client.get(url))
            if html is None:
                continue
            pages.append({"name": name, "url": url})
            detail = _detail(client, html, menu, name)
            if detail:
                lists.append({"name": name, "url": url, "detail": detail})
        AuthToken.objects.filter(user=user).delete()  # the tokens of an earlier run (a kept database)
        _instance, token = AuthToken.objects.create(user)
        token, endpoints = _api(client, token)
        plan["roles"][key] = {
            "label": label,
            "login": login,
            "password": password,
            "token": token,
            "pages": pages,
            "lists": lists,
            "api": endpoints,
        }
        print(
            f"  {label} ({login}): страниц {len(pages)}, из них списков с карточками {len(lists)}, "
            f"списков API {len(endpoints)}{'' if token else ' (API — по сеансу: токен не принят)'}"
        )
    print(f"План нагрузки составлен за {time.perf_counter() - t0:.0f} с")
    return plan


# --- gunicorn and locust --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(tmp: Path, conn_max_age: int) -> dict:
    """The environment of gunicorn: the runner's (the scratch ``DATABASE_URL``, ``DEBUG=0``,
    ``SECRET_KEY``, ``NASTAVNIK_VAR_DIR``) with the settings of the load; ``conn_max_age``: the
    seconds a worker keeps its database connection (``DATABASE_CONN_MAX_AGE``)."""
    env = dict(os.environ)
    env.pop("NASTAVNIK_PDF_EAGER", None)  # only the runner's loading of the demo goes without it
    env.update(
        DJANGO_SETTINGS_MODULE="nastavnik_load_settings",
        PYTHONPATH=os.pathsep.join([str(tmp), str(ROOT)]),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        NASTAVNIK_JOBS_BACKEND="thread",
        DATABASE_CONN_MAX_AGE=str(conn_max_age),
    )
    return env


def _stop(process: subprocess.Popen) -> None:
    """Stop ``process`` and its process group (gunicorn's master and workers): TERM, then KILL."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass


class ServerFailed(Exception):
    """gunicorn exited before answering; the message is the end of its log."""


def _start(
    workers: int, tmp: Path, config: Path | None, log: Path, conn_max_age: int
) -> tuple[subprocess.Popen, str]:
    """Start gunicorn with ``workers`` sync workers of one thread on a free loopback port, in a
    process group of its own, and wait until it answers the login page; returns the process and
    the address. Raises :class:`ServerFailed` when it exits first (the process is gone), and
    ``SystemExit`` when it does not answer in 60 s (the process is stopped)."""
    port = _free_port()
    command = [str(BIN / "gunicorn")]
    if config is not None:
        command += ["--config", str(config)]
    command += [
        "nastavnik.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        "1",
        "--worker-class",
        "sync",
        "--timeout",
        "120",
    ]
    with open(log, "ab") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=_server_env(tmp, conn_max_age),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    host = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                raise ServerFailed(_tail(log))
            try:
                with urllib.request.urlopen(f"{host}/login/", timeout=5) as response:
                    if response.status == 200:
                        return process, host
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn не ответил за 60 с:\n{_tail(log)}")
            time.sleep(0.5)
    except BaseException:
        _stop(process)
        raise


@contextmanager
def _gunicorn(workers: int, tmp: Path, config: Path | None, conn_max_age: int):
    """Run gunicorn (:func:`_start`) and warm its workers up; yields the address and the
    master's process id. When it does
    not start with ``config``, says why and starts it without. Stopped on leaving, whatever
    happens. Raises ``SystemExit`` when it does not start at all."""
    log = tmp / f"gunicorn-{workers}.log"
    try:
        process, host = _start(workers, tmp, config, log, conn_max_age)
    except ServerFailed as failed:
        if config is None:
            raise SystemExit(f"gunicorn не запустился:\n{failed}") from None
        print(f"gunicorn не запускается с {config.relative_to(ROOT)} — раунд без него. Журнал:\n{failed}")
        try:
            process, host = _start(workers, tmp, None, log, conn_max_age)
        except ServerFailed as again:
            raise SystemExit(f"gunicorn не запустился:\n{again}") from None
    try:
        _warm_up(host, workers)
        yield host, process.pid
    finally:
        _stop(process)


def _warm_up(host: str, workers: int) -> None:
    """Open the login page from ``4 × workers`` clients at once, three times, so that every worker
    has loaded the URL configuration and the templates (the first request of a worker takes
    seconds) before the load is timed."""
    from concurrent.futures import ThreadPoolExecutor

    def get(_index: int) -> None:
        try:
            with urllib.request.urlopen(f"{host}/login/", timeout=60) as response:
                response.read()
        except OSError:
            pass

    with ThreadPoolExecutor(max_workers=4 * workers) as pool:
        for _ in range(3):
            list(pool.map(get, range(4 * workers)))


def _children_cpu() -> float:
    """Processor seconds (user and system) of this process's finished children (waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _proc_cpu(pids: set[int] | None = None, parent: int | None = None) -> dict[int, float]:
    """Processor seconds (user and system) used so far by the processes ``pids`` and the children
    of ``parent``, read from ``/proc`` (a process gone or unreadable is left out); the figure of
    ``parent`` itself also counts its children that it has reaped (gunicorn's replaced workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    wanted = set(pids or ()) | ({parent} if parent is not None else set())
    found: dict[int, float] = {}
    entries = Path("/proc").iterdir() if parent is not None else (Path(f"/proc/{pid}") for pid in wanted)
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            # After the command: state, ppid, …; utime, stime, cutime, cstime are fields 14–17 of stat.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        if pid in wanted or (parent is not None and int(fields[1]) == parent):
            own = int(fields[11]) + int(fields[12])
            reaped = int(fields[13]) + int(fields[14]) if pid == parent else 0
            found[pid] = (own + reaped) / tick
    return found


class CpuSampler:
    """Every second while the load runs: the processor seconds of gunicorn (its master with the
    workers it reaped, and its live workers) and of each PostgreSQL backend of the scratch
    database (``pg_stat_activity``; the sampler's own left out). Use as a context manager; then
    :meth:`between` gives the seconds each used between two moments."""

    def __init__(self, master: int) -> None:
        import threading

        self.master = master
        self.samples: list[tuple[float, float, dict[int, float]]] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)

    def __enter__(self) -> CpuSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._done.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        import psycopg

        url = os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
        with psycopg.connect(url, autocommit=True) as conn:
            while True:
                pids = {
                    row[0]
                    for row in conn.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()"
                    )
                }
                server = sum(_proc_cpu(parent=self.master).values())
                self.samples.append((time.time(), server, _proc_cpu(pids)))
                if self._done.wait(1.0):
                    break

    def between(self, start: float | None, end: float | None) -> tuple[float, float]:
        """``(gunicorn, PostgreSQL)`` processor seconds from the sample nearest before ``start``
        (the first when ``None``) to the one nearest before ``end`` (the last when ``None``); a
        backend that appeared in between counts from zero."""
        if not self.samples:
            return 0.0, 0.0
        times = [sample[0] for sample in self.samples]
        first = 0 if start is None else max(bisect.bisect_right(times, start) - 1, 0)
        last = len(times) - 1 if end is None else max(bisect.bisect_right(times, end) - 1, 0)
        server = self.samples[last][1] - self.samples[first][1]
        latest: dict[int, float] = {}
        for _t, _server, backends in self.samples[first : last + 1]:
            latest.update(backends)
        base = self.samples[first][2]
        database = sum(cpu - base.get(pid, 0.0) for pid, cpu in latest.items())
        return max(server, 0.0), max(database, 0.0)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _locust(host: str, plan_file: Path, result_file: Path, csv_prefix: Path, args) -> dict:
    """Run locust headless against ``host``; returns the figures its users wrote (locustfile).
    Raises ``SystemExit`` when it wrote none or did not end in time (it is killed then)."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.settle + args.steady_seconds + SIGNIN_ALLOWANCE_S}s",
        "--stop-timeout",
        "10",
        "--host",
        host,
        "--csv",
        str(csv_prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = dict(
        os.environ,
        NASTAVNIK_LOAD_PLAN=str(plan_file),
        NASTAVNIK_LOAD_RESULT=str(result_file),
        NASTAVNIK_LOAD_STEADY_SECONDS=str(args.steady_seconds),
        NASTAVNIK_LOAD_SETTLE_SECONDS=str(args.settle),
    )
    log = csv_prefix.with_suffix(".log")
    result_file.unlink(missing_ok=True)
    limit = (
        args.settle + args.steady_seconds + SIGNIN_ALLOWANCE_S + 120
    )  # locust's own limit, its stop, a margin
    with open(log, "wb") as out:
        try:
            subprocess.run(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False, timeout=limit
            )
        except subprocess.TimeoutExpired:
            raise SystemExit(f"locust не завершился за {limit} с:\n{_tail(log)}") from None
    if not result_file.exists():
        raise SystemExit(f"locust не записал результатов:\n{_tail(log)}")
    return json.loads(result_file.read_text(encoding="utf-8"))


# --- the report -----------------------------------------------------------------------------------


@dataclass
class Figures:
    """Requests, failures and the response-time histogram (ms → count) of a set of requests."""

    requests: int = 0
    failures: int = 0
    histogram: Counter = field(default_factory=Counter)

    def add(self, entry: dict) -> None:
        self.requests += entry["requests"]
        self.failures += entry["failures"]
        self.histogram.update({int(ms): count for ms, count in entry["ms"].items()})

    def percentile(self, q: float) -> int:
        """The response time (ms) under which a share ``q`` of the requests finished; 0 if none."""
        total = sum(self.histogram.values())
        if not total:
            return 0
        rank, seen = math.ceil(q * total), 0
        for ms in sorted(self.histogram):
            seen += self.histogram[ms]
            if seen >= rank:
                return ms
        return max(self.histogram)

    def line(self, label: str, width: int = 34) -> str:
        return (
            f"  {label:<{width}} {self.requests:6d}  {self.percentile(0.5):6d} {self.percentile(0.95):6d} "
            f"{self.percentile(0.99):6d}  {self.failures:5d}"
        )


@dataclass
class Round:
    """One round of the load: its worker count, the figures of its steady phase (after every
    user signed in) and of its sign-in phase, the errors of the whole round and the load average
    around it."""

    workers: int
    steady: Figures
    signin: Figures
    steady_seconds: float
    signin_seconds: float
    errors: list[dict]
    load_start: str
    load_end: str
    server_times: Figures | None = None
    server_cpu: float = 0.0
    database_cpu: float = 0.0
    locust_cpu: float = 0.0
    steady_cpu_ms: float = 0.0

    def cpu(self, sampler: CpuSampler, steady_since: float | None, locust: float) -> None:
        """Keep and print the processor time of the load, which holds whatever else loads the
        machine: gunicorn and PostgreSQL over the whole load, locust, and the processor ms of
        one request of the steady phase (gunicorn and PostgreSQL), with the requests per second
        that this many cores could serve at that cost alone."""
        self.server_cpu, self.database_cpu = sampler.between(None, None)
        self.locust_cpu = max(locust, 0.0)
        print(
            f"Процессорное время за раунд: gunicorn {self.server_cpu:.0f} с, PostgreSQL {self.database_cpu:.0f} с, "
            f"locust {self.locust_cpu:.0f} с."
        )
        if steady_since and self.steady.requests:
            server, database = sampler.between(steady_since, None)
            self.steady_cpu_ms = 1000 * (server + database) / self.steady.requests
            print(
                f"На запрос установившейся нагрузки: gunicorn {1000 * server / self.steady.requests:.0f} мс + "
                f"PostgreSQL {1000 * database / self.steady.requests:.0f} мс процессорного времени — "
                f"свободные ядра машины ({os.cpu_count()}) выдержали бы около {self.capacity:.0f} запросов в секунду."
            )

    @property
    def capacity(self) -> float:
        """Requests per second the machine's cores could serve at the steady phase's processor
        cost per request alone (no waiting, nothing else running); 0 when unknown."""
        return 1000 * (os.cpu_count() or 1) / self.steady_cpu_ms if self.steady_cpu_ms else 0.0

    @property
    def rps(self) -> float:
        """Requests per second of the steady phase."""
        return self.steady.requests / self.steady_seconds if self.steady_seconds else 0.0

    @property
    def failures(self) -> int:
        return self.steady.failures + self.signin.failures


HEADER = f"  {'':<34} {'запр.':>6}  {'p50':>6} {'p95':>6} {'p99':>6}  {'ошиб.':>5}   (мс)"


def _server_times(log: Path, since: float | None) -> Figures | None:
    """The processing times (ms) of the requests gunicorn's JSON access log (``deploy/gunicorn.conf.py``,
    field ``duration_ms``) records as answered from ``since`` (Unix seconds) on: the time in the
    worker, without the wait in the listen queue. ``None`` when the log has no such lines (gunicorn
    ran without the configuration) or ``since`` is ``None``."""
    import datetime as dt

    if since is None:
        return None
    figures = Figures()
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        if not line.startswith("{") or '"gunicorn.access"' not in line:
            continue
        try:
            record = json.loads(line)
            answered = dt.datetime.fromisoformat(record["timestamp"]).timestamp()
            duration = int(record["duration_ms"])
        except (ValueError, KeyError, TypeError):
            continue
        if answered >= since:
            figures.requests += 1
            figures.failures += int(int(record.get("status") or 0) >= 400)
            figures.histogram[duration] += 1
    return figures if figures.requests else None


def _report(
    workers: int, result: dict, load_start: str, load_end: str, server_log: Path, settle: float
) -> Round:
    """Print the figures of one round: the sign-in phase, then the steady phase overall, by page
    group and its slowest pages, then the errors and the load average."""
    phases = {"signin": Figures(), "steady": Figures()}
    groups, names = defaultdict(Figures), defaultdict(Figures)
    signin_names = defaultdict(Figures)
    for phase, entries in result["phases"].items():
        for entry in entries:
            phases[phase].add(entry)
            if phase == "steady":
                groups[_group(entry["name"])].add(entry)
                names[entry["name"]].add(entry)
            else:
                signin_names[_group(entry["name"])].add(entry)
    first, since, last = result.get("first") or 0.0, result.get("steady_since"), result.get("last") or 0.0
    signin_seconds = max((since or last) - first, 0.0)
    steady_seconds = max(last - since, 0.0) if since else 0.0
    run = Round(
        workers,
        phases["steady"],
        phases["signin"],
        steady_seconds,
        signin_seconds,
        result["errors"],
        load_start,
        load_end,
    )
    print(f"\nРабочих процессов gunicorn: {workers}.")
    print(
        f"Вход всех {result.get('users')} пользователей и {settle:g} с после: {signin_seconds:.0f} с, запросов "
        f"{run.signin.requests} (пока одни входят, другие уже работают):"
    )
    print(HEADER)
    for label, figures in sorted(signin_names.items()):
        print(figures.line(label))
    if not since:
        print("Установившейся нагрузки не было: не все пользователи вошли до конца раунда.")
    else:
        print(
            f"Установившаяся нагрузка (все вошли): {run.steady.requests} запросов за {steady_seconds:.0f} с — "
            f"{run.rps:.1f} в секунду."
        )
        print(HEADER)
        print(run.steady.line("всего"))
        run.server_times = _server_times(server_log, since)
        if run.server_times is not None:
            print(run.server_times.line("в gunicorn (без очереди)"))
        print("По группам страниц:")
        for label, figures in sorted(groups.items(), key=lambda item: -item[1].percentile(0.95)):
            print(figures.line(label))
        print("Самые медленные страницы (по p95):")
        for name, figures in sorted(names.items(), key=lambda item: -item[1].percentile(0.95))[:10]:
            print(figures.line(name[:34]))
    if run.errors:
        print(f"Ошибки за весь раунд ({run.failures}):")
        for error in sorted(run.errors, key=lambda e: -e["count"]):
            print(f"  {error['count']:5d} × {error['method']} {error['name']}: {error['error'][:160]}")
    else:
        print("Ошибок нет.")
    print(f"Средняя загрузка машины: в начале {load_start}; в конце {load_end}")
    return run


def _print_failures(locust_log: Path, server_log: Path) -> None:
    """Print the distinct failed requests that locust's users logged (role, address, the list
    that linked to it; at most 20) and the last messages of gunicorn's log (not its access log)."""
    try:
        lines = locust_log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    failed = list(
        dict.fromkeys(line.split("nastavnik.load: ", 1)[1] for line in lines if "nastavnik.load: " in line)
    )
    if failed:
        print("Неудачные запросы (роль, адрес, откуда ссылка):")
        for line in failed[:20]:
            print(f"  {line}")
    try:
        server = server_log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        server = []
    # Its own messages and Django's (the 404s, tracebacks), not the access log's line per request.
    notes = [line for line in server if '"gunicorn.access"' not in line][-15:]
    if notes:
        print("Последние сообщения журнала gunicorn:\n" + "\n".join(notes))


def _summary(rounds: list[Round]) -> None:
    """Print the table of the rounds (steady phase) with a note on its last two columns."""
    print("\nИтог, установившаяся нагрузка (петлевой интерфейс; генератор нагрузки на той же машине):")
    print(
        f"  {'процессов':>9}  {'запросов':>8}  {'в секунду':>9}  {'p50':>5} {'p95':>5} {'p99':>5}  "
        f"{'ошибок':>6}  {'p95 обраб.':>10}  {'вход, с':>7}  {'ЦП мс/запр.':>11}  {'предел/с':>8}  "
        "средняя загрузка в начале → в конце"
    )
    for run in rounds:
        o = run.steady
        print(
            f"  {run.workers:9d}  {o.requests:8d}  {run.rps:9.1f}  {o.percentile(0.5):5d} "
            f"{o.percentile(0.95):5d} {o.percentile(0.99):5d}  {run.failures:6d}  "
            f"{run.server_times.percentile(0.95) if run.server_times else '—':>10}  {run.signin_seconds:7.0f}  "
            f"{run.steady_cpu_ms:11.0f}  {run.capacity:8.0f}  "
            f"{run.load_start.split(' (')[0]} → {run.load_end.split(' (')[0]}"
        )
    print(
        "  p95 обраб. — время обработки в рабочем процессе gunicorn по его журналу доступа, без ожидания "
        "в очереди (мс; только с deploy/gunicorn.conf.py); "
        "ЦП мс/запр. — процессорное время gunicorn и PostgreSQL на запрос установившейся нагрузки; "
        f"предел/с — запросов в секунду, которые ядра машины ({os.cpu_count()}) выдержали бы при такой цене без "
        "посторонней нагрузки."
    )


# --- the command ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Нагрузочный замер: пользователи всех ролей против gunicorn на PostgreSQL."
    )
    parser.add_argument("--short", action="store_true", help="проверочный прогон: по 20 с на раунд")
    parser.add_argument(
        "--run-time",
        default="",
        help="длительность установившейся нагрузки в раунде: 2m, 90s, 120 (по умолчанию 2m)",
    )
    parser.add_argument(
        "--settle",
        type=int,
        default=10,
        help="секунд после входа всех пользователей до начала замера установившейся нагрузки (10)",
    )
    parser.add_argument("--users", type=int, default=50, help="одновременных пользователей (50)")
    parser.add_argument(
        "--spawn-rate", type=float, default=10, help="пользователей в секунду при запуске (10)"
    )
    parser.add_argument(
        "--workers", default="2,4", help="числа рабочих процессов gunicorn по раундам, через запятую (2,4)"
    )
    parser.add_argument(
        "--teachers", type=int, default=8000, help="педагогических работников в регионе (8000)"
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="секунд, которые рабочий процесс держит соединение с базой данных "
        "(DATABASE_CONN_MAX_AGE; 60, как в рабочих настройках; 0 — новое на каждый запрос)",
    )
    parser.add_argument("--no-config", action="store_true", help="не читать deploy/gunicorn.conf.py")
    parser.add_argument(
        "--csv-dir", default="", help="каталог для CSV-файлов locust (по умолчанию временный)"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="сохранить базу данных bench_load_demo и взять её при следующем запуске",
    )
    parser.add_argument(
        "--static-dir",
        default="",
        help="каталог собранных статических файлов: берётся готовым, если в нём есть манифест "
        "(по умолчанию временный; с --keep — var/bench_load_static)",
    )
    parser.add_argument("--drop", action="store_true", help="удалить сохранённую базу данных после замеров")
    args = parser.parse_args()
    args.run_time = args.run_time or ("20s" if args.short else "2m")
    found = re.fullmatch(r"(\d+)\s*(s|m|)", args.run_time.strip())
    if not found or int(found.group(1)) < 1:
        parser.error("--run-time: длительность в секундах или минутах, например 2m, 90s или 120")
    args.steady_seconds = int(found.group(1)) * (60 if found.group(2) == "m" else 1)
    try:
        counts = [int(part) for part in args.workers.split(",") if part.strip()]
    except ValueError:
        parser.error("--workers: числа через запятую, например 2,4")
    if args.users < 1 or args.spawn_rate <= 0 or args.settle < 0:
        parser.error("--users: не меньше 1; --spawn-rate: больше 0; --settle: не меньше 0")
    if not counts or min(counts) < 1:
        parser.error("--workers: хотя бы одно число не меньше 1")
    scratch = "bench_load_demo" if args.keep else "bench_load"
    reuse = args.keep and database_exists(scratch)
    os.environ["NASTAVNIK_PDF_EAGER"] = "0"  # loading the demo: no PDF copies made by LibreOffice
    # A TERM (a CI's time limit) unwinds as an exit, so that gunicorn is stopped and the database dropped.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    try:
        return _run(args, counts, scratch, reuse)
    finally:
        if args.keep and args.drop:
            drop_database(scratch)
            print(f"База данных {scratch} удалена.")


def _run(args, counts: list[int], scratch: str, reuse: bool) -> int:
    """The benchmark proper (module docstring)."""
    with (
        bench_django(postgres=True, scratch=scratch, keep=args.keep),
        tempfile.TemporaryDirectory(prefix="nastavnik-load-") as tmp_name,
    ):
        import logging

        from nastavnik.demo.accounts import DEMO_PASSWORD

        logging.getLogger("django.request").setLevel(logging.ERROR)  # the 403s of the plan's probing
        logging.getLogger("axes").setLevel(logging.WARNING)
        tmp = Path(tmp_name)
        csv_dir = Path(args.csv_dir).resolve() if args.csv_dir else tmp
        csv_dir.mkdir(parents=True, exist_ok=True)
        _demo(args.teachers, reuse)
        _usable_accounts()
        if args.static_dir:
            static_root = Path(args.static_dir).resolve()
        else:
            static_root = ROOT / "var" / "bench_load_static" if args.keep else tmp / "static"
        _collect_static(tmp, static_root)
        print("План нагрузки (страницы, открытые каждой ролью):")
        plan = _plan(DEMO_PASSWORD)
        plan_file = tmp / "plan.json"
        plan_file.write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")
        from django.db import connections

        connections.close_all()  # the runner holds no connection while gunicorn works
        config = None if args.no_config or not GUNICORN_CONFIG.exists() else GUNICORN_CONFIG
        print(
            f"\nНагрузка: {args.users} пользователей (по {args.spawn_rate:g} в секунду), после входа всех — {args.steady_seconds} с; "
            f"gunicorn: sync, 1 поток{'; ' + str(config.relative_to(ROOT)) if config else ''}"
        )
        rounds: list[Round] = []
        for workers in counts:
            _usable_accounts()  # no lock left by an earlier round
            connections.close_all()
            with _gunicorn(workers, tmp, config, args.conn_max_age) as (host, master):
                load_start = _load()
                print(
                    f"\nРаунд: рабочих процессов gunicorn — {workers}, адрес {host}; средняя загрузка: {load_start}"
                )
                locust_from = _children_cpu()
                with CpuSampler(master) as sampler:
                    result = _locust(
                        host, plan_file, tmp / f"result-{workers}.json", csv_dir / f"load_{workers}w", args
                    )
                locust_cpu = _children_cpu() - locust_from
                load_end = _load()
            rounds.append(
                _report(workers, result, load_start, load_end, tmp / f"gunicorn-{workers}.log", args.settle)
            )
            rounds[-1].cpu(sampler, result.get("steady_since"), locust_cpu)
            if rounds[-1].failures:
                _print_failures(csv_dir / f"load_{workers}w.log", tmp / f"gunicorn-{workers}.log")
        _summary(rounds)
        if args.csv_dir:
            print(f"CSV-файлы locust: {csv_dir}")
        missed = [
            r
            for r in rounds
            if r.workers == 2 and (not r.steady.requests or r.steady.percentile(0.95) >= P95_BUDGET_MS)
        ]
        failed = [r for r in rounds if r.failures]
        if missed:
            p95 = missed[0].steady.percentile(0.95)
            print(
                f"Цель не достигнута: p95 установившейся нагрузки при 2 процессах {p95} мс ≥ {P95_BUDGET_MS} мс"
                if missed[0].steady.requests
                else "Цель не проверена: при 2 процессах установившейся нагрузки не было."
            )
        if failed:
            print(f"Есть ошибки: {', '.join(f'{r.workers} проц. — {r.failures}' for r in failed)}")
        if not missed and not failed:
            print(f"Цель достигнута: ошибок нет, p95 при 2 процессах меньше {P95_BUDGET_MS} мс.")
        return 1 if missed or failed else 0


if __name__ == "__main__":
    sys.exit(main())
