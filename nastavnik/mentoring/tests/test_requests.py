"""Requests of the participants (seed 000 §5.1.1: the mentor asks to be released; §5.2.1: the
mentee asks for another mentor) and the manager's decisions: the pair ended with its reason, a new
mentor in the same program, a program left empty terminated; access per persona; garbage input."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from nastavnik.matching.tests.bank import active_mentor
from nastavnik.mentoring.choices import (
    EventKind,
    MeetingStatus,
    PairEndReason,
    ProgramStatus,
    RequestKind,
    RequestStatus,
)
from nastavnik.mentoring.models import Pair, PairRequest
from nastavnik.mentoring.selectors.meetings import meetings_context
from nastavnik.mentoring.selectors.participants import program_roles
from nastavnik.mentoring.services.requests import (
    pair_request_decide,
    pair_request_submit,
    pair_request_withdraw,
)
from nastavnik.mentoring.tests.helpers import second_mentee
from nastavnik.mentoring.tests.test_meetings import active_program, at, client_for, messages_of, schedule

pytestmark = pytest.mark.django_db


def the_pair(program) -> Pair:
    return program.pairs.get(ended_on__isnull=True)


def change_request(world, program, reason="Не совпадают графики работы") -> PairRequest:
    return pair_request_submit(
        pair=the_pair(program), by=world.users["mentee_a"], kind=RequestKind.CHANGE_MENTOR, reason=reason
    )


def new_mentor(world):
    """``teacher_a`` made an active mentor of school A with written consent."""
    active_mentor(world.teacher_a, world.school_a, capacity=3)
    return world.teacher_a


# --- submit and withdraw ----------------------------------------------------------------------------


def test_the_mentee_asks_to_replace_the_mentor_and_the_curators_are_told(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    # given an active program and a curator and a head with e-mails
    program = active_program(world)
    world.users["curator_a"].email = "curator@school1.ru"
    world.users["curator_a"].save()
    world.users["head_a"].email = "head@school1.ru"
    world.users["head_a"].save()

    # when the mentee files the request
    with django_capture_on_commit_callbacks(execute=True):
        request = change_request(world, program)

    # then it is pending, in the history, and the curator and the head got a letter
    assert request.status == RequestStatus.PENDING and request.author == world.users["mentee_a"]
    event = program.events.filter(kind=EventKind.REQUEST).get()
    assert event.summary == "Подано ходатайство наставляемого о замене наставника: " + (
        f"{world.mentor_a.full_name} → {world.mentee_a.full_name}"
    )
    assert len(mailoutbox) == 1
    letter = mailoutbox[0]
    assert sorted(letter.to) == ["curator@school1.ru", "head@school1.ru"]
    assert "Поступило ходатайство наставляемого о замене наставника" in letter.body
    assert "Не совпадают графики работы" in letter.body
    assert f"/programs/requests/{request.pk}/decide/" in letter.body


def test_no_letter_without_an_address(world, mailoutbox, django_capture_on_commit_callbacks):
    program = active_program(world)
    with django_capture_on_commit_callbacks(execute=True):
        change_request(world, program)
    assert mailoutbox == []


def test_each_kind_belongs_to_its_side_of_the_pair(world):
    program = active_program(world)
    pair = the_pair(program)
    with pytest.raises(PermissionDenied):
        pair_request_submit(pair=pair, by=world.users["mentor_a"], kind=RequestKind.CHANGE_MENTOR, reason="x")
    with pytest.raises(PermissionDenied):
        pair_request_submit(
            pair=pair, by=world.users["mentee_a"], kind=RequestKind.RELEASE_MENTOR, reason="x"
        )
    with pytest.raises(PermissionDenied):
        pair_request_submit(
            pair=pair, by=world.users["curator_a"], kind=RequestKind.CHANGE_MENTOR, reason="x"
        )
    request = pair_request_submit(
        pair=pair,
        by=world.users["mentor_a"],
        kind=RequestKind.RELEASE_MENTOR,
        reason="Перевожусь в другую школу",
    )
    assert request.kind == RequestKind.RELEASE_MENTOR


def test_one_pending_request_per_pair_with_a_russian_message(world):
    program = active_program(world)
    change_request(world, program)
    with pytest.raises(ValidationError) as error:
        pair_request_submit(
            pair=the_pair(program),
            by=world.users["mentor_a"],
            kind=RequestKind.RELEASE_MENTOR,
            reason="Прошу",
        )
    assert messages_of(error.value) == "По этой паре уже есть заявление на рассмотрении."
    assert PairRequest.objects.count() == 1


def test_a_request_needs_a_reason_an_open_pair_and_an_open_program(world):
    program = active_program(world)
    with pytest.raises(ValidationError) as error:
        change_request(world, program, reason="  ")
    assert "Изложите обоснование" in messages_of(error.value)
    program.status = ProgramStatus.COMPLETED
    program.save(update_fields=["status"])
    with pytest.raises(ValidationError) as error:
        change_request(world, program)
    assert "заявления по ней больше не подаются" in messages_of(error.value)


def test_the_author_withdraws_and_may_file_again(world):
    program = active_program(world)
    request = change_request(world, program)
    with pytest.raises(PermissionDenied):
        pair_request_withdraw(request=request, by=world.users["mentor_a"])
    pair_request_withdraw(request=request, by=world.users["mentee_a"])
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert program.events.filter(summary__startswith="Отозвано ходатайство").exists()
    with pytest.raises(ValidationError):
        pair_request_withdraw(request=request, by=world.users["mentee_a"])
    assert change_request(world, program).status == RequestStatus.PENDING


# --- decisions ----------------------------------------------------------------------------------------


def test_a_rejection_needs_a_comment_and_keeps_the_pair(world):
    program = active_program(world)
    request = change_request(world, program)
    curator = world.users["curator_a"]
    with pytest.raises(ValidationError) as error:
        pair_request_decide(request=request, by=curator, approve=False, comment="")
    assert "Укажите, почему заявление отклонено" in messages_of(error.value)

    pair_request_decide(request=request, by=curator, approve=False, comment="Проведём встречу с психологом")

    request.refresh_from_db()
    assert request.status == RequestStatus.REJECTED and request.decided_by == curator
    assert request.decision_comment == "Проведём встречу с психологом"
    assert the_pair(program).ended_on is None
    assert program.events.filter(summary__startswith="Отклонено ходатайство").exists()


def test_approval_with_a_new_mentor_replaces_the_mentor_in_the_same_program(world):
    # given a pending request of the mentee and an active mentor with free places
    program = active_program(world)
    old_pair = the_pair(program)
    request = change_request(world, program)
    replacement = new_mentor(world)

    # when the curator approves it and names the new mentor
    pair_request_decide(
        request=request, by=world.users["curator_a"], approve=True, comment="", new_mentor=replacement
    )

    # then the old pair ended today as «mentor replaced», a new pair works in the same program
    old_pair.refresh_from_db()
    assert old_pair.ended_on == timezone.localdate()
    assert old_pair.end_reason == PairEndReason.MENTOR_REPLACED
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    new_pair = request.new_pair
    assert (new_pair.mentor, new_pair.mentee, new_pair.program) == (replacement, world.mentee_a, program)
    assert new_pair.started_on == timezone.localdate() and new_pair.ended_on is None
    # and the program goes on, with the history of it
    program.refresh_from_db()
    assert program.status == ProgramStatus.ACTIVE
    kinds = list(program.events.values_list("kind", flat=True))
    assert {EventKind.REQUEST, EventKind.PAIR_ENDED, EventKind.MENTOR_REPLACED} <= set(kinds)
    replaced = program.events.get(kind=EventKind.MENTOR_REPLACED).summary
    assert f"вместо {world.mentor_a.full_name} наставник {replacement.full_name}" in replaced


def test_approval_without_a_new_mentor_ends_the_pair_and_terminates_the_empty_program(world):
    # given the mentor's request to be released and a planned meeting
    program = active_program(world)
    pair = the_pair(program)
    meeting = schedule(program, world.users["mentor_a"], "acquaintance", at(2))
    request = pair_request_submit(
        pair=pair, by=world.users["mentor_a"], kind=RequestKind.RELEASE_MENTOR, reason="Длительный отпуск"
    )

    # when the head approves it without a replacement
    pair_request_decide(request=request, by=world.users["head_a"], approve=True, comment="Согласовано")

    # then the pair ended as «mentor released» and the program without pairs is terminated
    pair.refresh_from_db()
    assert pair.end_reason == PairEndReason.MENTOR_RELEASED and pair.ended_on == timezone.localdate()
    program.refresh_from_db()
    assert program.status == ProgramStatus.TERMINATED
    assert program.terminated_on == timezone.localdate()
    assert "не осталось действующих пар" in program.termination_reason
    status_event = program.events.get(kind=EventKind.STATUS)
    assert status_event.to_status == ProgramStatus.TERMINATED
    assert program.events.filter(kind=EventKind.PAIR_ENDED).exists()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_a_group_goes_on_when_one_of_its_pairs_ends(world):
    program = active_program(world, mentees=[world.mentee_a, second_mentee(world)])
    pair = program.pairs.get(mentee=world.mentee_a)
    request = pair_request_submit(
        pair=pair, by=world.users["mentee_a"], kind=RequestKind.CHANGE_MENTOR, reason="Другой профиль"
    )
    pair_request_decide(request=request, by=world.users["curator_a"], approve=True)
    program.refresh_from_db()
    assert program.status == ProgramStatus.ACTIVE
    assert program.pairs.filter(ended_on__isnull=True).count() == 1


def test_a_new_mentor_refused_by_pairs_check_leaves_everything_as_it_was(world):
    from nastavnik.testing import factories as f

    program = active_program(world)
    request = change_request(world, program)
    not_a_mentor = f.staff_member(world.school_a, last_name="Случайная")

    with pytest.raises(ValidationError) as error:
        pair_request_decide(
            request=request, by=world.users["curator_a"], approve=True, new_mentor=not_a_mentor
        )
    assert "нет в банке наставников" in messages_of(error.value)
    with pytest.raises(ValidationError) as error:
        pair_request_decide(
            request=request, by=world.users["curator_a"], approve=True, new_mentor=world.mentor_a
        )
    assert "Новый наставник должен быть другим человеком" in messages_of(error.value)

    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert the_pair(program).ended_on is None


def test_only_a_manager_decides_and_only_once(world):
    # who decides is the page's concern (the service trusts its caller, as the program's do)
    program = active_program(world)
    request = change_request(world, program)
    for persona, status in (("mentee_a", 403), ("mentor_a", 403), ("coordinator", 403), ("curator_b", 404)):
        response = client_for(world, persona).post(
            f"/programs/requests/{request.pk}/decide/", {"decision": "reject", "comment": "Нет"}
        )
        assert response.status_code == status, persona
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    pair_request_decide(request=request, by=world.users["curator_a"], approve=False, comment="Нет оснований")
    with pytest.raises(ValidationError) as error:
        pair_request_decide(request=request, by=world.users["curator_a"], approve=True)
    assert "Заявление уже отклонено" in messages_of(error.value)


# --- the program page's section -------------------------------------------------------------------------


def test_the_requests_section_per_role(world):
    program = active_program(world)
    change_request(world, program, reason="Причина наставляемой")

    def section(persona: str) -> str:
        user = world.users[persona]
        context = meetings_context(program, user, program_roles(user, program))
        return render_to_string("mentoring/_program_requests.html", {**context, "user": user})

    curator = section("curator_a")
    assert "Причина наставляемой" in curator and "Рассмотреть" in curator
    mentee = section("mentee_a")
    assert "Причина наставляемой" in mentee and "Отозвать" in mentee and "Рассмотреть" not in mentee
    # the mentor does not see the mentee's request, and may still file their own
    mentor = section("mentor_a")
    assert "Причина наставляемой" not in mentor
    assert "Подать заявление" not in mentor  # one pending request per pair


# --- pages --------------------------------------------------------------------------------------------------


def test_the_mentee_files_a_request_through_the_page(world):
    program = active_program(world)
    client = client_for(world, "mentee_a")
    url = f"/programs/{program.pk}/requests/add/"
    page = client.get(url).content.decode()
    assert "ходатайство наставляемого о замене наставника" in page

    response = client.post(url, {"pair": the_pair(program).pk, "reason": "Прошу заменить наставника"})

    assert response.status_code == 302 and response["Location"] == f"/programs/{program.pk}/#requests"
    assert PairRequest.objects.get().kind == RequestKind.CHANGE_MENTOR


def test_the_curator_decides_through_the_page_with_a_new_mentor(world):
    program = active_program(world)
    request = change_request(world, program)
    replacement = new_mentor(world)
    client = client_for(world, "curator_a")
    url = f"/programs/requests/{request.pk}/decide/"
    page = client.get(url).content.decode()
    # the choice offers the active mentors with free places, not the current mentor
    assert replacement.full_name in page
    assert f'value="{world.mentor_a.pk}"' not in page

    response = client.post(url, {"decision": "approve", "comment": "", "new_mentor": replacement.pk})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED and request.new_pair.mentor == replacement


def test_the_curators_list_of_pending_requests(world):
    program = active_program(world)
    change_request(world, program)
    assert "Молодцова" in client_for(world, "curator_a").get("/programs/requests/").content.decode()
    assert "Молодцова" in client_for(world, "head_a").get("/programs/requests/?status=all").content.decode()
    assert "Молодцова" not in client_for(world, "curator_b").get("/programs/requests/").content.decode()
    assert client_for(world, "mentor_a").get("/programs/requests/").status_code == 403
    assert client_for(world, "curator_a").get("/programs/requests/?status=<script>&page=x").status_code in (
        200,
        404,
    )


@pytest.mark.parametrize(
    ("persona", "add", "decide", "withdraw"),
    [
        ("curator_a", 403, 200, 403),
        ("head_a", 403, 200, 403),
        ("mentor_a", 200, 403, 403),
        ("mentee_a", 200, 403, 200),
        ("coordinator", 403, 403, 403),
        ("curator_b", 404, 404, 404),
    ],
)
def test_request_pages_per_persona(world, persona, add, decide, withdraw):
    program = active_program(world)
    request = change_request(world, program)
    client = client_for(world, persona)
    assert client.get(f"/programs/{program.pk}/requests/add/").status_code == add
    assert client.get(f"/programs/requests/{request.pk}/decide/").status_code == decide
    assert client.get(f"/programs/requests/{request.pk}/withdraw/").status_code == withdraw


def test_withdraw_through_the_page(world):
    program = active_program(world)
    request = change_request(world, program)
    response = client_for(world, "mentee_a").post(f"/programs/requests/{request.pk}/withdraw/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"pair": "abc", "reason": ""},
        {"pair": "999999", "reason": "x" * 6000, "decision": "maybe", "new_mentor": "abc"},
        {"decision": "reject", "comment": "", "new_mentor": "999999"},
        {"decision": "approve", "new_mentor": "-1", "comment": "\x00"},
    ],
)
def test_garbage_input_never_gives_500(world, data):
    program = active_program(world)
    request = change_request(world, program)
    mentee = client_for(world, "mentee_a")
    curator = client_for(world, "curator_a")
    assert mentee.post(f"/programs/{program.pk}/requests/add/", data).status_code in (200, 302)
    assert curator.post(f"/programs/requests/{request.pk}/decide/", data).status_code in (200, 302)
    assert mentee.get("/programs/requests/abc/decide/").status_code == 404
    assert curator.get("/programs/requests/999999/decide/").status_code == 404


def test_a_pending_request_is_closed_when_the_program_is_terminated(world):
    from nastavnik.mentoring.services.programs import program_terminate

    program = active_program(world)
    request = change_request(world, program)
    program_terminate(program=program, by=world.users["curator_a"], reason="Увольнение наставника")
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    assert request.decided_by == world.users["curator_a"]
    assert "Увольнение наставника" in request.decision_comment
    with pytest.raises(ValidationError):
        pair_request_decide(request=request, by=world.users["curator_a"], approve=False, comment="поздно")


def test_a_terminated_program_cancels_its_planned_meetings_whoever_terminates_it(world):
    from nastavnik.mentoring.services.programs import program_terminate

    # given a program with a planned and a held-to-be meeting, terminated by the curator
    program = active_program(world)
    planned = schedule(program, world.users["mentor_a"], "planning", at(3))
    program_terminate(program=program, by=world.users["curator_a"], reason="Увольнение наставника")

    # then the planned meeting is cancelled, as when the last pair ends by a request
    planned.refresh_from_db()
    assert planned.status == MeetingStatus.CANCELLED and planned.notes == "Программа прекращена."
    summaries = list(program.events.values_list("summary", flat=True))
    assert "Отменены запланированные встречи (1): программа прекращается" in summaries


def test_meetings_context_reads_a_fixed_number_of_queries(world, django_assert_num_queries):
    # given held and planned meetings and a request
    program = active_program(world)
    mentor = world.users["mentor_a"]
    for code, days in (("acquaintance", -2), ("trial_working", -1), ("planning", 3), ("final", 9)):
        schedule(program, mentor, code, at(days))
    change_request(world, program)
    for persona, queries in (("curator_a", 4), ("mentee_a", 5)):
        user = world.users[persona]
        roles = program_roles(user, program)
        # then: meetings, attendance, meeting types, requests (and the participant's own pairs)
        with django_assert_num_queries(queries):
            meetings_context(program, user, roles)
