"""The council member and the psychologist find work on their home page (issue 13: their homes
were a few counters with nothing to do). The tutor's work lists (issue 18) are tested in
``development/tests/test_tutors_pages.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from nastavnik.core.home import home_context
from nastavnik.matching.services import compatibility_mark_set
from nastavnik.mentoring.choices import MeetingStatus
from nastavnik.mentoring.models import Meeting
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.mentoring.tests.test_completion import activate
from nastavnik.reference.models import MeetingType
from nastavnik.testing.personas import extend_world

pytestmark = pytest.mark.django_db


def _lists(user) -> dict:
    """The home page's work lists of ``user``: title → [(text, note)]."""
    return {w.title: [(i.text, i.note) for i in w.items] for w in home_context(user)["work_lists"]}


@pytest.fixture
def program(world):
    """An active program of school A (mentor_a with mentee_a) ending in ten days, with a
    meeting planned yesterday and not recorded."""
    extend_world(world)
    program = activate(draft_program(world))
    today = timezone.localdate()
    type(program).objects.filter(pk=program.pk).update(
        starts_on=today - dt.timedelta(days=100), ends_on=today + dt.timedelta(days=10)
    )
    program.refresh_from_db()
    Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="final"),
        starts_at=timezone.now() - dt.timedelta(days=1),
        agenda="Итоги",
        status=MeetingStatus.PLANNED,
    )
    return program


def test_the_council_member_sees_overdue_meetings_and_missing_reports(world, program):
    # when the member of school A's mentor council opens the home page
    lists = _lists(world.users["council_a"])

    # then the meeting not recorded and the program ending without the mentor's report are listed
    (meeting,) = lists["Встречи пар: просроченные и ближайшие"]
    assert meeting[0] == str(program) and "не отмечена" in meeting[1]
    assert [text for text, _ in lists["Программы, завершающиеся без отчёта наставника"]] == [str(program)]
    # and nobody else gets the council's lists
    assert "Встречи пар: просроченные и ближайшие" not in _lists(world.users["curator_a"])


def test_the_psychologist_sees_pairs_to_mark_and_pairs_in_trouble(world, program):
    psychologist = world.users["psychologist_a"]
    pair = program.pairs.get()

    # then the working pair without a mark waits for one, linked to the filled form
    lists = _lists(psychologist)
    assert str(pair) in [text for text, _ in lists["Пары без оценки совместимости"]]
    page = Client()
    page.force_login(psychologist)
    html = page.get("/").content.decode()
    assert f"?mentor={pair.mentor.mentor_profile.pk}&amp;mentee={pair.mentee.mentee_profile.pk}" in html

    # when the psychologist marks the two incompatible
    compatibility_mark_set(mentor=pair.mentor, mentee=pair.mentee, mark=-2, by=psychologist)

    # then the pair leaves the first list for the pairs that need support
    lists = _lists(psychologist)
    assert str(pair) not in [text for text, _ in lists["Пары без оценки совместимости"]]
    assert (str(pair), "по оценке несовместимы") in lists["Пары, которым нужна поддержка"]
