"""Context pieces shared by the templates: the organization's letterhead, its head and curator,
a person's name and position in every case, and the checks of what is missing."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from nastavnik.access.choices import Role
from nastavnik.core.language import CASES, CaseForms, DeclinedName, DeclinedPhrase, date_long, date_short
from nastavnik.documents.specs.base import Missing
from nastavnik.people.positions import default_job_title


def declined_name(person) -> DeclinedName:
    """The ``DeclinedName`` of a ``people.Person`` (its sex chooses the rules)."""
    from nastavnik.people.choices import Sex

    return DeclinedName(
        last_name=person.last_name,
        first_name=person.first_name,
        middle_name=person.middle_name,
        female=person.sex == Sex.FEMALE,
    )


@dataclass(frozen=True)
class PersonForms:
    """A person for a template: ``name`` and ``position`` decline by case
    (``{{ curator.name.acc }}``, ``{{ curator.position.gen }}``)."""

    pk: int
    name: DeclinedName
    position: DeclinedPhrase
    female: bool
    birth_date: dt.date | None = None

    @property
    def full(self) -> str:
        """«учителя математики Ивановой Марии Петровны»: the position and the name in the genitive."""
        return f"{self.position.gen} {self.name.gen}".strip()


def person_position(person, organization=None) -> str:
    """The person's job title in ``organization`` as the staff schedule writes it (issue 15
    item 2): the current employment's ``job_title`` there, else the one on the card, else the
    title derived from the national list's position (``people.positions.default_job_title``:
    «директор», not «Директор (заведующий, начальник) образовательной организации»); "" when no
    position is known."""
    from nastavnik.people.positions import default_job_title

    kind = getattr(organization, "kind", "") or ""
    if organization is not None:
        for employment in person.employments.all():
            if employment.organization_id == organization.pk and employment.ended_on is None:
                if employment.job_title:
                    return employment.job_title
                if employment.position_id:
                    # The card's title is the primary job's: it names this job only when the
                    # position is the same.
                    if person.job_title and employment.position_id == person.position_id:
                        return person.job_title
                    return default_job_title(employment.position.name, kind)
    if person.job_title:
        return person.job_title
    return default_job_title(person.position.name, kind) if person.position_id else ""


def person_forms(person, organization=None) -> PersonForms:
    """The ``PersonForms`` of a ``people.Person`` (its employments and positions should be
    prefetched when called in a loop)."""
    return PersonForms(
        pk=person.pk,
        name=declined_name(person),
        position=DeclinedPhrase(person_position(person, organization)),
        female=person.sex == "F",
        birth_date=person.birth_date,
    )


def people_with_positions():
    """People with what ``person_position`` reads loaded: the card's position and every
    employment's (no query per person)."""
    from nastavnik.people.models import Person

    return Person.objects.select_related("position").prefetch_related(employments_prefetch())


def employments_prefetch(path: str = "employments"):
    """``Prefetch`` of the employments at ``path`` (``"employments"``, ``"mentor__employments"``…)
    with their positions joined: one query where ``"<path>__position"`` takes two (issue 16:
    a package of 220 documents made some 300 queries for positions alone)."""
    from django.db.models import Prefetch

    from nastavnik.people.models import Employment

    return Prefetch(path, queryset=Employment.objects.select_related("position"))


def position_missing(person, organization=None, role: str = "") -> Missing | None:
    """A ``Missing`` «Укажите должность (наставник: Иванова Мария Петровна) в карточке работника»
    when no position of ``person`` is known (``role``: who they are in the document, "" — left
    out); ``None`` when it is."""
    if person_position(person, organization):
        return None
    who = f"{role}: {person.full_name}" if role else person.full_name
    return Missing(
        f"Укажите должность ({who}) в карточке работника.", reverse("people:edit", args=[person.pk])
    )


_role_holders: ContextVar[dict | None] = ContextVar("role_holders", default=None)


@contextmanager
def remembered_role_holders():
    """Within the block, ``role_holder`` reads each organization's head and curator once, and
    ``personal_data_recipients`` its recipients of data (one
    document asks for them in ``missing`` and in ``context``; a package asks for every
    document). Re-entrant: an inner block shares the outer one's memory."""
    if _role_holders.get() is not None:
        yield
        return
    token = _role_holders.set({})
    try:
        yield
    finally:
        _role_holders.reset(token)


def remembered(key: tuple, compute):
    """``compute()``, called once per ``key`` within a ``remembered_role_holders`` block (a
    package: what every document of a kind reads, read once); outside a block, called every
    time. ``key``: a tuple naming what is read and for which organization."""
    memory = _role_holders.get()
    if memory is None:
        return compute()
    if key not in memory:
        memory[key] = compute()
    return memory[key]


