"""The score of a mentor for a mentee, with its explanation in Russian, and the hard rules.

Pure functions over plain data (no database): the selectors load ``MentorFacts`` and
``MenteeFacts``, the solver and the pages call :func:`score` and :func:`hard_rule_violations`.

A score is a whole number of points, the sum of the criteria of ``WEIGHTS`` (each with the clause
it comes from). Whole numbers, because the solver of the whole-pool assignment works in integers.
``matrix.py`` computes the same points for many pairs at once (for the solver); its tests hold
it equal to :func:`score`, which is the definition.

Hard rules (:func:`hard_rule_violations`) say when a pair is impossible at all; a score never
makes an impossible pair possible. The written consents to take part (mentor's and mentee's,
seed 001 §4.4.2–4.4.3, 004 §1.6.6) are required when the curator confirms a pair, not for a
suggestion: their absence is shown in the explanation (:func:`written_consent_problems`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from nastavnik.bank.choices import MentorStatus
from nastavnik.development.choices import DeficitLevel
from nastavnik.matching.choices import Compatibility


@dataclass(frozen=True)
class Weight:
    """One row of the scoring table: ``points`` (meaning given in ``rule``) and its source."""

    points: int | Mapping[int, int]
    rule: str
    source: str


#: The scoring table. Every criterion of :func:`score` takes its points from here.
WEIGHTS: dict[str, Weight] = {
    "difficulty": Weight(
        3,
        "за каждый уровень (1–5) компетенции наставника в области выявленного затруднения наставляемого "
        "(незначительного или выраженного)",
        "seed 000 §4.3.3, шаги 2–3 (восемь областей затруднений); 000 §1.3 (программа направлена на "
        "выявленные затруднения)",
    ),
    "critical_deficit": Weight(
        4,
        "за каждый уровень (1–5) компетенции наставника в области критического затруднения наставляемого "
        "(вместо 3 баллов за уровень)",
        "seed 000 §4.3.3, шаг 3 (диагностика затруднений и дефицитов); 000 §1.3 (программа направлена на "
        "выявленные затруднения: сначала на самые острые)",
    ),
    "request": Weight(
        2,
        "за каждый уровень компетенции наставника в области запроса наставляемого, "
        "не выявленной как затруднение",
        "seed 003 §4.4 (база наставляемых с картой запросов); 000 §2.3 («запрос наставляемого»)",
    ),
    "subject": Weight(
        10,
        "общий предмет (направление) наставника и наставляемого",
        "seed 004 §3.1.1, п. 1 (профессиональные навыки молодого педагога, в том числе предметные)",
    ),
    "same_organization": Weight(
        10,
        "наставник из той же организации",
        "seed 000 §4.1 (наставничество организуется в образовательной организации); 004 §6.2.3",
    ),
    "same_municipality": Weight(
        5,
        "наставник из другой организации того же муниципального образования",
        "seed 000 §4.2, 002 §6 (муниципальный уровень: кадровый потенциал муниципальных организаций)",
    ),
    "virtual": Weight(
        0,
        "наставник из другого муниципального образования региона, работающий в виртуальном виде",
        "seed 000 §2.3, 001 §3.1 (виртуальное наставничество «позволяет дистанционно сформировать пары»)",
    ),
    "experience": Weight(
        1,
        "за каждые полные 2 года, на которые педагогический стаж наставника больше стажа "
        "наставляемого, не более 10",
        "seed 004 §3.1.1, п. 1 (модель «опытный педагог – молодой специалист»)",
    ),
    "experience_not_greater": Weight(
        -5,
        "стаж наставника не больше стажа наставляемого (0, если наставник работает в реверсивном виде)",
        "seed 004 §3.1.1, п. 1; реверсивное наставничество — 000 §2.3",
    ),
    "load": Weight(
        -10,
        "за полную загрузку; при неполной — пропорционально: −⌊10 × занято / мест⌋",
        "seed 000 §VI, риск 2 «Высокая нагрузка на наставников и наставляемых»",
    ),
    "earlier_pair": Weight(
        -15,
        "уже были в паре (пара окончена): новая программа — новый опыт; наставляемый вправе "
        "просить о замене наставника",
        "seed 000 §5.2.1 (ходатайство о замене наставника)",
    ),
    "psychologist": Weight(
        {
            Compatibility.COMPATIBLE: 10,
            Compatibility.RATHER_COMPATIBLE: 5,
            Compatibility.RATHER_INCOMPATIBLE: -10,
            Compatibility.INCOMPATIBLE: -30,
        },
        "оценка совместимости психологом",
        "seed 000 §3.5 («психолог также участвует в определении совместимости наставнических пар»)",
    ),
}

#: Experience points stop growing at this many points (20 years of difference).
EXPERIENCE_CAP = 10


@dataclass(frozen=True)
class MentorFacts:
    """What scoring needs to know about one mentor (a ``bank.MentorProfile`` and its person).

    ``competences``: area name → level 1–5 (seed 000 §4.3.3). ``subjects``: names of the
    subjects of the profile and of the person. ``virtual`` / ``reverse``: the profile lists the
    kinds «виртуальное» / «реверсивное» (codes ``virtual``, ``reverse``). ``load``: mentees in
    active pairs now; ``capacity``: the capacity in force (the card's or the organization's
    default). ``municipality_id`` / ``region_id``: of the profile's organization (``None`` when
    it has none). ``consent_given_on``: the written consent to be a mentor; ``has_pd_consent``:
    a valid consent to personal-data processing (152-ФЗ art. 9). ``kind``: who the mentor is
    (``reference.ParticipantKind`` value: worker, pupil, student, non_staff; issue 20);
    ``guides``: whom the forms of mentoring open to the mentor let them guide, as
    ``(mentee kind, organization kind)`` with ``"*"`` for any (:func:`form_guides`); ``None``
    sets no limit (facts built by hand).
    """

    person_id: int
    name: str
    organization_id: int
    municipality_id: int | None = None
    region_id: int | None = None
    status: str = MentorStatus.ACTIVE
    competences: Mapping[str, int] = field(default_factory=dict)
    subjects: frozenset[str] = frozenset()
    virtual: bool = False
    reverse: bool = False
    pedagogical_experience_years: int | None = None
    load: int = 0
    capacity: int = 2
    has_pd_consent: bool = True
    consent_given_on: dt.date | None = None
    profile_id: int | None = None
    organization_name: str = ""
    kind: str = "worker"
    guides: frozenset[tuple[str, str]] | None = None

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.load, 0)


@dataclass(frozen=True)
class MenteeFacts:
    """What scoring needs to know about one mentee (a ``bank.MenteeProfile`` and its person).

    ``deficits``: the diagnosed deficits (professional difficulties, seed 000 §4.3.3 step 3),
    area name → level 1–3 (``development.choices.DeficitLevel``: 1 minor, 2 marked, 3 critical),
    the latest recorded in each area (``selectors.mentee_facts``); ``request_areas``: names of the
    areas of the request (seed 003 §4.4). Other fields as in :class:`MentorFacts`;
    ``consent_given_on`` is the mentee's written consent; ``kind`` — who the mentee is,
    ``organization_kind`` — the kind of the mentee's organization (``OrganizationKind`` value),
    for the forms of mentoring (issue 20).
    """

    person_id: int
    name: str
    organization_id: int
    municipality_id: int | None = None
    region_id: int | None = None
    deficits: Mapping[str, int] = field(default_factory=dict)
    request_areas: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    pedagogical_experience_years: int | None = None
    has_pd_consent: bool = True
    consent_given_on: dt.date | None = None
    profile_id: int | None = None
    organization_name: str = ""
    kind: str = "worker"
    organization_kind: str = ""


@dataclass(frozen=True)
class Relations:
    """What is known about mentor–mentee couples, keyed by ``(mentor person id, mentee person id)``.

    ``active``: couples in a working pair now; ``ended``: couples whose pair is over, with the
    last end date; ``marks``: the psychologist's compatibility mark (``Compatibility`` value).
    """

    active: frozenset[tuple[int, int]] = frozenset()
    ended: Mapping[tuple[int, int], dt.date] = field(default_factory=dict)
    marks: Mapping[tuple[int, int], int] = field(default_factory=dict)


NO_RELATIONS = Relations()


class Reason(NamedTuple):
    """One line of an explanation: the criterion (a ``WEIGHTS`` key, or ``"areas"``,
    ``"place"``, ``"consents"`` for lines without points), its points, and the Russian text."""

    criterion: str
    points: int
    text: str


@dataclass(frozen=True)
class Score:
    """A pair's score: ``total`` points and the ``reasons`` that add up to it."""

    total: int
    reasons: tuple[Reason, ...]

    def lines(self) -> list[str]:
        """The explanation, one Russian line per criterion."""
        return [reason.text for reason in self.reasons]


