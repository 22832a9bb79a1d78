"""The demo of the learners' contour (issue 20; seed 003 §4, 002 §1, §6, §8–§10).

School A: the class «7 Б» (25 pupils) and five pupils of «10 А», each with a primary legal
representative and the representative's consent to personal-data processing (one
representative has withdrawn it); the seventh graders in the base of mentees with their map of
requests, two tenth graders mentors of their peers (the internal contour, questionnaire and
interview filled), «ученик – ученик» pairs (10 А → 7 Б) and «учитель – ученик» pairs (a teacher
of school A → a pupil), one of each completed with the «full cycle» mark through the completion
service; a tenth grader of 16 has an account (login ``pupil``, the mentor role).

College A: a first-year group and a third-year student, a partner enterprise kept by the
college with an agreement in force and an expired one, its employee as a mentor of the
external contour (``people.NonStaffParticipant``), «работодатель – студент» and «студент –
студент» pairs.

Every organization of the region but the kindergartens: the contingent of learners for this
year and the previous one (``monitoring.LearnerContingent``, when that model is installed).

Pairs are formed through ``mentoring.services.pairs.program_create`` with the form of
mentoring, started through ``program_start`` and completed through ``mentor_report_submit``
and ``program_complete``; approval is written as rows (as
``demo.programs`` does: the day of the approval lies in the past, which the service does not
backdate). A pair the services refuse is passed over and named in the summary line.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from faker import Faker

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.bank.choices import ConsentPurpose, Contour, MentorPool, MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorProfile, PersonalDataConsent
from nastavnik.demo import data
from nastavnik.demo.identifiers import inn_company, mobile_phone
from nastavnik.demo.staff import school_year_start
from nastavnik.mentoring.choices import EventKind, MeetingFormat, MeetingStatus, ProgramStatus
from nastavnik.mentoring.models import (
    ActivityPlanItem,
    Meeting,
    MeetingAttendance,
    Pair,
    PersonalizedProgram,
    ProgramEvent,
)
from nastavnik.organizations.choices import Level, OrganizationKind, PartnerKind
from nastavnik.organizations.models import OrgUnit, Partner, PartnerAgreement
from nastavnik.people.choices import LearnerKind, NonStaffCategory, RepresentativeKind, Sex
from nastavnik.people.models import Employment, Learner, LegalRepresentative, NonStaffParticipant, Person
from nastavnik.reference.models import MeetingType, MentoringForm, PersonalizedProgramStage

#: The demo login of a pupil with an account (a tenth grader of school A, a mentor of peers).
PUPIL_LOGIN = "pupil"
PUPILS_GRADE, SENIORS_GRADE = "7 Б", "10 А"
FIRST_YEAR_GROUP, THIRD_YEAR_GROUP = "ТМ-25", "ТМ-23"
PARTNER_NAME = "Общество с ограниченной ответственностью «Сургутэнергоремонт»"
PARTNER_SHORT_NAME = "ООО «Сургутэнергоремонт»"

#: Requests of the seventh graders (the map of requests, seed 003 §4.3: «карта запросов»).
_PUPIL_REQUESTS = (
    "Трудно даётся математика, хочу разобраться с уравнениями и задачами на проценты.",
    "Хочу подготовиться к олимпиаде по информатике.",
    "Недавно перешёл в эту школу, хочу быстрее освоиться в классе.",
    "Хочу научиться выступать перед классом и не волноваться.",
    "Нужна помощь с английским языком: не успеваю за классом.",
    "Хочу сделать проект по биологии и не знаю, с чего начать.",
    "Хочу записаться в спортивную секцию и совмещать её с учёбой.",
    "Трудно планировать время и выполнять домашние задания вовремя.",
)
_INTERESTS = (
    "робототехника",
    "волейбол",
    "шахматы",
    "школьный театр",
    "хор",
    "юные инспекторы движения",
    "программирование",
    "лыжные гонки",
    "краеведение",
)
#: The contingent of learners of an organization by kind (range of the number of learners).
_CONTINGENT = {
    OrganizationKind.SCHOOL: (300, 1200),
    OrganizationKind.COLLEGE: (500, 2000),
}


@dataclass
class LearnersSummary:
    """What :func:`learners_write` wrote."""

    pupils: int = 0
    students: int = 0
    representatives: int = 0
    pairs: dict[str, int] = field(default_factory=dict)  # form code → pairs formed
    completed: int = 0
    contingents: int = 0
    refused: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        forms = dict(MentoringForm.objects.filter(code__in=self.pairs).values_list("code", "name"))
        pairs = ", ".join(f"«{forms.get(code, code)}» — {n}" for code, n in self.pairs.items())
        lines = [
            f"Обучающиеся: учеников — {self.pupils}, студентов — {self.students}, законных представителей — "
            f"{self.representatives}; пары: {pairs}; завершили полный цикл — {self.completed}; "
            f"контингент обучающихся внесён — {self.contingents}; учётная запись ученика — {PUPIL_LOGIN}"
        ]
        lines += [f"Пара не сформирована: {reason}" for reason in self.refused]
        return lines


def _surname(male: str, female: bool) -> str:
    """The surname ``male`` (a masculine form) as a woman's when ``female``: «Иванов» →
    «Иванова», «Левицкий» → «Левицкая», «Толстой» → «Толстая»; a surname that does not change
    («Шевчук») stays."""
    if not female:
        return male
    if male.endswith(("ий", "ый", "ой")):  # «Левицкий», «Белый», «Толстой»
        return male[:-2] + "ая"
    if male.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return male + "а"
    return male


class _People:
    """Names from the demo's own lists (``demo.data``) and Faker's surnames."""

    def __init__(self, rng: random.Random, faker: Faker) -> None:
        self.rng, self.faker = rng, faker
        self._names = {
            female: ([n for n, *_ in table], [w[1] for _, *w in table])
            for female, table in ((True, data.FEMALE_FIRST_NAMES), (False, data.MALE_FIRST_NAMES))
        }
        self._patronymic_weights = [w for *_, w in data.PATRONYMICS]

    def name(self, female: bool, family: str | None = None) -> tuple[str, str, str]:
        """(last, first, middle) of a woman (``female``) or a man of the family ``family``
        (a masculine surname; a new one when ``None``)."""
        family = family or self.faker.last_name_male()
        first = self.rng.choices(*self._names[female])[0]
        patronymic = self.rng.choices(data.PATRONYMICS, self._patronymic_weights)[0]
        return _surname(family, female), first, patronymic[1] if female else patronymic[0]


def _birth(rng: random.Random, today: dt.date, age: int) -> dt.date:
    """A birth date of someone ``age`` full years old on ``today``."""
    try:
        latest = today.replace(year=today.year - age)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year - age, day=28)
    return latest - dt.timedelta(days=rng.randint(1, 360))


@dataclass
class _Demo:
    rng: random.Random
    people: _People
    today: dt.date
    year_start: dt.date
    summary: LearnersSummary

    def learners(
        self, organization: OrgUnit, *, kind: str, grade: str, count: int, age: int, years: int, town: str
    ) -> list[Learner]:
        """``count`` learners of ``organization`` aged ``age`` (some a year older), studying
        there for ``years`` school years, each a ``Person`` checked by the learner's rule,
        written in bulk."""
        persons, families = [], []
        for _ in range(count):
            female = self.rng.random() < 0.5
            family = self.people.faker.last_name_male()
            last, first, middle = self.people.name(female, family)
            person = Person(
                last_name=last,
                first_name=first,
                middle_name=middle,
                sex=Sex.FEMALE if female else Sex.MALE,
                birth_date=_birth(self.rng, self.today, age + (self.rng.random() < 0.2)),
                address=f"{town}, {self.rng.choice(data.STREETS)}, д. {self.rng.randint(1, 120)}, "
                f"кв. {self.rng.randint(1, 200)}",
                pedagogical_experience_years=None,
                total_experience_years=None,
                has_pedagogical_education=False,
            )
            self._passport(person)
            person._as_learner = True
            person.clean_fields(exclude=["position", "user"])
            person.clean()
            persons.append(person)
            families.append(family)
        Person.objects.bulk_create(persons)
        rows = [
            Learner(
                person=person,
                organization=organization,
                kind=kind,
                grade=grade,
                enrolled_on=self.year_start.replace(year=self.year_start.year - years),
                interests=", ".join(self.rng.sample(_INTERESTS, 2)),
            )
            for person in persons
        ]
        for row in rows:
            row.clean()
        Learner.objects.bulk_create(rows)
        for row, family in zip(rows, families, strict=True):
            row._family = family
        if kind == LearnerKind.PUPIL:
            self.summary.pupils += len(rows)
        else:
            self.summary.students += len(rows)
        return rows

    def _passport(self, person: Person) -> None:
        """The passport a learner of 14 or older has (issued within two months of the 14th
        birthday): an adult learner's own consent names it (152-ФЗ art. 9 part 4)."""
        birth = person.birth_date
        fourteenth = birth.replace(year=birth.year + 14, day=min(birth.day, 28))
        issued = fourteenth + dt.timedelta(days=self.rng.randint(5, 60))
        if issued > self.today:
            return
        person.id_document_number = f"67 {issued.year % 100:02d} {self.rng.randint(100000, 999999)}"
        person.id_document_issued_on = issued
        person.id_document_issued_by = "УМВД России по Ханты-Мансийскому автономному округу – Югре"

    def representatives(self, learners: list[Learner], *, town: str, curator) -> list[PersonalDataConsent]:
        """A primary legal representative of each minor of ``learners`` (the mother mostly),
        and the consent to personal-data processing they gave for the learner (152-ФЗ art. 9
        part 4); an adult learner gives their own consent."""
        given_on = self.year_start - dt.timedelta(days=3)
        purposes = [ConsentPurpose.MENTORING_RECORD.value, ConsentPurpose.MONITORING.value]
        reps, consents = [], []
        for learner in learners:
            if not learner.is_minor(self.today):
                consents.append(
                    PersonalDataConsent(
                        person=learner.person, purposes=purposes, given_on=given_on, recorded_by=curator
                    )
                )
                continue
            kind = self.rng.choices(
                [RepresentativeKind.MOTHER, RepresentativeKind.FATHER, RepresentativeKind.GUARDIAN],
                [75, 22, 3],
            )[0]
            female = kind == RepresentativeKind.MOTHER or (
                kind == RepresentativeKind.GUARDIAN and self.rng.random() < 0.8
            )
            family = learner._family if kind != RepresentativeKind.GUARDIAN else None
            last, first, middle = self.people.name(female, family)
            birth = learner.person.birth_date.replace(day=1) - dt.timedelta(
                days=365 * self.rng.randint(24, 36)
            )
            issued = birth.replace(year=birth.year + 20, day=min(birth.day, 28)) + dt.timedelta(
                days=self.rng.randint(1, 60)
            )
            if kind == RepresentativeKind.GUARDIAN:
                authority = (
                    f"Приказ органа опеки и попечительства № {self.rng.randint(10, 999)}-оп "
                    f"от {self.year_start.replace(year=self.year_start.year - 3):%d.%m.%Y} о назначении опекуна"
                )
            else:
                authority = f"Свидетельство о рождении серии I-ПН № {self.rng.randint(100000, 999999)}"
            reps.append(
                LegalRepresentative(
                    learner=learner,
                    kind=kind,
                    last_name=last,
                    first_name=first,
                    middle_name=middle,
                    phone=mobile_phone(self.rng),
                    address=learner.person.address,
                    id_document_number=f"67 {issued.year % 100:02d} {self.rng.randint(100000, 999999)}",
                    id_document_issued_on=issued,
                    id_document_issued_by="УМВД России по Ханты-Мансийскому автономному округу – Югре",
                    authority_document=authority,
                    is_primary=True,
                )
            )
        for rep in reps:
            rep.clean_fields()
        LegalRepresentative.objects.bulk_create(reps)
        consents += [
            PersonalDataConsent(
                person=rep.learner.person,
                representative=rep,
                purposes=purposes,
                given_on=given_on,
                recorded_by=curator,
            )
            for rep in reps
        ]
        PersonalDataConsent.objects.bulk_create(consents)
        self.summary.representatives += len(reps)
        return consents


