"""The mentoring blocks of the home page (registered in ``MentoringConfig.ready`` with
``core.home.register_home_block``): the tile of active pairs, the user's own pairs and the
meetings of the next seven days (seed 003 §4.7)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Action, Role
from nastavnik.access.querysets import paths_q
from nastavnik.core.home import HomeRequest, Tile, WorkItem, WorkList
from nastavnik.mentoring.choices import MeetingStatus, ProgramStatus
from nastavnik.mentoring.models import Meeting, MentorReport, Pair, PersonalizedProgram
from nastavnik.mentoring.selectors.meetings import upcoming_meetings_for

#: How far ahead the home page lists the user's meetings, in days.
UPCOMING_MEETING_DAYS = 7


def home_pairs(request: HomeRequest) -> dict:
    """Append the tile «Действующие наставнические пары» (the active pairs in the user's scope)
    and return ``{"my_pairs": QuerySet | None, "upcoming_meetings": [Meeting]}``: the pairs of
    a mentor or a mentee (through the pairs' scope, so a partner who withdrew the consent to
    personal-data processing is not named, 152-ФЗ art. 9, ``Pair.scope_filter``), and the
    planned meetings of the next seven days of the user's pairs and of the programs of the
    organizations they curate or head (one query, ``upcoming_meetings_for``)."""
    user, scope = request.user, request.scope
    pairs = Pair.objects.for_user(user).active()
    request.tiles.append(
        Tile.counted("Действующие наставнические пары", pairs, reverse("mentoring:program_list"))
    )
    my_pairs = None
    if scope is not None and scope.person_id and scope.has_role(Role.MENTOR, Role.MENTEE):
        my_pairs = (
            Pair.objects.for_user(user)
            .active()
            .filter(Q(mentor_id=scope.person_id) | Q(mentee_id=scope.person_id))
            .select_related("mentor", "mentee", "organization", "program")
        )
    return {
        "my_pairs": my_pairs,
        "upcoming_meetings": upcoming_meetings_for(user, days=UPCOMING_MEETING_DAYS),
    }


def person_card_pairs(*, user, person) -> dict:
    """The pairs block of a person's card (``core.blocks``, page ``"person_card"``):
    ``{"pairs_as_mentor": QuerySet, "pairs_as_mentee": QuerySet}`` among the pairs in the user's
    scope."""
    pairs = Pair.objects.for_user(user).select_related("mentor", "mentee", "organization")
    return {"pairs_as_mentor": pairs.filter(mentor=person), "pairs_as_mentee": pairs.filter(mentee=person)}


#: How many things a work list of the home page shows.
WORK_LIMIT = 10
#: A program ending within so many days (or ended) without the mentor's report is listed.
REPORT_DAYS = 14
#: Planned meetings within so many days (or overdue, not recorded) are listed.
MEETING_DAYS = 7


def work_list(title: str, rows, item, *, empty: str, limit: int = WORK_LIMIT) -> WorkList:
    """A :class:`core.home.WorkList` of the first ``limit`` of ``rows`` (a queryset, read once
    with one row more to know whether there are others, counted then), each made by
    ``item(row) -> WorkItem``."""
    first = list(rows[: limit + 1])
    more = rows.count() - limit if len(first) > limit else 0
    return WorkList(title, [item(row) for row in first[:limit]], empty, more)


def _role_paths(scope, model: str, role: str) -> list[str]:
    """The subtrees where ``scope`` sees ``model`` through ``role`` only."""
    return scope.paths(model, Action.VIEW, roles=frozenset({role}))


def council_work(user, scope, *, now: dt.datetime | None = None) -> list[WorkList]:
    """The work lists of a member of the mentor council (seed 000 §4.1.3: the council follows
    the pairs of its organization): the meetings of the programs under way that are overdue
    (planned, their time past, not recorded) or come within ``MEETING_DAYS`` days; the
    programs under way that end within ``REPORT_DAYS`` days, or have ended, without the
    mentor's report. Programs of the member's organizations in their view scope (the consent
    rule applies). ``[]`` for other users. Four queries at most."""
    paths = _role_paths(scope, "personalizedprogram", Role.MENTOR_COUNCIL_MEMBER)
    if not paths:
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    programs = PersonalizedProgram.objects.for_user(user).filter(
        paths_q("organization__path", paths), status=ProgramStatus.ACTIVE
    )
    meetings = (
        Meeting.objects.filter(
            program__in=programs.values("pk"),
            status=MeetingStatus.PLANNED,
            starts_at__lte=now + dt.timedelta(days=MEETING_DAYS),
        )
        .select_related("program", "meeting_type")
        .order_by("starts_at", "pk")
    )

    def meeting_item(meeting) -> WorkItem:
        when = f"{timezone.localtime(meeting.starts_at):%d.%m.%Y %H:%M}"
        late = meeting.starts_at < now
        return WorkItem(
            str(meeting.program),
            meeting.program.get_absolute_url() + "#meetings",
            f"{meeting.meeting_type.name}, {when}" + (": срок прошёл, встреча не отмечена" if late else ""),
        )

    reports = (
        programs.filter(ends_on__lte=today + dt.timedelta(days=REPORT_DAYS))
        .exclude(pk__in=MentorReport.objects.values("program_id"))
        .order_by("ends_on", "pk")
    )
    return [
        work_list(
            "Встречи пар: просроченные и ближайшие",
            meetings,
            meeting_item,
            empty="Просроченных встреч и встреч на ближайшую неделю нет.",
        ),
        work_list(
            "Программы, завершающиеся без отчёта наставника",
            reports,
            lambda p: WorkItem(
                str(p), p.get_absolute_url() + "#completion", f"окончание {p.ends_on:%d.%m.%Y}, отчёта нет"
            ),
            empty="Все завершающиеся программы с отчётами наставников.",
        ),
    ]


def home_work_lists(request: HomeRequest) -> dict:
    """The home block (``core.home.register_home_block``) of the council member's work lists:
    appended to ``request.work_lists``; no template variables of its own. The tutor's work
    lists (their routes, issue 18) are ``development.home_tutors``'s."""
    if request.scope is not None:
        request.work_lists.extend(council_work(request.user, request.scope))
    return {}
