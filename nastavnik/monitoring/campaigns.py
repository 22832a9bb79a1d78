"""Selectors of monitoring campaigns: the live progress of a campaign per organization, the
progress of the tasks in a list, the questionnaires and respondents of one organization (seed 003
§5.2–5.3: the launcher sees who has answered; 000 App. 2 §3.3–3.6).

Counts are grouped queries (``Count`` over ``Assignment`` by organization or by questionnaire):
the number of queries does not grow with the number of organizations. Who answered an anonymous
questionnaire is never listed: only counts per questionnaire.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from nastavnik.access.querysets import paths_q
from nastavnik.access.scope import get_scope
from nastavnik.monitoring.choices import AssignmentStatus, CampaignStatus
from nastavnik.monitoring.models import Assignment, CampaignOrganization, MonitoringCampaign

#: The states of an organization in a campaign: key → label (the brief of issue 14).
NOT_STARTED, IN_PROGRESS, DONE = "not_started", "in_progress", "done"
STATUS_LABELS = {NOT_STARTED: "не начато", IN_PROGRESS: "в работе", DONE: "завершено"}

#: The columns of the progress table one may sort by: key → label.
SORT_COLUMNS = {
    "municipality": "Муниципальное образование",
    "organization": "Организация",
    "assigned": "Назначено анкет",
    "answered": "Ответов",
    "share": "Доля ответивших",
    "reminded": "Последнее напоминание",
    "status": "Состояние",
}
_STATUS_ORDER = {NOT_STARTED: 0, IN_PROGRESS: 1, DONE: 2}


def status_of(assigned: int, answered: int) -> str:
    """The state of an organization: «не начато» (no answer yet), «завершено» (every assignment
    answered, at least one), «в работе» otherwise."""
    if answered <= 0:
        return NOT_STARTED
    return DONE if answered >= assigned else IN_PROGRESS


def share_of(assigned: int, answered: int) -> int:
    """The share answered, in whole percent (0 when nothing was assigned)."""
    return round(100 * answered / assigned) if assigned else 0


@dataclass
class OrgProgress:
    """One row of the progress table: the ``coverage`` (``CampaignOrganization``), its
    ``organization`` and ``municipality`` (a unit or ``None``), the questionnaires ``assigned``
    and ``answered`` there, the ``share`` (percent), the last reminder and the state."""

    coverage: CampaignOrganization
    assigned: int = 0
    answered: int = 0

    @property
    def organization(self):
        return self.coverage.organization

    @property
    def municipality(self):
        return self.coverage.organization.municipality

    @property
    def reminded_at(self):
        return self.coverage.reminded_at

    @property
    def pending(self) -> int:
        return max(self.assigned - self.answered, 0)

    @property
    def share(self) -> int:
        return share_of(self.assigned, self.answered)

    @property
    def status(self) -> str:
        return status_of(self.assigned, self.answered)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Progress:
    """The progress table of a campaign as one user sees it: ``rows`` (``OrgProgress``, filtered
    and sorted), the totals over the rows shown, and how many rows the user sees in all."""

    rows: list[OrgProgress] = field(default_factory=list)
    total_rows: int = 0

    @property
    def assigned(self) -> int:
        return sum(r.assigned for r in self.rows)

    @property
    def answered(self) -> int:
        return sum(r.answered for r in self.rows)

    @property
    def share(self) -> int:
        return share_of(self.assigned, self.answered)

    @property
    def organizations_done(self) -> int:
        return sum(1 for r in self.rows if r.status == DONE)


def visible_coverage_q(user, prefix: str = "") -> Q:
    """``Q`` over ``CampaignOrganization`` (``prefix`` before ``organization__path`` when asked
    over another model) of the organizations ``user`` follows in campaigns: those in the subtrees
    of their ``monitoringcampaign``/``view`` grants (all for a superuser). A campaign's coverage
    lies in its owner's subtree, so its launcher sees every row; a curator their organization."""
    if user.is_superuser:
        return Q()
    return paths_q(f"{prefix}organization__path", get_scope(user).paths("monitoringcampaign", "view"))


