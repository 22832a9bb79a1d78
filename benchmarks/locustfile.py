"""The users of the load benchmark (issue 17, «Speed and load»), for locust; run by
``benchmarks/load.py``, which writes their plan and reads their figures back.

    .venv/bin/locust -f benchmarks/locustfile.py --headless -u 50 -r 10 --run-time 2m \\
        --host http://127.0.0.1:PORT      # with NASTAVNIK_LOAD_PLAN and NASTAVNIK_LOAD_RESULT set

``NASTAVNIK_LOAD_PLAN``: the JSON file of the plan (``load.py`` builds it by opening every page
as every role once before the load): the login address, and for every role its demo login and
password, its API token, the pages it may open (``{"name", "url"}``: the home page, the lists,
the dashboards), the lists with the pattern of their detail pages (``"detail": {"name",
"pattern"}``, a regular expression of the links' paths) and the API list endpoints
(``{"name", "url"}``). A page a role may not open is not in its plan: a 403 is an error here.

Each simulated user takes the next role in turn (the users are spread evenly over the roles),
signs in through the login form (GET for the CSRF token, POST of login and password; it must
land on a page other than the login page), fetches the style sheets and scripts of the home page
once (as a browser with an empty cache), then, with 1–3 s of thinking between requests, opens a
page of its role (weight 5), a list and one detail page picked at random among the list's links
(weight 3), or the API root and a list endpoint with its token (weight 2).

Every request is named by the page (the URL name: ``people:list``, ``api: people``…), so that
``load.py`` can group them. A failure is any status outside 2xx/3xx, a network error, or a page
that ends on the login form (the session was lost); each is logged (logger ``nastavnik.load``,
locust's log) with the role, the address and the list that linked to it.

``NASTAVNIK_LOAD_SETTLE_SECONDS``: the steady phase begins that many seconds after the last user
has signed in (the requests queued behind the sign-ins are served meanwhile; they count in the
sign-in phase). ``NASTAVNIK_LOAD_STEADY_SECONDS``: the run stops that many seconds after the
steady phase began (locust's ``--run-time`` then only bounds a run whose sign-in never ends).

``NASTAVNIK_LOAD_RESULT``: where the figures are written when locust quits (JSON), in two
phases: ``signin``, from the start until every user has finished signing in (50 sign-ins at
once: a password hash costs some 0.4 s of processor by design) and the settling after, and
``steady``, the browsing after that; for each phase and request name its method, count, failures and the histogram of response
times in whole ms (``{"ms": count}``); the times (Unix seconds) of the first request, of the
start of the steady phase (``None`` when it never began) and of the end of the last request;
and the errors with their counts.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import random
import re
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import HttpUser, between, events, task

PLAN: dict = json.loads(Path(os.environ["NASTAVNIK_LOAD_PLAN"]).read_text(encoding="utf-8"))
ROLES: list[str] = sorted(PLAN["roles"])
LOGIN_URL: str = PLAN["login_url"]
#: Every failed request, with the role and the page that linked to it (locust's log).
LOG = logging.getLogger("nastavnik.load")
_next_role = itertools.count()
_role_lock = threading.Lock()

CSRF_INPUT = re.compile(
    r'name="csrfmiddlewaretoken"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrfmiddlewaretoken"'
)
HREF = re.compile(r'href="(/[^"?#]*)"')
ASSET = re.compile(r'(?:href|src)="(/static/[^"?#]+\.(?:css|js))"')


def _lost_session(response) -> bool:
    """Whether a page that was not the login form ended on it (redirected there)."""
    return urlsplit(response.url).path == LOGIN_URL


class RoleUser(HttpUser):
    """A user of one role: signs in, then browses its pages and calls the API (module docstring)."""

    wait_time = between(1, 3)

    def on_start(self) -> None:
        with _role_lock:
            self.role = ROLES[next(_next_role) % len(ROLES)]
        self.plan = PLAN["roles"][self.role]
        self.token = self.plan.get("token") or ""
        self._login()

    def _login(self) -> None:
        """Sign in through the form: the CSRF token from the GET, then the POST (redirect
        followed); the user counts as signed in (:data:`PHASES`) whatever the outcome."""
        try:
            self._sign_in()
        finally:
            PHASES.signed(self.environment)

    def _sign_in(self) -> None:
        with self.client.get(LOGIN_URL, name="вход: форма", catch_response=True) as response:
            found = CSRF_INPUT.search(response.text or "")
            if not found:
                response.failure(f"нет токена CSRF на странице входа (ответ {response.status_code})")
                return
            response.success()
        token = found.group(1) or found.group(2)
        with self.client.post(
            LOGIN_URL,
            data={
                "csrfmiddlewaretoken": token,
                "username": self.plan["login"],
                "password": self.plan["password"],
            },
            headers={"Referer": self.host.rstrip("/") + LOGIN_URL},
            name="вход: отправка",
            catch_response=True,
        ) as response:
            if response.status_code >= 400:
                response.failure(f"ответ {response.status_code}")
            elif _lost_session(response):
                response.failure("вход не выполнен: снова форма входа")
            else:
                response.success()
                self._assets(response.text or "")

    def _assets(self, html: str) -> None:
        """The style sheets and scripts of a page, once, as a browser with an empty cache."""
        for path in sorted(set(ASSET.findall(html))):
            self._get(path, "статические файлы")

    def _get(self, url: str, name: str, *, headers: dict | None = None, source: str = ""):
        """GET ``url`` named ``name``; a failure outside 2xx/3xx or on the login form, logged
        with the role and the page it was linked from (``source``) to locust's log.
        Returns the response (``None`` on a failure)."""
        with self.client.get(url, name=name, headers=headers, catch_response=True) as response:
            reason = ""
            if response.status_code >= 400 or response.status_code == 0:
                reason = f"ответ {response.status_code}"
            elif _lost_session(response):
                reason = "сеанс потерян: открылась форма входа"
            if reason:
                response.failure(reason)
                LOG.warning(
                    "%s (%s): %s %s%s — %s",
                    self.plan["label"],
                    self.plan["login"],
                    name,
                    url,
                    f" (ссылка со страницы {source})" if source else "",
                    reason,
                )
                return None
            response.success()
            return response

    @task(5)
    def page(self) -> None:
        """One page of the role: the home page, a list, a dashboard."""
        pages = self.plan["pages"]
        if pages:
            chosen = random.choice(pages)
            self._get(chosen["url"], chosen["name"])

    @task(3)
    def list_and_detail(self) -> None:
        """A list, then (after thinking) one detail page picked among the list's links."""
        lists = self.plan["lists"]
        if not lists:
            return self.page()
        chosen = random.choice(lists)
        response = self._get(chosen["url"], chosen["name"])
        if response is None:
            return None
        pattern = re.compile(chosen["detail"]["pattern"])
        links = sorted({href for href in HREF.findall(response.text or "") if pattern.match(href)})
        if links:
            self.wait()
            self._get(random.choice(links), chosen["detail"]["name"], source=chosen["url"])
        return None

    @task(2)
    def api(self) -> None:
        """The API root, or a list endpoint of the role, with the token (or the session)."""
        headers = {"Authorization": f"Token {self.token}"} if self.token else None
        endpoints = self.plan["api"]
        if endpoints and random.random() < 0.8:
            chosen = random.choice(endpoints)
            self._get(chosen["url"], chosen["name"], headers=headers)
        else:
            self._get(PLAN["api_root"], "api: корень", headers=headers)


