"""Pedagogical workers of the demo region: people, their jobs, subjects and mentoring pairs.

People are drafted in memory (``Draft``), checked by the models' own field and model checks
(no queries), and written with ``bulk_create``. Positions and subjects are read from the
reference tables at run time and matched by name; a missing entry gives ``None`` / no subject.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass

from faker import Faker

from nastavnik.demo import data
from nastavnik.demo.identifiers import mobile_phone, snils, transliterate
from nastavnik.demo.tree import DemoOrg, DemoTree
from nastavnik.mentoring.models import Pair
from nastavnik.people.choices import QualificationCategory as Category
from nastavnik.people.choices import Sex
from nastavnik.people.models import Employment, Person
from nastavnik.reference.models import Position, Subject

BATCH_SIZE = 1000

#: Share of school teachers in mentoring pairs (mentors and mentees together).
PAIR_SHARE = 0.15
#: Share of people who also hold a second job (совместительство).
SECOND_JOB_SHARE = 0.02

TEACHER = "учитель"

# position needles (first found wins), weight, key of SUBJECT_SETS or None
_PositionRow = tuple[tuple[str, ...], float, str | None]


@dataclass(frozen=True)
class StaffProfile:
    """Who works in one kind of organization: sex ratio, share with pedagogical education,
    positions with weights (seed 000 §1.3 counts teachers without pedagogical education)."""

    female_share: float
    pedagogical_education_share: float
    positions: tuple[_PositionRow, ...]


STAFF_PROFILES: dict[str, StaffProfile] = {
    "school": StaffProfile(
        0.84,
        0.9,
        (
            ((TEACHER,), 86, "school"),
            (("педагог-психолог",), 2, None),
            (("социальный педагог",), 2, None),
            (("учитель-логопед",), 2, None),
            (("учитель-дефектолог",), 1, None),
            (("педагог-организатор",), 2, None),
            (("советник директора по воспитанию",), 1, None),
            (("педагог-библиотекарь",), 1, None),
            (("педагог дополнительного образования",), 2, "supplementary"),
            (("преподаватель-организатор основ безопасности",), 1, "obzr"),
        ),
    ),
    "kindergarten": StaffProfile(
        0.98,
        0.88,
        (
            (("воспитатель",), 78, "preschool"),
            (("старший воспитатель",), 4, "preschool"),
            (("музыкальный руководитель",), 6, "preschool_music"),
            (("инструктор по физической культуре",), 4, "preschool"),
            (("учитель-логопед",), 5, None),
            (("педагог-психолог",), 3, None),
        ),
    ),
    "college": StaffProfile(
        0.68,
        0.6,
        (
            (("преподаватель",), 74, "college"),
            (("мастер производственного обучения",), 14, "vocational"),
            (("педагог-организатор",), 2, None),
            (("социальный педагог",), 2, None),
            (("педагог-психолог",), 2, None),
            (("методист",), 3, None),
            (("руководитель физического воспитания",), 2, "pe"),
            (("преподаватель-организатор основ безопасности",), 1, "obzr"),
        ),
    ),
    "supplementary": StaffProfile(
        0.72,
        0.75,
        (
            (("педагог дополнительного образования",), 72, "supplementary"),
            (("старший педагог дополнительного образования",), 4, "supplementary"),
            (("педагог-организатор",), 8, None),
            (("методист",), 7, None),
            (("тренер-преподаватель",), 5, None),
            (("концертмейстер",), 4, "music"),
        ),
    ),
    "arts": StaffProfile(
        0.8,
        0.85,
        (
            (("преподаватель",), 80, "arts"),
            (("концертмейстер",), 14, "music"),
            (("методист",), 6, None),
        ),
    ),
    "university": StaffProfile(0.62, 0.6, ((("преподаватель",), 100, "college"),)),
    "regional_operator": StaffProfile(
        0.8, 0.95, ((("методист",), 60, None), (("старший методист", "методист"), 40, None))
    ),
    "cnppm": StaffProfile(0.85, 0.95, ((("тьютор",), 60, None), (("методист",), 40, None))),
}

# subject needles taught together, weight
SUBJECT_SETS: dict[str, tuple[tuple[tuple[str, ...], float], ...]] = {
    "school": (
        (("начальные классы",), 20),
        (("русский язык", "литература"), 14),
        (("математика",), 8),
        (("алгебра", "геометрия", "вероятность и статистика"), 4),
        (("иностранный язык (английский)",), 9),
        (("иностранный язык (немецкий)",), 1),
        (("иностранный язык (французский)",), 0.5),
        (("иностранный язык (китайский)",), 0.3),
        (("история", "обществознание"), 7),
        (("физическая культура",), 7),
        (("информатика",), 3),
        (("физика",), 3),
        (("физика", "информатика"), 1),
        (("химия",), 2),
        (("химия", "биология"), 1),
        (("биология",), 2),
        (("география",), 2),
        (("биология", "география"), 1),
        (("труд (технология)",), 4),
        (("музыка",), 2),
        (("изобразительное искусство",), 2),
        (("основы безопасности и защиты родины",), 1.5),
        (("родной язык", "родная литература"), 0.5),
        (("основы религиозных культур и светской этики", "основы духовно-нравственной культуры"), 0.5),
    ),
    "college": (
        (("профессиональный цикл",), 60),
        (("русский язык", "литература"), 8),
        (("математика",), 8),
        (("иностранный язык (английский)",), 6),
        (("история", "обществознание"), 5),
        (("физическая культура",), 5),
        (("информатика",), 4),
        (("физика",), 2),
        (("химия",), 2),
    ),
    "vocational": ((("профессиональный цикл",), 1),),
    "preschool": ((("дошкольное образование",), 1),),
    "preschool_music": ((("дошкольное образование", "музыка"), 1),),
    "supplementary": ((("дополнительное образование",), 1),),
    "arts": (
        (("музыка", "дополнительное образование"), 6),
        (("изобразительное искусство", "дополнительное образование"), 3),
        (("дополнительное образование",), 1),
    ),
    "music": ((("музыка",), 1),),
    "pe": ((("физическая культура",), 1),),
    "obzr": ((("основы безопасности и защиты родины",), 1),),
}

#: The subjects a teacher's title names in the staff schedule, in the genitive («учитель
#: математики»); a subject missing here is declined by the declension library.
SUBJECT_GENITIVE = {
    "начальные классы": "начальных классов",
    "русский язык": "русского языка",
    "литература": "литературы",
    "математика": "математики",
    "алгебра": "математики",
    "геометрия": "математики",
    "вероятность и статистика": "математики",
    "иностранный язык (английский)": "английского языка",
    "иностранный язык (немецкий)": "немецкого языка",
    "иностранный язык (французский)": "французского языка",
    "иностранный язык (китайский)": "китайского языка",
    "история": "истории",
    "обществознание": "обществознания",
    "физическая культура": "физической культуры",
    "информатика": "информатики",
    "физика": "физики",
    "химия": "химии",
    "биология": "биологии",
    "география": "географии",
    "труд (технология)": "труда (технологии)",
    "музыка": "музыки",
    "изобразительное искусство": "изобразительного искусства",
    "основы безопасности и защиты родины": "основ безопасности и защиты Родины",
    "родной язык": "родного языка",
    "родная литература": "родной литературы",
    "основы религиозных культур и светской этики": "основ религиозных культур и светской этики",
    "основы духовно-нравственной культуры": "основ духовно-нравственной культуры народов России",
}


def job_title(needle: str, position: Position | None, subjects: list[Subject], kind: str) -> str:
    """The title of a job as the staff schedule writes it (issue 15 item 2): a teacher by the
    subjects taught («учитель математики», «учитель русского языка и литературы»), anyone else by
    the position of the national list made specific to the kind of organization («директор»,
    «заведующий», «воспитатель»); "" when the position is unknown."""
    from nastavnik.core.language import decline_phrase
    from nastavnik.people.positions import default_job_title

    if needle == TEACHER and subjects:
        parts = []
        for subject in subjects:
            name = subject.name.casefold()
            part = SUBJECT_GENITIVE.get(name) or decline_phrase(name, "gent", animate=False)
            if part not in parts:
                parts.append(part)
        return f"{TEACHER} " + (
            " и ".join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + " и " + parts[-1]
        )
    if position is None:
        return needle
    return default_job_title(position.name, kind)


#: Categories that qualify a teacher to be a mentor here (with five years or more of experience).
MENTOR_CATEGORIES = frozenset({Category.FIRST, Category.HIGHEST, Category.METHODIST, Category.MENTOR})

_CATEGORY_BY_EXPERIENCE = (
    # (minimal pedagogical experience, ((category, weight), ...))
    (10, ((Category.NONE, 5), (Category.CONFORMITY, 12), (Category.FIRST, 33), (Category.HIGHEST, 42),
          (Category.METHODIST, 4), (Category.MENTOR, 4))),
    (5, ((Category.NONE, 10), (Category.CONFORMITY, 20), (Category.FIRST, 45), (Category.HIGHEST, 25))),
    (2, ((Category.NONE, 45), (Category.CONFORMITY, 25), (Category.FIRST, 30))),
    (0, ((Category.NONE, 1),)),
)  # fmt: skip


def _name_match(names: dict[str, object], needles: tuple[str, ...]):
    """The entry whose name equals the first needle that matches, else starts with it
    (the shortest such name); ``None`` when no needle matches."""
    for needle in needles:
        if needle in names:
            return names[needle]
        found = sorted((n for n in names if n.startswith(needle)), key=len)
        if found:
            return names[found[0]]
    return None


class Catalog:
    """Positions and subjects as they are in the reference tables now, matched by name."""

    def __init__(self, positions: list[Position], subjects: list[Subject]):
        self._positions = {p.name.casefold(): p for p in positions}
        self._subjects = {s.name.casefold(): s for s in subjects}

    @classmethod
    def load(cls) -> Catalog:
        """Read the active positions and subjects (two queries)."""
        return cls(
            list(Position.objects.filter(is_active=True).order_by("sort_order", "pk")),
            list(Subject.objects.filter(is_active=True).order_by("sort_order", "pk")),
        )

    def position(self, *needles: str) -> Position | None:
        """The first position matching one of ``needles`` (lowercase), or ``None``."""
        return _name_match(self._positions, needles)

    def subjects(self, needles: tuple[str, ...]) -> list[Subject]:
        """The subjects matching ``needles``, those missing skipped."""
        found = (_name_match(self._subjects, (needle,)) for needle in needles)
        return list(dict.fromkeys(s for s in found if s is not None))


@dataclass
class Draft:
    """A person to be written, with their primary job and optional second job."""

    person: Person
    org: DemoOrg
    position_needle: str  # the intended position, even when the reference lacks it
    subjects: list[Subject]
    hired_on: dt.date
    second_job: tuple[DemoOrg, Position | None, dt.date] | None = None
    account: str = ""  # login of the demo account the person belongs to

    @property
    def experience(self) -> int:
        return self.person.pedagogical_experience_years or 0


@dataclass
class PairDraft:
    mentor: Draft
    mentee: Draft
    started_on: dt.date


@dataclass
class _ResolvedProfile:
    profile: StaffProfile
    positions: list[tuple[str, Position | None, list[tuple[list[Subject], float]]]]
    weights: list[float]


def school_year_start(today: dt.date) -> dt.date:
    """1 September of the school year ``today`` falls in."""
    return dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder); sums to ``total``."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


class StaffGenerator:
    """Drafts people deterministically from two random streams and ``faker`` (seeded by the caller).

    Surnames come from Faker ru_RU (``last_name_female`` / ``last_name_male``); first names
    and patronymics from the weighted lists in ``demo.data``, by sex and generation.
    ``rng`` draws who people are (sex, names, birth dates, СНИЛС, positions, subjects, contacts)
    and never depends on the date, so one seed gives the same people on any day; ``timeline``
    draws what depends on today (experience, hiring dates, categories, pairs).
    ``used_snils`` holds СНИЛС already taken (in the database); new ones are added to it.
    """

    def __init__(
        self,
        *,
        rng: random.Random,
        timeline: random.Random,
        faker: Faker,
        today: dt.date,
        catalog: Catalog,
        used_snils: set[str],
    ):
        self.rng = rng
        self.timeline = timeline
        self.faker = faker
        self.today = today
        self.year_start = school_year_start(today)
        self.catalog = catalog
        self.used_snils = used_snils
        self.used_emails: set[str] = set()
        self._birth_years = list(range(1960, 2004))
        self._birth_weights = [0.7 if y < 1965 else 1.3 if y >= 2000 else 1.0 for y in self._birth_years]
        self._profiles: dict[str, _ResolvedProfile] = {}
        # (female, born 1985 or later) → (names, weights)
        self._names = {
            (female, young): ([n for n, *_ in table], [w[young] for _, *w in table])
            for female, table in ((True, data.FEMALE_FIRST_NAMES), (False, data.MALE_FIRST_NAMES))
            for young in (False, True)
        }
        self._patronymic_weights = [w for *_, w in data.PATRONYMICS]

    # -- one person ---------------------------------------------------------------------------

    def _profile(self, key: str) -> _ResolvedProfile:
        if key not in self._profiles:
            profile = STAFF_PROFILES[key]
            positions = []
            for needles, _weight, subject_key in profile.positions:
                subject_choices = [
                    (found, weight)
                    for needles_s, weight in SUBJECT_SETS.get(subject_key or "", ())
                    if (found := self.catalog.subjects(needles_s))
                ]
                positions.append((needles[0], self.catalog.position(*needles), subject_choices))
            self._profiles[key] = _ResolvedProfile(profile, positions, [row[1] for row in profile.positions])
        return self._profiles[key]

    def _email(self, last: str, first: str, middle: str, domain: str) -> str:
        local = f"{transliterate(last)}.{transliterate(first)[:1]}{transliterate(middle)[:1]}"
        for n in itertools.count(1):
            email = f"{local}{'' if n == 1 else n}@{domain}.{data.MAIL_DOMAIN}"
            if email not in self.used_emails:
                self.used_emails.add(email)
                return email
        raise AssertionError("unreachable")

    def _category(self, experience: int) -> str:
        for minimum, choices in _CATEGORY_BY_EXPERIENCE:
            if experience >= minimum:
                return self.timeline.choices([c for c, _ in choices], [w for _, w in choices])[0]
        return Category.NONE

    def _hired_on(self, tenure: int) -> dt.date:
        """Most teachers are hired at the end of August, before the school year."""
        rng = self.timeline
        year = self.year_start.year - tenure
        if tenure == 0 or rng.random() < 0.8:
            return dt.date(year, 8, rng.randint(15, 31))
        return dt.date(year, 9, 1) + dt.timedelta(days=rng.randint(0, 300))

    def person(
        self,
        org: DemoOrg,
        *,
        profile: str | None = None,
        position: tuple[str, ...] | None = None,
        subjects: tuple[str, ...] | None = None,
        birth_years: tuple[int, int] | None = None,
        experience: int | None = None,
        category: str | None = None,
        account: str = "",
        title: str = "",
    ) -> Draft:
        """Draft one person working in ``org``.

        Without overrides the position (and subjects) come from the staff ``profile`` (default:
        the organization's). ``position`` — needles to look the position up by name;
        ``birth_years`` — inclusive range; ``experience`` — pedagogical experience in years
        (total experience is derived, never below it); ``category`` — qualification category;
        ``title`` — the job title of the staff schedule (else derived: :func:`job_title`).
        """
        rng, timeline, fake = self.rng, self.timeline, self.faker
        resolved = self._profile(profile or org.profile)
        needle, position_obj, subject_choices = rng.choices(resolved.positions, resolved.weights)[0]
        if position is not None:
            needle, position_obj = (position[0], self.catalog.position(*position)) if position else ("", None)
            subject_choices = []
        if subjects is not None:
            subject_choices = [(self.catalog.subjects(subjects), 1.0)]
        chosen_subjects = rng.choices(*zip(*subject_choices, strict=True))[0] if subject_choices else []

        female = rng.random() < resolved.profile.female_share
        if birth_years is None:
            year = rng.choices(self._birth_years, self._birth_weights)[0]
        else:
            year = rng.randint(*birth_years)
        birth = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        last = fake.last_name_female() if female else fake.last_name_male()
        names = self._names[female, year >= 1985]
        first = rng.choices(names[0], names[1])[0]
        patronymic = rng.choices(data.PATRONYMICS, self._patronymic_weights)[0]
        middle = patronymic[1] if female else patronymic[0]
        age = self.today.year - birth.year - ((self.today.month, self.today.day) < (birth.month, birth.day))

        pedagogical_education = rng.random() < resolved.profile.pedagogical_education_share
        snils_number, phone = snils(rng, self.used_snils), mobile_phone(rng)

        if experience is None:
            start = timeline.randint(20, 24) if pedagogical_education else timeline.randint(21, 28)
            total = max(0, age - start)
            if pedagogical_education:
                gap = timeline.randint(1, min(8, total)) if total > 3 and timeline.random() < 0.2 else 0
                experience = total - gap
            else:
                experience = timeline.randint(0, total // 2)
        else:
            pedagogical_education = True
            experience = min(experience, max(0, age - 20))
            total = experience + timeline.randint(0, max(0, min(3, age - 18 - experience)))
        tenure = timeline.randint(0, experience)

        person = Person(
            last_name=last,
            first_name=first,
            middle_name=middle,
            sex=Sex.FEMALE if female else Sex.MALE,
            birth_date=birth,
            snils=snils_number,
            position=position_obj,
            job_title=title or job_title(needle, position_obj, chosen_subjects, org.unit.kind),
            total_experience_years=total,
            pedagogical_experience_years=experience,
            qualification_category=category or self._category(experience),
            has_pedagogical_education=pedagogical_education,
            email=self._email(last, first, middle, org.mail_domain),
            phone=phone,
            **self._home(org, birth, age, snils_number),
        )
        # The model's own checks (СНИЛС checksum, e-mail, dates, experience), without queries.
        person.clean_fields(exclude=["position", "user"])
        person.clean()
        return Draft(person, org, needle, chosen_subjects, self._hired_on(tenure), account=account)

    def _home(self, org: DemoOrg, birth: dt.date, age: int, seed: str) -> dict:
        """The address and passport for the consent to personal-data processing (152-ФЗ art. 9
        part 4): the town of the organization, a passport issued at 14, 20 or 45 by the regional
        police. A generator of its own, seeded by the СНИЛС, so the rest of the data stays as it was."""
        home = random.Random(seed)
        town = org.unit.address.rsplit(", ", 2)[0] if org.unit.address else data.REGION_FULL_NAME
        issued_age = 45 if age >= 45 else 20 if age >= 20 else 14
        issued_on = birth.replace(year=birth.year + issued_age, day=min(birth.day, 28))
        issued_on += dt.timedelta(days=home.randint(1, 40))
        return {
            "address": f"{town}, {home.choice(data.STREETS)}, д. {home.randint(1, 120)}, кв. {home.randint(1, 200)}",
            "id_document_number": f"67 {issued_on.year % 100:02d} {home.randint(100000, 999999)}",
            "id_document_issued_on": min(issued_on, self.today),
            "id_document_issued_by": "УМВД России по Ханты-Мансийскому автономному округу – Югре",
        }

    # -- the whole staff ------------------------------------------------------------------------

    def staff(self, tree: DemoTree, teachers: int, *, reserved: dict[str, int]) -> list[Draft]:
        """Draft ``teachers`` people over the organizations with a staff profile, in proportion
        to their weights; organizations named in ``reserved`` (key → count) get that many on top
        of their share (so that schools A and B are never empty)."""
        staffed = [o for o in tree.orgs if o.profile]
        extra: dict[int, int] = {}
        for key, n in reserved.items():
            extra[id(tree.org(key))] = min(n, teachers - sum(extra.values()))
        counts = allocate(teachers - sum(extra.values()), [o.weight for o in staffed])
        drafts = []
        for org, count in zip(staffed, counts, strict=True):
            for _ in range(count + extra.get(id(org), 0)):
                drafts.append(self.person(org))
        return drafts

    def second_jobs(self, drafts: list[Draft], tree: DemoTree) -> None:
        """Give about ``SECOND_JOB_SHARE`` of ``drafts`` a second job in another educational
        organization of the same municipality (mostly supplementary education)."""
        rng = self.rng
        kind_weight = {"supplementary": 3, "arts": 3, "school": 2, "college": 2, "kindergarten": 1}
        by_place: dict[str, list[DemoOrg]] = {}
        for org in tree.orgs:
            if org.profile in kind_weight:
                by_place.setdefault(org.place.name, []).append(org)
        for draft in rng.sample(drafts, round(len(drafts) * SECOND_JOB_SHARE)):
            places = [o for o in by_place.get(draft.org.place.name, []) if o is not draft.org]
            if not places:
                continue
            org = rng.choices(places, [kind_weight[o.profile] for o in places])[0]
            needles = STAFF_PROFILES[org.profile].positions[0][0]
            days = self.timeline.randint(30, 30 + 365 * min(5, draft.experience))
            started = self.today - dt.timedelta(days=days)
            draft.second_job = (org, self.catalog.position(*needles), started)

    # -- mentoring pairs --------------------------------------------------------------------------

    def pair_start(self) -> dt.date:
        """A start date in the first weeks of this school year, not after today."""
        room = min(45, (self.today - self.year_start).days)
        return self.year_start + dt.timedelta(days=self.timeline.randint(0, room))

    def pairs(self, drafts: list[Draft], *, exclude: set[int]) -> list[PairDraft]:
        """Pairs in every school: about ``PAIR_SHARE`` of its teachers take part; mentees are
        young (≤ 3 years) or without pedagogical education (≤ 5 years), mentors have five years
        or more and the first/highest category (or «педагог-методист» / «педагог-наставник»);
        a mentor takes one to three mentees, preferably of the same subject (seed 000 §1.3,
        001 §5.2). Drafts whose ``id()`` is in ``exclude`` are left out."""
        rng = self.timeline
        by_school: dict[int, list[Draft]] = {}
        for d in drafts:
            if d.org.profile == "school" and d.position_needle == TEACHER and id(d) not in exclude:
                by_school.setdefault(id(d.org), []).append(d)
        pairs: list[PairDraft] = []
        for teachers in by_school.values():
            # Participants: PAIR_SHARE of the teachers on average, also in small schools
            # (rounded at random; a lone participant becomes a pair half of the time).
            expected = PAIR_SHARE * len(teachers)
            target = int(expected) + (rng.random() < expected - int(expected))
            if target == 1:
                target = 2 if rng.random() < 0.5 else 0
            if target < 2:
                continue
            candidates = [
                d
                for d in teachers
                if d.experience <= 3 or (not d.person.has_pedagogical_education and d.experience <= 5)
            ]
            rng.shuffle(candidates)
            candidates.sort(key=lambda d: d.experience)
            mentees = candidates[: max(1, round(target * 0.6))]
            chosen = {id(d) for d in mentees}
            seniors = [
                d
                for d in teachers
                if id(d) not in chosen
                and d.experience >= 5
                and d.person.qualification_category in MENTOR_CATEGORIES
            ]
            mentors = rng.sample(seniors, min(len(seniors), max(1, target - len(mentees))))
            if not mentees or not mentors:
                continue
            load = dict.fromkeys(map(id, mentors), 0)
            for mentee in mentees:
                subjects = {s.pk for s in mentee.subjects}
                mentor = min(
                    mentors,
                    key=lambda m, subjects=subjects, load=load: (
                        load[id(m)] >= 3,
                        not subjects & {s.pk for s in m.subjects},
                        load[id(m)],
                    ),
                )
                load[id(mentor)] += 1
                pairs.append(PairDraft(mentor, mentee, self.pair_start()))
        return pairs


def staff_write(drafts: list[Draft], pairs: list[PairDraft]) -> None:
    """Write people, their jobs (primary and second), subjects and pairs with ``bulk_create``.

    Queries: one INSERT per ``BATCH_SIZE`` rows of each table (more on SQLite, where Django
    splits INSERTs to stay under the bound-parameter limit).
    """
    Person.objects.bulk_create([d.person for d in drafts], batch_size=BATCH_SIZE)
    jobs = []
    for d in drafts:
        jobs.append(
            Employment(
                person=d.person,
                organization=d.org.unit,
                position=d.person.position,
                job_title=d.person.job_title,
                is_primary=True,
                started_on=d.hired_on,
            )
        )
        if d.second_job:
            org, position, started = d.second_job
            jobs.append(
                Employment(
                    person=d.person,
                    organization=org.unit,
                    position=position,
                    job_title=job_title("", position, [], org.unit.kind),
                    is_primary=False,
                    started_on=started,
                )
            )
    Employment.objects.bulk_create(jobs, batch_size=BATCH_SIZE)
    through = Person.subjects.through
    links = [through(person_id=d.person.pk, subject_id=s.pk) for d in drafts for s in d.subjects]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)
    Pair.objects.bulk_create(
        [
            Pair(
                mentor=p.mentor.person,
                mentee=p.mentee.person,
                organization=p.mentor.org.unit,
                started_on=p.started_on,
            )
            for p in pairs
        ],
        batch_size=BATCH_SIZE,
    )


def consents_write(drafts: list[Draft], *, always: list[Draft], skip_every: int = 40) -> int:
    """Record consents to personal-data processing (152-ФЗ art. 9) for the demo people.

    Every ``skip_every``-th person of ``drafts`` has none (so the demo shows people the
    region cannot see); everyone in ``always`` (the people behind demo accounts) has one.
    Returns the number written.
    """
    from nastavnik.bank.choices import ConsentPurpose
    from nastavnik.bank.models import PersonalDataConsent

    purposes = [ConsentPurpose.MENTORING_RECORD.value, ConsentPurpose.MONITORING.value]
    consenting = [d for i, d in enumerate(drafts) if (i + 1) % skip_every] + list(always)
    rows = [
        PersonalDataConsent(person=d.person, purposes=purposes, given_on=d.hired_on or dt.date(2024, 9, 1))
        for d in consenting
    ]
    PersonalDataConsent.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)