def _sort_key(column: str):
    keys = {
        "municipality": lambda r: (str(r.municipality or ""), str(r.organization)),
        "organization": lambda r: str(r.organization).casefold(),
        "assigned": lambda r: r.assigned,
        "answered": lambda r: r.answered,
        "share": lambda r: (r.share, r.answered),
        "reminded": lambda r: r.reminded_at or dt.datetime.min.replace(tzinfo=dt.UTC),
        "status": lambda r: (_STATUS_ORDER[r.status], r.share),
    }
    return keys.get(column)


def campaign_progress(
    campaign: MonitoringCampaign, user, *, only_pending: bool = False, sort: str = ""
) -> Progress:
    """The live progress of ``campaign`` per organization that ``user`` follows
    (:func:`visible_coverage_q`): two queries whatever the number of organizations (the coverage
    with the organizations and municipalities; the counts grouped by organization).

    ``only_pending``: only organizations where someone has not answered (or nothing was
    assigned). ``sort``: a key of ``SORT_COLUMNS``, ``-`` before it for descending; anything else
    — by municipality and organization."""
    coverage = list(
        CampaignOrganization.objects.filter(campaign=campaign)
        .filter(visible_coverage_q(user))
        .select_related("organization__municipality")
        .order_by("organization__path")
    )
    counts = {
        row["organization_id"]: row
        for row in Assignment.objects.filter(campaign=campaign)
        .filter(organization_id__in=[c.organization_id for c in coverage])
        .values("organization_id")
        .annotate(
            assigned=Count("pk"),
            answered=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)),
        )
        .order_by()
    }
    rows = []
    for c in coverage:
        found = counts.get(c.organization_id, {})
        rows.append(OrgProgress(c, found.get("assigned", 0), found.get("answered", 0)))
    total = len(rows)
    if only_pending:
        rows = [r for r in rows if r.status != DONE]
    descending = sort.startswith("-")
    key = _sort_key(sort.lstrip("-"))
    rows.sort(key=key or _sort_key("municipality"), reverse=bool(key) and descending)
    return Progress(rows=rows, total_rows=total)


def tasks_progress(campaign_ids: list[int], user) -> dict[int, tuple[int, int]]:
    """``{campaign id: (assigned, answered)}`` over the organizations ``user`` follows
    (:func:`visible_coverage_q`) for the campaigns ``campaign_ids``: one grouped query."""
    if not campaign_ids:
        return {}
    rows = (
        Assignment.objects.filter(campaign_id__in=campaign_ids)
        .filter(visible_coverage_q(user))
        .values("campaign_id")
        .annotate(
            assigned=Count("pk"),
            answered=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)),
        )
        .order_by()
    )
    return {row["campaign_id"]: (row["assigned"], row["answered"]) for row in rows}


@dataclass
class QuestionnaireProgress:
    """One questionnaire of a campaign in one organization: ``assigned``/``answered`` counts, and
    for a named questionnaire the ``answered_names`` and ``pending_names`` the user may read
    (people hidden from them — without a consent to personal-data processing — are counted in
    ``hidden``). Anonymous questionnaires have no names at all."""

    questionnaire: object
    assigned: int = 0
    answered: int = 0
    answered_names: list[str] = field(default_factory=list)
    pending_names: list[str] = field(default_factory=list)
    hidden: int = 0

    @property
    def share(self) -> int:
        return share_of(self.assigned, self.answered)


def organization_task(campaign: MonitoringCampaign, organization, user) -> list[QuestionnaireProgress]:
    """The questionnaires of ``campaign`` in ``organization`` with their counts (one grouped
    query) and, for named questionnaires only, who has answered and who has not, by the names
    ``user`` may read (``Person.objects.for_user(user, "view")``: the consent rule, 152-ФЗ
    art. 9). Anonymous questionnaires: counts only — never who answered (issue 14)."""
    from nastavnik.people.models import Person

    questionnaires = list(campaign.questionnaires.order_by("audience", "phase", "title"))
    by_pk = {q.pk: QuestionnaireProgress(q) for q in questionnaires}
    assignments = Assignment.objects.filter(campaign=campaign, organization=organization)
    for row in (
        assignments.values("questionnaire_id")
        .annotate(
            assigned=Count("pk"),
            answered=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)),
        )
        .order_by()
    ):
        item = by_pk.get(row["questionnaire_id"])
        if item is not None:
            item.assigned, item.answered = row["assigned"], row["answered"]
    named = [q.pk for q in questionnaires if not q.anonymous]
    if named:
        visible = Person.objects.for_user(user, "view").filter(pk__in=assignments.values("person_id"))
        readable = set(visible.values_list("pk", flat=True))
        rows = (
            assignments.filter(questionnaire_id__in=named)
            .exclude(status=AssignmentStatus.CANCELLED)
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
        )
        for assignment in rows:
            item = by_pk[assignment.questionnaire_id]
            if assignment.person_id not in readable:
                item.hidden += 1
                continue
            target = (
                item.answered_names if assignment.status == AssignmentStatus.SUBMITTED else item.pending_names
            )
            target.append(assignment.person.full_name)
    return list(by_pk.values())


