"""Import of the bank of mentors and mentees from XLSX or CSV (seed 000 §4.1.2: the curator keeps
the personified record; issue 3 item 5).

Two steps over one file:

1. ``bank_import_validate`` reads every row, checks it (``validation``), matches it with the
   people already in the system — by СНИЛС, else by ФИО and birth date, case-insensitive — and
   returns an ``ImportPlan``: what will be created and changed, and every error with its row
   and column. Nothing is written.
2. ``bank_import_apply`` writes a plan without errors in one transaction: new people with a
   place of work in the organization, changed fields of known people, missing places of work,
   mentor profiles (candidates, with the first status event) and mentee profiles, consents to
   personal-data processing. Anything failing rolls everything back.

The pages run the check once (``tasks``): its rows are kept (``kept``), and «Импортировать»
re-verifies only what changed in the system since (``bank_import_reverify``) before step 2 —
the file is not read and checked again (issue 16, Build 3).

Writes go in batches (``core.bulk``: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere;
``bulk_update``; M2M through their tables) after a few preloading queries, so that 60,000 rows
take well under a minute; a repeated file writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nastavnik.access.scope import get_scope
from nastavnik.audit.services import BulkChange, record_bulk_changes
from nastavnik.bank.choices import ConsentPurpose, MentorStatus
from nastavnik.bank.importing.columns import COLUMN_BY_KEY, match_headers, normalize_name
from nastavnik.bank.importing.kept import import_check_claim
from nastavnik.bank.importing.reader import ImportFileError, open_table
from nastavnik.bank.importing.validation import (
    MENTEE,
    MENTOR,
    ImportIssue,
    Lookups,
    RowData,
    parse_row,
)
from nastavnik.bank.models import MenteeProfile, MentorProfile, MentorStatusEvent, PersonalDataConsent
from nastavnik.core.bulk import bulk_insert, copy_rows
from nastavnik.core.concurrency import version_bump
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choices import QualificationCategory
from nastavnik.people.forms import organizations_for_person_add
from nastavnik.people.models import Employment, Person, experience_error, join_full_name
from nastavnik.people.validators import format_snils

#: Rows per INSERT/UPDATE batch and ids per ``IN (…)`` of the preloading queries.
BATCH = 2000
#: Errors kept in the preview; the total is always counted.
MAX_SHOWN_ERRORS = 500
SAMPLE_ROWS = 10
MENTOR_EVENT_COMMENT = "Включён в базу наставников при загрузке из файла."

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stage "read" (rows read and checked) or "write" (rows written)."""

_PERSON_VALUES = (
    "id",
    "last_name",
    "first_name",
    "middle_name",
    "sex",
    "birth_date",
    "snils",
    "position_id",
    "job_title",
    "total_experience_years",
    "pedagogical_experience_years",
    "qualification_category",
    "has_pedagogical_education",
    "email",
    "phone",
)
#: Fields of a known person the file may change when its cell is not empty.
_NULLABLE_UPDATES = (
    "position_id",
    "total_experience_years",
    "pedagogical_experience_years",
    "qualification_category",
    "has_pedagogical_education",
)
_TEXT_UPDATES = ("email", "phone", "job_title")
#: What the matching reads of a known person: the stored values and the stamp the apply compares.
_MATCH_VALUES = (*_PERSON_VALUES, "updated_at")


@dataclass
class PersonChange:
    """What the import does to a person already in the system (``person``: their stored values)."""

    row: RowData
    person: dict
    fields: dict[str, Any] = field(default_factory=dict)
    subject_ids: frozenset | None = None
    employment: bool = False
    primary: bool = False
    mentor: bool = False
    mentee: bool = False
    consent: bool = False

    @property
    def changed(self) -> bool:
        return bool(
            self.fields
            or self.subject_ids is not None
            or self.employment
            or self.mentor
            or self.mentee
            or self.consent
        )


