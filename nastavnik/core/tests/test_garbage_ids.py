"""Garbage ids in query strings and forms never give a 500 (issue 13: ``POST /bank/import/``
with ``organization=²``, ``/bank/mentors/add/?person=²``, ``/roles/assign/?person=²`` were 500s).

Every page without arguments, and the pages of a program, a roadmap, a document and the
self-assessment, is opened by each persona; every field name the page's HTML offers
(``name="…"``) and every name the views read by hand (``ID_NAMES``) is then sent with each
garbage value, in the query string and in a POST. The views read such ids through
``core.views.id_param`` or a form field, which treat them as absent or invalid.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

#: «²» passes ``str.isdigit()`` but not ``int()``; «1e3» is a float; the last overflows a BIGINT.
GARBAGE = ["²", "-1", "1e3", "99999999999999999999"]

#: Names the views read from GET/POST by hand (found by grepping ``GET.get(``/``POST.get(``).
ID_NAMES = [
    "person", "organization", "owner", "unit", "section", "item", "mentee", "mentor", "subject",
    "parent", "programs", "program", "pair", "status", "page", "year", "kind", "next",
    "route", "activity", "course", "tutor", "area", "sort",
]  # fmt: skip

#: Pages whose POST ends the session or that are not pages of the system.
SKIP = re.compile(r"^/(logout|admin|account/sessions|healthz|favicon)")

_NAME = re.compile(r'\bname="([^"]+)"')


def _plain_urls() -> list[str]:
    """The URLs of every pattern that takes no argument."""
    urls = []

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern) and "<" not in route and "(" not in route:
                urls.append("/" + route)

    walk(get_resolver().url_patterns)
    return [u for u in urls if not SKIP.match(u)]


def _object_urls(world) -> list[str]:
    """Pages of one object of each kind that read ids: a program (its requests and meetings), a
    roadmap (``section``, ``item``), a document kind (``organization``,
    ``subject``), a mentee's candidates, a draft route of the mentee (its activities, a diagnosis
    on it: ``person``, ``route``) and a course of the region (an application: ``person``,
    ``activity``)."""
    from nastavnik.development.choices import CourseFormat
    from nastavnik.development.services.courses import course_create
    from nastavnik.development.services.routes import route_create
    from nastavnik.mentoring.tests.helpers import draft_program
    from nastavnik.roadmaps.services import roadmap_create_from_blueprint

    program = draft_program(world)
    roadmap = roadmap_create_from_blueprint(
        owner=world.school_a, code="organization_002", year=2026, by=world.users["curator_a"]
    )
    route = route_create(
        by=world.users["curator_a"], person=world.mentee_a, title="Функциональная грамотность"
    )
    course = course_create(
        by=None,
        owner=world.region,
        title="Формирование функциональной грамотности",
        hours=36,
        provider="Институт развития образования",
        format=CourseFormat.MIXED,
    )
    return [
        route.get_absolute_url(),
        f"{route.get_absolute_url()}edit/",
        f"{route.get_absolute_url()}activities/new/",
        f"/development/diagnoses/new/?person={world.mentee_a.pk}&route={route.pk}",
        course.get_absolute_url(),
        f"{course.get_absolute_url()}apply/",
        program.get_absolute_url(),
        f"{program.get_absolute_url()}requests/add/",
        f"{program.get_absolute_url()}meetings/add/",
        roadmap.get_absolute_url(),
        f"{roadmap.get_absolute_url()}items/new/",
        f"{roadmap.get_absolute_url()}sections/new/",
        "/documents/new/order_pairs/",
        "/documents/new/mentee_consent/",
        f"/matching/mentees/{world.mentee_a.mentee_profile.pk}/",
        f"/people/{world.teacher_a.pk}/employments/add/",
    ]


#: The operator reaches every page of the region bound by the consent rule; the curator has
#: the widest rights to write (people, bank, programs, documents, roadmaps, roles).
@pytest.mark.parametrize("persona", ["operator", "curator_a"])
def test_garbage_ids_give_no_500(world, persona):
    # given a persona and every page that may read an id
    client = Client(raise_request_exception=False)
    client.force_login(world.users[persona])
    urls = _plain_urls() + _object_urls(world)
    failures = []
    for url in urls:
        # the names the page offers, and those read by hand
        first = client.get(url)
        if first.status_code not in (200, 405):
            continue
        names = set(ID_NAMES) | set(_NAME.findall(first.content.decode(errors="replace")))
        names -= {"csrfmiddlewaretoken"}
        posts = first.status_code == 405 or 'method="post"' in first.content.decode(errors="replace")
        for value in GARBAGE:
            data = dict.fromkeys(sorted(names), value)
            # when each is sent as garbage, in the address and in a form (where there is one)
            answers = [("GET", client.get(url, data))] + ([("POST", client.post(url, data))] if posts else [])
            for method, response in answers:
                # then the page answers without a server error
                if response.status_code >= 500:
                    failures.append(f"{method} {url} {value!r}: {response.status_code}")
    assert not failures, "\n".join(failures)