def _curator(organization: OrgUnit):
    """The demo curator's user of ``organization`` (its head when it has none), or ``None``."""
    ra = (
        RoleAssignment.objects.filter(org_unit=organization, role__in=(Role.CURATOR, Role.HEAD))
        .select_related("user")
        .order_by("role", "pk")  # «curator» before «head»
        .first()
    )
    return ra.user if ra else None


def _mentor_profile(
    person: Person, organization: OrgUnit, *, pool: str, contour: str, today: dt.date, text: str
):
    return MentorProfile.objects.create(
        person=person,
        organization=organization,
        status=MentorStatus.ACTIVE,
        pool=pool,
        contour=contour,
        capacity=3,
        questionnaire=text,
        interview_notes="Собеседование пройдено: мотивирован, готов уделять наставничеству 2 часа в неделю.",
        interviewed_on=today - dt.timedelta(days=40),
        consent_given_on=today - dt.timedelta(days=45),
    )


def _mentee_profiles(learners: list[Learner], *, rng: random.Random, today: dt.date) -> list[MenteeProfile]:
    rows = [
        MenteeProfile(
            person=learner.person,
            organization=learner.organization,
            request_text=rng.choice(_PUPIL_REQUESTS),
            consent_given_on=today - dt.timedelta(days=40),
        )
        for learner in learners
    ]
    return MenteeProfile.objects.bulk_create(rows)


