"""Monitoring campaigns (мониторинг реализации целевой модели наставничества): the region or a
municipality launches a monitoring for a period with a set of questionnaires and the
organizations it covers; each covered organization's people get their questionnaires to answer
by the deadline; the launcher reminds those who have not answered and finishes the campaign
(seed 003 §5.2–5.3: «сбор и анализ данных для регионального мониторинга … по запросу
региона»; 000 App. 2 §3.3–3.6: the self-diagnosis and the monitorings of the region).

Every function acts for ``by`` (``None``: the system — the demo, a command) and checks the
right of ``access.choices.PERMISSIONS["monitoringcampaign"]`` itself on the campaign's owner
unit (``add``, ``change``, ``start``, ``complete``, ``remind``), the same right the pages ask.
Refusals are Russian ``ValidationError`` / ``PermissionDenied``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Action, Role
from nastavnik.access.rules import require_perm
from nastavnik.core.mail import Mail, greeting, letter, send_each, site_url
from nastavnik.monitoring.choices import AssignmentStatus, Audience, CampaignStatus
from nastavnik.monitoring.models import (
    Assignment,
    CampaignOrganization,
    MonitoringCampaign,
    Questionnaire,
)
from nastavnik.organizations.choices import EDUCATIONAL_KINDS, Level
from nastavnik.organizations.models import OrgUnit

logger = logging.getLogger(__name__)

#: The least time between two reminders to one organization (the brief of issue 14: «not twice
#: within a day»).
REMIND_INTERVAL = dt.timedelta(days=1)

#: The levels that launch a monitoring: the region and the municipality (seed 003 §5.3).
OWNER_LEVELS = (Level.REGION, Level.MUNICIPALITY)


# --- what a campaign may hold ------------------------------------------------------------------


def owner_units(user):
    """The units ``user`` may launch a monitoring for: regions and municipalities in the subtrees
    of their ``monitoringcampaign``/``add`` grants (every such unit for a superuser), as an
    ``OrgUnit`` queryset ordered by path."""
    return (
        OrgUnit.objects.granted(user, "monitoringcampaign", Action.ADD)
        .filter(level__in=OWNER_LEVELS)
        .order_by("path")
    )


def available_questionnaires(owner: OrgUnit):
    """The active questionnaires a campaign of ``owner`` may use: the built-in ones, those made by
    ``owner`` or a unit above it, and those made inside its subtree (``Questionnaire`` queryset)."""
    above = [owner.path[: i + 1] for i, ch in enumerate(owner.path) if ch == "/"]
    return Questionnaire.objects.filter(is_active=True).filter(
        Q(owner__isnull=True) | Q(owner__path__in=above) | Q(owner__path__startswith=owner.path)
    )


def coverable_organizations(owner: OrgUnit, *, municipalities=None, kinds=None):
    """The organizations a campaign of ``owner`` covers by default: every organization of its
    subtree, narrowed to ``municipalities`` (units; an organization is in one when it lies under
    it or is located in it) and to ``kinds`` (``OrganizationKind`` values; the kinds that carry
    out educational activity, ``EDUCATIONAL_KINDS``, when ``None``). ``OrgUnit`` queryset."""
    organizations = OrgUnit.objects.subtree(owner).organizations()
    if municipalities:
        place = Q()
        for municipality in municipalities:
            place |= Q(path__startswith=municipality.path) | Q(municipality=municipality)
        organizations = organizations.filter(place)
    organizations = organizations.filter(kind__in=list(kinds) if kinds else sorted(EDUCATIONAL_KINDS))
    return organizations.order_by("path")


# --- creating and editing ---------------------------------------------------------------------


def _check_owner(owner: OrgUnit) -> None:
    if owner is None or owner.level not in OWNER_LEVELS:
        raise ValidationError({"owner": "Мониторинг проводит регион или муниципальное образование."})


def _check_period(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "Срок представления не может быть раньше начала мониторинга."})


def _check_questionnaires(owner: OrgUnit, questionnaires) -> list[Questionnaire]:
    questionnaires = list(questionnaires or [])
    if not questionnaires:
        raise ValidationError({"questionnaires": "Выберите хотя бы одну анкету."})
    allowed = set(
        available_questionnaires(owner)
        .filter(pk__in=[q.pk for q in questionnaires])
        .values_list("pk", flat=True)
    )
    foreign = [q for q in questionnaires if q.pk not in allowed]
    if foreign:
        names = ", ".join(f"«{q}»" for q in foreign)
        raise ValidationError(
            {"questionnaires": f"Анкеты {names} не используются или недоступны проводящему мониторинг."}
        )
    return questionnaires


def _check_organizations(owner: OrgUnit, organizations) -> list[OrgUnit]:
    organizations = list(organizations or [])
    if not organizations:
        raise ValidationError({"organizations": "Мониторинг должен охватывать хотя бы одну организацию."})
    foreign = [o for o in organizations if o.level != Level.ORGANIZATION or not o.path.startswith(owner.path)]
    if foreign:
        names = ", ".join(f"«{o}»" for o in foreign)
        raise ValidationError(
            {"organizations": f"{names}: не организации территории, которая проводит мониторинг."}
        )
    return organizations


@transaction.atomic
def campaign_create(
    *,
    by,
    owner: OrgUnit,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    questionnaires: Iterable[Questionnaire],
    organizations: Iterable[OrgUnit] | None = None,
    municipalities: Iterable[OrgUnit] | None = None,
    kinds: Iterable[str] | None = None,
    goal: str = "",
) -> MonitoringCampaign:
    """Create a draft campaign of ``owner`` (a region or a municipality ``by`` may add campaigns
    for: ``monitoringcampaign``/``add``).

    ``organizations``: the covered organizations (all in ``owner``'s subtree); when ``None``,
    :func:`coverable_organizations` of ``owner`` narrowed by ``municipalities`` and ``kinds``.
    At least one organization and one active questionnaire available to ``owner``
    (:func:`available_questionnaires`); ``ends_on`` ≥ ``starts_on``.

    Raises ``PermissionDenied`` (no right on ``owner``) or ``ValidationError`` (by field).
    """
    _check_owner(owner)
    require_perm(
        by, "monitoringcampaign", Action.ADD, owner, message="Нет прав проводить мониторинг этой территории."
    )
    _check_period(starts_on, ends_on)
    questionnaires = _check_questionnaires(owner, questionnaires)
    if organizations is None:
        organizations = coverable_organizations(owner, municipalities=municipalities, kinds=kinds)
    organizations = _check_organizations(owner, organizations)
    campaign = MonitoringCampaign(
        owner=owner,
        title=title,
        goal=goal,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by if getattr(by, "pk", None) else None,
    )
    campaign.full_clean()
    campaign.save()
    campaign.questionnaires.set(questionnaires)
    CampaignOrganization.objects.bulk_create(
        [CampaignOrganization(campaign=campaign, organization=o) for o in organizations]
    )
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: MonitoringCampaign,
    by,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    questionnaires: Iterable[Questionnaire],
    organizations: Iterable[OrgUnit],
    goal: str = "",
) -> MonitoringCampaign:
    """Change a campaign (``monitoringcampaign``/``change`` on it).

    A draft changes freely. A running campaign keeps its questionnaires, keeps every organization
    it covers (new ones may be added: they get their assignments at once, as by
    :func:`campaign_add_organizations`), its start cannot move later, and a new deadline becomes
    the due date of the questionnaires still owed. A finished campaign is
    not changed. Raises ``PermissionDenied`` or ``ValidationError`` (Russian, by field).
    """
    campaign = MonitoringCampaign.objects.select_for_update().get(pk=campaign.pk)
    require_perm(
        by, "monitoringcampaign", Action.CHANGE, campaign, message="Нет прав изменять этот мониторинг."
    )
    if campaign.status == CampaignStatus.FINISHED:
        raise ValidationError("Мониторинг завершён: изменить его нельзя.")
    owner = campaign.owner
    _check_period(starts_on, ends_on)
    organizations = _check_organizations(owner, organizations)
    questionnaires = list(questionnaires or [])
    current_orgs = set(campaign.coverage.values_list("organization_id", flat=True))
    new_orgs = [o for o in organizations if o.pk not in current_orgs]
    if campaign.status == CampaignStatus.RUNNING:
        if starts_on > campaign.starts_on:
            raise ValidationError(
                {"starts_on": "Мониторинг уже проводится: его начало нельзя перенести на более позднюю дату."}
            )
        if {q.pk for q in questionnaires} != set(campaign.questionnaires.values_list("pk", flat=True)):
            raise ValidationError({"questionnaires": "Мониторинг уже проводится: набор анкет не меняется."})
        removed = current_orgs - {o.pk for o in organizations}
        if removed:
            raise ValidationError(
                {
                    "organizations": "Мониторинг уже проводится: организации можно только добавить, не исключить."
                }
            )
    else:
        questionnaires = _check_questionnaires(owner, questionnaires)
    campaign.title = title
    campaign.goal = goal
    campaign.starts_on = starts_on
    campaign.ends_on = ends_on
    campaign.full_clean()
    campaign.save()
    if campaign.status == CampaignStatus.DRAFT:
        campaign.questionnaires.set(questionnaires)
        keep = {o.pk for o in organizations}
        campaign.coverage.exclude(organization_id__in=keep).delete()
    CampaignOrganization.objects.bulk_create(
        [CampaignOrganization(campaign=campaign, organization=o) for o in new_orgs]
    )
    if campaign.status == CampaignStatus.RUNNING:
        # the deadline moved: the questionnaires still owed are due on the new one
        campaign.assignments.filter(status=AssignmentStatus.PENDING).exclude(due_on=campaign.ends_on).update(
            due_on=campaign.ends_on
        )
        if new_orgs:
            _assign(campaign, [o.pk for o in new_orgs])
    return campaign


@transaction.atomic
def campaign_add_organizations(*, campaign: MonitoringCampaign, by, organizations: Iterable[OrgUnit]) -> int:
    """Add ``organizations`` (of the owner's subtree) to a draft or running campaign
    (``monitoringcampaign``/``change``); in a running one their people get their questionnaires
    at once. Organizations already covered are skipped. Returns the number of organizations added.
    Raises ``PermissionDenied`` or ``ValidationError``."""
    campaign = MonitoringCampaign.objects.select_for_update().get(pk=campaign.pk)
    require_perm(
        by, "monitoringcampaign", Action.CHANGE, campaign, message="Нет прав изменять этот мониторинг."
    )
    if campaign.status == CampaignStatus.FINISHED:
        raise ValidationError("Мониторинг завершён: добавить организации нельзя.")
    organizations = _check_organizations(campaign.owner, organizations)
    current = set(campaign.coverage.values_list("organization_id", flat=True))
    new = [o for o in organizations if o.pk not in current]
    CampaignOrganization.objects.bulk_create(
        [CampaignOrganization(campaign=campaign, organization=o) for o in new]
    )
    if campaign.status == CampaignStatus.RUNNING and new:
        _assign(campaign, [o.pk for o in new])
    return len(new)


# --- launching: who answers --------------------------------------------------------------------


def respondents(audience: str, organization_ids: Iterable[int]) -> set[tuple[int, int]]:
    """``{(person id, organization id)}`` of the people of the organizations ``organization_ids``
    whom a questionnaire for ``audience`` addresses (one query per audience, not per person):

    - mentees: people with a mentee card in the bank of that organization, currently employed
      there (``Employment.objects.current()``) and not depersonalized;
    - mentors: people with a mentor card in that organization's bank in the status «действующий
      наставник» (seed 003 §4.5–4.6), not depersonalized;
    - curators and heads: holders of that role on the organization whose account has a person
      card (seed 000 §4.1).
    """
    from nastavnik.access.models import RoleAssignment
    from nastavnik.bank.choices import MentorStatus
    from nastavnik.bank.models import MenteeProfile, MentorProfile
    from nastavnik.people.models import Employment

    ids = list(organization_ids)
    if not ids:
        return set()
    if audience == Audience.MENTEE:
        employed = Employment.objects.current().filter(
            person_id=OuterRef("person_id"), organization_id=OuterRef("organization_id")
        )
        return set(
            MenteeProfile.objects.filter(organization_id__in=ids, person__depersonalized_on__isnull=True)
            .filter(Exists(employed))
            .values_list("person_id", "organization_id")
        )
    if audience == Audience.MENTOR:
        return set(
            MentorProfile.objects.filter(
                organization_id__in=ids,
                status=MentorStatus.ACTIVE,
                person__depersonalized_on__isnull=True,
            ).values_list("person_id", "organization_id")
        )
    role = {Audience.CURATOR: Role.CURATOR, Audience.HEAD: Role.HEAD}.get(audience)
    if role is None:
        return set()
    return set(
        RoleAssignment.objects.filter(org_unit_id__in=ids, role=role, user__person__isnull=False).values_list(
            "user__person__pk", "org_unit_id"
        )
    )


def _assign(campaign: MonitoringCampaign, organization_ids: list[int]) -> int:
    """Create the campaign's assignments for the organizations ``organization_ids``: each person
    :func:`respondents` names, for each questionnaire of the campaign, due on ``ends_on``, in the
    questionnaire's phase. Idempotent (the unique (questionnaire, person, campaign) rows already
    there are skipped); a few queries per questionnaire, whatever the number of people. Returns
    the number of assignments created."""
    created = 0
    by_audience: dict[str, set[tuple[int, int]]] = {}
    for questionnaire in campaign.questionnaires.all():
        people = by_audience.get(questionnaire.audience)
        if people is None:
            people = by_audience[questionnaire.audience] = respondents(
                questionnaire.audience, organization_ids
            )
        if not people:
            continue
        existing = set(
            Assignment.objects.filter(campaign=campaign, questionnaire=questionnaire).values_list(
                "person_id", flat=True
            )
        )
        new = []
        seen = set(existing)
        for person_id, organization_id in sorted(people):
            if person_id in seen:  # one person working in two covered organizations answers once
                continue
            seen.add(person_id)
            new.append(
                Assignment(
                    questionnaire=questionnaire,
                    person_id=person_id,
                    organization_id=organization_id,
                    campaign=campaign,
                    phase=questionnaire.phase,
                    due_on=campaign.ends_on,
                )
            )
        Assignment.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        created += len(new)
    return created


@transaction.atomic
def campaign_launch(*, campaign: MonitoringCampaign, by) -> int:
    """Launch a draft campaign (``monitoringcampaign``/``start``): status «Проводится»,
    ``launched_at`` now, and the assignments of every covered organization (:func:`_assign`).
    Launching a running campaign again only adds what is missing (idempotent). Returns the
    number of assignments created. Raises ``PermissionDenied`` or ``ValidationError`` (a finished
    campaign, a deadline already past, no organization or no questionnaire)."""
    campaign = MonitoringCampaign.objects.select_for_update().get(pk=campaign.pk)
    require_perm(
        by, "monitoringcampaign", Action.START, campaign, message="Нет прав запускать этот мониторинг."
    )
    if campaign.status == CampaignStatus.FINISHED:
        raise ValidationError("Мониторинг завершён: запустить его снова нельзя.")
    if campaign.ends_on < timezone.localdate():
        raise ValidationError(
            "Срок представления уже прошёл: перенесите его, прежде чем запускать мониторинг."
        )
    if not campaign.questionnaires.exists():
        raise ValidationError("В мониторинге нет ни одной анкеты.")
    organization_ids = list(campaign.coverage.values_list("organization_id", flat=True))
    if not organization_ids:
        raise ValidationError("Мониторинг не охватывает ни одной организации.")
    if campaign.status == CampaignStatus.DRAFT:
        campaign.status = CampaignStatus.RUNNING
        campaign.launched_at = timezone.now()
        campaign.save(update_fields=["status", "launched_at"])
    return _assign(campaign, organization_ids)


@transaction.atomic
def campaign_finish(*, campaign: MonitoringCampaign, by) -> int:
    """Finish a running campaign (``monitoringcampaign``/``complete``): status «Завершён»,
    ``finished_at`` now; the assignments still pending are cancelled (the answers given stay).
    Returns the number of assignments cancelled. Raises ``PermissionDenied`` or
    ``ValidationError`` (a campaign not running)."""
    campaign = MonitoringCampaign.objects.select_for_update().get(pk=campaign.pk)
    require_perm(
        by, "monitoringcampaign", Action.COMPLETE, campaign, message="Нет прав завершать этот мониторинг."
    )
    if campaign.status != CampaignStatus.RUNNING:
        raise ValidationError("Завершить можно только проводимый мониторинг.")
    campaign.status = CampaignStatus.FINISHED
    campaign.finished_at = timezone.now()
    campaign.save(update_fields=["status", "finished_at"])
    return campaign.assignments.filter(status=AssignmentStatus.PENDING).update(
        status=AssignmentStatus.CANCELLED
    )


# --- reminders ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RemindResult:
    """What :func:`campaign_remind` did: the ``organizations`` reminded, the ``skipped`` ones
    (reminded within a day), and the number of ``letters`` sent."""

    organizations: int
    skipped: int
    letters: int


def _recently(reminded_at, now) -> bool:
    return reminded_at is not None and now - reminded_at < REMIND_INTERVAL


def campaign_remind(
    *, campaign: MonitoringCampaign, by, organizations: Iterable[OrgUnit] | None = None
) -> RemindResult:
    """Remind the organizations of a running campaign that have not answered fully
    (``monitoringcampaign``/``remind``): an e-mail in Russian to the curator(s) of each (the
    holders of the curator role on it, with an address) and to each person with a pending
    assignment of the campaign there (the person's address, else their account's); records
    ``CampaignOrganization.reminded_at`` and ``Assignment.reminded_at``.

    ``organizations``: the chosen ones (each covered by the campaign); ``None`` — every covered
    organization with a pending assignment, leaving out those reminded within a day.

    Raises ``PermissionDenied``; ``ValidationError`` when the campaign is not running, a chosen
    organization is not covered, has answered fully or was reminded within a day, or nobody is
    left to remind.
    """
    from nastavnik.access.models import RoleAssignment
    from nastavnik.people.models import Person

    campaign = MonitoringCampaign.objects.select_related("owner").get(pk=campaign.pk)
    require_perm(
        by, "monitoringcampaign", Action.REMIND, campaign, message="Нет прав напоминать по этому мониторингу."
    )
    if campaign.status != CampaignStatus.RUNNING:
        raise ValidationError("Напоминать можно только по проводимому мониторингу.")
    now = timezone.now()
    pending_orgs = set(
        campaign.assignments.filter(status=AssignmentStatus.PENDING).values_list("organization_id", flat=True)
    )
    coverage = list(campaign.coverage.select_related("organization"))
    by_org = {c.organization_id: c for c in coverage}
    skipped = 0
    if organizations is not None:
        organizations = list(organizations)
        if not organizations:
            raise ValidationError("Выберите организацию, которой нужно напомнить.")
        chosen = []
        for organization in organizations:
            row = by_org.get(organization.pk)
            if row is None:
                raise ValidationError(f"Организация «{organization}» не охвачена этим мониторингом.")
            if organization.pk not in pending_orgs:
                raise ValidationError(f"В организации «{organization}» все уже ответили: напоминать некому.")
            if _recently(row.reminded_at, now):
                when = timezone.localtime(row.reminded_at)
                raise ValidationError(
                    f"Организации «{organization}» уже напоминали {when:%d.%m.%Y в %H:%M}; "
                    "повторное напоминание — не раньше чем через сутки."
                )
            chosen.append(row)
    else:
        candidates = [c for c in coverage if c.organization_id in pending_orgs]
        chosen = [c for c in candidates if not _recently(c.reminded_at, now)]
        skipped = len(candidates) - len(chosen)
        if not chosen:
            if skipped:
                raise ValidationError(
                    "Всем организациям, где ещё не ответили, уже напоминали в последние сутки; "
                    "повторное напоминание — не раньше чем через сутки."
                )
            raise ValidationError("Напоминать некому: все охваченные организации ответили.")
    ids = [c.organization_id for c in chosen]
    pending = campaign.assignments.filter(status=AssignmentStatus.PENDING, organization_id__in=ids)
    # One query each: the people with pending questionnaires and the curators of the organizations.
    owed: dict[int, int] = {}
    for person_id in pending.values_list("person_id", flat=True):
        owed[person_id] = owed.get(person_id, 0) + 1
    # a subquery, not the list: a region's reminder owes tens of thousands of people (SQLite
    # binds at most 32,766 values)
    people = Person.objects.filter(pk__in=pending.values("person_id")).select_related("user")
    curators = RoleAssignment.objects.filter(org_unit_id__in=ids, role=Role.CURATOR).select_related(
        "user__person", "org_unit"
    )
    mails = _reminder_letters(campaign, people, owed, curators, {c.organization_id: c.pk for c in chosen})
    with transaction.atomic():
        CampaignOrganization.objects.filter(pk__in=[c.pk for c in chosen]).update(reminded_at=now)
        pending.update(reminded_at=now)
    letters = send_each(mails, logger=logger, log_what="Campaign reminder to %s")
    return RemindResult(organizations=len(chosen), skipped=skipped, letters=letters)


def _reminder_letters(campaign, people, owed: dict[int, int], curators, tasks: dict[int, int]) -> list[Mail]:
    deadline = f"{campaign.ends_on:%d.%m.%Y}"
    base = site_url()
    mails: list[Mail] = []
    subject = f"Напоминание: мониторинг «{campaign.title}»"
    try:
        answer_url = base + reverse("monitoring:my_questionnaires")
    except Exception:  # the respondents' page is another part's; the letter stands without it
        answer_url = base + reverse("core:home")
    for person in people:
        address = person.email or (person.user.email if person.user_id else "")
        if not address:
            continue
        mails.append(
            Mail(
                address,
                subject,
                letter(
                    greeting(person.first_name, person.middle_name),
                    [
                        f"Идёт мониторинг «{campaign.title}». Вас просят заполнить анкеты: "
                        f"{owed[person.pk]} (срок — до {deadline}).",
                        f"Заполнить анкеты: {answer_url}",
                    ],
                ),
                (person.pk,),
            )
        )
    sent_to = set()
    for role in curators:
        user = role.user
        address = user.email or (getattr(getattr(user, "person", None), "email", "") or "")
        if not address or (address, role.org_unit_id) in sent_to:
            continue
        sent_to.add((address, role.org_unit_id))
        person = getattr(user, "person", None)
        hello = greeting(person.first_name, person.middle_name) if person else greeting(user.get_full_name())
        task_url = base + reverse("monitoring:campaign_task", args=[tasks[role.org_unit_id]])
        mails.append(
            Mail(
                address,
                subject,
                letter(
                    hello,
                    [
                        f"В организации «{role.org_unit}» ещё не все ответили на анкеты мониторинга "
                        f"«{campaign.title}», который проводит {campaign.owner}. Срок — до {deadline}.",
                        "Напомните, пожалуйста, работникам об анкетах.",
                        f"Ход мониторинга: {task_url}",
                    ],
                ),
                (f"curator {user.pk}",),
            )
        )
    return mails
