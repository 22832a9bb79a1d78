"""Reads of meetings and requests: the program page's sections (seed 003 §4.7: the five steps of
a pair's work; seed 000 §5.1.1, §5.2.1: the participants' requests) and the home page's upcoming
meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from nastavnik.mentoring.choices import (
    MEETING_TYPE_ORDER,
    MeetingStatus,
    ProgramStatus,
    RequestKind,
    RequestStatus,
)
from nastavnik.mentoring.models import Meeting, MeetingAttendance, Pair, PairRequest
from nastavnik.people.consent import hide_unconsented

#: Statuses of a program whose pairs meet (seed 003 §4.7).
MEETING_PROGRAM_STATUSES = (ProgramStatus.APPROVED, ProgramStatus.ACTIVE)

#: Meeting type code → its short name in the progress line.
STEP_LABELS = {
    "acquaintance": "встреча-знакомство",
    "trial_working": "пробная",
    "planning": "планирование",
    "consecutive_series": "серия",
    "final": "итоговая",
}


@dataclass(frozen=True)
class MeetingStep:
    """One of the five steps of a pair's work (seed 003 §4.7) and how far it is: ``held`` and
    ``planned`` count the meetings of its type."""

    code: str
    name: str
    short: str
    held: int
    planned: int

    @property
    def done(self) -> bool:
        return self.held > 0

    @property
    def state(self) -> str:
        """Short Russian state: «✓», «запланирована», «—»; for the series «3 проведено»."""
        if self.code == "consecutive_series":
            if self.held:
                return f"{self.held} {_held_word(self.held)}"
            return "запланирована" if self.planned else "—"
        if self.held:
            return "✓"
        return "запланирована" if self.planned else "—"

    @property
    def label(self) -> str:
        separator = ": " if self.code == "consecutive_series" else " "
        return f"{self.short}{separator}{self.state}"


def _held_word(n: int) -> str:
    """«проведена» after 1, 21…; «проведено» otherwise (Russian agreement with a number)."""
    return "проведена" if n % 10 == 1 and n % 100 != 11 else "проведено"


def meeting_steps(meetings) -> list[MeetingStep]:
    """The five steps in their order with the counts of held and planned meetings of each type
    among ``meetings`` (with ``meeting_type`` loaded); types missing from the reference are
    skipped."""
    from nastavnik.reference.models import MeetingType

    names = dict(MeetingType.objects.filter(code__in=MEETING_TYPE_ORDER).values_list("code", "name"))
    held: dict[str, int] = {}
    planned: dict[str, int] = {}
    for meeting in meetings:
        code = meeting.meeting_type.code
        if meeting.status == MeetingStatus.HELD:
            held[code] = held.get(code, 0) + 1
        elif meeting.status == MeetingStatus.PLANNED:
            planned[code] = planned.get(code, 0) + 1
    return [
        MeetingStep(code, names[code], STEP_LABELS[code], held.get(code, 0), planned.get(code, 0))
        for code in MEETING_TYPE_ORDER
        if code in names
    ]


def program_meetings(program) -> list[Meeting]:
    """Meetings of ``program`` ordered by time, with type and ``attendance_list`` (participants
    by name) loaded; three queries."""
    return list(
        program.meetings.select_related("meeting_type")
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=MeetingAttendance.objects.select_related("person").order_by(
                    "person__last_name", "person__first_name"
                ),
                to_attr="attendance_list",
            )
        )
        .order_by("starts_at", "pk")
    )


def requestable_pairs(program, user) -> list[tuple[Pair, str]]:
    """``[(pair, kind)]``: the open pairs of an open ``program`` on which ``user`` may file a
    request now — as the mentee ``change_mentor``, as the mentor ``release_mentor`` — without a
    pending one (seed 000 §5.1.1, §5.2.1)."""
    from nastavnik.access.scope import get_scope

    if not program.is_open or not getattr(user, "is_authenticated", False) or user.is_superuser:
        return []
    person_id = get_scope(user).person_id
    if person_id is None:
        return []
    pairs = (
        program.pairs.filter(ended_on__isnull=True)
        .filter(Q(mentor_id=person_id) | Q(mentee_id=person_id))
        .exclude(requests__status=RequestStatus.PENDING)
        .select_related("mentor", "mentee")
        .order_by("mentee__last_name", "pk")
    )
    return [
        (pair, RequestKind.CHANGE_MENTOR if pair.mentee_id == person_id else RequestKind.RELEASE_MENTOR)
        for pair in pairs
    ]


def program_requests(program, user, roles) -> list[PairRequest]:
    """Requests on the pairs of ``program`` that ``user`` may see, newest first, by the one rule
    of the request's own pages and of the program's history (``PairRequest.scope_filter``): its
    managers see all; those who oversee it, those of pairs whose people consented to
    personal-data processing; a participant only the requests they filed (a request goes to the
    curator and the head, not to the other side of the pair). ``roles`` is kept for the
    callers."""
    requests = (
        PairRequest.objects.for_user(user)
        .filter(pair__program=program)
        .select_related(
            "pair__mentor", "pair__mentee", "new_pair__mentor", "author__person", "decided_by__person"
        )
    )
    return list(requests.order_by("-submitted_at", "-pk"))


def meetings_context(program, user, roles, *, unconsented: set[int] | None = None) -> dict:
    """Template context of the meetings and requests sections of the program page
    (``mentoring/_program_meetings.html``, ``mentoring/_program_requests.html``).

    Keys: ``meetings`` (with ``attendance_list``), ``meeting_steps`` (:class:`MeetingStep`, seed
    003 §4.7), ``meeting_progress`` («встреча-знакомство ✓, пробная ✓, планирование —, серия: 3
    проведено, итоговая —»), ``can_manage_meetings`` (the manager or the mentor of an approved or
    active program), ``meetings_note`` (why meetings cannot be planned now, or ""),
    ``pair_requests``, ``can_decide_requests`` (the manager), ``requestable_pairs`` (``[(pair,
    kind)]``), ``can_file_request`` and ``meetings_now``. A fixed number of queries, whatever the
    number of meetings and requests. Names of people the user must not see are hidden
    (``people.consent.hide_unconsented``).
    """
    meetings = program_meetings(program)
    # A participant who withdrew the consent to personal-data processing is not named in the
    # attendance but to the curator and the head (152-ФЗ art. 9); ``unconsented``: the ids of the
    # program's people without a consent when the caller knows them (saves a query).
    hide_unconsented(
        user, [a for m in meetings for a in m.attendance_list], "person", unconsented=unconsented
    )
    steps = meeting_steps(meetings)
    may_act = bool(roles.manager or roles.mentor or getattr(user, "is_superuser", False))
    meets = program.status in MEETING_PROGRAM_STATUSES
    if program.status == ProgramStatus.DRAFT:
        note = "Программа ещё не утверждена: встречи планируются после её утверждения."
    elif not meets:
        note = f"Программа {program.get_status_display().lower()}: встречи больше не планируются."
    else:
        note = ""
    pairs = requestable_pairs(program, user) if roles.participant else []
    return {
        "program": program,
        "meetings": meetings,
        "meeting_steps": steps,
        "meeting_progress": ", ".join(step.label for step in steps),
        "can_manage_meetings": may_act and meets,
        "meetings_note": note,
        "meetings_now": timezone.now(),
        "pair_requests": program_requests(program, user, roles),
        "can_decide_requests": bool(roles.manager or getattr(user, "is_superuser", False)),
        "requestable_pairs": pairs,
        "can_file_request": bool(pairs),
    }


def upcoming_meetings_for(user, *, days: int = 7, limit: int = 20, now: dt.datetime | None = None) -> list:
    """Planned meetings of approved or active programs in the next ``days`` that concern
    ``user``: as a mentor or mentee of an open pair of the program, or as a curator or head of
    its organization. At most one query (after the cached scope); ``[]`` for a user with no such
    role and for a superuser."""
    from nastavnik.access.choices import Action
    from nastavnik.access.scope import get_scope

    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return []
    scope = get_scope(user)
    # the organizations whose programs the user runs (the curator's, the head's)
    units = list(scope.unit_ids("personalizedprogram", Action.CHANGE))
    if not units and not scope.person_id:
        return []
    condition = Q(pk__in=[])
    if units:
        condition |= Q(program__organization_id__in=units)
    if scope.person_id:
        own = Pair.objects.filter(ended_on__isnull=True).filter(
            Q(mentor_id=scope.person_id) | Q(mentee_id=scope.person_id)
        )
        condition |= Q(program_id__in=own.values("program_id"))
    now = now or timezone.now()
    return list(
        Meeting.objects.filter(
            condition,
            status=MeetingStatus.PLANNED,
            starts_at__gte=now,
            starts_at__lte=now + dt.timedelta(days=days),
            program__status__in=MEETING_PROGRAM_STATUSES,
        )
        .select_related("program", "meeting_type")
        .order_by("starts_at", "pk")[:limit]
    )