# --- programs ---------------------------------------------------------------------------------

_GOALS = {
    "pupil_pupil": "Помочь наставляемому освоить трудные темы учебных предметов, включиться в жизнь класса "
    "и школьных объединений.",
    "teacher_pupil": "Раскрыть потенциал наставляемого, сформировать устойчивый интерес к учёбе и проектной "
    "деятельности.",
    "student_student": "Помочь первокурснику адаптироваться в колледже, освоить учебный план и студенческую жизнь.",
    "employer_student": "Сформировать у студента профессиональные навыки и представление о будущей работе на "
    "предприятии; подготовить к производственной практике.",
}
_RESULTS = {
    "pupil_pupil": "Повышение успеваемости; участие наставляемого в школьном объединении.",
    "teacher_pupil": "Выполненный индивидуальный проект; участие в олимпиаде или конкурсе.",
    "student_student": "Успешная первая сессия; участие в студенческом объединении.",
    "employer_student": "Пройденная практика на предприятии; выполненный учебный проект по заказу предприятия.",
}
#: The agenda of each kind of meeting (seed 003 §4.7).
_AGENDAS = {
    "acquaintance": "Знакомство, ожидания сторон, правила взаимодействия.",
    "trial_working": "Пробная рабочая встреча: разбор первого задания.",
    "planning": "Согласование целей и плана совместной работы.",
    "consecutive_series": "Разбор выполненных заданий, помощь в трудных темах.",
    "final": "Подведение итогов, самооценка, планы на будущее.",
}
_DIRECTIONS = {
    "pupil_pupil": "Помощь в учёбе и адаптации в коллективе",
    "teacher_pupil": "Развитие интереса к учёбе и проектной деятельности",
    "student_student": "Адаптация первокурсника",
    "employer_student": "Профессиональная ориентация и подготовка к практике",
}


