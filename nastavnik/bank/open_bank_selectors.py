"""Reads of the open bank of mentors (seed 001 §7.1.1, «открытое наставничество»).

The open bank is regional, not scoped: every signed-in user sees the same set of cards —
the mentors who agreed to be published, with only the fields they agreed to publish.
Who is in it is decided in SQL by :func:`open_bank_mentors`; what a card shows is decided
in Python by :func:`open_bank_card`, which copies only the published fields, so a template
can never print an unpublished one by mistake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import Contains
from django.utils import timezone

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MentorCompetence, MentorProfile, PersonalDataConsent
from nastavnik.organizations.choices import Level
from nastavnik.people.learners import minor_learner_exists
from nastavnik.people.models import Employment

#: Statuses of a mentor who may be offered in the open bank: trained or acting. Candidates and
#: selected ones are not yet mentors; paused and left ones are not taking mentees.
OPEN_BANK_STATUSES = (MentorStatus.TRAINED, MentorStatus.ACTIVE)


def published_q(public_field: str) -> Contains:
    """A condition for ``filter()``: the profile published ``public_field`` (a
    ``PUBLIC_FIELDS`` key).

    Matches ``"key"`` (with its quotes) in the JSON text of ``public_fields``, which works the
    same on PostgreSQL and SQLite (Django's ``contains`` on a ``JSONField`` is not available
    on SQLite); the keys are plain identifiers, none a quoted substring of another.
    """
    return Contains(Cast("public_fields", output_field=TextField()), f'"{public_field}"')


def open_bank_mentors(*, today: dt.date | None = None) -> QuerySet[MentorProfile]:
    """The open bank of mentors of the region (seed 001 §7.1.1): a ``MentorProfile`` queryset
    ordered by ФИО.

    A profile is in it when all hold (each checked in SQL):

    * the mentor agreed to publication (``publish_in_open_bank``);
    * the status is «обучен» or «действующий наставник» (not a candidate, selected, paused
      or left mentor);
    * the person has a valid consent to personal-data processing, i.e. not withdrawn
      (152-ФЗ art. 9). That the consent names the open bank among its purposes is checked
      when publishing (``bank.services.mentor_publication_set``), and a withdrawal
      unpublishes the card (``pd_consent_withdraw``);
    * the person still works (a current ``Employment`` on ``today``) in the profile's
      organization.
    * the person is not a minor learner (seed 002 §10; issue 20), even one who works there.

    Not limited by the user's scope: every signed-in user of the region sees the same bank.
    The rows are bare profiles: search and count over this queryset, then load one page of
    cards with :func:`open_bank_page` (sorting narrow rows is what keeps the search fast).
    """
    today = today or timezone.localdate()
    consents = PersonalDataConsent.objects.valid().filter(person_id=OuterRef("person_id"))
    employed = Employment.objects.current(today).filter(
        person_id=OuterRef("person_id"), organization_id=OuterRef("organization_id")
    )
    return (
        MentorProfile.objects.filter(publish_in_open_bank=True, status__in=OPEN_BANK_STATUSES)
        .filter(Exists(consents.values("pk")), Exists(employed.values("pk")))
        .exclude(minor_learner_exists("person_id", today))
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )


def with_card_relations(queryset: QuerySet[MentorProfile]) -> QuerySet[MentorProfile]:
    """Join and prefetch what an open-bank card may show: the person and their position, the
    organization with its municipality and parent; subjects, forms, kinds, interaction models
    and competences with their areas (five queries for any number of rows)."""
    return queryset.select_related(
        "person", "person__position", "organization", "organization__municipality", "organization__parent"
    ).prefetch_related(
        "subjects",
        "forms",
        "kinds",
        "interaction_models",
        Prefetch(
            "competences",
            queryset=MentorCompetence.objects.select_related("area").order_by(
                "area__sort_order", "area__name"
            ),
        ),
    )


def open_bank_page(ids: list[int]) -> list[MentorProfile]:
    """The profiles ``ids`` (one page of :func:`open_bank_mentors`, already checked) with their
    card relations, in the order of ``ids``. Six queries whatever the page length."""
    rows = {profile.pk: profile for profile in with_card_relations(MentorProfile.objects.filter(pk__in=ids))}
    return [rows[pk] for pk in ids if pk in rows]


@dataclass(frozen=True)
class OpenBankCard:
    """What the open bank shows of one mentor: only what the mentor agreed to publish.

    ``name``, ``organization`` and ``municipality`` are always shown (seed 001 §7.1.1);
    every other attribute is ``None`` (or an empty list) unless its ``PUBLIC_FIELDS`` key is
    in the profile's ``public_fields``. ``competences``: ``[(area name, level 1–5)]``.
    """

    pk: int
    name: str
    organization: str
    municipality: str
    position: str | None = None
    subjects: list[str] = field(default_factory=list)
    pedagogical_experience_years: int | None = None
    qualification_category: str | None = None
    competences: list[tuple[str, int]] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    interaction_models: list[str] = field(default_factory=list)
    email: str | None = None
    phone: str | None = None
    published: frozenset[str] = frozenset()

    @property
    def shows_experience(self) -> bool:
        return "experience" in self.published


def _municipality_name(organization) -> str:
    if organization.municipality_id:
        return str(organization.municipality)
    parent = organization.parent
    if parent is not None and parent.level == Level.MUNICIPALITY:
        return str(parent)
    return ""


def open_bank_card(profile: MentorProfile) -> OpenBankCard:
    """Build the card of ``profile`` (a row of :func:`open_bank_mentors`, ideally with
    :func:`with_card_relations`) holding only its published fields. Makes no query when the
    relations are joined and prefetched."""
    person = profile.person
    published = frozenset(profile.public_fields or ())
    values: dict = {}
    if "position" in published and person.position_id:
        values["position"] = str(person.position)
    if "subjects" in published:
        values["subjects"] = [str(s) for s in profile.subjects.all()]
    if "experience" in published:
        values["pedagogical_experience_years"] = person.pedagogical_experience_years
    if "qualification_category" in published:
        values["qualification_category"] = person.get_qualification_category_display()
    if "competences" in published:
        values["competences"] = [(str(c.area), c.level) for c in profile.competences.all()]
    if "forms" in published:
        values["forms"] = [str(x) for x in profile.forms.all()]
        values["kinds"] = [str(x) for x in profile.kinds.all()]
        values["interaction_models"] = [str(x) for x in profile.interaction_models.all()]
    if "email" in published and person.email:
        values["email"] = person.email
    if "phone" in published and person.phone:
        values["phone"] = person.phone
    return OpenBankCard(
        pk=profile.pk,
        name=person.full_name,
        organization=str(profile.organization),
        municipality=_municipality_name(profile.organization),
        published=published,
        **values,
    )
