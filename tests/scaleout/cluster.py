"""Two web nodes and two Celery workers on one machine, as in production (issue 17, build 5).

:class:`Cluster` makes a scratch PostgreSQL database, migrates it and loads a small demo region,
then starts two gunicorn nodes (``deploy/gunicorn.conf.py``, 2 workers of 2 threads each) on
loopback and two
Celery workers (``celery -A nastavnik worker -n w1@%h``, ``-n w2@%h``), all sharing that
database, the Redis and one media directory, under the production settings
(``tests/scaleout/settings.py``). Every process runs in its own process group and is killed on
:meth:`Cluster.stop` (and at exit), the database dropped.

Run by ``tests/scaleout/test_two_nodes.py``; by hand (``scripts/scaleout.sh --keep``) it starts
the cluster and waits for Ctrl-C, to try it in a browser.
"""

from __future__ import annotations

import atexit
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
#: The demo accounts' password (``nastavnik.demo.accounts.DEMO_PASSWORD``).
DEMO_PASSWORD = "demo12345"
#: Teachers of the small demo region: enough for school A's whole package of documents.
DEMO_TEACHERS = 300


def server_url() -> str:
    """The PostgreSQL server to make the scratch database on: ``NASTAVNIK_SCALEOUT_DATABASE_URL``,
    else ``DATABASE_URL`` when it names PostgreSQL, else the local one (the path is ignored)."""
    for name in ("NASTAVNIK_SCALEOUT_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith(("postgres://", "postgresql://")):
            return url
    return "postgres://postgres@127.0.0.1:5432/postgres"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def redis_url() -> str:
    return (
        os.environ.get("NASTAVNIK_TEST_REDIS_URL")
        or os.environ.get("REDIS_URL")
        or "redis://127.0.0.1:6379/0"
    )


@dataclass
class Process:
    """A started process of the cluster and the file its output goes to."""

    name: str
    popen: subprocess.Popen
    log: Path

    def kill(self) -> None:
        """SIGKILL the process and its children (its process group), as a crash would."""
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not refused
            pass

    def output(self, tail: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-tail:]
        except OSError:
            return ""


@dataclass
class Cluster:
    """The scratch cluster; see the module's docstring. Ports: ``web_ports``."""

    web_ports: tuple[int, ...] = (18081, 18082)
    worker_names: tuple[str, ...] = ("w1", "w2")
    base: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="nastavnik-scaleout-")))
    database: str = field(default_factory=lambda: f"nastavnik_scaleout_{uuid.uuid4().hex[:8]}")
    processes: dict[str, Process] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.server = server_url()
        self.database_url = with_database(self.server, self.database)
        self.media = self.base / "media"
        self.media.mkdir(parents=True)
        tag = uuid.uuid4().hex[:8]
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "tests.scaleout.settings",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": redis_url(),
            "MEDIA_ROOT": str(self.media),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DEBUG": "0",
            "HTTPS": "0",  # loopback without nginx: no TLS to redirect to
            "NASTAVNIK_JOBS_BACKEND": "celery",
            "NASTAVNIK_CELERY_QUEUE": f"nastavnik-scaleout-{tag}",  # not a production worker's queue
            "NASTAVNIK_CACHE_PREFIX": f"scaleout-{tag}",
            "NASTAVNIK_JOBS_HEARTBEAT_SECONDS": "2",
            "NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS": "10",
            "NASTAVNIK_VAR_DIR": str(self.base / "var"),
            "LOG_LEVEL": "WARNING",
        }
        self._created = False
        atexit.register(self.stop)

    # --- the shared database ---

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as conn:
            conn.execute(sql)

    def prepare(self) -> None:
        """Create the scratch database, migrate it, load the small demo region."""
        self._admin(f'CREATE DATABASE "{self.database}"')
        self._created = True
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("load_demo", "--force", "--teachers", str(DEMO_TEACHERS))

    def manage(self, *args: str, timeout: float = 600) -> str:
        """Run ``manage.py`` with the cluster's settings; returns its output.

        Raises:
            RuntimeError: it failed (with its output).
        """
        done = subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def query(self, sql: str, *params):
        """The first row of ``sql`` on the shared database (the test reads what the nodes wrote)."""
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as conn:
            return conn.execute(sql, params).fetchone()

    # --- the processes ---

    def _start(self, name: str, argv: list[str], **env: str) -> Process:
        log = self.base / f"{name}.log"
        popen = subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**self.env, **env},
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed with its children
        )
        process = Process(name, popen, log)
        self.processes[name] = process
        return process

    def start_web(self) -> None:
        """Start the gunicorn nodes and wait until each answers."""
        for port in self.web_ports:
            self._start(
                f"web-{port}",
                [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "nastavnik.wsgi:application"],
                GUNICORN_BIND=f"127.0.0.1:{port}",
                GUNICORN_WORKERS="2",
                GUNICORN_THREADS="2",
            )
        for port in self.web_ports:
            self.wait_http(f"http://127.0.0.1:{port}/login/", self.processes[f"web-{port}"])

    def start_worker(self, name: str) -> Process:
        """Start the Celery worker ``name@host`` (prefork, one child process)."""
        return self._start(
            name,
            [
                *(str(BIN / "celery"), "-A", "nastavnik", "worker", "-n", f"{name}@%h"),
                *("-P", "prefork", "-c", "1", "-Q", self.env["NASTAVNIK_CELERY_QUEUE"]),
                *("--without-gossip", "--without-mingle", "-l", "INFO"),
            ],
        )

    def start(self) -> None:
        """Prepare the database, then start the web nodes and the workers."""
        self.prepare()
        for name in self.worker_names:
            self.start_worker(name)
        self.start_web()

    def worker_of(self, pid: int) -> Process | None:
        """The worker whose process group holds the process ``pid`` (the runner of a job)."""
        try:
            group = os.getpgid(pid)
        except ProcessLookupError:
            return None
        for name in self.worker_names:
            process = self.processes.get(name)
            if process is not None and process.popen.pid == group:
                return process
        return None

    @staticmethod
    def wait_http(url: str, process: Process, timeout: float = 60) -> None:
        import urllib.error
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.popen.poll() is not None:
                raise RuntimeError(f"{process.name} exited:\n{process.output()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status < 500:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{url} did not answer in {timeout} s:\n{process.output()}")

    def stop(self) -> None:
        """Kill every process, drop the database, remove the files."""
        for process in list(self.processes.values()):
            process.kill()
        self.processes.clear()
        if self._created:
            try:
                self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            except Exception as exc:  # reported; the rest is still cleaned
                print(f"scratch database {self.database} not dropped: {exc}", file=sys.stderr)
            self._created = False
        shutil.rmtree(self.base, ignore_errors=True)