class _Programs:
    """Forms the pairs of the learners' forms through the services, starts and completes some."""

    def __init__(self, *, rng: random.Random, today: dt.date, summary: LearnersSummary) -> None:
        self.rng, self.today, self.summary = rng, today, summary
        self.forms = {f.code: f for f in MentoringForm.objects.filter(code__in=_GOALS)}
        self.stages = {s.code: s for s in PersonalizedProgramStage.objects.all()}
        self.meeting_types = {m.code: m for m in MeetingType.objects.all()}

    def at(self, day: dt.date, hour: int = 15) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))

    def pair(self, code: str, mentor: Person, mentee: Person, *, by, completed: bool = False):
        """Form the pair in ``code``'s form (``program_create``), approve and start it; complete
        it with the full cycle when ``completed``. ``None`` when a service refuses (named in the
        summary)."""
        from nastavnik.mentoring.services.pairs import program_create
        from nastavnik.mentoring.services.programs import program_start

        form = self.forms.get(code)
        # A completed program ran its three months at least; a current one started this school
        # year, a month ago at most.
        starts_on = (
            min(school_year_start(self.today), self.today - dt.timedelta(days=100))
            if completed
            else max(school_year_start(self.today), self.today - dt.timedelta(days=30))
        )
        ends_on = self.today if completed else None
        try:
            program = program_create(
                mentor=mentor,
                mentees=[mentee],
                by=by,
                mentoring_form=form,
                direction=_DIRECTIONS[code],
                goals=_GOALS[code],
                expected_results=_RESULTS[code],
                starts_on=starts_on,
                ends_on=ends_on,
                paired_on=starts_on,
            )
            self._approve(program, by)
            program_start(program=program, by=by, comment="")
            self._held(program, "acquaintance", starts_on + dt.timedelta(days=7))
            if completed:
                self._complete(program, by)
        except ValidationError as error:
            self.summary.refused.append(
                f"{mentor.full_name} → {mentee.full_name}: {' '.join(error.messages)}"
            )
            return None
        self.summary.pairs[code] = self.summary.pairs.get(code, 0) + 1
        return program

    def _approve(self, program: PersonalizedProgram, by) -> None:
        """The plan and the approval, written as the service writes them (events included)."""
        day = program.starts_on + dt.timedelta(days=3)
        ActivityPlanItem.objects.bulk_create(
            [
                ActivityPlanItem(
                    program=program,
                    stage=self.stages[stage],
                    title=title,
                    starts_on=min(program.starts_on + dt.timedelta(days=offset), program.ends_on),
                    ends_on=min(program.starts_on + dt.timedelta(days=offset + length), program.ends_on),
                    expected_product=product,
                )
                for stage, title, product, offset, length in (
                    ("preparatory", "Знакомство, запрос наставляемого", "Карта запросов", 0, 14),
                    ("implementation", "Регулярные встречи и совместная работа", "Записи встреч", 14, 60),
                    ("resultative", "Представление результатов", "Презентация", 80, 14),
                )
            ]
        )
        program.status = ProgramStatus.APPROVED
        program.approved_on = day
        program.stage = self.stages["design"]
        program.save(update_fields=["status", "approved_on", "stage", "updated_at"])
        ProgramEvent.objects.create(
            program=program,
            kind=EventKind.STATUS,
            summary=f"Программа утверждена {day:%d.%m.%Y}; этап: {program.stage}",
            author=by,
            from_status=ProgramStatus.DRAFT,
            to_status=ProgramStatus.APPROVED,
            occurred_at=self.at(day, 10),
        )

    def _held(self, program, code: str, day: dt.date) -> None:
        """A held meeting of the kind ``code`` on ``day`` (today at the latest), both
        participants of each pair present (seed 003 §4.7)."""
        meeting = Meeting.objects.create(
            program=program,
            meeting_type=self.meeting_types[code],
            starts_at=self.at(min(day, self.today)),
            format=MeetingFormat.IN_PERSON,
            place="Кабинет № 12",
            agenda=_AGENDAS[code],
            notes="Цели встречи достигнуты, договорённости записаны.",
            status=MeetingStatus.HELD,
        )
        people = {pid for pair in program.pairs.all() for pid in (pair.mentor_id, pair.mentee_id)}
        MeetingAttendance.objects.bulk_create(
            [MeetingAttendance(meeting=meeting, person_id=pid, present=True) for pid in sorted(people)]
        )

    def _complete(self, program: PersonalizedProgram, by) -> None:
        """The mentor's report (by the curator), the meetings of every kind held and the
        completion (the services). A learner answers no self-assessment of a teacher's
        professional difficulties (``monitoring.lifecycle``), so none is required."""
        from nastavnik.mentoring.services.completion import mentor_report_submit, program_complete

        mentor_report_submit(
            program=program,
            by=by,
            work_done="Проведены все запланированные встречи; наставник помогал в учёбе и в проектной работе.",
            results="Наставляемый освоился, стал увереннее, успеваемость выросла.",
        )
        span = (self.today - program.starts_on).days
        for code, share in (("trial_working", 0.15), ("planning", 0.25), ("consecutive_series", 0.6)):
            self._held(program, code, program.starts_on + dt.timedelta(days=int(span * share)))
        self._held(program, "final", self.today - dt.timedelta(days=1))
        program_complete(
            program=program,
            by=by,
            results="Цели программы достигнуты: наставляемый повысил успеваемость и выступил с проектом.",
        )
        self.summary.completed += 1


