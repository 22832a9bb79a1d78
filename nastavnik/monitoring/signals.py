"""Risk signals (сигналы о рисках): rules that read the data of a unit's subtree and raise a
signal of one of the six risks of the regional Положение (seed 000 §VI) — not Django signals.

Each rule (:class:`SignalRule`) names itself in Russian, its risk (``RiskKind``) and computes
live, with grouped queries, the rows that raised it (:class:`SignalRow`: a mentor, a program,
an organization, with a link to its existing page). The register of risks shows the signals
beside the risks entered and offers «Внести в реестр» with the kind, the description and the
rule's code prefilled (issue 14, Build 7):

- mentors over capacity — risk 2 «Высокая нагрузка на наставников и наставляемых»;
- programs without a held meeting for 60 days, and approved or running programs without a
  plan — risk 4 «Недостаточно высокое качество наставнической деятельности и формализм»;
- low satisfaction of mentors (risk 3) or of mentees (risk 5): the mean of the SATISFACTION
  answers under 6 of 10 over the period, over at least ``ANONYMITY_THRESHOLD`` answers;
- organizations without questionnaire answers in the period, or without an approved roadmap
  for it — risk 6 «Низкая степень взаимодействия элементов двухконтурной структуры».

Rows are those of the unit's subtree; the names of people are given only for rows the user
may open (``MentorProfile.objects.for_user``: the consent rule of 152-ФЗ applies), the others
are counted without a name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from nastavnik.monitoring.choices import Audience, RiskKind
from nastavnik.organizations.choices import EDUCATIONAL_KINDS, Level
from nastavnik.organizations.models import OrgUnit

#: Days without a held meeting after which a running program raises a signal (issue 14).
MEETING_GAP_DAYS = 60
#: The mean satisfaction (of 10) under which a signal is raised (issue 14).
LOW_SATISFACTION = 6
#: How many rows a signal lists on the page (the rest are counted).
ROWS_SHOWN = 20


@dataclass(frozen=True)
class SignalRow:
    """One row that raised a signal: its ``label`` (a name, «Программа № 12»), the ``url`` of its
    page ("" when the user may not open it), the ``organization`` it belongs to and a ``note``
    (why: «последняя встреча 01.09.2026»)."""

    label: str
    url: str = ""
    organization: str = ""
    note: str = ""


@dataclass(frozen=True)
class Found:
    """What a rule found: ``count`` — how many rows raised it in all — and ``rows`` — the first
    of them (at most the ``limit`` asked for), in the rule's order. Only the shown rows are read
    and named, so the page does not grow with the region (issue 16)."""

    count: int
    rows: list[SignalRow]


@dataclass(frozen=True)
class SignalRule:
    """A rule: ``code`` (kept in ``Risk.signal``), ``risk`` (a ``RiskKind``), ``title`` (the
    rule as users read it), ``description`` (the text prefilled in the register) and
    ``compute(user, unit, period, today, limit) -> Found`` (``limit``: how many rows to read and
    name; ``None`` — all)."""

    code: str
    risk: str
    title: str
    description: str
    compute: Callable[..., Found]
    order: int = 100

    @property
    def risk_label(self) -> str:
        return RiskKind(self.risk).label


@dataclass
class Signal:
    """A raised signal: its ``rule``, the ``count`` of rows that raised it and the first
    ``ROWS_SHOWN`` of them in ``shown``; ``more`` — how many are not shown."""

    rule: SignalRule
    count: int = 0
    shown: list[SignalRow] = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.shown))


_RULES: dict[str, SignalRule] = {}


def register(rule: SignalRule) -> SignalRule:
    """Add ``rule`` to the registry (replacing one of the same code); returns it."""
    _RULES[rule.code] = rule
    return rule


def all_rules() -> list[SignalRule]:
    """Every rule, in their ``order``."""
    return sorted(_RULES.values(), key=lambda r: (r.order, r.code))


def get_rule(code) -> SignalRule | None:
    """The rule named ``code``, or ``None`` (a query string may carry anything)."""
    return _RULES.get(str(code or ""))


def raised_signals(user, unit: OrgUnit, period, today: dt.date | None = None) -> list[Signal]:
    """The signals raised in ``unit``'s subtree over ``period`` (each rule one or two grouped
    queries; the load and the meetings are taken on ``today`` or the period's end, whichever is
    earlier), only those with rows. Each rule counts its rows in SQL and reads only the first
    ``ROWS_SHOWN``: the work and the page stay the same size whatever the subtree (issue 16)."""
    today = today or timezone.localdate()
    signals = []
    for rule in all_rules():
        found = rule.compute(user, unit, period, today, ROWS_SHOWN)
        if found.count:
            signals.append(Signal(rule, found.count, found.rows))
    return signals


def _day(period, today: dt.date) -> dt.date:
    return min(period.end, today)


def _org_url(user, org_ids) -> set[int]:
    """The ids among ``org_ids`` whose organization page ``user`` may open."""
    return set(
        OrgUnit.objects.for_user(user, "view").filter(pk__in=list(org_ids)).values_list("pk", flat=True)
    )


def _first(queryset, limit: int | None) -> Found:
    """``Found`` of a queryset: its count and its first ``limit`` rows (all with ``None``) as
    model instances — the caller names them. Two queries whatever the rows (issue 16)."""
    if limit is None:
        rows = list(queryset)
        return Found(len(rows), rows)
    return Found(queryset.count(), list(queryset[:limit]))


def _org_rows(user, organizations, note: Callable | None = None) -> list[SignalRow]:
    organizations = list(organizations)
    openable = _org_url(user, [o.pk for o in organizations])
    return [
        SignalRow(
            label=o.label_with_municipality,
            url=o.get_absolute_url() if o.pk in openable else "",
            note=note(o) if note else "",
        )
        for o in organizations
    ]


# --- risk 2: the load ---------------------------------------------------------------------------


def mentors_over_capacity(user, unit, period, today, limit=None) -> Found:
    """Mentors with more mentees in active pairs than their capacity (the bank's rule, read by the
    indicator ``mentors_over_capacity``: ``indicators.load.over_capacity``), on the period's
    last day or today, whichever is earlier. Named only when the user may open their card."""
    from nastavnik.bank.models import MentorProfile
    from nastavnik.monitoring.indicators.load import over_capacity

    found = _first(
        over_capacity(unit.path, period)
        .select_related("person", "organization__municipality")
        .order_by("organization__full_name", "person__last_name", "pk"),
        limit,
    )
    mentors = found.rows
    openable = set(
        MentorProfile.objects.for_user(user, "view")
        .filter(pk__in=[m.pk for m in mentors])
        .values_list("pk", flat=True)
    )
    return Found(
        found.count,
        [
            SignalRow(
                label=str(m.person)
                if m.pk in openable
                else "Наставник (сведения скрыты: нет согласия на обработку персональных данных или доступа)",
                url=m.get_absolute_url() if m.pk in openable else "",
                organization=m.organization.label_with_municipality,
                note=f"наставляемых {m.active_mentees} при допустимых {m.capacity_in_force}",
            )
            for m in mentors
        ],
    )


# --- risk 4: quality and formalism --------------------------------------------------------------


def _programs_rows(user, programs, note: Callable, limit: int | None) -> Found:
    from nastavnik.mentoring.models import PersonalizedProgram

    found = _first(programs, limit)
    programs = found.rows
    openable = set(
        PersonalizedProgram.objects.for_user(user, "view")
        .filter(pk__in=[p.pk for p in programs])
        .values_list("pk", flat=True)
    )
    return Found(
        found.count,
        [
            SignalRow(
                label=f"Программа № {p.pk}: {p.direction}",
                url=p.get_absolute_url() if p.pk in openable else "",
                organization=p.organization.label_with_municipality,
                note=note(p),
            )
            for p in programs
        ],
    )


def programs_without_meetings(user, unit, period, today, limit=None) -> Found:
    """Running programs (status «Реализуется») with no meeting held in the last
    ``MEETING_GAP_DAYS`` days before the day of the check, started at least that long ago."""
    from nastavnik.mentoring.choices import MeetingStatus, ProgramStatus
    from nastavnik.mentoring.models import PersonalizedProgram

    day = _day(period, today)
    border = day - dt.timedelta(days=MEETING_GAP_DAYS)
    programs = (
        PersonalizedProgram.objects.filter(
            organization__path__startswith=unit.path, status=ProgramStatus.ACTIVE, starts_on__lte=border
        )
        .annotate(last_held=Max("meetings__starts_at", filter=Q(meetings__status=MeetingStatus.HELD)))
        .filter(Q(last_held__isnull=True) | Q(last_held__date__lt=border))
        .select_related("organization__municipality")
        .order_by("organization__full_name", "pk")
    )

    def note(p) -> str:
        if p.last_held is None:
            return f"ни одной проведённой встречи с начала программы {p.starts_on:%d.%m.%Y}"
        return f"последняя проведённая встреча {timezone.localtime(p.last_held):%d.%m.%Y}"

    return _programs_rows(user, programs, note, limit)


def programs_without_plan(user, unit, period, today, limit=None) -> Found:
    """Approved or running programs with no activity in their plan (seed 000 §1.3: a program is
    «перечень мероприятий»)."""
    from nastavnik.mentoring.choices import ProgramStatus
    from nastavnik.mentoring.models import ActivityPlanItem, PersonalizedProgram

    programs = (
        PersonalizedProgram.objects.filter(
            organization__path__startswith=unit.path,
            status__in=[ProgramStatus.APPROVED, ProgramStatus.ACTIVE],
        )
        .filter(~Exists(ActivityPlanItem.objects.filter(program_id=OuterRef("pk"))))
        .select_related("organization__municipality")
        .order_by("organization__full_name", "pk")
    )
    return _programs_rows(
        user, programs, lambda p: f"{p.get_status_display().lower()}, план мероприятий пуст", limit
    )


# --- risks 3 and 5: motivation ------------------------------------------------------------------


def _low_satisfaction(audience: str):
    def compute(user, unit, period, today, limit=None) -> Found:
        from nastavnik.monitoring.indicators.answers import _satisfaction, satisfaction_value

        figures = _satisfaction(audience)(unit.path, period)
        low = {}
        for org_id, parts in figures.items():
            value = satisfaction_value(parts)
            if value is not None and value < LOW_SATISFACTION:
                low[org_id] = (value, parts[2])
        organizations = OrgUnit.objects.filter(pk__in=list(low)).select_related("municipality")
        organizations = organizations.order_by("full_name", "pk")
        if limit is not None:
            organizations = organizations[:limit]

        def note(o) -> str:
            value, answers = low[o.pk]
            return f"средняя оценка {str(value).replace('.', ',')} из 10 по {answers} ответам"

        return Found(len(low), _org_rows(user, organizations, note))

    return compute


# --- risk 6: interaction of the two contours ----------------------------------------------------


def _educational(unit):
    return OrgUnit.objects.filter(
        path__startswith=unit.path, level=Level.ORGANIZATION, kind__in=sorted(EDUCATIONAL_KINDS)
    ).select_related("municipality")


def organizations_without_answers(user, unit, period, today, limit=None) -> Found:
    """Educational organizations of the subtree with no questionnaire answer in a month of the
    period."""
    from nastavnik.monitoring.models import Answer

    answered = Answer.objects.filter(
        organization_id=OuterRef("pk"), month__gte=period.start.replace(day=1), month__lte=period.end
    )
    found = _first(_educational(unit).filter(~Exists(answered)).order_by("full_name", "pk"), limit)
    return Found(found.count, _org_rows(user, found.rows, lambda o: "ни одного ответа на анкеты за период"))


def organizations_without_roadmap(user, unit, period, today, limit=None) -> Found:
    """Educational organizations of the subtree with no approved roadmap covering any day of
    the period (the condition of the indicator «implementing»: ``has_roadmap``)."""
    from nastavnik.roadmaps.choices import RoadmapStatus
    from nastavnik.roadmaps.models import Roadmap

    roadmap = Roadmap.objects.filter(
        owner_id=OuterRef("pk"),
        status=RoadmapStatus.APPROVED,
        starts_on__lte=period.end,
        ends_on__gte=period.start,
    )
    found = _first(_educational(unit).filter(~Exists(roadmap)).order_by("full_name", "pk"), limit)
    return Found(
        found.count, _org_rows(user, found.rows, lambda o: "нет утверждённой дорожной карты на период")
    )


register(
    SignalRule(
        code="mentors_over_capacity",
        risk=RiskKind.LOAD,
        title="Наставники, у которых наставляемых больше допустимого",
        description="У наставников число наставляемых превышает допустимое, установленное в банке наставников.",
        compute=mentors_over_capacity,
        order=10,
    )
)
register(
    SignalRule(
        code="programs_without_meetings",
        risk=RiskKind.QUALITY,
        title=f"Программы, по которым не было встреч более {MEETING_GAP_DAYS} дней",
        description=f"По реализуемым программам наставничества более {MEETING_GAP_DAYS} дней не проводились встречи наставника и наставляемого.",
        compute=programs_without_meetings,
        order=20,
    )
)
register(
    SignalRule(
        code="programs_without_plan",
        risk=RiskKind.QUALITY,
        title="Программы без плана мероприятий",
        description="Утверждённые или реализуемые программы наставничества не содержат плана мероприятий.",
        compute=programs_without_plan,
        order=30,
    )
)
register(
    SignalRule(
        code="low_satisfaction_mentors",
        risk=RiskKind.MENTOR_MOTIVATION,
        title=f"Низкая удовлетворённость наставников: средняя оценка ниже {LOW_SATISFACTION} из 10",
        description=f"По результатам анкетирования средняя удовлетворённость наставников ниже {LOW_SATISFACTION} баллов из 10.",
        compute=_low_satisfaction(Audience.MENTOR),
        order=40,
    )
)
register(
    SignalRule(
        code="low_satisfaction_mentees",
        risk=RiskKind.MENTEE_MOTIVATION,
        title=f"Низкая удовлетворённость наставляемых: средняя оценка ниже {LOW_SATISFACTION} из 10",
        description=f"По результатам анкетирования средняя удовлетворённость наставляемых ниже {LOW_SATISFACTION} баллов из 10.",
        compute=_low_satisfaction(Audience.MENTEE),
        order=50,
    )
)
register(
    SignalRule(
        code="organizations_without_answers",
        risk=RiskKind.INTERACTION,
        title="Организации без ответов на анкеты за период",
        description="Организации не участвовали в анкетировании за период: обратная связь от участников наставничества не получена.",
        compute=organizations_without_answers,
        order=60,
    )
)
register(
    SignalRule(
        code="organizations_without_roadmap",
        risk=RiskKind.INTERACTION,
        title="Организации без утверждённой дорожной карты",
        description="У организаций нет утверждённой дорожной карты внедрения системы наставничества на период.",
        compute=organizations_without_roadmap,
        order=70,
    )
)


# --- the home page ------------------------------------------------------------------------------


def home_risks(request) -> dict:
    """The home block (``core.home.register_home_block``) of those who keep a register of risks
    (the right ``risk`` view: the curator, the head, the coordinator, the operator): the work
    list «Реестр рисков» with one line per unit of their roles — «Реестр рисков: СОШ № 1,
    открытых рисков — 2» linked to the register, where the signals of the data are. One query.
    Appends to ``request.work_lists``; sets nothing."""
    from django.db.models import Count
    from django.urls import reverse

    from nastavnik.access.choices import PERMISSIONS
    from nastavnik.core.home import WorkItem, WorkList
    from nastavnik.monitoring.choices import RiskStatus
    from nastavnik.monitoring.models import Risk

    if request.scope is None:
        return {}
    keepers = PERMISSIONS["risk"]["view"]
    grants = {
        g.unit_id: g
        for g in request.scope.grants
        if g.role in keepers and g.unit_level in (Level.ORGANIZATION, Level.MUNICIPALITY, Level.REGION)
    }
    if not grants:
        return {}
    open_risks = ~Q(status=RiskStatus.CLOSED)
    counts = Risk.objects.for_user(request.user, "view").aggregate(
        **{
            f"u{unit_id}": Count("pk", filter=open_risks & Q(unit__path__startswith=g.unit_path))
            for unit_id, g in grants.items()
        }
    )
    items = []
    for unit_id in sorted(grants, key=lambda i: grants[i].unit_path):
        name = request.unit_names.get(unit_id, "")
        n = counts.get(f"u{unit_id}") or 0
        items.append(
            WorkItem(
                text=f"Реестр рисков{': ' + name if name else ''}",
                url=f"{reverse('monitoring:risks')}?unit={unit_id}",
                note=f"открытых рисков — {n}" if n else "открытых рисков нет; проверьте сигналы из данных",
            )
        )
    request.work_lists.append(
        WorkList(title="Риски реализации системы наставничества", items=items, empty="")
    )
    return {}
