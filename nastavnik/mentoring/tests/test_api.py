"""Mentoring's REST API (issue 17, build 1) as the personas of the matrix world: programs, pairs,
meetings and requests narrowed to the pages' scope (and the consent rule, 152-ФЗ art. 9),
out-of-scope ids 404, the workflow's steps refused with a Russian 403 for a role without the right
and taken for one with it — the state changed, the same history and audit entries as the page's
button —, invalid input a 400 with Russian messages keyed by field, constant queries per page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nastavnik.audit.models import AuditEvent
from nastavnik.matching.tests.bank import mentee as mentee_card
from nastavnik.mentoring.choices import EventKind, MeetingStatus, ProgramStatus, RequestStatus
from nastavnik.mentoring.models import Meeting, Pair, PairRequest, PersonalizedProgram, ProgramEvent
from nastavnik.mentoring.services.meetings import MEETING_REFUSAL
from nastavnik.mentoring.services.programs import program_approve
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.mentoring.tests.test_programs_views import add_item
from nastavnik.people.consent import HIDDEN_PERSON
from nastavnik.reference.models import MeetingType
from nastavnik.testing import factories as f
from nastavnik.testing.api import api, ids
from nastavnik.testing.matrix import matrix_session
from nastavnik.testing.personas import ALL_PERSONAS

pytestmark = pytest.mark.django_db

PROGRAMS = "/api/v1/mentoring/programs/"
PAIRS = "/api/v1/mentoring/pairs/"
MEETINGS = "/api/v1/mentoring/meetings/"
REQUESTS = "/api/v1/mentoring/requests/"
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
REFUSAL = {"detail": "Нет прав на это действие."}


@pytest.fixture(scope="module")
def mw(django_db_setup, django_db_blocker):
    """The matrix world (school A: an active program of mentor_a and mentee_a with a meeting and
    a pending request of the mentee, and mentor_a's program with the mentee who withdrew the
    consent; school B: its own), built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), matrix_session(ALL_PERSONAS) as (matrix, _clients):
        yield matrix


def russian_400(response, field: str) -> str:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"] == "Проверьте введённые данные."
    message = body["errors"][field][0]
    assert CYRILLIC.search(message), message
    return message


_counter = iter(range(1000))


def approvable(mw) -> PersonalizedProgram:
    """A draft program of school A ready to be approved: mentor_a with a new young teacher (in
    the bank, with the written consent), a curator and one activity of the plan."""
    world = mw.world
    young = f.staff_member(world.school_a, last_name=f"Новикова{next(_counter)}")
    mentee_card(young, world.school_a)
    program = draft_program(world, mentees=[young], curator=world.teacher_a)
    add_item(program, world)
    return program


def journal(program: PersonalizedProgram, since_event: int, since_audit: int):
    """What a step wrote: the program's events ``(kind, from, to, author)`` and its audit entries
    ``(action, actor, changed fields)`` after the given ids."""
    events = [
        (e.kind, e.from_status, e.to_status, e.author_id)
        for e in ProgramEvent.objects.filter(program=program, pk__gt=since_event).order_by("pk")
    ]
    content_type = ContentType.objects.get_for_model(PersonalizedProgram)
    audit = [
        (a.action, a.actor_id, sorted(a.changes_dict))
        for a in AuditEvent.objects.filter(
            content_type=content_type, object_pk=str(program.pk), pk__gt=since_audit
        ).order_by("pk")
    ]
    return events, audit


def marks() -> tuple[int, int]:
    last_event = ProgramEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_audit = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return last_event, last_audit


# --- scope ---------------------------------------------------------------------------------------


def test_program_list_is_the_page_scope(mw):
    a, partner, b = (
        mw.objects["a"]["program"],
        mw.objects["a"]["partner_program"],
        mw.objects["b"]["program"],
    )
    for persona, expected in (
        ("curator_a", {a.pk, partner.pk}),
        ("head_a", {a.pk, partner.pk}),
        ("coordinator", {a.pk}),  # the program of the mentee without a consent is not theirs to see
        ("operator", {a.pk, b.pk}),
        ("mentor_a", {a.pk}),
        ("mentee_a", {a.pk}),
        ("curator_b", {b.pk}),
        ("national", set()),
    ):
        seen = ids(api(mw, persona).get(PROGRAMS, {"page_size": 500}))
        assert seen & {a.pk, partner.pk, b.pk} == expected, persona
        assert seen == set(
            PersonalizedProgram.objects.for_user(mw.users[persona]).values_list("pk", flat=True)
        ), persona
    assert api(mw, "anonymous").get(PROGRAMS).status_code == 401