def pending_addresses(campaign: MonitoringCampaign, organization, user) -> list[str]:
    """The e-mail addresses of the people of ``organization`` who still owe named (not anonymous)
    questionnaires of ``campaign`` (their own, else their account's), for a letter to them: only
    of the people ``user`` may see (``Person.objects.for_user``: the consent rule, 152-ФЗ art. 9).
    Who has not answered an anonymous questionnaire is not given out (issue 14: counts only);
    the launcher's reminder (``services.campaigns.campaign_remind``) reaches those people."""
    from nastavnik.people.models import Person

    rows = (
        Assignment.objects.filter(
            campaign=campaign,
            organization=organization,
            status=AssignmentStatus.PENDING,
            questionnaire__anonymous=False,
        )
        .filter(person_id__in=Person.objects.for_user(user, "view").values("pk"))
        .values_list("person__email", "person__user__email")
        .distinct()
    )
    return sorted({own or account for own, account in rows if own or account})


def running_tasks(
    organization_ids, *, limit: int = 5
) -> list[tuple[MonitoringCampaign, CampaignOrganization]]:
    """The running campaigns covering the organizations ``organization_ids`` (the curator's and
    the head's tasks), nearest deadline first: ``[(campaign, coverage)]``, at most ``limit``."""
    rows = (
        CampaignOrganization.objects.filter(
            organization_id__in=list(organization_ids), campaign__status=CampaignStatus.RUNNING
        )
        .select_related("campaign", "organization")
        .order_by("campaign__ends_on", "campaign_id", "organization__path")[:limit]
    )
    return [(row.campaign, row) for row in rows]


def days_left(ends_on: dt.date) -> int:
    """Whole days from today (local) to ``ends_on`` (negative when past)."""
    return (ends_on - timezone.localdate()).days


def home_campaigns(request) -> dict:
    """The home block (``core.home.register_home_block``) of the curator and the head: the work
    list «Мониторинги» with the running campaigns covering their organizations, the deadline and
    how many have answered (two queries). Sets no template variable."""
    from django.urls import reverse

    from nastavnik.access.choices import Role
    from nastavnik.core.home import WorkItem, WorkList

    scope = request.scope
    if scope is None:
        return {}
    organization_ids = scope.unit_ids(roles=frozenset({Role.CURATOR, Role.HEAD}))
    if not organization_ids:
        return {}
    limit = 5
    tasks = running_tasks(organization_ids, limit=limit + 1)
    more = max(len(tasks) - limit, 0)
    tasks = tasks[:limit]
    counts = {
        (row["campaign_id"], row["organization_id"]): (row["assigned"], row["answered"])
        for row in Assignment.objects.filter(
            campaign_id__in={c.pk for c, _ in tasks}, organization_id__in=organization_ids
        )
        .values("campaign_id", "organization_id")
        .annotate(
            assigned=Count("pk"),
            answered=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)),
        )
        .order_by()
    }
    several = len(organization_ids) > 1
    items = []
    for campaign, coverage in tasks:
        assigned, answered = counts.get((campaign.pk, coverage.organization_id), (0, 0))
        left = days_left(campaign.ends_on)
        deadline = f"срок — до {campaign.ends_on:%d.%m.%Y}" + (" (прошёл)" if left < 0 else "")
        text = f"{campaign.title}" + (f" ({coverage.organization})" if several else "")
        items.append(
            WorkItem(
                text=text,
                url=reverse("monitoring:campaign_task", args=[coverage.pk]),
                note=f"{deadline}; ответили {answered} из {assigned}",
            )
        )
    request.work_lists.append(
        WorkList(title="Мониторинги", items=items, empty="Проводимых мониторингов нет.", more=more)
    )
    return {}