# --- the parts --------------------------------------------------------------------------------


def _town(unit: OrgUnit) -> str:
    return unit.address.rsplit(", ", 2)[0] if unit.address else data.REGION_FULL_NAME


def _school(demo: _Demo, programs: _Programs, school: OrgUnit) -> None:
    town, curator = _town(school), _curator(school)
    pupils = demo.learners(
        school, kind=LearnerKind.PUPIL, grade=PUPILS_GRADE, count=25, age=13, years=6, town=town
    )
    seniors = demo.learners(
        school, kind=LearnerKind.PUPIL, grade=SENIORS_GRADE, count=5, age=16, years=9, town=town
    )
    consents = demo.representatives(pupils + seniors, town=town, curator=curator)
    # A representative who withdrew the consent (152-ФЗ art. 9 part 2): the pupil is in no pair.
    withdrawn = consents[len(pupils) - 1]
    withdrawn.withdrawn_on = max(withdrawn.given_on, demo.today - dt.timedelta(days=10))
    withdrawn.withdrawal_reason = "Заявление законного представителя об отзыве согласия."
    withdrawn.withdrawn_by = curator
    withdrawn.save(update_fields=["withdrawn_on", "withdrawal_reason", "withdrawn_by"])
    seniors.sort(key=lambda learner: learner.person.birth_date)  # the oldest first
    _mentee_profiles(pupils, rng=demo.rng, today=demo.today)
    _mentee_profiles(seniors[2:3], rng=demo.rng, today=demo.today)
    mentors = [
        _mentor_profile(
            learner.person,
            school,
            pool=MentorPool.PEERS,
            contour=Contour.INTERNAL,
            today=demo.today,
            text="Хорошо учусь по математике и физике, занимаюсь робототехникой; хочу помогать младшим.",
        ).person
        for learner in seniors[:2]
    ]
    _pupil_account(seniors[0].person, school)  # 16 or 17

    teacher = _teacher(school, today=demo.today)
    mentees = [p.person for p in pupils[:-1]]  # the last one's consent is withdrawn
    programs.pair("pupil_pupil", mentors[0], mentees[0], by=curator, completed=True)
    programs.pair("pupil_pupil", mentors[0], mentees[1], by=curator)
    programs.pair("pupil_pupil", mentors[1], mentees[2], by=curator)
    if teacher is not None:
        programs.pair("teacher_pupil", teacher, mentees[3], by=curator, completed=True)
        programs.pair("teacher_pupil", teacher, seniors[2].person, by=curator)


