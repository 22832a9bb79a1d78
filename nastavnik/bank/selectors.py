"""Reads of the bank: the annual confirmation status and who should be considered a mentee."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from nastavnik.bank.models import BankConfirmation, MenteeProfile, PersonalDataConsent
from nastavnik.development.models import Deficit
from nastavnik.people.models import Employment, Person

CONFIRMATION_PERIOD_DAYS = 365
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ConfirmationStatus:
    """``state``: "never", "ok", "due_soon" or "overdue"; ``due_on``: the date the next
    confirmation is due (None when never confirmed)."""

    state: str
    last: BankConfirmation | None
    due_on: dt.date | None

    @property
    def label(self) -> str:
        return {
            "never": "Банк ещё ни разу не подтверждался",
            "ok": "Банк актуален",
            "due_soon": "Скоро нужно подтвердить актуальность банка",
            "overdue": "Подтверждение актуальности банка просрочено",
        }[self.state]


def bank_confirmation_status(organization, *, today: dt.date | None = None) -> ConfirmationStatus:
    """When the bank of ``organization`` must be confirmed again (seed 000 §4.1.2: yearly)."""
    today = today or timezone.localdate()
    last = BankConfirmation.objects.filter(organization=organization).order_by("-confirmed_on", "-pk").first()
    if last is None:
        return ConfirmationStatus("never", None, None)
    due_on = last.confirmed_on + dt.timedelta(days=CONFIRMATION_PERIOD_DAYS)
    if today > due_on:
        state = "overdue"
    elif (due_on - today).days <= DUE_SOON_DAYS:
        state = "due_soon"
    else:
        state = "ok"
    return ConfirmationStatus(state, last, due_on)


#: Why a person is suggested as a mentee: annotation name → label shown to the curator.
CANDIDATE_REASONS = {
    "reason_young": "молодой педагог",
    "reason_newcomer": "новый в коллективе",
    "reason_no_education": "без педагогического образования",
    "reason_difficulty": "недавно выявлены затруднения",
}


def mentee_candidates(organization, *, today: dt.date | None = None):
    """People of ``organization`` who should be considered as mentees and are not in the base yet
    (seed 000 §1.3, §4.1.2; 001 §5.2.3): young teachers (under 35 with at most 3 years of
    pedagogical experience), newcomers (hired within the last year), teachers without
    pedagogical education, and those with a difficulty diagnosed in the last 90 days.

    Returns a Person queryset annotated with the booleans of ``CANDIDATE_REASONS`` and
    ``reasons`` (a list of their Russian labels, filled by :func:`candidate_reasons`).
    """
    today = today or timezone.localdate()
    staff = Employment.objects.current(today).filter(organization=organization)
    # NOT EXISTS, not NOT IN: PostgreSQL cannot hash the country's cards for a NOT IN (issue 16)
    in_base = MenteeProfile.objects.filter(person_id=OuterRef("pk"))
    # 35 years back; 29 February falls back to 28 February.
    young_born_after = dt.date(
        today.year - 35, today.month, min(today.day, 28 if today.month == 2 else today.day)
    )
    newcomers = staff.filter(started_on__gte=today - dt.timedelta(days=365)).values("person_id")
    fresh = Deficit.objects.filter(diagnosed_on__gte=today - dt.timedelta(days=90)).values("person_id")
    reasons = {
        "reason_young": Q(birth_date__gt=young_born_after, pedagogical_experience_years__lte=3),
        "reason_newcomer": Q(pk__in=newcomers),
        "reason_no_education": Q(has_pedagogical_education=False),
        "reason_difficulty": Q(pk__in=fresh),
    }
    any_reason = Q()
    for condition in reasons.values():
        any_reason |= condition
    return (
        Person.objects.filter(pk__in=staff.values("person_id"))
        .filter(~Exists(in_base))
        .filter(any_reason)
        .annotate(
            **{name: ExpressionWrapper(cond, output_field=BooleanField()) for name, cond in reasons.items()}
        )
    )


def candidate_reasons(person) -> list[str]:
    """The Russian labels of why ``person`` (from :func:`mentee_candidates`) is suggested."""
    return [label for name, label in CANDIDATE_REASONS.items() if getattr(person, name, False)]


def valid_consent_person_ids():
    """Subquery (column ``person_id``) of ids of people with a valid consent to personal-data
    processing: a consent is valid while it is not withdrawn (152-ФЗ art. 9 part 2). The bank's
    answer to ``people.consent`` (registered in ``BankConfig.ready``); other code asks
    ``people.consent.consented_person_ids``."""
    return PersonalDataConsent.objects.valid().values("person_id")


def bank_card_context(user, person) -> dict:
    """What the person's card shows of the bank: the consent to personal-data processing
    (``consents``, ``valid_consent``, ``can_view_pd_scan``: the link to its scan, for the
    curator, the head and the person only; ``consent_representative``: the legal representative
    who gave a minor's consent, for those who may read the representatives), the mentor and mentee profiles the user may see, and
    whether the user may change the person (record or withdraw a consent) or put them into
    the bank (``can_add_mentor``, ``can_add_mentee``)."""
    from nastavnik.bank.models import MentorProfile

    consents = list(
        PersonalDataConsent.objects.filter(person=person).select_related(
            "recorded_by__person", "withdrawn_by__person"
        )
    )
    can_change_person = Person.objects.for_user(user, "change").filter(pk=person.pk).exists()
    valid = next((c for c in consents if c.is_valid), None)
    can_view_pd_scan = bool(
        valid
        and valid.scan
        and PersonalDataConsent.objects.for_user(user, "view_scan").filter(pk=valid.pk).exists()
    )
    # The representative who gave a minor's consent is named to those who may read the learner's
    # representatives (the curator and the head: ``PERMISSIONS["legalrepresentative"]``), not to
    # the other participant of the pair (issue 20).
    from nastavnik.people.models import LegalRepresentative

    consent_representative = (
        LegalRepresentative.objects.for_user(user).filter(pk=valid.representative_id).first()
        if valid is not None and valid.representative_id
        else None
    )
    mentor = MentorProfile.objects.for_user(user).filter(person=person).first()
    mentee = MenteeProfile.objects.for_user(user).filter(person=person).first()
    return {
        "consents": consents,
        "valid_consent": valid,
        "consent_representative": consent_representative,
        "can_view_pd_scan": can_view_pd_scan,
        "can_change_person": can_change_person,
        "mentor_profile": mentor,
        "mentee_profile": mentee,
        "can_add_mentor": can_change_person
        and mentor is None
        and not MentorProfile.objects.filter(person=person).exists(),
        "can_add_mentee": can_change_person
        and mentee is None
        and not MenteeProfile.objects.filter(person=person).exists(),
    }


def mentor_load_annotations(*, today: dt.date | None = None) -> dict:
    """Annotations for a ``MentorProfile`` queryset, in SQL: ``active_mentees`` (mentees in pairs
    active on ``today``) and ``capacity_in_force`` (the card's capacity, else the organization's
    default from ``BankSettings``, else ``DEFAULT_MENTOR_CAPACITY``). Use:
    ``MentorProfile.objects.annotate(**mentor_load_annotations())``."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from nastavnik.bank.models import DEFAULT_MENTOR_CAPACITY, BankSettings
    from nastavnik.mentoring.models import Pair

    active = Pair.objects.active(today).filter(mentor_id=OuterRef("person_id"))
    load = Subquery(
        active.values("mentor_id").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
    )
    default = BankSettings.objects.filter(organization_id=OuterRef("organization_id")).values(
        "default_mentor_capacity"
    )[:1]
    return {
        "active_mentees": Coalesce(load, Value(0)),
        "capacity_in_force": Coalesce("capacity", Subquery(default), Value(DEFAULT_MENTOR_CAPACITY)),
    }