def role_holder(organization, role: str):
    """The person of the active user holding ``role`` on ``organization`` (the earliest
    assignment when there are several), or ``None``; read once per ``remembered_role_holders``
    block."""
    memory = _role_holders.get()
    key = (organization.pk, role)
    if memory is not None and key in memory:
        return memory[key]
    person = (
        people_with_positions()
        .filter(
            user__is_active=True,
            user__role_assignments__org_unit=organization,
            user__role_assignments__role=role,
        )
        .order_by("user__role_assignments__created_at", "pk")
        .first()
    )
    if memory is not None:
        memory[key] = person
    return person


def roles_url() -> str:
    return reverse("access:list")


def organization_missing(
    organization, *, head: bool = True, curator: bool = False, address: bool = True
) -> list[Missing]:
    """What the letterhead and the signatures need: the organization's address (unless the
    document does not print it) and, when asked, its head and its curator (seed 000
    §4.1.1–4.1.2), each with a position."""
    items: list[Missing] = []
    if address and not organization.address:
        items.append(
            Missing(
                "Укажите адрес организации в её карточке.",
                reverse("organizations:edit", args=[organization.pk]),
            )
        )
    for wanted, role, title in (
        (head, Role.HEAD, "руководитель организации"),
        (curator, Role.CURATOR, "куратор реализации программ наставничества"),
    ):
        if not wanted:
            continue
        person = role_holder(organization, role)
        if person is None:
            items.append(
                Missing(
                    f"Не назначен {title}: назначьте роль «{Role(role).label}» пользователю, "
                    "связанному с карточкой работника.",
                    roles_url(),
                )
            )
        elif item := position_missing(person, organization, title):
            items.append(item)
    return items


def organization_names(organization, *, short: bool = False) -> CaseForms:
    """The full (``short``: the short) name of ``organization`` in every case, as it goes on
    inside a sentence: ``nom`` as registered, the other cases from the card
    (``OrgUnit.name_in``): «Положение … в {{ org.name.pre }}» → «в муниципальном бюджетном
    общеобразовательном учреждении «…»» (issue 15 item 1)."""
    forms = {case: organization.name_in(case, short=short) for case in CASES}
    return CaseForms(
        nom=forms["nomn"],
        gen=forms["gent"],
        dat=forms["datv"],
        acc=forms["accs"],
        ins=forms["ablt"],
        pre=forms["loct"],
    )


def organization_context(organization) -> dict:
    """``org`` (names and requisites), ``head`` and ``curator`` (``PersonForms`` or ``None``).

    ``org.full_name`` / ``org.short_name``: the names as registered (the letterhead, a table
    cell); ``org.name`` / ``org.short``: ``CaseForms`` for a sentence (``{{ org.name.gen }}``,
    ``{{ org.short.pre }}``); ``org.place``: the place of issue («г. Сургут»)."""
    requisites = [organization.address]
    if organization.inn:
        requisites.append(f"ИНН {organization.inn}")
    if organization.phone:
        requisites.append(f"тел. {organization.phone}")
    if organization.email:
        requisites.append(f"эл. почта {organization.email}")
    head = role_holder(organization, Role.HEAD)
    curator = role_holder(organization, Role.CURATOR)
    return {
        "org": {
            # «директор» / «заведующий»: the head's title by the kind of organization, for a blank
            # form that names no person (``{{ org.head_title.dat }}``).
            "head_title": DeclinedPhrase(default_job_title(HEAD_POSITION, organization.kind or "")),
            # Read only when a template asks (the personal-data consents): one query.
            "data_recipients": SimpleLazyObject(lambda: personal_data_recipients(organization)),
            "full_name": organization.full_name,
            "short_name": organization.short_name or organization.full_name,
            "name": organization_names(organization),
            "short": organization_names(organization, short=True),
            # The place of issue under an order's date; from the address when not entered.
            "place": organization.place_of_issue,
            "address": organization.address,
            "inn": organization.inn,
            "requisites": "; ".join(part for part in requisites if part),
            "website": organization.website,
        },
        "head": person_forms(head, organization) if head else None,
        "curator": person_forms(curator, organization) if curator else None,
    }


#: The head's position in the national list (Постановление Правительства РФ от 21.02.2022 № 225).
HEAD_POSITION = "Директор (заведующий, начальник) образовательной организации"


