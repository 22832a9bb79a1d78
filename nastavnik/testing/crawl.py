"""A crawler over the pages a user can reach, and the checks of what the pages show in words.

Used by ``core/tests/test_visible_text.py`` over every demo account (issue 13, item 6): from the
home page it follows every same-site link (GET only, breadth first) and reads the visible text
of each page — without ``<script>``, ``<style>``, tags and attributes — for what a user must
never see: template syntax, internal clause codes, logins in place of names, English words.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from django.test import Client
from django.urls import Resolver404, resolve

#: Addresses not followed: leaving, the admin (Django's own, not in Russian), the API (JSON for
#: other systems, and its docs: drf-spectacular's Swagger UI; checked by ``nastavnik/api/tests``),
#: files and exports (not pages), actions that change the session.
SKIP_PATH = re.compile(
    r"^/(logout|admin|api|static|media|healthz|favicon)"
    r"|/(files|download|scan|docx|pdf|attachment|evidence|export)\b"
    r"|\.(xlsx|docx|pdf|zip|csv|ico)$"
    r"|/sessions/.+/end/"
)
SKIP_QUERY = re.compile(r"(^|&)(export|download)=")

#: Template syntax that leaked into the text (a multi-line ``{# #}`` is printed by Django).
TEMPLATE_SYNTAX = re.compile(r"\{#|#\}|\{%|%\}|\{\{|\}\}")
#: Internal references to the regulations: «seed 000 §4.1» belongs in docstrings only.
CLAUSE_CODE = re.compile(r"\bseed\s|§")
#: A run of three or more Latin letters: an English word, a login or an identifier.
LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")
#: Addresses, e-mails and file names, whose Latin letters are not words: a file name is a
#: transliterated lower-case slug («svedeniya-obo-mne-2026-12-02.json», as the downloads are
#: named) or ends in an extension («Не сформированы — чего не хватает.txt»).
ADDRESS = re.compile(
    r"\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+\.(?:ru|рф|com|org)\b"
    r"|\b[a-z0-9]+(?:[-_][a-z0-9]+)+(?:\.[a-z0-9]+)?\b|\.(?:txt|docx|xlsx|pdf|zip|csv|json)\b"
)
#: Roman numerals number sections («III. Мониторинг»), as Russian official texts do.
ROMAN = re.compile(r"^[IVXLC]+$")

#: Latin tokens that are correct in Russian official text, each with the reason.
ALLOWED_LATIN = {
    # file formats the user chooses and downloads (button and link texts)
    "DOCX", "PDF", "XLSX", "XLS", "CSV", "ZIP", "JSON", "JPG", "JPEG", "PNG", "TIFF",
    # the spreadsheet program named as Russian offices name it («Выгрузить в Excel»)
    "Excel",
    # encodings of a CSV file the user must pick in their program (bank import: «UTF-8 или Windows-1251»)
    "UTF", "Windows",
    # the software named in the message that PDF needs it (documents)
    "LibreOffice",
    # the programming interface as Russian texts name it («Токены доступа к API»: profile)
    "API",
}  # fmt: skip


@dataclass
class Offence:
    """One thing a user must not see: ``kind`` (Russian-free code), the ``role`` and ``url``
    where it was seen, and the ``text`` around it."""

    kind: str
    role: str
    url: str
    text: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.role} {self.url}: «{self.text}»"


@dataclass
class CrawlResult:
    """What one role's crawl saw: the pages opened (URL → status and seconds) and the offences."""

    role: str
    pages: dict[str, tuple[int, float]] = field(default_factory=dict)
    offences: list[Offence] = field(default_factory=list)


def visible_text(html: str) -> str:
    """The text a reader of ``html`` sees: no script, style, tags or attributes. The text of
    ``<code>`` elements is left out too: a login or an identifier shown as code on purpose
    (the role list names each account's login so)."""
    if not html.strip():
        return ""
    doc = lxml.html.document_fromstring(html)
    for element in doc.xpath("//script|//style|//code|//template"):
        element.drop_tree()
    return re.sub(r"\s+", " ", doc.text_content()).strip()


def _around(text: str, match: re.Match, width: int = 40) -> str:
    return text[max(0, match.start() - width) : match.end() + width]


def text_offences(text: str, *, role: str, url: str, logins: set[str]) -> list[Offence]:
    """The offences in the visible ``text`` of a page: template syntax, clause codes, ``logins``
    standing as words, and Latin words outside ``ALLOWED_LATIN`` (addresses and e-mails
    aside)."""
    found = []
    for kind, pattern in (("template", TEMPLATE_SYNTAX), ("clause", CLAUSE_CODE)):
        found += [Offence(kind, role, url, _around(text, m)) for m in pattern.finditer(text)]
    # logins first, on the whole text: «curator_a» or «curator-2» would pass for a file name below
    said = set()
    if logins:
        names = "|".join(re.escape(login) for login in sorted(logins, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w.@/-])(?:{names})(?![\w@/-])", text):
            said.add(m.group())
            found.append(Offence("login", role, url, _around(text, m)))
    plain = ADDRESS.sub(" ", text)
    for m in LATIN_WORD.finditer(plain):
        word = m.group()
        if word in ALLOWED_LATIN or ROMAN.match(word) or word in said:
            continue
        found.append(Offence("english", role, url, _around(plain, m)))
    return found


def _route(path: str) -> str:
    """The URL pattern of ``path`` (``people/<int:pk>/``), to cap the pages of one kind."""
    try:
        return str(resolve(path).route)
    except Resolver404:
        return path


def crawl(
    client: Client,
    *,
    role: str,
    logins: set[str],
    max_pages: int = 150,
    per_route: int = 3,
    start: str = "/",
) -> CrawlResult:
    """Open ``start`` with ``client`` (signed in as ``role``) and every same-site page linked
    from the pages opened, breadth first, GET only: at most ``max_pages`` pages and
    ``per_route`` pages of one URL pattern (three cards of people, not three thousand). Returns
    the pages with their status and time, and the offences of each HTML page (a status of 500
    is an offence too)."""
    result = CrawlResult(role)
    queue, seen, routes = deque([start]), {start}, {}
    referrer = {start: ""}
    while queue and len(result.pages) < max_pages:
        url = queue.popleft()
        began = time.perf_counter()
        response = client.get(url)
        result.pages[url] = (response.status_code, time.perf_counter() - began)
        if response.status_code >= 500:
            result.offences.append(Offence("500", role, url, str(response.status_code)))
            continue
        if response.status_code in (403, 404):
            # a link the user was shown leads to «Доступ запрещён» or «Страница не найдена»
            result.offences.append(
                Offence(f"link-{response.status_code}", role, url, f"ссылка на {referrer[url]}")
            )
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode(errors="replace")
        result.offences += text_offences(visible_text(html), role=role, url=url, logins=logins)
        for href in lxml.html.document_fromstring(html).xpath("//a/@href"):
            link = _same_site(url, href)
            if link is None or link in seen:
                continue
            seen.add(link)
            route = _route(urlsplit(link).path)
            if routes.get(route, 0) >= per_route:
                continue
            routes[route] = routes.get(route, 0) + 1
            referrer[link] = url
            queue.append(link)
    return result


def _same_site(base: str, href: str) -> str | None:
    """``href`` as a path with its query when it is a page of this site worth opening."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urljoin(f"http://testserver{base}", href))
    if parts.netloc != "testserver" or SKIP_PATH.search(parts.path) or SKIP_QUERY.search(parts.query):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")
