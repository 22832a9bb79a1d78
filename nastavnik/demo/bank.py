"""The demo bank of mentors and mentees: profiles for the people in pairs, candidates for the
mentor base, diagnosed difficulties, open-bank publication and yearly confirmations.

Everything is written with ``bulk_create`` over what the staff writer already put in the
database, so the demo load stays a few seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from nastavnik.bank.choices import PUBLIC_FIELDS, ConsentPurpose, MentorPool, MentorStatus
from nastavnik.bank.models import (
    BankConfirmation,
    MenteeProfile,
    MentorCompetence,
    MentorProfile,
    MentorStatusEvent,
    MentorTraining,
    PersonalDataConsent,
)
from nastavnik.development.choices import DeficitLevel, DeficitSource
from nastavnik.development.models import Deficit
from nastavnik.mentoring.models import Pair
from nastavnik.people.choices import QualificationCategory
from nastavnik.people.models import Employment, Person
from nastavnik.reference.models import (
    CompetenceArea,
    InteractionModel,
    MenteeCategory,
    MentoringForm,
    MentoringKind,
)

BATCH_SIZE = 2000

#: The life of an active mentor in the base, in days before today (seed 003 §4.5–4.6).
_ACTIVE_PATH = (
    (MentorStatus.CANDIDATE, 420, "Включён в базу наставников по итогам анкетирования."),
    (MentorStatus.SELECTED, 400, "Отобран по итогам собеседования."),
    (MentorStatus.TRAINED, 330, "Окончил курсы повышения квалификации наставников."),
    (MentorStatus.ACTIVE, 300, "Закреплён приказом руководителя."),
)

_REQUESTS = {
    "methodical": "Хочу научиться строить урок по ФГОС и подбирать приёмы под разные классы.",
    "psychological_pedagogical": "Трудно выстраивать дисциплину и общение с родителями.",
    "ict_digital": "Нужна помощь в освоении электронного журнала и цифровых образовательных ресурсов.",
    "legal": "Хочу разобраться в нормативных документах и рабочей программе.",
    "subject_professional": "Нужна поддержка в подготовке обучающихся к олимпиадам и ГИА.",
    "extracurricular_upbringing": "Впервые веду классное руководство.",
    "health_saving": "Хочу освоить здоровьесберегающие технологии.",
    "scientific_theoretical": "Хочу подготовить первую публикацию об опыте работы.",
}


def bank_write(
    *, region, rng: random.Random, today: dt.date, curator_org=None, showcase: tuple = ()
) -> tuple[int, int]:
    """Write the demo bank for the organizations under ``region``.

    Mentors of the region's pairs become active mentors (the status path with its events,
    competences, the 72-hour course, the written consent, two in three published in the open
    bank with a matching consent purpose); about one experienced teacher in 40 becomes a
    candidate, selected or trained mentor; mentees of the pairs get their categories,
    request and diagnosed difficulties. ``curator_org`` (the demo curator's school) gets a
    confirmation eleven months old, so its home page shows the confirmation coming due. Each
    organization of ``showcase`` (the demo's school A, kindergarten A and college A) has a
    candidate mentor whatever the draw: its most experienced worker in no pair (the candidate's
    questionnaire is in its package of documents).

    Returns ``(mentor profiles, mentee profiles)`` written.
    """
    areas = list(CompetenceArea.objects.order_by("sort_order"))
    forms = {f.code: f for f in MentoringForm.objects.all()}
    kinds = {k.code: k for k in MentoringKind.objects.all()}
    interaction_models = list(InteractionModel.objects.all())
    categories = {c.code: c for c in MenteeCategory.objects.all()}
    consented = dict(
        PersonalDataConsent.objects.filter(withdrawn_on__isnull=True).values_list("person_id", "pk")
    )
    inside = {"organization__path__startswith": region.path}
    pairs = list(Pair.objects.filter(**inside).values_list("mentor_id", "mentee_id", "organization_id"))

    mentor_org: dict[int, int] = {}
    mentee_org: dict[int, int] = {}
    load: dict[int, int] = defaultdict(int)
    for mentor_id, mentee_id, org_id in pairs:
        load[mentor_id] += 1
        mentor_org.setdefault(mentor_id, org_id)
        mentee_org.setdefault(mentee_id, org_id)
    people = Person.objects.in_bulk(set(mentor_org) | set(mentee_org))
    subjects_of = defaultdict(list)
    for person_id, subject_id in Person.subjects.through.objects.filter(
        person_id__in=set(mentor_org) | set(mentee_org)
    ).values_list("person_id", "subject_id"):
        subjects_of[person_id].append(subject_id)

    # Candidates for the base: experienced teachers with the highest categories (seed 001 §5.2.1).
    experienced = (
        Employment.objects.current(today)
        .filter(**inside, is_primary=True)
        .filter(
            person__pedagogical_experience_years__gte=12,
            person__qualification_category__in=[QualificationCategory.HIGHEST, QualificationCategory.FIRST],
        )
        .exclude(person_id__in=list(mentor_org) + list(mentee_org))
        .order_by("person_id")
        .values_list("person_id", "organization_id")
    )
    candidates = [(pid, org) for i, (pid, org) in enumerate(experienced) if i % 40 == 7]
    chosen = {pid for pid, _ in candidates}
    showcased: set[int] = set()
    for unit in showcase:
        if any(org == unit.pk for _, org in candidates):
            showcased |= {pid for pid, org in candidates if org == unit.pk}
            continue
        senior = (
            Employment.objects.current(today)
            .filter(organization=unit, is_primary=True, person__pedagogical_experience_years__gte=5)
            .exclude(person_id__in=[*mentor_org, *mentee_org, *chosen])
            .exclude(person__user__isnull=False)
            .order_by("-person__pedagogical_experience_years", "person_id")
            .values_list("person_id", flat=True)
            .first()
        )
        if senior is not None:
            candidates.append((senior, unit.pk))
            chosen.add(senior)
            showcased.add(senior)

    profiles: list[MentorProfile] = []
    plan: list[tuple[MentorProfile, MentorStatus]] = []
    for person_id, org_id in sorted(mentor_org.items()):
        publish = person_id in consented and rng.random() < 0.67
        profile = MentorProfile(
            person_id=person_id,
            organization_id=org_id,
            status=MentorStatus.ACTIVE,
            pool=rng.choice(MentorPool.values),
            # The card's own capacity where the organization's default (2) would be exceeded.
            capacity=load[person_id] if load[person_id] > 2 else rng.choice([None, None, 3]),
            questionnaire="Готов делиться опытом, провожу открытые уроки и мастер-классы.",
            interview_notes="Мотивирован, имеет опыт методической работы. Рекомендован в наставники.",
            interviewed_on=today - dt.timedelta(days=400),
            consent_given_on=today - dt.timedelta(days=305),
            publish_in_open_bank=publish,
            public_fields=_public_fields(rng) if publish else [],
        )
        profiles.append(profile)
        plan.append((profile, MentorStatus.ACTIVE))
    for person_id, org_id in candidates:
        status = rng.choice([MentorStatus.CANDIDATE, MentorStatus.SELECTED, MentorStatus.TRAINED])
        if person_id in showcased:  # the questionnaire of a candidate is in the package
            status = MentorStatus.CANDIDATE
        profile = MentorProfile(
            person_id=person_id,
            organization_id=org_id,
            status=status,
            pool=rng.choice(MentorPool.values),
            questionnaire="Хочу попробовать себя в роли наставника молодых педагогов.",
        )
        profiles.append(profile)
        plan.append((profile, status))
    MentorProfile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)

    events, competences, trainings = [], [], []
    m2m = {name: [] for name in ("subjects", "forms", "kinds", "interaction_models")}
    through = {name: getattr(MentorProfile, name).through for name in m2m}
    for profile, status in plan:
        for to_status, days_ago, comment in _ACTIVE_PATH:
            previous = events[-1].to_status if events and events[-1].mentor_id == profile.pk else ""
            events.append(
                MentorStatusEvent(
                    mentor=profile,
                    from_status=previous,
                    to_status=to_status,
                    occurred_on=today - dt.timedelta(days=days_ago),
                    comment=comment,
                )
            )
            if to_status == status:
                break
        for area in rng.sample(areas, rng.randint(2, 4)):
            competences.append(MentorCompetence(mentor=profile, area=area, level=rng.randint(3, 5)))
        if status in (MentorStatus.TRAINED, MentorStatus.ACTIVE):
            trainings.append(
                MentorTraining(
                    mentor=profile,
                    title="Наставничество в образовательной организации: технологии и практики",
                    provider="Центр непрерывного повышения профессионального мастерства педагогических работников",
                    hours=72,
                    completed_on=today - dt.timedelta(days=330),
                )
            )
        for subject_id in subjects_of.get(profile.person_id, []):
            m2m["subjects"].append(through["subjects"](mentorprofile_id=profile.pk, subject_id=subject_id))
        for code in rng.sample(["pedagogue_pedagogue", "colleague_young_colleague", "head_pedagogue"], 2):
            m2m["forms"].append(
                through["forms"](mentorprofile_id=profile.pk, mentoringform_id=forms[code].pk)
            )
        for code in ("traditional", rng.choice(["virtual", "group", "situational", "short_term"])):
            m2m["kinds"].append(
                through["kinds"](mentorprofile_id=profile.pk, mentoringkind_id=kinds[code].pk)
            )
        model = rng.choice(interaction_models)
        m2m["interaction_models"].append(
            through["interaction_models"](mentorprofile_id=profile.pk, interactionmodel_id=model.pk)
        )
    MentorStatusEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
    MentorCompetence.objects.bulk_create(competences, batch_size=BATCH_SIZE)
    MentorTraining.objects.bulk_create(trainings, batch_size=BATCH_SIZE)
    for name, rows in m2m.items():
        through[name].objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
    published = [p.person_id for p in profiles if p.publish_in_open_bank]
    _add_open_bank_purpose(published)

    mentees, mentee_rows = [], []
    for person_id, org_id in sorted(mentee_org.items()):
        person = people[person_id]
        codes = _mentee_categories(person, today)
        requested = rng.sample(areas, rng.randint(1, 2))
        mentee = MenteeProfile(
            person_id=person_id,
            organization_id=org_id,
            request_text=" ".join(_REQUESTS.get(a.code, "") for a in requested).strip(),
            consent_given_on=today - dt.timedelta(days=rng.randint(60, 300)),
        )
        mentees.append(mentee)
        mentee_rows.append((mentee, codes, requested))
    MenteeProfile.objects.bulk_create(mentees, batch_size=BATCH_SIZE)
    category_links, area_links, difficulties = [], [], []
    category_through = MenteeProfile.categories.through
    area_through = MenteeProfile.request_areas.through
    for mentee, codes, requested in mentee_rows:
        for code in codes:
            category_links.append(
                category_through(menteeprofile_id=mentee.pk, menteecategory_id=categories[code].pk)
            )
        for area in requested:
            area_links.append(area_through(menteeprofile_id=mentee.pk, competencearea_id=area.pk))
            difficulties.append(
                Deficit(
                    person_id=mentee.person_id,
                    organization_id=mentee.organization_id,
                    area=area,
                    level=rng.choice(DeficitLevel.values),
                    source=rng.choice(
                        [DeficitSource.SELF_DIAGNOSIS, DeficitSource.HEAD, DeficitSource.MENTOR_COUNCIL]
                    ),
                    diagnosed_on=today - dt.timedelta(days=rng.randint(20, 250)),
                    description="Выявлено по итогам входной диагностики профессиональных дефицитов.",
                )
            )
    category_through.objects.bulk_create(category_links, batch_size=BATCH_SIZE)
    area_through.objects.bulk_create(area_links, batch_size=BATCH_SIZE)
    Deficit.objects.bulk_create(difficulties, batch_size=BATCH_SIZE)

    if curator_org is not None:
        BankConfirmation.objects.create(
            organization=curator_org,
            confirmed_on=today - dt.timedelta(days=340),
            comment="Банк наставников и наставляемых сверен со штатным расписанием.",
            mentors_count=MentorProfile.objects.filter(organization=curator_org).count(),
            mentees_count=MenteeProfile.objects.filter(organization=curator_org).count(),
        )
    return len(profiles), len(mentees)


def _public_fields(rng: random.Random) -> list[str]:
    always = ["position", "subjects", "competences", "forms"]
    optional = [name for name in PUBLIC_FIELDS if name not in always]
    chosen = set(always) | {name for name in optional if rng.random() < 0.5}
    return [name for name in PUBLIC_FIELDS if name in chosen]


def _add_open_bank_purpose(person_ids: list[int]) -> None:
    """Published mentors consented to the open bank as a purpose (152-ФЗ art. 9)."""
    consents = list(PersonalDataConsent.objects.filter(person_id__in=person_ids, withdrawn_on__isnull=True))
    for consent in consents:
        if ConsentPurpose.OPEN_BANK not in consent.purposes:
            consent.purposes = [*consent.purposes, ConsentPurpose.OPEN_BANK.value]
    PersonalDataConsent.objects.bulk_update(consents, ["purposes"], batch_size=BATCH_SIZE)


def _mentee_categories(person: Person, today: dt.date) -> list[str]:
    """Categories of a demo mentee from their card (seed 000 §1.3, 001 §5.2.3)."""
    codes = []
    if person.age(today) < 35 and (person.pedagogical_experience_years or 0) <= 3:
        codes.append("young_teacher")
    if not person.has_pedagogical_education:
        codes.append("non_pedagogical_education")
    if not codes:
        codes.append(
            "growth_in_direction" if (person.pedagogical_experience_years or 0) > 3 else "new_in_staff"
        )
    return codes
