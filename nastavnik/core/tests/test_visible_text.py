"""Every page of every demo role shows correct Russian (issue 13, item 6).

The demo region is loaded once (``load_demo``: it has every role — the operator, the
coordinator, the head, the curator, the council member, the psychologist, the mentor, the
mentee, the tutor, the coordinator of the ЦНППМ, the curator of another school and the federal
operator); each account then
opens the home page and every same-site page linked from what it sees (``testing.crawl``: GET only, at most 150
pages a role, three of one URL pattern). The test fails, naming the role and the page, on

- a server error, or a link the user is shown that leads to «Доступ запрещён» or to a missing
  page (a link is shown only to those who may open it);
- template syntax in the text (``{#``, ``#}``, ``{%``, ``{{``: a multi-line ``{# #}`` is printed);
- an internal clause code («seed 000 §4.1» belongs in docstrings);
- a login standing as a word where a name should be («Составил: curator»);
- any other Latin word outside the short ``crawl.ALLOWED_LATIN`` list (file formats, Excel…).

About 1 200 pages; under a minute of CPU on SQLite, the demo's load included.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

import nastavnik
from nastavnik.testing.crawl import crawl, text_offences, visible_text

#: The demo accounts (``demo.accounts``), one per role.
DEMO_ROLES = (
    "operator",
    "coordinator",
    "head",
    "curator",
    "council",
    "psychologist",
    "mentor",
    "mentee",
    "tutor",
    "cnppm",
    "curator2",
    "federal",
)


@pytest.mark.django_db
def test_every_page_of_every_demo_role_shows_correct_russian():
    # given the demo region (smaller than the default: every role and kind of page is there)
    call_command("load_demo", teachers=1500, force=True, verbosity=0)
    users = get_user_model().objects
    logins = set(users.values_list("username", flat=True))

    # when each demo account opens every page it is shown a link to
    offences, opened = [], {}
    for role in DEMO_ROLES:
        client = Client(raise_request_exception=False)
        client.force_login(users.get(username=role))
        result = crawl(client, role=role, logins=logins, max_pages=150)
        opened[role] = len(result.pages)
        offences += result.offences

    # then every role got somewhere, and nothing it saw is wrong
    assert all(count > 10 for count in opened.values()), opened
    unique = list(dict.fromkeys(str(o) for o in offences))
    assert not unique, f"{len(unique)} нарушений:\n" + "\n".join(unique[:200])


@pytest.mark.parametrize(
    ("html", "kinds"),
    [
        (
            "<p>{# A record's history:\n``events`` #}</p>",
            ["template", "template", "english", "english", "english"],
        ),
        ("<p>Составил: curator</p>", ["login"]),
        ("<p>Подписал: curator_a, файл «spisok-2026.xlsx», curator@school.ru</p>", ["login"]),
        ("<p>основание: seed 002 §10</p>", ["clause", "clause", "english"]),
        ("<p>Выгрузить в Excel · DOCX · PDF · раздел III · файл «spisok-2026-12-02.xlsx»</p>", []),
        ("<p>Учётная запись <code>curator</code></p><script>var x = 'hello';</script>", []),
        ("<p>Status: draft</p>", ["english", "english"]),
    ],
)
def test_the_checks_of_the_visible_text(html, kinds):
    # when a page's text is checked, then exactly the expected offences are found
    found = text_offences(visible_text(html), role="r", url="/", logins={"curator", "curator_a"})
    assert [o.kind for o in found] == kinds


def test_no_template_has_a_multi_line_comment():
    # given every template of the system (pages, e-mails)
    root = Path(nastavnik.__file__).parent
    templates = [p for p in root.rglob("*") if p.suffix in (".html", ".txt") and "templates" in p.parts]

    # then no «{#» runs past its line: Django prints such a comment (use {% comment %})
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\{#(?!.*#\})", line)
    ]
    assert templates and not found, found