@dataclass(frozen=True)
class PairSuggestion:
    """A suggested pair: the mentor, the mentee and the explained score. What the ranking of
    candidates and the pool assignment return and what the curator confirms."""

    mentor: MentorFacts
    mentee: MenteeFacts
    score: Score

    def __str__(self) -> str:
        return f"{self.mentor.name} → {self.mentee.name}"


def signed(points: int) -> str:
    """«+10», «−5» (with the minus sign, not a hyphen), «0»."""
    if points > 0:
        return f"+{points}"
    if points < 0:
        return f"−{-points}"
    return "0"


def plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian plural form for ``n``: ``plural(2, "год", "года", "лет")`` → «года»."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def years(n: int) -> str:
    """«1 год», «3 года», «14 лет»."""
    return f"{n} {plural(n, 'год', 'года', 'лет')}"


def lower_first(name: str) -> str:
    """A reference name inside a sentence: «Методические» → «методические», «ИКТ-…» stays."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _line(criterion: str, points: int, text: str) -> Reason:
    return Reason(criterion, points, f"{text} — {signed(points)}")


def deficit_weight(level: int) -> int:
    """Points per level of the mentor's competence in the area of a deficit of ``level`` (1–3):
    ``WEIGHTS["critical_deficit"]`` for a critical one, ``WEIGHTS["difficulty"]`` otherwise."""
    return WEIGHTS["critical_deficit" if level >= DeficitLevel.CRITICAL else "difficulty"].points


def _deficit_label(level: int) -> str:
    """«критический дефицит» for the level 3 (``DeficitLevel``)."""
    label = DeficitLevel(level).label if level in DeficitLevel.values else DeficitLevel.MARKED.label
    return f"{label} дефицит"


def _area_reasons(mentor: MentorFacts, mentee: MenteeFacts) -> list[Reason]:
    reasons = []
    deficits = mentee.deficits
    covered = sorted(
        (
            (area, level, mentor.competences[area])
            for area, level in deficits.items()
            if mentor.competences.get(area)
        ),
        key=lambda item: (-item[1], -item[2], item[0]),
    )
    if covered:
        points = sum(deficit_weight(level) * competence for _, level, competence in covered)
        listed = "; ".join(
            f"{lower_first(area)} ({_deficit_label(level)}, уровень наставника {competence})"
            for area, level, competence in covered
        )
        reasons.append(_line("difficulty", points, f"Закрывает затруднения: {listed}"))
    uncovered = sorted(
        ((area, level) for area, level in deficits.items() if not mentor.competences.get(area)),
        key=lambda item: (-item[1], item[0]),
    )
    if uncovered:
        listed = "; ".join(f"{lower_first(area)} ({_deficit_label(level)})" for area, level in uncovered)
        reasons.append(_line("difficulty", 0, f"Не закрывает затруднения: {listed}"))
    requested = sorted(
        (
            (area, mentor.competences[area])
            for area in mentee.request_areas - frozenset(deficits)
            if mentor.competences.get(area)
        ),
        key=lambda item: (-item[1], item[0]),
    )
    if requested:
        points = WEIGHTS["request"].points * sum(level for _, level in requested)
        listed = "; ".join(f"{lower_first(area)} (уровень {level})" for area, level in requested)
        reasons.append(_line("request", points, f"Отвечает на запрос: {listed}"))
    if not deficits and not mentee.request_areas:
        reasons.append(_line("difficulty", 0, "Затруднения и запрос наставляемого не указаны"))
    return reasons


def _subject_reason(mentor: MentorFacts, mentee: MenteeFacts) -> Reason:
    common = sorted(mentor.subjects & mentee.subjects)
    if common:
        label = "Тот же предмет" if len(common) == 1 else "Те же предметы"
        listed = ", ".join(lower_first(s) for s in common)
        return _line("subject", WEIGHTS["subject"].points, f"{label}: {listed}")
    if not mentee.subjects or not mentor.subjects:
        return _line("subject", 0, "Предмет наставника или наставляемого не указан")
    return _line("subject", 0, "Предметы не совпадают")


def _place_reason(mentor: MentorFacts, mentee: MenteeFacts) -> Reason:
    if mentor.organization_id == mentee.organization_id:
        return _line("same_organization", WEIGHTS["same_organization"].points, "Та же организация")
    if mentor.municipality_id is not None and mentor.municipality_id == mentee.municipality_id:
        return _line(
            "same_municipality",
            WEIGHTS["same_municipality"].points,
            "Другая организация того же муниципального образования",
        )
    if mentor.virtual and mentor.region_id is not None and mentor.region_id == mentee.region_id:
        return _line(
            "virtual",
            WEIGHTS["virtual"].points,
            "Другое муниципальное образование, но наставник работает в виртуальном виде",
        )
    return _line("place", 0, "Другое муниципальное образование, виртуальный вид наставник не указал")


def experience_points(mentor: MentorFacts, mentee: MenteeFacts) -> int:
    """Points of the experience gap (seed 004 §3.1.1): see ``WEIGHTS["experience"]``."""
    ours, theirs = mentor.pedagogical_experience_years, mentee.pedagogical_experience_years
    if ours is None or theirs is None:
        return 0
    gap = ours - theirs
    if gap > 0:
        return min(WEIGHTS["experience"].points * (gap // 2), EXPERIENCE_CAP)
    return 0 if mentor.reverse else WEIGHTS["experience_not_greater"].points


def _experience_reason(mentor: MentorFacts, mentee: MenteeFacts) -> Reason:
    ours, theirs = mentor.pedagogical_experience_years, mentee.pedagogical_experience_years
    points = experience_points(mentor, mentee)
    if ours is None or theirs is None:
        return _line("experience", 0, "Педагогический стаж наставника или наставляемого не указан")
    gap = ours - theirs
    if gap > 0:
        return _line("experience", points, f"Разница в педагогическом стаже {years(gap)}")
    text = f"Стаж наставника ({years(ours)}) не больше стажа наставляемого ({years(theirs)})"
    if mentor.reverse:
        text += ", но наставник работает в реверсивном виде"
    return _line("experience_not_greater", points, text)


def load_points(mentor: MentorFacts) -> int:
    """Points of the current load: −⌊10 × load / capacity⌋, at most −10 (seed 000 §VI, risk 2)."""
    full = -WEIGHTS["load"].points
    if mentor.capacity <= 0 or mentor.load >= mentor.capacity:
        return -full
    return -((full * mentor.load) // mentor.capacity)


def _load_reason(mentor: MentorFacts) -> Reason:
    points = load_points(mentor)
    if mentor.load == 0:
        return _line("load", points, f"Свободен: занято 0 из {mentor.capacity}")
    return _line("load", points, f"Загрузка {mentor.load} из {mentor.capacity}")


def _relation_reasons(mentor: MentorFacts, mentee: MenteeFacts, relations: Relations) -> list[Reason]:
    key = (mentor.person_id, mentee.person_id)
    reasons = []
    ended = relations.ended.get(key)
    if ended is not None:
        reasons.append(
            _line("earlier_pair", WEIGHTS["earlier_pair"].points, f"Уже были в паре (до {ended:%d.%m.%Y})")
        )
    mark = relations.marks.get(key)
    if mark is None:
        reasons.append(_line("psychologist", 0, "Совместимость психологом не оценивалась"))
    else:
        points = WEIGHTS["psychologist"].points[mark]
        reasons.append(_line("psychologist", points, f"Психолог: {Compatibility(mark).label}"))
    return reasons


def written_consent_problems(mentor: MentorFacts, mentee: MenteeFacts) -> list[str]:
    """Russian messages for each missing written consent to take part in mentoring: the mentor's
    (seed 000 §4.1, 001 §4.4.2) and the mentee's (001 §4.4.3, 004 §1.6.6). Empty when both are
    on file. Not a hard rule: required to confirm a pair, not to suggest one."""
    problems = []
    if mentor.consent_given_on is None:
        problems.append(f"Нет письменного согласия наставника {mentor.name}")
    if mentee.consent_given_on is None:
        problems.append(f"Нет письменного согласия наставляемого {mentee.name}")
    return problems


def score(mentor: MentorFacts, mentee: MenteeFacts, relations: Relations = NO_RELATIONS) -> Score:
    """Score ``mentor`` for ``mentee``: total points and one Russian line per criterion.

    The criteria, in the order shown: areas of the diagnosed deficits (a critical one weighs
    more, :func:`deficit_weight`) and of the request against the mentor's competences; a common
    subject; the place (same organization, same municipality,
    or the virtual kind); the gap in pedagogical experience; the mentor's load against
    capacity; an earlier pair of the two; the psychologist's mark; and, with 0 points, each
    missing written consent (needed to confirm the pair). Points come from ``WEIGHTS``.

    Does not check the hard rules: call :func:`hard_rule_violations` for that. Pure: no
    database access, no errors raised for any facts.
    """
    reasons: list[Reason] = [
        *_area_reasons(mentor, mentee),
        _subject_reason(mentor, mentee),
        _place_reason(mentor, mentee),
        _experience_reason(mentor, mentee),
        _load_reason(mentor),
        *_relation_reasons(mentor, mentee, relations),
    ]
    for problem in written_consent_problems(mentor, mentee):
        reasons.append(_line("consents", 0, f"{problem} (понадобится для утверждения пары)"))
    return Score(total=sum(reason.points for reason in reasons), reasons=tuple(reasons))


def place_allowed(mentor: MentorFacts, mentee: MenteeFacts) -> bool:
    """Whether the mentor's place admits the pair: the same organization, the same municipality,
    or the same region when the mentor lists the virtual kind (seed 000 §2.3, 001 §3.1)."""
    if mentor.organization_id == mentee.organization_id:
        return True
    if mentor.municipality_id is not None and mentor.municipality_id == mentee.municipality_id:
        return True
    return mentor.virtual and mentor.region_id is not None and mentor.region_id == mentee.region_id


def mentor_violations(mentor: MentorFacts) -> list[str]:
    """The hard rules that concern the mentor alone: the status «действующий наставник», a
    valid consent to personal-data processing (152-ФЗ art. 9), a free place (capacity)."""
    problems = []
    if mentor.status != MentorStatus.ACTIVE:
        label = MentorStatus(mentor.status).label if mentor.status in MentorStatus.values else mentor.status
        problems.append(f"{mentor.name} — не действующий наставник (статус: {label})")
    if not mentor.has_pd_consent:
        problems.append(
            f"У наставника {mentor.name} нет действующего согласия на обработку персональных данных"
        )
    if mentor.load >= mentor.capacity:
        problems.append(
            f"У наставника {mentor.name} нет свободных мест: занято {mentor.load} из {mentor.capacity}"
        )
    return problems


def mentee_violations(mentee: MenteeFacts) -> list[str]:
    """The hard rules that concern the mentee alone: a valid consent to personal-data processing."""
    if not mentee.has_pd_consent:
        return [f"У наставляемого {mentee.name} нет действующего согласия на обработку персональных данных"]
    return []


def pair_violations(
    mentor: MentorFacts, mentee: MenteeFacts, relations: Relations = NO_RELATIONS
) -> list[str]:
    """The hard rules of the couple: not the same person, the place rule (:func:`place_allowed`),
    no working pair of the two already (``mentoring.Pair`` «pair_one_open»)."""
    if mentor.person_id == mentee.person_id:
        return [f"{mentor.name}: нельзя быть наставником самому себе"]
    problems = []
    if not place_allowed(mentor, mentee):
        problems.append(
            f"Наставник {mentor.name} — из другого муниципального образования и не работает "
            "в виртуальном виде"
        )
    if (mentor.person_id, mentee.person_id) in relations.active:
        problems.append(f"{mentor.name} и {mentee.name} уже работают в паре")
    return problems


#: Any kind, in :attr:`MentorFacts.guides`.
ANY = "*"
#: A pedagogical worker (``reference.ParticipantKind.WORKER``).
WORKER = "worker"


def form_guides(
    mentor_kind: str, forms: Iterable[tuple[list[str], list[str], list[str]]], *, chosen: bool
) -> frozenset[tuple[str, str]]:
    """Whom a mentor of ``mentor_kind`` may guide in ``forms`` — each ``(mentor kinds, mentee
    kinds, organization kinds)`` of a ``reference.MentoringForm``, an empty list admitting every
    value: ``{(mentee kind, organization kind)}`` with :data:`ANY` for every kind (issue 20;
    seed 003 §4.2). ``chosen``: the forms are those the mentor's card lists, which hold in any
    organization; otherwise the active forms, each where it applies by default."""
    guides = set()
    for mentor_kinds, mentee_kinds, organization_kinds in forms:
        if mentor_kinds and mentor_kind not in mentor_kinds:
            continue
        places = [ANY] if chosen or not organization_kinds else list(organization_kinds)
        guides.update((kind, place) for kind in (mentee_kinds or [ANY]) for place in places)
    return frozenset(guides)


def kinds_allowed(mentor: MentorFacts, mentee: MenteeFacts) -> bool:
    """Whether some form of mentoring lets ``mentor`` guide ``mentee`` (issue 20; seed 003 §4.2:
    the form decides which participants may be paired). Two pedagogical workers always may (the
    teachers' matching as before); otherwise the mentee's kind must be among the mentor's
    ``guides`` in any organization or in one of the mentee's organization's kind. Pure."""
    if mentor.guides is None or (mentor.kind == WORKER and mentee.kind == WORKER):
        return True
    guides = mentor.guides
    return any(
        (kind, place) in guides
        for kind in (mentee.kind, ANY)
        for place in (ANY, mentee.organization_kind or ANY)
    )


def kind_violations(mentor: MentorFacts, mentee: MenteeFacts) -> list[str]:
    """The rule of the forms of mentoring (:func:`kinds_allowed`) as a Russian reason."""
    if kinds_allowed(mentor, mentee):
        return []
    labels = {"worker": "педагогический работник", "pupil": "ученик", "student": "студент"}
    return [
        f"Ни одна форма наставничества не допускает пару: наставник {mentor.name} — "
        f"{labels.get(mentor.kind, 'участник вне штата организации')}, наставляемый {mentee.name} — "
        f"{labels.get(mentee.kind, 'участник вне штата организации')}"
    ]


def hard_rule_violations(
    mentor: MentorFacts, mentee: MenteeFacts, relations: Relations = NO_RELATIONS
) -> list[str]:
    """Russian reasons why ``mentor`` cannot be given to ``mentee`` at all; empty when the pair is
    possible. The rules: not the same person; the mentor is active (``MentorStatus.ACTIVE``);
    both have a valid consent to personal-data processing (152-ФЗ art. 9); the mentor has a free
    place; the place rule (same organization, same municipality, or the virtual kind within the
    region — seed 000 §2.3, 001 §3.1); no working pair of the two already; some form of
    mentoring admits the two (:func:`kind_violations`, issue 20).

    The written consents to take part are not among them (see :func:`written_consent_problems`).
    """
    if mentor.person_id == mentee.person_id:
        return pair_violations(mentor, mentee, relations)
    return [
        *mentor_violations(mentor),
        *mentee_violations(mentee),
        *pair_violations(mentor, mentee, relations),
        *kind_violations(mentor, mentee),
    ]