@dataclass
class ImportPlan:
    """The checked file: ``issues`` (all errors, by row), ``new_rows`` (people to create),
    ``changes`` (known people with something to write), ``unchanged`` (known people with
    nothing to write), ``rows`` (data rows read). Applicable only when ``ok``."""

    organization: Any
    user: Any
    file_kind: str = ""
    rows: int = 0
    issues: list[ImportIssue] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    new_rows: list[RowData] = field(default_factory=list)
    changes: list[PersonChange] = field(default_factory=list)
    unchanged: int = 0
    sample: list[dict] = field(default_factory=list)
    #: When the people were matched (``kept``: the apply re-verifies those changed since).
    checked_at: dt.datetime | None = None
    #: The rows that passed the checks of the file, in file order (what ``kept`` keeps).
    checked_rows: list[RowData] = field(default_factory=list, repr=False)
    #: Row number → stored values (``updated_at`` among them) of the known person it names.
    matched: dict[int, dict] = field(default_factory=dict, repr=False)
    #: Rows checked again at the apply because what they depended on changed since the check.
    rechecked: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues and self.rows > 0

    def preview(self) -> dict:
        """JSON of the preview page: counts, the first ``MAX_SHOWN_ERRORS`` errors, a sample."""
        return {
            "organization": str(self.organization),
            "organization_id": self.organization.pk,
            "file_kind": self.file_kind,
            "rows": self.rows,
            "new": len(self.new_rows),
            "changed": len(self.changes),
            "unchanged": self.unchanged,
            "errors_total": len(self.issues),
            "errors": [issue.as_dict() for issue in self.issues[:MAX_SHOWN_ERRORS]],
            "ignored_headers": self.ignored_headers,
            "sample": self.sample,
        }