class _Phases:
    """The figures of the two phases of a run, kept from every request's event: ``"signin"``
    until every user has finished signing in (the login storm of the start: hashing a password
    is slow by design) and the settling seconds after, ``"steady"`` after that. For each phase and request name: count, failures and
    the histogram of response times in whole ms."""

    def __init__(self) -> None:
        self.signed_in = 0
        self.steady_since: float | None = None
        self.first: float | None = None
        self.last: float | None = None
        self.entries: dict = {"signin": {}, "steady": {}}

    def signed(self, environment) -> None:
        """One user has finished signing in (successfully or not)."""
        self.signed_in += 1
        target = getattr(environment.parsed_options, "num_users", None) or 0
        if self.steady_since is None and self.signed_in >= target:
            settle = float(os.environ.get("NASTAVNIK_LOAD_SETTLE_SECONDS") or 0)
            self.steady_since = time.time() + settle
            seconds = float(os.environ.get("NASTAVNIK_LOAD_STEADY_SECONDS") or 0)
            if seconds > 0 and environment.runner is not None:
                gevent.spawn_later(settle + seconds, environment.runner.quit)

    def record(self, name: str, method: str, ms: float, failed: bool, started: float) -> None:
        phase = "steady" if self.steady_since is not None and started >= self.steady_since else "signin"
        entry = self.entries[phase].setdefault(
            name, {"name": name, "method": method, "requests": 0, "failures": 0, "ms": {}}
        )
        entry["requests"] += 1
        entry["failures"] += int(failed)
        key = str(round(ms))
        entry["ms"][key] = entry["ms"].get(key, 0) + 1
        self.first = started if self.first is None else min(self.first, started)
        self.last = max(self.last or 0.0, started + ms / 1000)


PHASES = _Phases()


@events.request.add_listener
def _record(request_type, name, response_time, exception=None, start_time=None, **_kwargs) -> None:
    started = start_time if start_time is not None else time.time() - (response_time or 0) / 1000
    PHASES.record(name, request_type, response_time or 0, exception is not None, started)


@events.quitting.add_listener
def _write_result(environment, **_kwargs) -> None:
    """Write the figures of the run to ``NASTAVNIK_LOAD_RESULT`` (module docstring)."""
    target = os.environ.get("NASTAVNIK_LOAD_RESULT")
    if not target:
        return
    errors = [
        {"name": error.name, "method": error.method, "error": str(error.error), "count": error.occurrences}
        for error in environment.stats.errors.values()
    ]
    result = {
        "phases": {phase: list(entries.values()) for phase, entries in PHASES.entries.items()},
        "errors": errors,
        "first": PHASES.first,
        "steady_since": PHASES.steady_since,
        "last": PHASES.last,
        "users": environment.parsed_options.num_users,
        "signed_in": PHASES.signed_in,
    }
    Path(target).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
