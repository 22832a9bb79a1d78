"""Writes of the registry of partners (issue 20; seed 002 §1, §6, §8; 001 §1.3; 003 §4.5):
partners, their agreements, the participants outside the staff of an organization and the
partners of an organization's mentoring programs.

Every function takes ``by`` (the acting user; ``None`` is the system: the demo, a command) and
checks the right itself (``access.rules.require_perm`` — the same right the page asks:
``PERMISSIONS["partner" | "partneragreement" | "nonstaffparticipant" | "mentoringprogram"]``);
bad input raises ``ValidationError`` with Russian messages by field, nothing saved (each function
is one transaction). The rows are journaled by the audit trail.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.core.uploads import DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, UploadCheck, check_field_upload
from nastavnik.organizations.models import OrgUnit, Partner, PartnerAgreement
from nastavnik.people.learners import AGE_OF_MAJORITY
from nastavnik.people.models import NonStaffParticipant, Person, age_on

PARTNER_FIELDS = (
    "kind",
    "full_name",
    "short_name",
    "inn",
    "address",
    "contact_person",
    "phone",
    "email",
    "website",
    "description",
    "is_active",
)
AGREEMENT_FIELDS = ("number", "concluded_on", "starts_on", "ends_on", "subject", "file")
PERSON_FIELDS = ("last_name", "first_name", "middle_name", "sex", "birth_date", "email", "phone")
NONSTAFF_FIELDS = ("category", "partner", "workplace", "started_on", "ended_on")

PARTNER_REFUSAL = "Вести реестр партнёров этой организации (муниципалитета, региона) вы не можете."
AGREEMENT_REFUSAL = "Вносить соглашения с партнёрами от имени этой стороны вы не можете."
NONSTAFF_REFUSAL = "Вносить участников вне штата этой организации вы не можете."
PROGRAM_REFUSAL = "Изменять эту программу наставничества вы не можете."

#: The signed agreement: a PDF, a Word document or a scan (``core.uploads``).
AGREEMENT_FILE_CHECK = UploadCheck(
    DOCUMENT_KINDS,
    refusal="Загрузите подписанное соглашение в формате PDF, DOCX, ODT или скан (JPG, PNG, TIFF).",
    max_bytes=DOCUMENT_MAX_BYTES,
)


def _only(fields: dict, allowed: tuple[str, ...], name: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{name}: unknown fields {sorted(unknown)}")


def _strip(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


# --- partners ------------------------------------------------------------------------------------


@transaction.atomic
def partner_create(*, by, unit: OrgUnit, full_name: str, kind: str, **fields) -> Partner:
    """Enter a partner (an enterprise, a university, an NGO…) in the registry kept by ``unit``
    (the organization, the municipality or the region that concluded the agreement; seed 002
    §1, §6; 001 §1.3). ``fields``: any of :data:`PARTNER_FIELDS`.

    Raises:
        ValidationError: a field is invalid, the name is already in ``unit``'s registry.
        PermissionDenied: ``by`` does not keep the registry of ``unit`` (``partner`` ``add``).
    """
    _only(fields, PARTNER_FIELDS, "partner_create")
    require_perm(by, "partner", Action.ADD, unit, message=PARTNER_REFUSAL)
    partner = Partner(unit=unit, full_name=full_name, kind=kind, **_strip(fields))
    partner.full_name = (partner.full_name or "").strip()
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def partner_update(*, by, partner: Partner, **fields) -> Partner:
    """Change a partner: any of :data:`PARTNER_FIELDS` and ``unit`` (moved to another unit the
    user keeps).

    Raises:
        ValidationError: as :func:`partner_create`.
        PermissionDenied: ``by`` may not change ``partner`` or keep the new unit.
    """
    _only(fields, (*PARTNER_FIELDS, "unit"), "partner_update")
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    require_perm(by, "partner", Action.CHANGE, partner, message=PARTNER_REFUSAL)
    if "unit" in fields and fields["unit"].pk != partner.unit_id:
        require_perm(by, "partner", Action.ADD, fields["unit"], message=PARTNER_REFUSAL)
    for name, value in _strip(fields).items():
        setattr(partner, name, value)
    partner.full_clean()
    partner.save()
    return partner


# --- agreements ----------------------------------------------------------------------------------


def _check_agreement(agreement: PartnerAgreement) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if agreement.concluded_on and agreement.concluded_on > today:
        errors["concluded_on"] = "Дата заключения соглашения не может быть в будущем."
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        errors["ends_on"] = "Окончание действия соглашения не может быть раньше его начала."
    if agreement.concluded_on and agreement.ends_on and agreement.ends_on < agreement.concluded_on:
        errors.setdefault(
            "ends_on", "Окончание действия соглашения не может быть раньше даты его заключения."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agreement_create(
    *, by, partner: Partner, unit: OrgUnit, number: str, concluded_on: dt.date, starts_on: dt.date, **fields
) -> PartnerAgreement:
    """Record an agreement on cooperation between ``unit`` (our party) and ``partner``: its
    ``number``, the date it was concluded (not in the future), the term ``starts_on`` —
    ``ends_on`` (empty: indefinite; not before the start nor the date of conclusion), the
    ``subject`` and the signed ``file`` (PDF, DOCX, ODT or a scan, checked by its content,
    ``core.uploads``; seed 002 §1, §6).

    Raises:
        ValidationError: a field is invalid (Russian messages by field).
        PermissionDenied: ``by`` may not record agreements of ``unit`` (``partneragreement``
            ``add``) or does not see ``partner``.
    """
    _only(fields, AGREEMENT_FIELDS, "agreement_create")
    require_perm(by, "partneragreement", Action.ADD, unit, message=AGREEMENT_REFUSAL)
    if by is not None and not Partner.objects.for_user(by).filter(pk=partner.pk).exists():
        raise ValidationError({"partner": "Партнёр не найден в доступном вам реестре."})
    check_field_upload(AGREEMENT_FILE_CHECK, fields.get("file"), "file")
    agreement = PartnerAgreement(
        partner=partner,
        unit=unit,
        number=(number or "").strip(),
        concluded_on=concluded_on,
        starts_on=starts_on,
        **_strip(fields),
    )
    _check_agreement(agreement)
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def agreement_update(*, by, agreement: PartnerAgreement, **fields) -> PartnerAgreement:
    """Change an agreement: any of :data:`AGREEMENT_FIELDS` (``file=None`` keeps the stored
    file, ``False`` removes it).

    Raises:
        ValidationError: as :func:`agreement_create`.
        PermissionDenied: ``by`` may not change ``agreement`` (``partneragreement`` ``change``).
    """
    _only(fields, AGREEMENT_FIELDS, "agreement_update")
    agreement = PartnerAgreement.objects.select_for_update().get(pk=agreement.pk)
    require_perm(by, "partneragreement", Action.CHANGE, agreement, message=AGREEMENT_REFUSAL)
    if "file" in fields:
        upload = fields.pop("file")
        if upload is False:
            agreement.file = None
        elif upload is not None:
            check_field_upload(AGREEMENT_FILE_CHECK, upload, "file")
            agreement.file = upload
    for name, value in _strip(fields).items():
        setattr(agreement, name, value)
    _check_agreement(agreement)
    agreement.full_clean()
    agreement.save()
    return agreement


# --- participants outside the staff --------------------------------------------------------------


def _find_person(by, person_fields: dict) -> Person | None:
    """The person named by ``person_fields`` (surname, name, patronymic, birth date) among those
    ``by`` reaches (the system: everyone), or ``None``."""
    people = Person.objects.all() if by is None else Person.objects.for_user(by, Action.VIEW)
    return (
        people.filter(
            last_name__iexact=person_fields.get("last_name", ""),
            first_name__iexact=person_fields.get("first_name", ""),
            middle_name__iexact=person_fields.get("middle_name", "") or "",
            birth_date=person_fields.get("birth_date"),
        )
        .order_by("pk")
        .first()
    )


def _check_partner(by, partner: Partner | None) -> None:
    if (
        partner is not None
        and by is not None
        and not Partner.objects.for_user(by).filter(pk=partner.pk).exists()
    ):
        raise ValidationError({"partner": "Партнёр не найден в доступном вам реестре."})


def _check_adult(person: Person) -> None:
    """A participant outside the staff is an adult (seed 003 §4.5: parents, alumni, employees,
    entrepreneurs); a learner who mentors peers is entered as a learner, not here."""
    if person.birth_date and age_on(person.birth_date, timezone.localdate()) < AGE_OF_MAJORITY:
        raise ValidationError(
            {"birth_date": "Участник вне штата должен быть совершеннолетним (не моложе 18 лет)."}
        )


@transaction.atomic
def nonstaff_create(
    *, by, organization: OrgUnit, person: Person | None = None, person_fields: dict | None = None, **fields
) -> NonStaffParticipant:
    """Record a participant outside the staff of ``organization`` (seed 003 §4.5; 002 §1, §8): a
    parent, an organizer of leisure, an alumnus, an employee of a partner enterprise, an
    entrepreneur, a teacher of a university… ``person`` — an existing person the user reaches;
    or ``person_fields`` (:data:`PERSON_FIELDS`: an adult — the worker's birth-date rule), and the
    person with the same name and birth date among those the user reaches is reused, a new one
    created otherwise. ``fields``: :data:`NONSTAFF_FIELDS` (``category`` required).

    Raises:
        ValidationError: a field is invalid, the person already takes part in the organization
            (an open row), the partner is not in the user's registry.
        PermissionDenied: ``by`` does not keep ``organization`` (``nonstaffparticipant`` ``add``).
    """
    _only(fields, NONSTAFF_FIELDS, "nonstaff_create")
    require_perm(by, "nonstaffparticipant", Action.ADD, organization, message=NONSTAFF_REFUSAL)
    if organization.level != "organization":
        raise ValidationError({"organization": "Выберите организацию, а не территорию."})
    _check_partner(by, fields.get("partner"))
    if person is None:
        data = _strip(dict(person_fields or {}))
        _only(data, PERSON_FIELDS, "nonstaff_create.person_fields")
        person = _find_person(by, data)
        if person is None:
            person = Person(has_pedagogical_education=False, **data)
            person.full_clean()
            _check_adult(person)
            person.save()
    elif by is not None and not Person.objects.for_user(by).filter(pk=person.pk).exists():
        raise ValidationError({"person": "Человек не найден среди доступных вам."})
    _check_adult(person)
    row = NonStaffParticipant(person=person, organization=organization, **_strip(fields))
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def nonstaff_update(*, by, participant: NonStaffParticipant, person_fields: dict | None = None, **fields):
    """Change a participant outside the staff: :data:`NONSTAFF_FIELDS` of the row and, when
    given, :data:`PERSON_FIELDS` of the person (contacts, a corrected name).

    Raises:
        ValidationError: as :func:`nonstaff_create`.
        PermissionDenied: ``by`` may not change the row (``nonstaffparticipant`` ``change``).
    """
    _only(fields, NONSTAFF_FIELDS, "nonstaff_update")
    participant = (
        NonStaffParticipant.objects.select_for_update().select_related("person").get(pk=participant.pk)
    )
    require_perm(by, "nonstaffparticipant", Action.CHANGE, participant, message=NONSTAFF_REFUSAL)
    _check_partner(by, fields.get("partner"))
    if person_fields:
        data = _strip(dict(person_fields))
        _only(data, PERSON_FIELDS, "nonstaff_update.person_fields")
        person = participant.person
        for name, value in data.items():
            setattr(person, name, value)
        person.full_clean()
        _check_adult(person)
        person.save()
    for name, value in _strip(fields).items():
        setattr(participant, name, value)
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def nonstaff_end(*, by, participant: NonStaffParticipant, ended_on: dt.date) -> NonStaffParticipant:
    """Close the participation on ``ended_on`` (not before its start): the person leaves the
    organization's lists of participants after that date (the bank's profile stays as it is).

    Raises:
        ValidationError: already ended, or ``ended_on`` before the start.
        PermissionDenied: ``by`` may not change the row (``nonstaffparticipant`` ``change``).
    """
    participant = NonStaffParticipant.objects.select_for_update().get(pk=participant.pk)
    require_perm(by, "nonstaffparticipant", Action.CHANGE, participant, message=NONSTAFF_REFUSAL)
    if participant.ended_on is not None:
        raise ValidationError({"ended_on": "Участие уже завершено."})
    if ended_on is None:
        raise ValidationError({"ended_on": "Укажите дату окончания участия."})
    if participant.started_on and ended_on < participant.started_on:
        raise ValidationError({"ended_on": "Дата окончания не может быть раньше даты начала."})
    participant.ended_on = ended_on
    participant.full_clean()
    participant.save(update_fields=["ended_on"])
    return participant


# --- partners of the organizations' programs ----------------------------------------------------


@transaction.atomic
def program_partner_attach(*, by, program, partner: Partner):
    """Name ``partner`` among the participants of the organization's mentoring ``program``
    (``MentoringProgram.partners``; seed 002 §1, §6). Attaching twice changes nothing.

    Raises:
        ValidationError: the partner is not in the registry the user sees, or no longer
            cooperates.
        PermissionDenied: ``by`` may not change ``program`` (``mentoringprogram`` ``change``).
    """
    require_perm(by, "mentoringprogram", Action.CHANGE, program, message=PROGRAM_REFUSAL)
    _check_partner(by, partner)
    if not partner.is_active:
        raise ValidationError({"partner": "Сотрудничество с этим партнёром прекращено."})
    program.partners.add(partner)
    return program


@transaction.atomic
def program_partner_detach(*, by, program, partner: Partner):
    """Remove ``partner`` from the participants of ``program`` (nothing when absent).

    Raises:
        PermissionDenied: ``by`` may not change ``program`` (``mentoringprogram`` ``change``).
    """
    require_perm(by, "mentoringprogram", Action.CHANGE, program, message=PROGRAM_REFUSAL)
    program.partners.remove(partner)
    return program