def personal_data_recipients(organization) -> list[dict]:
    """Who else receives the personal data of ``organization``'s participants (issue 15 item 5;
    seed 000 §4.2–4.3, App. 2 §3.1–3.6: the municipal authority keeps the base of the
    municipality's mentors and receives the reports, the regional operator and the ЦНППМ keep the
    personified record and the monitoring): the municipal education authority of the
    organization's municipality (when the organization is under a municipality), then the
    regional operators and the ЦНППМ of its region. ``[{"name": dative full name, "address"}]``,
    by kind and name; empty when the tree holds none. Read once per organization within a
    ``remembered_role_holders`` block (a package prints it in every personal-data consent)."""
    memory = _role_holders.get()
    key = (organization.pk, "personal_data_recipients")
    if memory is not None and key in memory:
        return memory[key]
    recipients = _personal_data_recipients(organization)
    if memory is not None:
        memory[key] = recipients
    return recipients


def _personal_data_recipients(organization) -> list[dict]:
    from django.db.models import Q

    from nastavnik.organizations.choices import Level, OrganizationKind
    from nastavnik.organizations.models import OrgUnit

    condition = Q(pk__in=[])
    parent = organization.parent
    if parent is not None and parent.level == Level.MUNICIPALITY:
        condition |= Q(parent_id=parent.pk, kind=OrganizationKind.MUNICIPAL_AUTHORITY)
    steps = [part for part in organization.path.split("/") if part]  # federal/region/…
    if len(steps) > 2:
        region_path = f"{steps[0]}/{steps[1]}/"
        condition |= Q(
            path__startswith=region_path,
            kind__in=(OrganizationKind.REGIONAL_OPERATOR, OrganizationKind.CNPPM),
        )
    order = {
        OrganizationKind.MUNICIPAL_AUTHORITY: 0,
        OrganizationKind.REGIONAL_OPERATOR: 1,
        OrganizationKind.CNPPM: 2,
    }
    units = sorted(
        OrgUnit.objects.filter(level=Level.ORGANIZATION).filter(condition).exclude(pk=organization.pk),
        key=lambda unit: (order.get(unit.kind, 9), unit.full_name),
    )
    return [{"name": unit.name_in("datv"), "address": unit.address} for unit in units]


def document_context(document: dict) -> dict:
    """``number``, ``date``, ``date_long`` (21 ноября 2026 г.), ``date_short`` of the document;
    an order without a number yet gets a line to write it in."""
    date = document.get("date") or timezone.localdate()
    return {
        "number": document.get("number") or "______",
        "date": date,
        "date_long": date_long(date),
        "date_short": date_short(date),
        "year": date.year,
    }


def parse_date(value) -> dt.date | None:
    """A date from a JSON parameter (ISO string), ``None`` when empty or malformed."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def school_year_bounds(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """1 September – 31 August of the school year ``today`` falls in."""
    today = today or timezone.localdate()
    start_year = today.year if today.month >= 9 else today.year - 1
    return dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31)


#: The non-working public holidays of the Russian Federation, (month, day) (ТК РФ ст. 112).
PUBLIC_HOLIDAYS = frozenset(
    [(1, day) for day in range(1, 9)] + [(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)]
)


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day: neither a Saturday or Sunday nor a public holiday of
    ``PUBLIC_HOLIDAYS`` (ТК РФ ст. 112). The yearly transfers of days off by the Government's
    decree are not known here."""
    return day.weekday() < 5 and (day.month, day.day) not in PUBLIC_HOLIDAYS


def working_day_before(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day (:func:`is_working_day`), else the working day
    before it: the deadline a document sets («не позднее 30 апреля 2027 г.», never a Sunday or
    «не позднее 9 мая»)."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def registered_document(organization, kind: str, *, on: dt.date | None = None):
    """The latest document of ``kind`` of ``organization`` entered in the registry with a number
    (``documents.Document``), dated no later than ``on`` when given; ``None`` when there is
    none. One query. E.g. the order approving the Положение, which the implementation order and
    the Положение's «УТВЕРЖДЕНО» block cite («приказом от 15 сентября 2026 г. № 99-о»)."""
    from nastavnik.documents.models import Document

    documents = Document.objects.filter(organization=organization, kind=kind).exclude(number="")
    if on is not None:
        documents = documents.filter(date__lte=on)
    return documents.order_by("-date", "-pk").first()


class MentorProfileSubject:
    """Mix-in of a kind whose document is about one mentor's bank profile
    (``bank.MentorProfile``; stored on ``Document.person``): the subject's fields, its lookup
    from a stored document, its short label, and the profiles in the order of the package."""

    @staticmethod
    def mentor_profiles(**filters):
        """The bank's mentor profiles matching ``filters``, with their person, by name."""
        from nastavnik.bank.models import MentorProfile

        return (
            MentorProfile.objects.filter(**filters)
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
        )

    def subject_fields(self, subject) -> dict:
        return {"person": subject.person}

    def subject_of(self, document):
        from nastavnik.bank.models import MentorProfile

        return MentorProfile.objects.select_related("person").get(person_id=document.person_id)

    def subject_label(self, subject) -> str:
        return subject.person.short_name