def _teacher(school: OrgUnit, *, today: dt.date) -> Person | None:
    """A teacher of ``school`` to guide pupils: an active mentor of its bank with two free places,
    else an experienced teacher with a valid consent and in no bank, who enters the base of mentors
    of pupils (the pool of teachers sharing their experience)."""
    from nastavnik.bank.selectors import mentor_load_annotations

    # An active mentor of the school named in its signed payment order (``demo.documents``: the
    # mentors of open pairs), not a demo account's, guides the pupils too, the curator giving them two more places: the
    # supplementary agreement finds the mentor's pay in that order.
    from nastavnik.documents.models import Document
    from nastavnik.people.consent import consented_q

    named: set[int] = set()
    for params in Document.objects.filter(
        organization=school, kind="order_mentor_payment", status="signed"
    ).values_list("params", flat=True):
        named.update((params or {}).get("mentors") or [])
    current = (
        MentorProfile.objects.filter(
            organization=school, status=MentorStatus.ACTIVE, person_id__in=named, person__user__isnull=True
        )
        .filter(consented_q("person_id"))
        .annotate(**mentor_load_annotations(today=today))
        .order_by("active_mentees", "pk")
        .select_related("person")
        .first()
    )
    if current is not None:
        if current.capacity_in_force - current.active_mentees < 2:
            current.capacity = min(current.active_mentees + 2, 10)
            current.save(update_fields=["capacity", "updated_at"])
        return current.person
    taken = MentorProfile.objects.values("person_id")
    person = (
        Person.objects.filter(
            pk__in=Employment.objects.current(today)
            .filter(organization=school, is_primary=True)
            .values("person_id"),
            pedagogical_experience_years__gte=10,
            user__isnull=True,
        )
        .filter(consented_q("pk"))
        .exclude(pk__in=taken)
        .exclude(pk__in=MenteeProfile.objects.values("person_id"))
        .order_by("-pedagogical_experience_years", "pk")
        .first()
    )
    if person is not None:
        _mentor_profile(
            person,
            school,
            pool=MentorPool.TEACHERS_SHARING,
            contour=Contour.INTERNAL,
            today=today,
            text="Готов вести проектную деятельность учеников и готовить их к олимпиадам.",
        )
    return person