def test_program_detail_shows_the_page(mw):
    program = mw.objects["a"]["program"]
    response = api(mw, "curator_a").get(f"{PROGRAMS}{program.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == ProgramStatus.ACTIVE and body["status_label"] == "Реализуется"
    assert [p["mentee"]["name"] for p in body["pairs"]] == [mw.world.mentee_a.full_name]
    assert body["plan"] and body["plan"][0]["evidence_url"].startswith("/programs/plan/")
    assert "terminate" in body["actions"] and "approve" not in body["actions"]
    # the participants see the program but take no step of its workflow
    assert api(mw, "mentee_a").get(f"{PROGRAMS}{program.pk}/").json()["actions"] == []


def test_a_participant_without_consent_is_hidden_from_the_others(mw):
    """The curator sees the mentee who withdrew the consent by name; in a list that shows the
    program to someone else (here: a group of the same mentor with a consenting mentee, seen
    by that mentee) the name is replaced and the id withheld (152-ФЗ art. 9)."""
    partner = mw.objects["a"]["partner_program"]
    curator = api(mw, "curator_a").get(f"{PROGRAMS}{partner.pk}/").json()
    assert curator["pairs"][0]["mentee"]["name"] == mw.world.no_consent.full_name

    # the mentee of A joins the partner program's group: their own pair is consented, so they
    # reach the program, and must not read their fellow's name
    Pair.objects.filter(mentee=mw.world.mentee_a, ended_on__isnull=True).update(ended_on=timezone.localdate())
    Pair.objects.create(
        mentor=mw.world.mentor_a,
        mentee=mw.world.mentee_a,
        organization=mw.world.school_a,
        program=partner,
        started_on=timezone.localdate(),
    )
    response = api(mw, "mentee_a").get(f"{PROGRAMS}{partner.pk}/")
    assert response.status_code == 200
    mentees = {p["mentee"]["name"]: p["mentee"]["id"] for p in response.json()["pairs"]}
    assert mentees[HIDDEN_PERSON] is None
    assert "Отозванова" not in response.content.decode()
    listed = api(mw, "mentee_a").get(PROGRAMS)
    assert "Отозванова" not in listed.content.decode()


def test_out_of_scope_ids_are_404(mw):
    b = mw.objects["b"]
    client = api(mw, "curator_a")
    pair_b = b["program"].pairs.first()
    for method, url in (
        ("get", f"{PROGRAMS}{b['program'].pk}/"),
        ("post", f"{PROGRAMS}{b['program'].pk}/terminate/"),
        ("get", f"{PAIRS}{pair_b.pk}/"),
        ("get", f"{MEETINGS}{b['meeting'].pk}/"),
        ("post", f"{MEETINGS}{b['meeting'].pk}/cancel/"),
        ("get", f"{REQUESTS}{b['request'].pk}/"),
        ("post", f"{REQUESTS}{b['request'].pk}/decide/"),
    ):
        response = (
            getattr(client, method)(url, {"reason": "x"}, format="json")
            if method == "post"
            else client.get(url)
        )
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Не найдено."}
    assert b["program"].status == PersonalizedProgram.objects.get(pk=b["program"].pk).status


def test_pairs_and_meetings_lists_are_the_scope(mw):
    a, b = mw.objects["a"], mw.objects["b"]
    pair_a = a["program"].pairs.get()
    pair_b = b["program"].pairs.get()
    assert pair_a.pk in ids(api(mw, "coordinator").get(PAIRS, {"page_size": 500}))
    assert pair_b.pk not in ids(api(mw, "coordinator").get(PAIRS, {"page_size": 500}))
    assert ids(api(mw, "mentee_a").get(PAIRS)) == {pair_a.pk}
    assert ids(api(mw, "curator_a").get(PAIRS, {"q": "Молодцова"})) == {pair_a.pk}
    assert a["meeting"].pk in ids(api(mw, "mentor_a").get(MEETINGS, {"page_size": 500}))
    assert b["meeting"].pk not in ids(api(mw, "operator").get(MEETINGS, {"program": a["program"].pk}))
    russian_400(api(mw, "curator_a").get(MEETINGS, {"status": "нет"}), "status")
    for garbage in ("99999999999999999999", "1.5", "-1", "abc"):
        for url in (PAIRS, MEETINGS, REQUESTS):
            russian_400(api(mw, "curator_a").get(url, {"program": garbage}), "program")


# --- the program's workflow ----------------------------------------------------------------------


def test_approve_refused_in_russian_then_done_as_the_page_does(mw):
    program = approvable(mw)
    url = f"{PROGRAMS}{program.pk}/approve/"
    for persona in ("mentor_a", "mentee_a", "coordinator", "operator"):
        response = api(mw, persona).post(url, {"comment": "Согласовано"}, format="json")
        assert response.status_code in (403, 404), persona
        if response.status_code == 403:
            assert response.json() == REFUSAL, persona
    assert api(mw, "curator_b").post(url, {}, format="json").status_code == 404
    program.refresh_from_db()
    assert program.status == ProgramStatus.DRAFT

    event_mark, audit_mark = marks()
    response = api(mw, "curator_a").post(url, {"comment": "Согласовано"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ProgramStatus.APPROVED
    program.refresh_from_db()
    assert program.status == ProgramStatus.APPROVED and program.approved_on == timezone.localdate()
    by_api = journal(program, event_mark, audit_mark)

    # the page's button on a twin program writes the same
    twin = approvable(mw)
    event_mark, audit_mark = marks()
    page = api(mw, "curator_a")
    assert page.post(f"/programs/{twin.pk}/approve/", {"comment": "Согласовано"}).status_code == 302
    by_page = journal(twin, event_mark, audit_mark)
    assert by_api == by_page
    assert by_api[0] == [
        (EventKind.STATUS, ProgramStatus.DRAFT, ProgramStatus.APPROVED, mw.users["curator_a"].pk)
    ]
    assert all(actor == mw.users["curator_a"].pk for _action, actor, _fields in by_api[1])


def test_a_draft_changed_under_optimistic_locking(mw):
    """Two clients read the same draft; the first change is saved, the second — made over the old
    version — is refused with 409 and the stored program, nothing overwritten (issue 17, build 7)."""
    from nastavnik.core.concurrency import CONFLICT_MESSAGE

    program = approvable(mw)
    url = f"{PROGRAMS}{program.pk}/"
    client = api(mw, "curator_a")
    version = client.get(url).json()["version"]
    assert (
        api(mw, "mentor_a").patch(url, {"version": version, "goals": "Мои цели"}, format="json").json()
        == REFUSAL
    )
    assert russian_400(client.patch(url, {"goals": "Без версии"}, format="json"), "version")
    russian_400(
        client.patch(url, {"version": version, "curator": mw.world.teacher_b.pk}, format="json"), "curator"
    )
    russian_400(client.patch(url, {"version": version, "direction": ""}, format="json"), "direction")

    first = client.patch(url, {"version": version, "goals": "Освоить формирующее оценивание"}, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["goals"] == "Освоить формирующее оценивание"
    assert first.json()["version"] > version

    second = api(mw, "head_a").patch(url, {"version": version, "goals": "Другие цели"}, format="json")
    assert second.status_code == 409
    body = second.json()
    assert body["detail"] == CONFLICT_MESSAGE and body["errors"] == {"version": [CONFLICT_MESSAGE]}
    assert body["current"]["goals"] == "Освоить формирующее оценивание"
    assert PersonalizedProgram.objects.get(pk=program.pk).goals == "Освоить формирующее оценивание"
    # an active program is not edited: the service says so
    active = mw.objects["a"]["program"]
    active.refresh_from_db()
    russian_400(
        client.patch(f"{PROGRAMS}{active.pk}/", {"version": active.version, "goals": "x"}, format="json"),
        "non_field_errors",
    )


def test_a_program_lacking_what_approval_needs_is_a_400(mw):
    world = mw.world
    young = f.staff_member(world.school_a, last_name="Безпланова")
    mentee_card(young, world.school_a)
    program = draft_program(world, mentees=[young], curator=world.teacher_a)  # no plan
    message = russian_400(
        api(mw, "curator_a").post(f"{PROGRAMS}{program.pk}/approve/", {}, format="json"), "non_field_errors"
    )
    assert message.startswith("Программу нельзя утвердить")
    program.refresh_from_db()
    assert program.status == ProgramStatus.DRAFT


def test_return_and_terminate_need_their_texts(mw):
    program = mw.objects["a"]["program"]
    client = api(mw, "curator_a")
    for body in ({}, {"reason": ""}, {"reason": "   "}):
        message = russian_400(
            client.post(f"{PROGRAMS}{program.pk}/terminate/", body, format="json"), "reason"
        )
        assert message == "Укажите основание прекращения программы."
    # the return applies to an approved program only: the service says why, in Russian
    russian_400(
        client.post(f"{PROGRAMS}{program.pk}/return/", {"comment": "Доработать цели"}, format="json"),
        "non_field_errors",
    )
    assert russian_400(client.post(f"{PROGRAMS}{program.pk}/return/", {}, format="json"), "comment") == (
        "Укажите, что нужно доработать в программе."
    )
    assert PersonalizedProgram.objects.get(pk=program.pk).status == ProgramStatus.ACTIVE


def test_terminate_by_the_head_ends_the_pairs(mw):
    program = mw.objects["a"]["program"]
    assert (
        api(mw, "mentor_a")
        .post(f"{PROGRAMS}{program.pk}/terminate/", {"reason": "Увольнение"}, format="json")
        .json()
        == REFUSAL
    )
    response = api(mw, "head_a").post(
        f"{PROGRAMS}{program.pk}/terminate/", {"reason": "Увольнение наставника"}, format="json"
    )
    assert response.status_code == 200, response.content
    program.refresh_from_db()
    assert program.status == ProgramStatus.TERMINATED
    assert program.termination_reason == "Увольнение наставника"
    assert not program.pairs.filter(ended_on__isnull=True).exists()
    assert ProgramEvent.objects.filter(
        program=program, to_status=ProgramStatus.TERMINATED, author=mw.users["head_a"]
    ).exists()


def test_advance_stage(mw):
    program = program_approve(program=approvable(mw), by=mw.users["curator_a"])
    before = program.stage
    assert (
        api(mw, "mentor_a").post(f"{PROGRAMS}{program.pk}/advance-stage/", {}, format="json").json()
        == REFUSAL
    )
    response = api(mw, "curator_a").post(f"{PROGRAMS}{program.pk}/advance-stage/", {}, format="json")
    assert response.status_code == 200, response.content
    program.refresh_from_db()
    assert program.status == ProgramStatus.APPROVED
    assert program.stage.sort_order > before.sort_order
    assert response.json()["stage"]["id"] == program.stage_id


# --- meetings ------------------------------------------------------------------------------------


def _meeting_body(program, **fields) -> dict:
    return {
        "program": program.pk,
        "meeting_type": MeetingType.objects.get(code="consecutive_series").pk,
        "starts_at": (timezone.now() + dt.timedelta(days=5)).isoformat(),
        "format": "online",
        "place": "https://vk.com/call",
        "agenda": "Разбор урока",
        **fields,
    }


def test_meeting_planned_by_the_mentor_refused_to_the_mentee(mw):
    program = mw.objects["a"]["program"]
    response = api(mw, "mentee_a").post(MEETINGS, _meeting_body(program), format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": MEETING_REFUSAL}
    count = Meeting.objects.filter(program=program).count()

    event_mark, _ = marks()
    response = api(mw, "mentor_a").post(MEETINGS, _meeting_body(program), format="json")
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.status == MeetingStatus.PLANNED and meeting.created_by == mw.users["mentor_a"]
    assert Meeting.objects.filter(program=program).count() == count + 1
    assert ProgramEvent.objects.filter(
        program=program, kind=EventKind.MEETING, pk__gt=event_mark, author=mw.users["mentor_a"]
    ).exists()

    response = api(mw, "mentor_a").post(f"{MEETINGS}{meeting.pk}/cancel/", {}, format="json")
    assert russian_400(response, "reason") == "Укажите причину отмены."
    response = api(mw, "mentor_a").post(
        f"{MEETINGS}{meeting.pk}/cancel/", {"reason": "Болезнь"}, format="json"
    )
    assert response.status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED


def test_meeting_invalid_input_is_a_russian_400_by_field(mw):
    program = mw.objects["a"]["program"]
    client = api(mw, "mentor_a")
    before = Meeting.objects.count()
    russian_400(client.post(MEETINGS, _meeting_body(program, agenda=""), format="json"), "agenda")
    russian_400(
        client.post(MEETINGS, _meeting_body(program, duration_minutes=1000), format="json"),
        "duration_minutes",
    )
    russian_400(client.post(MEETINGS, _meeting_body(program, starts_at="завтра"), format="json"), "starts_at")
    # a program out of scope reads as a wrong id
    russian_400(client.post(MEETINGS, _meeting_body(mw.objects["b"]["program"]), format="json"), "program")
    # the service's rule: the date within the program's period
    late = (timezone.now() + dt.timedelta(days=800)).isoformat()
    russian_400(client.post(MEETINGS, _meeting_body(program, starts_at=late), format="json"), "starts_at")
    assert Meeting.objects.count() == before


def test_meeting_recorded_by_the_mentor_with_attendance(mw):
    program = mw.objects["a"]["program"]
    meeting = Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="consecutive_series"),
        starts_at=timezone.now() - dt.timedelta(hours=2),
        agenda="Разбор урока",
    )
    url = f"{MEETINGS}{meeting.pk}/record/"
    everyone = [
        {"person": mw.world.mentor_a.pk, "present": True},
        {"person": mw.world.mentee_a.pk, "present": False},
    ]
    response = api(mw, "mentee_a").post(url, {"notes": "Итоги", "attendance": everyone}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": MEETING_REFUSAL}
    client = api(mw, "mentor_a")
    assert (
        russian_400(client.post(url, {"attendance": everyone}, format="json"), "notes")
        == "Опишите итоги встречи."
    )
    russian_400(client.post(url, {"notes": "Итоги", "attendance": everyone[:1]}, format="json"), "attendance")
    response = client.post(url, {"notes": "Итоги", "attendance": [{"person": "x"}]}, format="json")
    assert response.status_code == 400
    nested = response.json()["errors"]["attendance"]  # by the row's index, then the row's field
    row = nested["0"] if isinstance(nested, dict) else nested[0]
    assert CYRILLIC.search(row["person"][0]) and CYRILLIC.search(row["present"][0])
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED

    response = client.post(url, {"notes": "Разобрали урок", "attendance": everyone}, format="json")
    assert response.status_code == 200, response.content
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.notes == "Разобрали урок"
    assert dict(meeting.attendance.values_list("person_id", "present")) == {
        mw.world.mentor_a.pk: True,
        mw.world.mentee_a.pk: False,
    }


# --- requests ------------------------------------------------------------------------------------


def test_request_filed_by_the_participant_it_belongs_to(mw):
    from nastavnik.mentoring.services.requests import pair_request_decide

    pending = mw.objects["a"]["request"]
    pair = pending.pair
    body = {"pair": pair.pk, "kind": "release_mentor", "reason": "Перехожу в другую школу"}
    # one request at a time on a pair: the service says so
    russian_400(api(mw, "mentor_a").post(REQUESTS, body, format="json"), "non_field_errors")
    pair_request_decide(request=pending, by=mw.users["curator_a"], approve=False, comment="Нет оснований")

    response = api(mw, "mentee_a").post(REQUESTS, body, format="json")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Заявление о сложении обязанностей наставника подаёт наставник этой пары."
    }
    assert russian_400(
        api(mw, "mentor_a").post(REQUESTS, {**body, "reason": " "}, format="json"), "reason"
    ) == ("Изложите обоснование.")
    # a pair of another school reads as a wrong id
    other = mw.objects["b"]["program"].pairs.get()
    russian_400(api(mw, "mentor_a").post(REQUESTS, {**body, "pair": other.pk}, format="json"), "pair")

    response = api(mw, "mentor_a").post(REQUESTS, body, format="json")
    assert response.status_code == 201, response.content
    filed = PairRequest.objects.get(pk=response.json()["id"])
    assert filed.status == RequestStatus.PENDING and filed.author == mw.users["mentor_a"]
    assert filed.kind == "release_mentor" and filed.pair == pair
    assert ProgramEvent.objects.filter(request=filed, kind=EventKind.REQUEST).exists()


def test_requests_scope(mw):
    request = mw.objects["a"]["request"]
    assert request.pk in ids(api(mw, "curator_a").get(REQUESTS, {"page_size": 500}))
    assert ids(api(mw, "mentee_a").get(REQUESTS)) == {request.pk}
    # the mentee's request to replace the mentor is not shown to that mentor
    assert request.pk not in ids(api(mw, "mentor_a").get(REQUESTS))
    assert api(mw, "mentor_a").get(f"{REQUESTS}{request.pk}/").status_code == 404
    assert ids(api(mw, "curator_a").get(REQUESTS, {"status": "approved"})) == set()


def test_request_decided_by_the_curator_refused_to_others(mw):
    request = mw.objects["a"]["request"]
    url = f"{REQUESTS}{request.pk}/decide/"
    assert (
        api(mw, "coordinator").post(url, {"decision": "reject", "comment": "Нет"}, format="json").json()
        == REFUSAL
    )
    assert russian_400(api(mw, "curator_a").post(url, {"decision": "reject"}, format="json"), "comment") == (
        "Укажите, почему заявление отклонено."
    )
    russian_400(api(mw, "curator_a").post(url, {"decision": "может быть"}, format="json"), "decision")
    russian_400(
        api(mw, "curator_a").post(
            url, {"decision": "approve", "new_mentor": mw.world.teacher_b.pk}, format="json"
        ),
        "new_mentor",
    )
    assert PairRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING

    event_mark, _ = marks()
    response = api(mw, "curator_a").post(
        url, {"decision": "reject", "comment": "Расписание согласовано"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == RequestStatus.REJECTED
    request.refresh_from_db()
    assert request.status == RequestStatus.REJECTED and request.decided_by == mw.users["curator_a"]
    assert ProgramEvent.objects.filter(kind=EventKind.REQUEST, request=request, pk__gt=event_mark).exists()


def test_request_withdrawn_by_its_author_only(mw):
    request = mw.objects["a"]["request"]
    url = f"{REQUESTS}{request.pk}/withdraw/"
    response = api(mw, "curator_a").post(url, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Отозвать заявление может только тот, кто его подал."}
    response = api(mw, "mentee_a").post(url, format="json")
    assert response.status_code == 200, response.content
    assert PairRequest.objects.get(pk=request.pk).status == RequestStatus.WITHDRAWN


# --- queries -------------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": 500})
    assert response.status_code == 200
    return len(captured)


def test_lists_cost_the_same_queries_at_any_length(mw):
    client = api(mw, "curator_a")
    urls = (PROGRAMS, PAIRS, MEETINGS, REQUESTS)
    small = {url: _queries(client, url) for url in urls}
    meeting_type = MeetingType.objects.get(code="consecutive_series")
    for _ in range(3):
        program = approvable(mw)
        Meeting.objects.create(
            program=program, meeting_type=meeting_type, starts_at=timezone.now(), agenda="Повестка"
        )
        PairRequest.objects.create(pair=program.pairs.get(), kind="change_mentor", reason="Причина")
    large = {url: _queries(client, url) for url in urls}
    assert large == small


def test_start_after_approval(mw):
    program = program_approve(program=approvable(mw), by=mw.users["curator_a"])
    url = f"{PROGRAMS}{program.pk}/start/"
    assert api(mw, "mentor_a").post(url, {}, format="json").json() == REFUSAL
    response = api(mw, "head_a").post(url, {"comment": "Начинаем"}, format="json")
    assert response.status_code == 200, response.content
    program.refresh_from_db()
    assert program.status == ProgramStatus.ACTIVE
    assert ProgramEvent.objects.filter(
        program=program, to_status=ProgramStatus.ACTIVE, author=mw.users["head_a"], comment="Начинаем"
    ).exists()
    # a second start: the service refuses the transition, in Russian
    russian_400(api(mw, "head_a").post(url, {}, format="json"), "non_field_errors")