class Browser:
    """A signed-in user of one cluster, talking to whichever node a request names (``requests``
    session: the session and CSRF cookies are shared, as behind one balancer)."""

    def __init__(self):
        import requests

        self.http = requests.Session()

    def url(self, port: int, path: str) -> str:
        return f"http://127.0.0.1:{port}{path}"

    def csrf(self, port: int, path: str) -> str:
        page = self.http.get(self.url(port, path), timeout=30)
        page.raise_for_status()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def sign_in(self, port: int, login: str, password: str = DEMO_PASSWORD) -> None:
        token = self.csrf(port, "/login/")
        response = self.http.post(
            self.url(port, "/login/"),
            data={"username": login, "password": password, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 302, f"sign-in refused: {response.status_code}"

    def post_form(self, port: int, path: str, data: dict, *, page: str | None = None) -> str:
        """POST ``data`` to ``path`` with the CSRF token of the page ``page`` (``path``) as a
        browser sends the form of that page; returns the redirect's target."""
        token = self.csrf(port, page or path)
        response = self.http.post(
            self.url(port, path),
            data={**data, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=60,
        )
        assert response.status_code == 302, f"POST {path}: {response.status_code}\n{response.text[:2000]}"
        return response.headers["Location"]

    def get(self, port: int, path: str):
        return self.http.get(self.url(port, path), timeout=60)


def main(argv: list[str]) -> int:
    """``python -m tests.scaleout.cluster``: start the cluster and wait for Ctrl-C."""
    cluster = Cluster()
    try:
        print(f"Готовлю базу {cluster.database} и демонстрационный регион…", flush=True)
        cluster.start()
        for port in cluster.web_ports:
            print(f"Веб-узел: http://127.0.0.1:{port}/ (вход: curator / {DEMO_PASSWORD})")
        print(f"Журналы процессов: {cluster.base}. Остановить: Ctrl-C.", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
