"""Personal data of one person across the apps (152-ФЗ art. 14, art. 21 part 7): what the system
stores about them, and its depersonalization once the retention period has run out.

``people`` is the lowest app that knows a person and must not import the apps above it; so each
app that keeps something about a person contributes through this registry, from its
``AppConfig.ready``::

    personal_data.register(
        "bank",
        order=30,
        collect=bank_sections,         # (person) -> [Section]
        last_date=bank_last_date,      # (person) -> date | None: the latest date of its papers
        is_active=None,                # (person) -> bool: still taking part (blocks wiping)
        wipe=bank_wipe,                # (person, *, label, names) -> None: removes what names
                                       # them; ``names``: their former full and short names
        expire=import_checks_purge,    # (*, now) -> int: deletes the copies kept for a limited
                                       # time (a checked import file: a day) whose time ran out
    )

``people`` registers its own part (the card, employments, roles) below. :func:`collect` reads
every section for the page and the file; :func:`depersonalization_candidates` and
:func:`person_depersonalize` implement the command ``depersonalize_people``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("nastavnik.people")

#: The name a depersonalized person is shown under; ``{number}`` is the card's number.
DEPERSONALIZED_NAME = "Обезличенный участник № {number}"


@dataclass
class Section:
    """One part of what is stored about a person: ``title`` (Russian) and ``records``, each a
    dict of Russian label → value (str, number, date, bool or None), in display order."""

    title: str
    records: list[dict] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """The labels of all records, in the order first met (the page's table header)."""
        seen: dict[str, None] = {}
        for record in self.records:
            seen.update(dict.fromkeys(record))
        return list(seen)

    @property
    def rows(self) -> list[list]:
        columns = self.columns
        return [[record.get(c) for c in columns] for record in self.records]

    @property
    def display_rows(self) -> list[list[str]]:
        """:attr:`rows` as the page shows them: dates «ДД.ММ.ГГГГ», times «ДД.ММ.ГГГГ ЧЧ:ММ»
        (local), empty values «—»."""
        return [[display_value(v) for v in row] for row in self.rows]


def display_value(value) -> str:
    """A value of a record as text for the page."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return str(value)


@dataclass(frozen=True)
class Contributor:
    """What one app contributes (see the module docstring)."""

    name: str
    order: int
    collect: Callable | None = None
    last_date: Callable | None = None
    is_active: Callable | None = None
    wipe: Callable | None = None
    expire: Callable | None = None


_contributors: dict[str, Contributor] = {}


def register(
    name: str,
    *,
    order: int = 100,
    collect: Callable | None = None,
    last_date: Callable | None = None,
    is_active: Callable | None = None,
    wipe: Callable | None = None,
    expire: Callable | None = None,
) -> None:
    """Add (or replace, by ``name``) an app's contribution; ``order`` sorts the sections."""
    _contributors[name] = Contributor(name, order, collect, last_date, is_active, wipe, expire)


def expire_kept(*, now: dt.datetime | None = None) -> int:
    """Delete, in every registered app, the personal data kept only for a limited time whose time
    ran out at ``now`` (default: now), e.g. the kept checks of the bank import (a day); returns
    how many records were deleted. Run daily by ``depersonalize_people``."""
    now = now or timezone.now()
    return sum(c.expire(now=now) for c in contributors() if c.expire is not None)


def contributors() -> list[Contributor]:
    return sorted(_contributors.values(), key=lambda c: (c.order, c.name))


def collect(person) -> list[Section]:
    """Every section of what the system stores about ``person``, from every registered app,
    empty sections left out. Reads only; the caller makes sure the user is the person."""
    sections: list[Section] = []
    for contributor in contributors():
        if contributor.collect is not None:
            sections.extend(s for s in contributor.collect(person) if s.records)
    return sections


def as_json(person, sections: list[Section]) -> dict:
    """The file's JSON: ``{"Работник": name, "Сформировано": ISO time, "Разделы": {title:
    [record]}}`` with dates as ``YYYY-MM-DD``."""

    def plain(value):
        if isinstance(value, dt.datetime):
            return (
                timezone.localtime(value).isoformat(timespec="seconds")
                if timezone.is_aware(value)
                else value.isoformat()
            )
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return {
        "Работник": person.full_name,
        "Сформировано": timezone.localtime().isoformat(timespec="seconds"),
        "Разделы": {s.title: [{k: plain(v) for k, v in r.items()} for r in s.records] for s in sections},
    }


def as_rows(sections: list[Section]):
    """The file's XLSX rows: ``(section, record number, label, value)`` per filled value."""
    for section in sections:
        for number, record in enumerate(section.records, start=1):
            for label, value in record.items():
                if value not in (None, "", [], ()):
                    yield (section.title, number, label, value)


# Depersonalization -------------------------------------------------------------------------------


def retention_years() -> int:
    """``settings.NASTAVNIK_PD_RETENTION_YEARS``: how long the papers of a person who left are
    kept before the person is depersonalized (3 by default)."""
    return int(getattr(settings, "NASTAVNIK_PD_RETENTION_YEARS", 3))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def last_date(person) -> dt.date:
    """The latest date of anything about ``person``: the end of their latest employment, the
    latest date each app reports (a consent's withdrawal, a pair's end, a document's date…), and
    at least the day the card was created."""
    dates = [timezone.localdate(person.created_at)]
    dates += [e for e in person.employments.values_list("ended_on", flat=True) if e]
    for contributor in contributors():
        if contributor.last_date is not None:
            value = contributor.last_date(person)
            if value:
                dates.append(value)
    return max(dates)


def is_active(person, *, today: dt.date | None = None) -> bool:
    """Whether ``person`` is still in the system: a current (or future) employment, a role held
    by their account, or anything an app reports as active (an active pair)."""
    from nastavnik.access.models import RoleAssignment

    today = today or timezone.localdate()
    if (
        person.employments.filter(ended_on__isnull=True).exists()
        or person.employments.filter(ended_on__gte=today).exists()
    ):
        return True
    if person.user_id and RoleAssignment.objects.filter(user_id=person.user_id).exists():
        return True
    return any(c.is_active(person) for c in contributors() if c.is_active is not None)


def depersonalization_candidates(*, today: dt.date | None = None, years: int | None = None):
    """People who left the system (not :func:`is_active`) and whose latest date
    (:func:`last_date`) is more than ``years`` (:func:`retention_years`) before ``today``, not
    depersonalized yet. A generator of ``Person``."""
    from nastavnik.people.models import Employment, Person

    today = today or timezone.localdate()
    limit = _years_before(today, retention_years() if years is None else years)
    working = Employment.objects.filter(ended_on__isnull=True).values("person_id")
    for person in (
        Person.objects.filter(depersonalized_on__isnull=True)
        .exclude(pk__in=working)
        .filter(created_at__date__lt=limit)
        .order_by("pk")
        .iterator()
    ):
        if not is_active(person, today=today) and last_date(person) < limit:
            yield person


@transaction.atomic
def person_depersonalize(*, person, today: dt.date | None = None) -> None:
    """Depersonalize ``person`` (152-ФЗ art. 3 item 9, art. 21 part 7): every app wipes what names
    them (scans, free texts, their name in titles and histories), then the card keeps only what
    indicators count — sex, the birth year (1 January of it), experience, category, education,
    position and subjects — under the name «Обезличенный участник № N» (N: the card's number);
    СНИЛС, contacts, address and identity document are cleared, the account is closed. Pairs,
    programs, the full-cycle marks and employments stay, so every count is unchanged.

    Idempotent: a depersonalized person is left as is.
    """
    from nastavnik.people.models import Person

    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.depersonalized_on is not None:
        return
    label = DEPERSONALIZED_NAME.format(number=person.pk)
    names = {person.full_name, person.short_name} - {""}
    user = person.user
    person.last_name, person.first_name, person.middle_name = label, "", ""
    person.birth_date = dt.date(person.birth_date.year, 1, 1)
    person.snils = None
    person.email = person.phone = person.address = ""
    person.id_document_number = person.id_document_issued_by = ""
    person.id_document_issued_on = None
    person.user = None
    person.depersonalized_on = today or timezone.localdate()
    person.save()
    if user is not None:
        user.username = f"obezlichen-{person.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
    # After the card is saved, so that an app keeping a history of changes (the audit trail)
    # can wipe the entry of this very change too.
    for contributor in contributors():
        if contributor.wipe is not None:
            contributor.wipe(person, label=label, names=names)
    logger.info("person %s depersonalized", person.pk)


# The part of ``people`` itself ------------------------------------------------------------------


def _people_sections(person) -> list[Section]:
    from nastavnik.access.models import RoleAssignment

    card = Section(
        "Карточка педагогического работника",
        [
            {
                "Фамилия": person.last_name,
                "Имя": person.first_name,
                "Отчество": person.middle_name,
                "Пол": person.get_sex_display(),
                "Дата рождения": person.birth_date,
                "СНИЛС": person.snils_display,
                "Должность": str(person.position or ""),
                "Должность по штатному расписанию": person.job_title,
                "Предметы": ", ".join(str(s) for s in person.subjects.all()),
                "Общий стаж, лет": person.total_experience_years,
                "Педагогический стаж, лет": person.pedagogical_experience_years,
                "Квалификационная категория": person.get_qualification_category_display(),
                "Педагогическое образование": "есть" if person.has_pedagogical_education else "нет",
                "Электронная почта": person.email,
                "Телефон": person.phone,
                "Адрес места жительства": person.address,
                "Документ, удостоверяющий личность": person.id_document_number,
                "Дата выдачи документа": person.id_document_issued_on,
                "Кем выдан документ": person.id_document_issued_by,
                "Карточка создана": person.created_at,
                "Карточка изменена": person.updated_at,
            }
        ],
    )
    jobs = Section(
        "Места работы",
        [
            {
                "Организация": str(e.organization),
                "Должность": str(e.position or ""),
                "Должность по штатному расписанию": e.job_title,
                "Основное место работы": "да" if e.is_primary else "нет",
                "Дата приёма": e.started_on,
                "Дата увольнения": e.ended_on,
            }
            for e in person.employments.select_related("organization", "position").order_by("-started_on")
        ],
    )
    sections = [card, jobs]
    if person.user_id:
        sections.append(
            Section(
                "Роли в системе",
                [
                    {"Роль": r.get_role_display(), "Где": str(r.org_unit), "Назначена": r.created_at}
                    for r in RoleAssignment.objects.filter(user_id=person.user_id).select_related("org_unit")
                ],
            )
        )
    return sections


def _people_wipe(person, *, label: str, names: set[str]) -> None:
    """Role assignments of the account go: a depersonalized person acts nowhere."""
    from nastavnik.access.models import RoleAssignment

    if person.user_id:
        RoleAssignment.objects.filter(user_id=person.user_id).delete()


register("people", order=10, collect=_people_sections, wipe=_people_wipe)
