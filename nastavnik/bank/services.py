"""Writes to the bank of mentors and mentees. Views, imports and tasks all call these."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.bank.choices import MENTOR_TRANSITIONS, PUBLIC_FIELDS, ConsentPurpose, MentorStatus
from nastavnik.bank.models import (
    BankConfirmation,
    MenteeProfile,
    MentorCompetence,
    MentorProfile,
    MentorStatusEvent,
    MentorTraining,
    PersonalDataConsent,
    consent_date_error,
)
from nastavnik.core.uploads import DOCUMENT_CHECK, SCAN_CHECK, check_field_upload
from nastavnik.development.choices import DeficitLevel
from nastavnik.development.models import Deficit

logger = logging.getLogger("nastavnik.bank")

_MENTOR_M2M = ("subjects", "forms", "interaction_models", "kinds")


def is_member(person, organization) -> bool:
    """Whether ``person`` belongs to ``organization`` now: works there (``Employment``), studies
    there (``Learner``, issue 20) or takes part outside its staff (``NonStaffParticipant``)."""
    from nastavnik.people.models import Employment, Learner, NonStaffParticipant

    return any(
        model.objects.current().filter(person=person, organization=organization).exists()
        for model in (Employment, Learner, NonStaffParticipant)
    )


def _require_member(person, organization) -> None:
    """The bank of an organization holds its own people: its staff (seed 000 §4.1.2), its
    learners and the participants outside its staff (seed 003 §4.4–4.6; one mechanism)."""
    if not is_member(person, organization):
        raise ValidationError(
            {
                "person": f"{person} не работает, не обучается и не участвует в наставничестве "
                f"в организации «{organization}»."
            }
        )


def _is_learner(person) -> bool:
    from nastavnik.people.models import Learner

    return Learner.objects.filter(person=person).exists()


def consent_representative_error(person, representative, *, on: dt.date | None = None) -> str | None:
    """The Russian message why ``representative`` (a ``LegalRepresentative`` or ``None``) cannot
    be the one who gives ``person``'s consent on ``on`` (today by default), or ``None``.

    A minor learner's consent is given by their primary legal representative (152-ФЗ art. 9
    part 4, seed 002 §10; issue 20); an adult's (a teacher's, an adult learner's) by themselves.
    """
    from nastavnik.people.models import Learner

    learner = Learner.objects.filter(person=person).select_related("person").first()
    if learner is not None and learner.is_minor(on):
        if representative is None:
            if not learner.representatives.filter(is_primary=True).exists():
                return (
                    "Обучающийся несовершеннолетний: согласие даёт законный представитель. "
                    "Сначала добавьте его на странице обучающегося."
                )
            return "Обучающийся несовершеннолетний: укажите законного представителя, давшего согласие."
        if representative.learner_id != learner.pk or not representative.is_primary:
            return "Согласие за несовершеннолетнего даёт законный представитель, подписывающий документы."
        return None
    if representative is not None:
        return "Совершеннолетний даёт согласие сам: законный представитель не указывается."
    return None


@transaction.atomic
def pd_consent_record(
    *, person, purposes: list[str], given_on: dt.date, by=None, scan=None, representative=None
) -> PersonalDataConsent:
    """Record a written consent to personal-data processing (152-ФЗ art. 9).

    ``purposes``: codes of ``ConsentPurpose``; at least the mentoring record.
    ``representative``: the primary ``LegalRepresentative`` who gives a minor learner's consent
    (required for a minor, empty for an adult: :func:`consent_representative_error`).

    Raises:
        ValidationError: unknown purpose, no purpose, a date in the future, a valid
            consent already on file, a minor without their representative or an adult with
            one (Russian messages).
        PermissionDenied: ``by`` may not change the person (``person`` ``change``;
            ``by=None`` is the system).
    """
    require_perm(by, "person", Action.CHANGE, person)
    unknown = [p for p in purposes if p not in ConsentPurpose.values]
    if unknown or not purposes:
        raise ValidationError({"purposes": "Укажите цели обработки из перечня."})
    if error := consent_date_error(given_on):
        raise ValidationError({"given_on": error})
    if error := consent_representative_error(person, representative):
        raise ValidationError({"representative": error})
    consent = PersonalDataConsent(
        person=person,
        purposes=list(purposes),
        given_on=given_on,
        recorded_by=by,
        representative=representative,
    )
    if scan is not None:
        check_field_upload(SCAN_CHECK, scan, "scan")
        consent.scan = scan
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def pd_consent_withdraw(
    *, consent: PersonalDataConsent, by, withdrawn_on: dt.date | None = None, reason: str = ""
) -> None:
    """Withdraw a consent: processing stops (the person leaves the open bank, exports and every
    scope but the curator's and the head's); the withdrawal is kept and logged (152-ФЗ art. 9 p. 2).

    Raises:
        ValidationError: already withdrawn, or a withdrawal date before the consent.
        PermissionDenied: ``by`` may not change the person (``person`` ``change``;
            ``by=None`` is the system).
    """
    require_perm(by, "person", Action.CHANGE, consent.person)
    if consent.withdrawn_on is not None:
        raise ValidationError("Согласие уже отозвано.")
    consent.withdrawn_on = withdrawn_on or timezone.localdate()
    consent.withdrawn_by = by
    consent.withdrawal_reason = reason
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_reason"])
    if MentorProfile.objects.filter(person_id=consent.person_id, publish_in_open_bank=True).update(
        publish_in_open_bank=False
    ):
        logger.info("open bank publication stopped for person %s after consent withdrawal", consent.person_id)
    logger.info(
        "personal-data consent %s of person %s withdrawn by user %s",
        consent.pk,
        consent.person_id,
        getattr(by, "pk", None),
    )


def has_valid_consent(person) -> bool:
    """Whether ``person`` has a consent to personal-data processing in force."""
    return PersonalDataConsent.objects.valid().filter(person=person).exists()


@transaction.atomic
def mentor_profile_create(
    *, person, organization, by=None, competences: dict | None = None, **fields
) -> MentorProfile:
    """Put ``person`` into ``organization``'s bank of mentors as a candidate.

    ``competences``: ``{CompetenceArea: level 1..5}``. Writes the first status event.

    Raises:
        ValidationError: the person already has a mentor profile or does not belong to
            ``organization`` now (works, studies or takes part outside the staff); a field is
            invalid.
        PermissionDenied: ``by`` may not add to ``organization``'s bank (``mentorprofile``
            ``add``; ``by=None`` is the system).
    """
    require_perm(by, "mentorprofile", Action.ADD, organization)
    if MentorProfile.objects.filter(person=person).exists():
        raise ValidationError({"person": "Этот человек уже есть в банке наставников."})
    _require_member(person, organization)
    check_field_upload(SCAN_CHECK, fields.get("consent_scan"), "consent_scan")
    m2m = {name: fields.pop(name) for name in _MENTOR_M2M if name in fields}
    profile = MentorProfile(person=person, organization=organization, status=MentorStatus.CANDIDATE, **fields)
    profile.full_clean()
    profile.save()
    for name, values in m2m.items():
        getattr(profile, name).set(values)
    if competences:
        mentor_competences_set(profile=profile, levels=competences)
    MentorStatusEvent.objects.create(
        mentor=profile,
        from_status="",
        to_status=MentorStatus.CANDIDATE,
        occurred_on=timezone.localdate(),
        author=by,
        comment="Включён в базу наставников.",
    )
    return profile


@transaction.atomic
def mentor_competences_set(*, profile: MentorProfile, levels: dict) -> None:
    """Replace the mentor's competence levels: ``{CompetenceArea: level}`` (1–5; 0 or None drops).

    Raises:
        ValidationError: a level outside 1–5.
    """
    rows = []
    for area, level in levels.items():
        if not level:
            continue
        if not 1 <= int(level) <= 5:
            raise ValidationError({"competences": "Уровень компетенции — от 1 до 5."})
        rows.append(MentorCompetence(mentor=profile, area=area, level=int(level)))
    MentorCompetence.objects.filter(mentor=profile).delete()
    MentorCompetence.objects.bulk_create(rows)


@transaction.atomic
def mentor_status_change(
    *, profile: MentorProfile, to_status: str, by=None, occurred_on: dt.date | None = None, comment: str = ""
) -> MentorStatusEvent:
    """Move a mentor to ``to_status`` along ``MENTOR_TRANSITIONS`` and write the event.

    Becoming active requires the mentor's written consent (seed 001 §4.4.2, 004 §1.6.2) and a
    valid consent to personal-data processing.

    Raises:
        ValidationError: a transition not allowed, or missing consents (Russian message).
        PermissionDenied: ``by`` may not change the card (``by=None`` is the system).
    """
    require_perm(by, "mentorprofile", Action.CHANGE, profile)
    current = profile.status
    if to_status not in MENTOR_TRANSITIONS.get(current, frozenset()):
        raise ValidationError(
            f"Нельзя перевести наставника из статуса «{MentorStatus(current).label}» "
            f"в статус «{MentorStatus(to_status).label}»."
        )
    if to_status == MentorStatus.ACTIVE:
        missing = []
        if not profile.consent_given_on:
            missing.append("письменное согласие быть наставником")
        if not has_valid_consent(profile.person):
            missing.append("согласие на обработку персональных данных")
        if missing:
            raise ValidationError("Для назначения наставником не хватает: " + "; ".join(missing) + ".")
    profile.status = to_status
    profile.save(update_fields=["status", "updated_at"])
    return MentorStatusEvent.objects.create(
        mentor=profile,
        from_status=current,
        to_status=to_status,
        occurred_on=occurred_on or timezone.localdate(),
        author=by,
        comment=comment,
    )


@transaction.atomic
def mentee_profile_create(
    *,
    person,
    organization,
    categories,
    request_text: str = "",
    request_areas=(),
    consent_given_on=None,
    consent_scan=None,
    by=None,
) -> MenteeProfile:
    """Put ``person`` into ``organization``'s bank of mentees (seed 000 §4.1.2, 003 §4.4).

    A learner enters with the map of requests (``request_text``, seed 003 §4.4) and may have no
    category (the categories of mentees are the teachers'); a worker needs one.

    Raises:
        ValidationError: already in the bank; does not belong to ``organization`` now; no
            category given for a worker, no request for a learner.
        PermissionDenied: ``by`` may not add to ``organization``'s bank (``menteeprofile``
            ``add``; ``by=None`` is the system).
    """
    require_perm(by, "menteeprofile", Action.ADD, organization)
    if MenteeProfile.objects.filter(person=person).exists():
        raise ValidationError({"person": "Этот человек уже есть в базе наставляемых."})
    _require_member(person, organization)
    if _is_learner(person):
        if not (request_text or "").strip():
            raise ValidationError({"request_text": "Опишите запрос обучающегося (карта запросов)."})
    elif not categories:
        raise ValidationError({"categories": "Укажите хотя бы одну категорию наставляемого."})
    profile = MenteeProfile(
        person=person, organization=organization, request_text=request_text, consent_given_on=consent_given_on
    )
    if consent_scan is not None:
        check_field_upload(SCAN_CHECK, consent_scan, "consent_scan")
        profile.consent_scan = consent_scan
    profile.full_clean()
    profile.save()
    profile.categories.set(categories)
    profile.request_areas.set(request_areas)
    return profile


def deficit_add(
    *,
    mentee: MenteeProfile,
    area,
    source: str,
    diagnosed_on: dt.date,
    level: int = DeficitLevel.MARKED,
    description: str = "",
    by=None,
) -> Deficit:
    """Record on the mentee's card a deficit of the mentee's person in ``area`` with ``level``
    (1–3), found by ``source`` on ``diagnosed_on`` (seed 000 §4.3.3 step 3), kept in the
    mentee's organization.

    Raises:
        ValidationError: a date in the future, an unknown source, a duplicate.
        PermissionDenied: ``by`` may not change the mentee's card (``by=None`` is the system).
    """
    require_perm(by, "menteeprofile", Action.CHANGE, mentee)
    if diagnosed_on > timezone.localdate():
        raise ValidationError({"diagnosed_on": "Дата диагностики не может быть в будущем."})
    deficit = Deficit(
        person_id=mentee.person_id,
        organization_id=mentee.organization_id,
        area=area,
        level=level,
        source=source,
        diagnosed_on=diagnosed_on,
        description=description,
    )
    deficit.full_clean()
    deficit.save()
    return deficit


def bank_confirm(*, organization, by, comment: str = "") -> BankConfirmation:
    """The curator confirms the bank is up to date (seed 000 §4.1.2: not less than once a year);
    the counts of mentors and mentees on that date are kept with it.

    Raises:
        PermissionDenied: ``by`` lacks the ``bank`` ``confirm`` right over the organization
            (``access.rules``; ``by=None`` is the system).
    """
    require_perm(
        by,
        "bank",
        Action.CONFIRM,
        organization,
        message="Актуальность банка подтверждает куратор организации.",
    )
    return BankConfirmation.objects.create(
        organization=organization,
        confirmed_on=timezone.localdate(),
        confirmed_by=by,
        comment=comment,
        mentors_count=MentorProfile.objects.filter(organization=organization)
        .exclude(status=MentorStatus.LEFT)
        .count(),
        mentees_count=MenteeProfile.objects.filter(organization=organization).count(),
    )


@transaction.atomic
def mentor_publication_set(
    *, profile: MentorProfile, publish: bool, public_fields: list[str], by=None
) -> MentorProfile:
    """Set what the mentor agreed to publish in the open bank of mentors (seed 001 §7.1.1).

    ``public_fields``: keys of ``PUBLIC_FIELDS``. The name and the organization are shown
    whenever the card is published; the rest only when listed.

    Raises:
        ValidationError: an unknown field; publishing without a valid consent to
            personal-data processing that names the open bank among its purposes
            (152-ФЗ art. 9), for a mentor who has left, or for a minor learner (seed 002 §10:
            nothing about a minor is public beyond the organization).
        PermissionDenied: ``by`` may not change the card (``by=None`` is the system).
    """
    require_perm(by, "mentorprofile", Action.CHANGE, profile)
    unknown = [name for name in public_fields if name not in PUBLIC_FIELDS]
    if unknown:
        raise ValidationError(
            {"public_fields": "Неизвестные публикуемые сведения: " + ", ".join(unknown) + "."}
        )
    if publish:
        consent = PersonalDataConsent.objects.valid().filter(person_id=profile.person_id).first()
        if consent is None or ConsentPurpose.OPEN_BANK not in consent.purposes:
            raise ValidationError(
                {
                    "publish_in_open_bank": "Для размещения в открытом банке нужно согласие на обработку "
                    "персональных данных с целью «размещение сведений в открытом банке наставников»."
                }
            )
        if profile.status == MentorStatus.LEFT:
            raise ValidationError(
                {"publish_in_open_bank": "Выбывший наставник не размещается в открытом банке."}
            )
        from nastavnik.people.models import Learner

        if Learner.objects.minors().filter(person_id=profile.person_id).exists():
            raise ValidationError(
                {
                    "publish_in_open_bank": "Сведения о несовершеннолетнем обучающемся не размещаются "
                    "в открытом банке наставников."
                }
            )
    profile.publish_in_open_bank = publish
    profile.public_fields = [name for name in PUBLIC_FIELDS if name in public_fields]
    profile.save(update_fields=["publish_in_open_bank", "public_fields", "updated_at"])
    return profile


@transaction.atomic
def mentor_profile_update(
    *, profile: MentorProfile, by=None, competences: dict | None = None, **fields
) -> MentorProfile:
    """Change a mentor's card (seed 000 §4.1.2): plain fields, the many-to-many lists
    (``subjects``, ``forms``, ``interaction_models``, ``kinds``) and, when given, the
    competence levels ``{CompetenceArea: level 1..5}``.

    The status is not changed here (see :func:`mentor_status_change`), nor the publication
    (see :func:`mentor_publication_set`).

    Raises:
        ValidationError: a field is invalid (Russian, on its field).
        PermissionDenied: ``by`` may not change the card (``by=None`` is the system).
    """
    require_perm(by, "mentorprofile", Action.CHANGE, profile)
    check_field_upload(SCAN_CHECK, fields.get("consent_scan"), "consent_scan")
    m2m = {name: fields.pop(name) for name in _MENTOR_M2M if name in fields}
    for forbidden in ("status", "person", "publish_in_open_bank", "public_fields"):
        fields.pop(forbidden, None)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    for name, values in m2m.items():
        getattr(profile, name).set(values)
    if competences is not None:
        mentor_competences_set(profile=profile, levels=competences)
    return profile


def mentor_training_add(
    *,
    profile: MentorProfile,
    title: str,
    completed_on: dt.date,
    provider: str = "",
    hours=None,
    certificate=None,
    by=None,
) -> MentorTraining:
    """Record a training the mentor completed (seed 000 App. 2 §2.7; 003 §3.2).

    Raises:
        ValidationError: a date in the future; an empty title; hours outside 1–2000.
        PermissionDenied: ``by`` may not change the mentor's card (``by=None`` is the system).
    """
    require_perm(by, "mentorprofile", Action.CHANGE, profile)
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "Дата окончания обучения не может быть в будущем."})
    if hours is not None and not 1 <= hours <= 2000:
        raise ValidationError({"hours": "Объём обучения — от 1 до 2000 часов."})
    training = MentorTraining(
        mentor=profile, title=title, provider=provider, hours=hours, completed_on=completed_on
    )
    if certificate is not None:
        check_field_upload(DOCUMENT_CHECK, certificate, "certificate")
        training.certificate = certificate
    training.full_clean()
    training.save()
    return training


@transaction.atomic
def mentee_profile_update(
    *, profile: MenteeProfile, by=None, categories=None, request_areas=None, **fields
) -> MenteeProfile:
    """Change a mentee's card: categories (at least one; none needed for a learner), the request
    as text and areas
    (карта запросов, seed 003 §4.4), the written consent.

    Raises:
        ValidationError: no category; a field is invalid.
        PermissionDenied: ``by`` may not change the card (``by=None`` is the system).
    """
    require_perm(by, "menteeprofile", Action.CHANGE, profile)
    if categories is not None and not categories and not _is_learner(profile.person):
        raise ValidationError({"categories": "Укажите хотя бы одну категорию наставляемого."})
    for forbidden in ("person", "full_cycle_completed_on"):
        fields.pop(forbidden, None)
    check_field_upload(SCAN_CHECK, fields.get("consent_scan"), "consent_scan")
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    if categories is not None:
        profile.categories.set(categories)
    if request_areas is not None:
        profile.request_areas.set(request_areas)
    return profile