@dataclass
class ImportResult:
    """What ``bank_import_apply`` wrote: people ``created``/``updated``, known people left
    ``unchanged``, and the rows added to each table."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    employments: int = 0
    mentor_profiles: int = 0
    mentee_profiles: int = 0
    consents: int = 0

    @property
    def nothing_changed(self) -> bool:
        return not (
            self.created
            or self.updated
            or self.employments
            or self.mentor_profiles
            or self.mentee_profiles
            or self.consents
        )

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "employments": self.employments,
            "mentor_profiles": self.mentor_profiles,
            "mentee_profiles": self.mentee_profiles,
            "consents": self.consents,
            "nothing_changed": self.nothing_changed,
        }


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _person_key(values: dict) -> tuple:
    return (
        normalize_name(values["last_name"]),
        normalize_name(values["first_name"]),
        normalize_name(values["middle_name"]),
        values["birth_date"],
    )


def _check_target(organization, user) -> None:
    if organization is None or organization.level != "organization":
        raise ValidationError("Выберите организацию, а не территорию.")
    if user is None or not organizations_for_person_add(user).filter(pk=organization.pk).exists():
        raise PermissionDenied("Нет права вносить работников в эту организацию.")


def bank_import_validate(
    *,
    source: BinaryIO,
    organization,
    user,
    progress: Progress | None = None,
    max_rows: int | None = None,
    today: dt.date | None = None,
) -> ImportPlan:
    """Read and check a file for the import into ``organization``'s bank on behalf of ``user``.

    ``source``: a seekable binary file (XLSX or CSV). Problems of the file — not a table, no
    rows, a missing required column, more than ``max_rows`` (``NASTAVNIK_IMPORT_MAX_ROWS``)
    rows, invalid cells, duplicates inside the file, a СНИЛС of another person already in the
    system, a known person out of the user's scope — are returned in ``plan.issues``, never
    raised. Writes nothing. Source: seed 000 §4.1.2.

    Raises:
        PermissionDenied: ``user`` may not add people to ``organization``.
        ValidationError: ``organization`` is a territory, not an organization.
    """
    _check_target(organization, user)
    max_rows = max_rows or settings.NASTAVNIK_IMPORT_MAX_ROWS
    lookups = Lookups(today=today)
    plan = ImportPlan(organization=organization, user=user)
    rows = _read_rows(plan, source, lookups, max_rows, progress)
    if (plan.issues and plan.rows == 0) or any(issue.row is None for issue in plan.issues):
        return plan
    if plan.rows == 0:
        plan.issues.append(
            ImportIssue(None, "", "В файле нет строк с данными: заполните строки под заголовками.")
        )
        return plan
    plan.checked_at = timezone.now()
    plan.checked_rows = rows
    matched = _find_people(plan, rows)
    _keep_reachable(plan, matched, user, organization)
    plan.matched = matched
    _plan_changes(plan, rows, matched, organization)
    plan.issues.sort(key=lambda issue: issue.row or 0)
    plan.sample = _sample(plan, rows, matched, lookups)
    return plan


def _read_rows(plan: ImportPlan, source, lookups: Lookups, max_rows: int, progress) -> list[RowData]:
    try:
        table = open_table(source)
    except ImportFileError as exc:
        plan.issues.append(ImportIssue(None, "", exc.message))
        return []
    plan.file_kind = table.kind
    rows: list[RowData] = []
    try:
        header = match_headers(table.headers)
        plan.ignored_headers = header.ignored
        if header.errors:
            plan.issues.extend(ImportIssue(None, "", message) for message in header.errors)
            return []
        seen_snils: dict[str, int] = {}
        seen_keys: dict[tuple, tuple[int, bool]] = {}
        snils_header = COLUMN_BY_KEY["snils"].header
        total = table.size_hint
        for number, cells in table.rows:
            plan.rows += 1
            if plan.rows > max_rows:
                limit = f"{max_rows:,}".replace(",", "\u00a0")
                plan.issues = [
                    ImportIssue(None, "", f"В файле больше {limit} строк с данными: разделите его на части.")
                ]
                return []
            if progress and plan.rows % 500 == 0:
                progress("read", plan.rows, total)
            data, issues = parse_row(number, cells, header.positions, lookups)
            if issues:
                plan.issues.extend(issues)
                continue
            if data.snils:
                first = seen_snils.get(data.snils)
                if first is not None:
                    plan.issues.append(
                        ImportIssue(
                            number,
                            snils_header,
                            f"СНИЛС {format_snils(data.snils)} уже указан в строке {first}.",
                        )
                    )
                    continue
                seen_snils[data.snils] = number
            key = data.key
            previous = seen_keys.get(key)
            if previous is not None and not (previous[1] and data.snils):
                plan.issues.append(
                    ImportIssue(
                        number,
                        "",
                        f"работник с такими ФИО и датой рождения уже указан в строке {previous[0]}.",
                    )
                )
                continue
            if previous is None or not data.snils:
                seen_keys[key] = (number, bool(data.snils))
            rows.append(data)
        if progress:
            progress("read", plan.rows, plan.rows)
    except ImportFileError as exc:
        plan.issues.append(ImportIssue(None, "", exc.message))
        return []
    finally:
        table.close()
    return rows


def _find_people(
    plan: ImportPlan, rows: list[RowData], taken: dict[int, int] | None = None
) -> dict[int, dict]:
    """Row number → stored values of the known person it means (by СНИЛС, else by ФИО and birth
    date); conflicts go to ``plan.issues``. ``taken``: person id → row number of the people other
    rows already name (filled in as rows are matched)."""
    snils_header = COLUMN_BY_KEY["snils"].header
    by_snils: dict[str, dict] = {}
    for chunk in _chunks([row.snils for row in rows if row.snils]):
        for values in Person.objects.filter(snils__in=chunk).values(*_MATCH_VALUES):
            by_snils[values["snils"]] = values
    dates = sorted({row.birth_date for row in rows if not (row.snils and row.snils in by_snils)})
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for chunk in _chunks(dates):
        for values in Person.objects.filter(birth_date__in=chunk).values(*_MATCH_VALUES):
            by_key[_person_key(values)].append(values)

    matched: dict[int, dict] = {}
    taken = {} if taken is None else taken
    for row in rows:
        person = by_snils.get(row.snils) if row.snils else None
        if person is not None and _person_key(person) != row.key:
            plan.issues.append(
                ImportIssue(
                    row.row,
                    snils_header,
                    f"СНИЛС {format_snils(row.snils)} уже есть в системе у работника с другими ФИО "
                    "или датой рождения.",
                )
            )
            continue
        if person is None:
            candidates = by_key.get(row.key, ())
            if row.snils:
                candidates = [c for c in candidates if not c["snils"]]
            if len(candidates) > 1:
                plan.issues.append(
                    ImportIssue(
                        row.row,
                        snils_header,
                        "в системе несколько работников с такими ФИО и датой рождения: укажите СНИЛС.",
                    )
                )
                continue
            person = candidates[0] if candidates else None
        if person is None:
            continue
        if person["id"] in taken:
            plan.issues.append(
                ImportIssue(row.row, "", f"этот работник уже указан в строке {taken[person['id']]}.")
            )
            continue
        taken[person["id"]] = row.row
        matched[row.row] = person
    return matched


def _keep_reachable(plan: ImportPlan, matched: dict[int, dict], user, organization) -> None:
    """Drop from ``matched`` the people ``user`` may not change (out of their scope), each with an
    issue of its row in ``plan.issues``."""
    if matched and not user.is_superuser:
        ids = [p["id"] for p in matched.values()]
        reachable: set[int] = set()
        # People working now in the target organization are in the scope of whoever keeps it
        # without a consent condition (the curator, the head): no per-person scope query for them.
        exempt, _bound = get_scope(user).consent_paths("person", "change")
        if any(organization.path.startswith(path) for path in exempt):
            reachable = _ids_with(
                Employment.objects.current().filter(organization=organization), "person_id", ids
            )
        scoped = Person.objects.for_user(user, "change")
        for chunk in _chunks([pk for pk in ids if pk not in reachable]):
            reachable.update(scoped.filter(pk__in=chunk).values_list("pk", flat=True))
        for number in [n for n, p in matched.items() if p["id"] not in reachable]:
            del matched[number]
            plan.issues.append(
                ImportIssue(
                    number,
                    "",
                    "работник уже есть в системе, но вне вашей зоны доступа: место работы ему добавляет "
                    "куратор или руководитель его организации.",
                )
            )


def _ids_with(queryset, field_name: str, ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(ids):
        found.update(queryset.filter(**{f"{field_name}__in": chunk}).values_list(field_name, flat=True))
    return found


def _plan_changes(plan: ImportPlan, rows: list[RowData], matched: dict[int, dict], organization) -> None:
    bad_rows = {issue.row for issue in plan.issues}
    ids = [p["id"] for p in matched.values()]
    today = timezone.localdate()
    subjects: dict[int, set[int]] = defaultdict(set)
    through = Person.subjects.through
    for chunk in _chunks(ids):
        for person_id, subject_id in through.objects.filter(person_id__in=chunk).values_list(
            "person_id", "subject_id"
        ):
            subjects[person_id].add(subject_id)
    open_here = _ids_with(
        Employment.objects.filter(organization=organization).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=today)
        ),
        "person_id",
        ids,
    )
    employed = _ids_with(Employment.objects.current(today), "person_id", ids)
    mentors = _ids_with(MentorProfile.objects.all(), "person_id", ids)
    mentees = _ids_with(MenteeProfile.objects.all(), "person_id", ids)
    consented = _ids_with(PersonalDataConsent.objects.valid(), "person_id", ids)
    ped_header = COLUMN_BY_KEY["pedagogical_experience_years"].header

    for row in rows:
        if row.row in bad_rows:
            continue
        person = matched.get(row.row)
        if person is None:
            plan.new_rows.append(row)
            continue
        pk = person["id"]
        change = PersonChange(row=row, person=person)
        if row.sex != person["sex"]:
            change.fields["sex"] = row.sex
        if row.snils and not person["snils"]:
            change.fields["snils"] = row.snils
        for name in _NULLABLE_UPDATES:
            value = getattr(row, name)
            if value is not None and value != person[name]:
                change.fields[name] = value
        for name in _TEXT_UPDATES:
            value = getattr(row, name)
            if value and value != person[name]:
                change.fields[name] = value
        error = experience_error(
            change.fields.get("total_experience_years", person["total_experience_years"]),
            change.fields.get("pedagogical_experience_years", person["pedagogical_experience_years"]),
        )
        if error:
            plan.issues.append(
                ImportIssue(
                    row.row,
                    ped_header,
                    "педагогический стаж не может превышать общий (с учётом сведений в системе).",
                )
            )
            continue
        if row.subject_ids is not None and row.subject_ids != subjects.get(pk, set()):
            change.subject_ids = row.subject_ids
        change.employment = pk not in open_here
        change.primary = change.employment and pk not in employed
        change.mentor = row.bank_role == MENTOR and pk not in mentors
        change.mentee = row.bank_role == MENTEE and pk not in mentees
        change.consent = row.pd_consent_given_on is not None and pk not in consented
        if change.changed:
            plan.changes.append(change)
        else:
            plan.unchanged += 1


def _sample(plan: ImportPlan, rows: list[RowData], matched: dict[int, dict], lookups: Lookups) -> list[dict]:
    changed = {change.row.row for change in plan.changes}
    bad = {issue.row for issue in plan.issues}
    role_labels = {MENTOR: "наставник", MENTEE: "наставляемый", "": "—"}
    sample = []
    for row in rows[:SAMPLE_ROWS]:
        if row.row in bad:
            action = "ошибка"
        elif row.row not in matched:
            action = "будет добавлен"
        elif row.row in changed:
            action = "будет изменён"
        else:
            action = "без изменений"
        sample.append(
            {
                "row": row.row,
                "full_name": row.full_name,
                "birth_date": row.birth_date.strftime("%d.%m.%Y"),
                "snils": format_snils(row.snils or "") or "—",
                "position": lookups.position_labels.get(row.position_id, "—"),
                "bank_role": role_labels[row.bank_role],
                "action": action,
            }
        )
    return sample


# ------------------------------------------------------------------------------------------------
# Re-verify a kept check
# ------------------------------------------------------------------------------------------------

#: People written this long before a check are re-verified too: a transaction that was writing
#: them while the file was checked (another import, say) may have committed after the matching
#: read, with ``updated_at`` stamped before it. Such a person costs only a second look.
RECHECK_MARGIN = dt.timedelta(minutes=10)


def bank_import_reverify(*, kept, organization, user) -> ImportPlan:
    """The plan of a kept check (``kept.KeptCheck``) as it stands now, without reading the file:
    only what may have changed since the check is verified again (issue 16, Build 3).

    - the user's right to add people to ``organization`` (raises, as the check does), and to
      change every known person the rows name (a row out of scope is an issue);
    - a row whose known person was changed or deleted since (``updated_at`` differs), or whose
      СНИЛС or ФИО and birth date a person written since the check now holds, is matched again
      exactly as the check matches it (``plan.rechecked`` lists those rows);
    - reference values the rows use that are no longer active are issues of their rows;
    - what to write for each known person (places of work, bank profiles, consents, subjects,
      changed fields) is worked out from the database as it is now.

    The rows of the file themselves (cells, duplicates inside the file) are not checked again:
    they were checked when the file was read, and the file is the one checked (its SHA-256).
    Returns an ``ImportPlan`` whose ``issues`` hold every row now invalid (then nothing may be
    written); ``sample`` and ``ignored_headers`` are left empty. Source: seed 000 §4.1.2.

    Raises:
        PermissionDenied: ``user`` may not add people to ``organization``.
        ValidationError: ``organization`` is a territory, not an organization.
    """
    _check_target(organization, user)
    plan = ImportPlan(organization=organization, user=user, file_kind=kept.file_kind, rows=kept.row_count)
    plan.checked_at = timezone.now()
    rows = kept.rows
    plan.checked_rows = rows
    _check_references(plan, rows)

    # The known people as they are now: a row whose person changed or is gone is matched again.
    fresh: dict[int, dict] = {}
    for chunk in _chunks([pk for pk, _stamp in kept.matched.values()]):
        for values in Person.objects.filter(pk__in=chunk).values(*_MATCH_VALUES):
            fresh[values["id"]] = values
    matched: dict[int, dict] = {}
    stale: set[int] = set()
    for number, (pk, stamp) in kept.matched.items():
        person = fresh.get(pk)
        if person is not None and person["updated_at"] == stamp:
            matched[number] = person
        else:
            stale.add(number)
    del fresh

    # People written since the check: a row whose СНИЛС or ФИО and birth date one of them holds
    # now (a new person, a СНИЛС filled in, a name corrected) is matched again.
    recent_snils: dict[str, int] = {}
    recent_keys: dict[tuple, set[int]] = defaultdict(set)
    recent = Person.objects.filter(updated_at__gte=kept.checked_at - RECHECK_MARGIN).values(
        "id", "snils", "last_name", "first_name", "middle_name", "birth_date"
    )
    for values in recent.iterator(chunk_size=BATCH):
        if values["snils"]:
            recent_snils[values["snils"]] = values["id"]
        recent_keys[_person_key(values)].add(values["id"])
    if recent_keys:
        for row in rows:
            if row.row in stale:
                continue
            others = set(recent_keys.get(row.key, ()))
            if row.snils and row.snils in recent_snils:
                others.add(recent_snils[row.snils])
            others.discard(kept.matched.get(row.row, (None,))[0])
            if others:
                stale.add(row.row)
                matched.pop(row.row, None)
    del recent_snils, recent_keys

    if stale:
        # The people of the other rows stay taken, as in the check.
        taken = {person["id"]: number for number, person in matched.items()}
        matched.update(_find_people(plan, [row for row in rows if row.row in stale], taken))
    plan.rechecked = sorted(stale)
    _keep_reachable(plan, matched, user, organization)
    plan.matched = matched
    _plan_changes(plan, rows, matched, organization)
    plan.issues.sort(key=lambda issue: issue.row or 0)
    return plan


def _check_references(plan: ImportPlan, rows: list[RowData]) -> None:
    """An issue for each row that names a position, subject or mentee category deactivated in
    the reference since the check (the check accepts only active values)."""
    from nastavnik.reference.models import MenteeCategory, Position, Subject

    used: dict[str, set[int]] = {"position": set(), "subjects": set(), "mentee_categories": set()}
    for row in rows:
        if row.position_id is not None:
            used["position"].add(row.position_id)
        used["subjects"].update(row.subject_ids or ())
        used["mentee_categories"].update(row.category_ids or ())
    models = {"position": Position, "subjects": Subject, "mentee_categories": MenteeCategory}
    gone: dict[str, dict[int, str]] = {}
    for key, ids in used.items():
        if not ids:
            continue
        model = models[key]
        active = set(model.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
        if ids - active:
            names = dict(model.objects.filter(pk__in=ids - active).values_list("pk", "name"))
            gone[key] = {pk: names.get(pk, "") for pk in ids - active}
    if not gone:
        return
    for row in rows:
        values = {
            "position": [] if row.position_id is None else [row.position_id],
            "subjects": sorted(row.subject_ids or ()),
            "mentee_categories": sorted(row.category_ids or ()),
        }
        for key, names in gone.items():
            for pk in values[key]:
                if pk in names:
                    plan.issues.append(
                        ImportIssue(
                            row.row,
                            COLUMN_BY_KEY[key].header,
                            f"значения «{names[pk]}» больше нет в справочнике: исправьте файл "
                            "и загрузите его снова.",
                        )
                    )


# ------------------------------------------------------------------------------------------------
# Apply
# ------------------------------------------------------------------------------------------------


ALREADY_IMPORTED = "Этот файл уже импортирован: загрузите его снова, если нужно внести изменения."
#: The refusal of an apply whose new people were written by another import meanwhile.
WRITTEN_MEANWHILE = (
    "Импорт не выполнен, ничего не записано: пока файл проверялся, работники {rows} уже внесены в "
    "систему — вероятно, этот же файл импортируется одновременно. Загрузите файл ещё раз: он будет "
    "сверен с системой заново."
)


def _rows_written_meanwhile(plan: ImportPlan) -> list[int]:
    """The numbers of the rows of ``plan.new_rows`` without СНИЛС whose person (by ФИО and birth
    date, as ``_find_people`` matches them) someone has written since the plan was made
    (``plan.checked_at``, less ``RECHECK_MARGIN``): only the people written since are read, few
    but for a concurrent import. A row with a СНИЛС is guarded by the database (СНИЛС is unique:
    the apply fails with a ``DatabaseError``, nothing written)."""
    wanted = {row.key: row.row for row in plan.new_rows if not row.snils}
    if not wanted:
        return []
    since = (plan.checked_at or timezone.now()) - RECHECK_MARGIN
    recent = Person.objects.filter(updated_at__gte=since).values(
        "last_name", "first_name", "middle_name", "birth_date"
    )
    found = {_person_key(values) for values in recent.iterator(chunk_size=BATCH)}
    return sorted(number for key, number in wanted.items() if key in found)


def _numbers(rows: list[int], shown: int = 10) -> str:
    """«строк 3, 5 и 8» / «строки 4» / «строк 1, 2, … и ещё 15» for row numbers."""
    head = ", ".join(str(number) for number in rows[:shown])
    if len(rows) == 1:
        return f"строки {head}"
    if len(rows) > shown:
        return f"строк {head} и ещё {len(rows) - shown}"
    return f"строк {head}"


def bank_import_apply(
    *, plan: ImportPlan, by=None, progress: Progress | None = None, kept_check=None
) -> ImportResult:
    """Write a checked ``plan`` in one transaction (all-or-nothing); ``by``: the author recorded on
    status events and consents. A repeated file gives a plan with nothing to write, so it
    changes nothing. Source: seed 000 §4.1.2; consents — 152-ФЗ art. 9, as
    ``bank.services.pd_consent_record``; a new mentor starts as a candidate, as
    ``bank.services.mentor_profile_create``.

    ``kept_check``: the ``bank.models.BankImportCheck`` the plan was re-verified from; it is
    marked imported in the same transaction (dropping its rows: ``kept.import_check_claim``, a
    conditional UPDATE that locks the check's row), so that a second apply of the same check —
    even one started at the same moment — waits for the first and writes nothing.

    Two imports into the same organization write one after the other (its ``OrgUnit`` row is
    locked, ``select_for_update``), and each, once it holds the lock, makes sure that none of the
    people without СНИЛС it is to create was written meanwhile (:func:`_rows_written_meanwhile`):
    no unique constraint guards them, while a person with a СНИЛС written twice is refused by
    the database (СНИЛС is unique in ``people.Person``). So two imports of the same file at once
    — two checks, two users — create its people once (issue 17, build 7).

    Raises:
        ValidationError: the plan has errors; ``kept_check`` was imported already
            (:data:`ALREADY_IMPORTED`); people of the new rows without СНИЛС were written
            meanwhile (:data:`WRITTEN_MEANWHILE`). Nothing is written then.
        django.db.DatabaseError: the database refused a row (e.g. the same СНИЛС was added
            meanwhile — by another import of the same file at once); everything is rolled back.
    """
    if not plan.ok:
        raise ValidationError("В файле есть ошибки: ничего не импортировано.")
    result = ImportResult(rows=plan.rows, unchanged=plan.unchanged)
    writer = _Writer(plan.organization, by, result)
    total = len(plan.new_rows) + len(plan.changes)
    done = 0
    with transaction.atomic():
        if kept_check is not None and not import_check_claim(kept_check):
            raise ValidationError(ALREADY_IMPORTED)
        OrgUnit.objects.select_for_update().filter(pk=plan.organization.pk).values_list("pk").first()
        meanwhile = _rows_written_meanwhile(plan)
        if meanwhile:
            raise ValidationError(WRITTEN_MEANWHILE.format(rows=_numbers(meanwhile)))
        for chunk in _chunks(plan.new_rows):
            writer.create_people(chunk)
            writer.journal()
            done += len(chunk)
            if progress:
                progress("write", done, total)
        for chunk in _chunks(plan.changes):
            writer.update_people(chunk)
            writer.journal()
            done += len(chunk)
            if progress:
                progress("write", done, total)
    return result


class _Writer:
    """Batched writes of one import; each method handles one batch of rows."""

    def __init__(self, organization, by, result: ImportResult):
        self.organization = organization
        self.by = by
        self.result = result
        self.now = timezone.now()
        self.today = timezone.localdate()
        #: What the journal records of the batch being written (``journal``);
        #: ``names``: person id → full name, to name the rows of other tables without a query.
        self.audit: list[BulkChange] = []
        self.names: dict[int, str] = {}
        subjects = Person._meta.get_field("subjects")
        self.subject_through = subjects.remote_field.through
        self.subject_columns = (f"{subjects.m2m_field_name()}_id", f"{subjects.m2m_reverse_field_name()}_id")
        categories = MenteeProfile._meta.get_field("categories")
        self.category_through = categories.remote_field.through
        self.category_columns = (
            f"{categories.m2m_field_name()}_id",
            f"{categories.m2m_reverse_field_name()}_id",
        )

    def journal(self) -> None:
        """Write the journal entries of the batch just written — bulk writes send no signals
        (issue 13, audit trail) — and let go of the batch's instances, so that memory holds one
        batch, not the whole file."""
        record_bulk_changes(
            user=self.by, unit=self.organization, changes=self.audit, note="Загрузка банка из файла"
        )
        self.audit = []
        self.names = {}

    def create_people(self, rows: list[RowData]) -> None:
        people = [
            Person(
                last_name=row.last_name,
                first_name=row.first_name,
                middle_name=row.middle_name,
                sex=row.sex,
                birth_date=row.birth_date,
                snils=row.snils,
                position_id=row.position_id,
                job_title=row.job_title,
                total_experience_years=row.total_experience_years,
                pedagogical_experience_years=row.pedagogical_experience_years,
                qualification_category=row.qualification_category or QualificationCategory.NONE,
                has_pedagogical_education=(
                    True if row.has_pedagogical_education is None else row.has_pedagogical_education
                ),
                email=row.email,
                phone=row.phone,
            )
            for row in rows
        ]
        bulk_insert(people)
        self.result.created += len(people)
        for person in people:
            self.names[person.pk] = person.full_name
            self.audit.append(BulkChange(new=person, name=person.full_name))
        pairs = [(row, person.pk) for row, person in zip(rows, people, strict=True)]
        self._subjects([(pk, row.subject_ids) for row, pk in pairs if row.subject_ids])
        self._employments([(pk, row.position_id, row.job_title, row.started_on, True) for row, pk in pairs])
        self._relations(
            pairs, mentor=lambda row: row.bank_role == MENTOR, mentee=lambda row: row.bank_role == MENTEE
        )

    def update_people(self, changes: list[PersonChange]) -> None:
        groups: dict[tuple, list[Person]] = defaultdict(list)
        for change in changes:
            stored = change.person
            self.names[stored["id"]] = join_full_name(
                stored["last_name"], stored["first_name"], stored["middle_name"]
            )
            if change.fields:
                names = tuple(sorted(change.fields))
                # ``version``: the card changed, so a form opened on it before refuses to
                # overwrite it (optimistic locking, ``core.concurrency``)
                person = Person(pk=stored["id"], updated_at=self.now, version=version_bump(), **change.fields)
                groups[names].append(person)
                before = Person(**{name: stored[name] for name in _PERSON_VALUES if name != "id"})
                self.audit.append(
                    BulkChange(new=person, old=before, fields=names, name=self.names[stored["id"]])
                )
        for names, people in groups.items():
            Person.objects.bulk_update(people, [*names, "updated_at", "version"], batch_size=BATCH)
        self.result.updated += sum(1 for change in changes if change.changed)
        resubjected = [change for change in changes if change.subject_ids is not None]
        if resubjected:
            self.subject_through.objects.filter(
                **{f"{self.subject_columns[0]}__in": [c.person["id"] for c in resubjected]}
            ).delete()
            self._subjects([(c.person["id"], c.subject_ids) for c in resubjected])
        self._employments(
            [
                (
                    c.person["id"],
                    c.fields.get("position_id", c.person["position_id"]),
                    c.fields.get("job_title", c.person["job_title"]),
                    c.row.started_on,
                    c.primary,
                )
                for c in changes
                if c.employment
            ]
        )
        by_row = {change.row.row: change for change in changes}
        self._relations(
            [(change.row, change.person["id"]) for change in changes],
            mentor=lambda row: by_row[row.row].mentor,
            mentee=lambda row: by_row[row.row].mentee,
            consent=lambda row: by_row[row.row].consent,
        )

    def _subjects(self, items: Iterable[tuple[int, frozenset]]) -> None:
        links = [(pk, subject_id) for pk, subject_ids in items for subject_id in sorted(subject_ids)]
        copy_rows(self.subject_through, self.subject_columns, links)

    def _employments(self, items: list[tuple[int, int | None, str, dt.date | None, bool]]) -> None:
        organization_id = self.organization.pk
        copy_rows(
            Employment,
            ("person_id", "organization_id", "position_id", "job_title", "started_on", "is_primary"),
            [
                (pk, organization_id, position_id, job_title, started_on, primary)
                for pk, position_id, job_title, started_on, primary in items
            ],
        )
        self.result.employments += len(items)

    def _relations(self, pairs: list[tuple[RowData, int]], *, mentor, mentee, consent=None) -> None:
        consent = consent or (lambda row: row.pd_consent_given_on is not None)
        mentor_profiles = [
            MentorProfile(person_id=pk, organization=self.organization, status=MentorStatus.CANDIDATE)
            for row, pk in pairs
            if mentor(row)
        ]
        bulk_insert(mentor_profiles)
        author_id = self.by.pk if self.by is not None else None
        copy_rows(
            MentorStatusEvent,
            ("mentor_id", "from_status", "to_status", "occurred_on", "author_id", "comment"),
            [
                (profile.pk, "", MentorStatus.CANDIDATE, self.today, author_id, MENTOR_EVENT_COMMENT)
                for profile in mentor_profiles
            ],
        )
        mentee_rows = [(row, pk) for row, pk in pairs if mentee(row)]
        mentee_profiles = [
            MenteeProfile(person_id=pk, organization=self.organization) for _row, pk in mentee_rows
        ]
        bulk_insert(mentee_profiles)
        copy_rows(
            self.category_through,
            self.category_columns,
            [
                (profile.pk, category_id)
                for (row, _pk), profile in zip(mentee_rows, mentee_profiles, strict=True)
                for category_id in sorted(row.category_ids or ())
            ],
        )
        consents = [
            PersonalDataConsent(
                person_id=pk,
                purposes=[ConsentPurpose.MENTORING_RECORD.value],
                given_on=row.pd_consent_given_on,
                recorded_by=self.by,
            )
            for row, pk in pairs
            if consent(row)
        ]
        bulk_insert(consents)
        # The journal keeps the consents row by row; places of work and bank cards created with
        # a person are told by the person's entry (its note), which keeps a large import fast.
        self._audit_created(consents)
        self.result.mentor_profiles += len(mentor_profiles)
        self.result.mentee_profiles += len(mentee_profiles)
        self.result.consents += len(consents)

    def _audit_created(self, rows: list) -> None:
        """Put created rows of a person (consents) in the journal."""
        self.audit.extend(BulkChange(new=row, name=self.names.get(row.person_id, "")) for row in rows)