def _pupil_account(person: Person, school: OrgUnit) -> None:
    """The demo account of a pupil of 15 or older (login :data:`PUPIL_LOGIN`), a mentor of peers."""
    User = get_user_model()
    if User.objects.filter(username=PUPIL_LOGIN).exists():
        return
    user = User.objects.create(
        username=PUPIL_LOGIN,
        password=make_password("demo12345"),
        email=f"{PUPIL_LOGIN}@{data.DEMO_USER_MAIL_DOMAIN}",
        first_name=person.first_name,
        last_name=person.last_name,
    )
    person.user = user
    person.save(update_fields=["user"])
    RoleAssignment.objects.create(user=user, org_unit=school, role=Role.MENTOR)


def _college(demo: _Demo, programs: _Programs, college: OrgUnit, *, used_inns: set[str]) -> None:
    town, curator = _town(college), _curator(college)
    freshmen = demo.learners(
        college, kind=LearnerKind.STUDENT, grade=FIRST_YEAR_GROUP, count=12, age=16, years=0, town=town
    )
    seniors = demo.learners(
        college, kind=LearnerKind.STUDENT, grade=THIRD_YEAR_GROUP, count=3, age=18, years=2, town=town
    )
    demo.representatives(freshmen + seniors, town=town, curator=curator)
    _mentee_profiles(freshmen, rng=demo.rng, today=demo.today)

    partner = Partner(
        unit=college,
        kind=PartnerKind.ENTERPRISE,
        full_name=PARTNER_NAME,
        short_name=PARTNER_SHORT_NAME,
        inn=inn_company(demo.rng, "8602", used_inns),
        address=f"{town}, ул. Индустриальная, д. 19",
        contact_person="Начальник отдела кадров",
        phone=mobile_phone(demo.rng),
        description="Производственная практика студентов, наставничество сотрудников предприятия, "
        "стажировки преподавателей.",
    )
    partner.full_clean()
    partner.save()
    year = demo.year_start.year
    agreements = [
        PartnerAgreement(
            partner=partner,
            unit=college,
            number=f"{year - 4}/17",
            concluded_on=dt.date(year - 4, 8, 20),
            starts_on=dt.date(year - 4, 9, 1),
            ends_on=dt.date(year - 1, 6, 30),
            subject="Организация производственной практики студентов.",
        ),
        PartnerAgreement(
            partner=partner,
            unit=college,
            number=f"{year - 1}/42",
            concluded_on=dt.date(year - 1, 8, 25),
            starts_on=dt.date(year - 1, 9, 1),
            ends_on=dt.date(year + 2, 8, 31),
            subject="Сотрудничество в реализации программы наставничества «работодатель – студент»: "
            "сотрудники предприятия — наставники студентов.",
        ),
    ]
    for agreement in agreements:
        agreement.full_clean()
    PartnerAgreement.objects.bulk_create(agreements)

    last, first, middle = demo.people.name(False)
    employee = Person(
        last_name=last,
        first_name=first,
        middle_name=middle,
        sex=Sex.MALE,
        birth_date=_birth(demo.rng, demo.today, 41),
        job_title="инженер-энергетик",
        phone=mobile_phone(demo.rng),
        has_pedagogical_education=False,
    )
    employee.full_clean(exclude=["position", "user"])
    employee.save()
    NonStaffParticipant.objects.create(
        person=employee,
        organization=college,
        category=NonStaffCategory.EMPLOYER,
        partner=partner,
        workplace=f"{PARTNER_SHORT_NAME}, инженер-энергетик",
        started_on=dt.date(year - 1, 9, 1),
    )
    PersonalDataConsent.objects.create(
        person=employee,
        purposes=[ConsentPurpose.MENTORING_RECORD.value, ConsentPurpose.MONITORING.value],
        given_on=dt.date(year - 1, 9, 1),
        recorded_by=curator,
    )
    employer = _mentor_profile(
        employee,
        college,
        pool=MentorPool.EMPLOYERS,
        contour=Contour.EXTERNAL,
        today=demo.today,
        text="Двадцать лет на производстве; готов знакомить студентов с работой энергетика.",
    ).person
    student_mentor = _mentor_profile(
        seniors[0].person,
        college,
        pool=MentorPool.PEERS,
        contour=Contour.INTERNAL,
        today=demo.today,
        text="Староста группы, победитель регионального чемпионата профессионального мастерства.",
    ).person
    programs.pair("employer_student", employer, freshmen[0].person, by=curator)
    programs.pair("employer_student", employer, freshmen[1].person, by=curator)
    programs.pair("student_student", student_mentor, freshmen[2].person, by=curator)


def _contingents(region: OrgUnit, *, rng: random.Random, today: dt.date) -> int:
    """The number of learners of every school and college of ``region`` for this year and the
    previous one (``monitoring.LearnerContingent``: the denominator of the share of learners
    involved, seed 002 §9); nothing when that model is not installed."""
    try:
        contingent = apps.get_model("monitoring", "LearnerContingent")
    except LookupError:
        return 0
    rows = []
    for unit in (
        OrgUnit.objects.filter(path__startswith=region.path, level=Level.ORGANIZATION, kind__in=_CONTINGENT)
        .order_by("pk")
        .only("pk", "kind")
    ):
        low, high = _CONTINGENT[unit.kind]
        number = rng.randint(low, high)
        rows += [
            contingent(organization=unit, year=today.year - 1, learners=number),
            contingent(organization=unit, year=today.year, learners=max(low, number + rng.randint(-30, 40))),
        ]
    contingent.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def learners_write(
    *, region: OrgUnit, school_a: OrgUnit, college: OrgUnit, seed: int, today: dt.date
) -> list[str]:
    """Write the learners' demo (see the module): school A's pupils, representatives, bank and
    pairs, the college's students, partner and employer mentor, the contingents of the region.

    Runs inside the loader's transaction; the pairs go through the services (``by`` the
    organizations' curators). Returns the Russian summary lines.
    """
    rng = random.Random(f"{seed}/learners")
    faker = Faker("ru_RU")
    faker.seed_instance(f"{seed}/learners")
    summary = LearnersSummary()
    demo = _Demo(rng, _People(rng, faker), today, school_year_start(today), summary)
    programs = _Programs(rng=random.Random(f"{seed}/learners/programs"), today=today, summary=summary)
    mentoring_log = logging.getLogger("nastavnik.mentoring")  # the services log every step
    level = mentoring_log.level
    mentoring_log.setLevel(logging.WARNING)
    try:
        _school(demo, programs, school_a)
        used_inns = set(Partner.objects.exclude(inn="").values_list("inn", flat=True))
        used_inns |= set(OrgUnit.objects.exclude(inn="").values_list("inn", flat=True))
        _college(demo, programs, college, used_inns=used_inns)
    finally:
        mentoring_log.setLevel(level)
    summary.contingents = _contingents(region, rng=rng, today=today)
    return summary.lines()


def learners_delete(region: OrgUnit) -> None:
    """Delete the learners' demo of ``region``: the learners' and outside participants' pairs
    and programs, the people (with their consents, bank cards, answers), representatives,
    partners and agreements, contingents and the pupil's account. Call before the region's
    pairs, people and units go."""
    inside = Q(organization__path__startswith=region.path)
    learner_ids = set(Learner.objects.filter(inside).values_list("person_id", flat=True))
    outside_ids = set(NonStaffParticipant.objects.filter(inside).values_list("person_id", flat=True))
    people = learner_ids | outside_ids
    touched = Pair.objects.filter(Q(mentor_id__in=people) | Q(mentee_id__in=people))
    program_ids = set(touched.exclude(program__isnull=True).values_list("program_id", flat=True))
    Pair.objects.filter(Q(pk__in=touched.values("pk")) | Q(program_id__in=program_ids)).delete()
    PersonalizedProgram.objects.filter(pk__in=program_ids).delete()
    PersonalDataConsent.objects.filter(representative__learner__person_id__in=learner_ids).delete()
    get_user_model().objects.filter(
        username=PUPIL_LOGIN, email__endswith=f"@{data.DEMO_USER_MAIL_DOMAIN}"
    ).delete()
    Person.objects.filter(pk__in=people).delete()
    PartnerAgreement.objects.filter(
        Q(unit__path__startswith=region.path) | Q(partner__unit__path__startswith=region.path)
    ).delete()
    Partner.objects.filter(unit__path__startswith=region.path).delete()
    try:
        apps.get_model("monitoring", "LearnerContingent").objects.filter(inside).delete()
    except LookupError:
        pass
