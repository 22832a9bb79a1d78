"""Reads of the regional contest of municipal models of mentoring (issue 19, item 5; seed 000
§4.3.1, App. 2 §2.5): the ranking of the applications, the scores still missing, and what the
public pages show (they take no user: only contests that are not drafts, and the ranking only
once the results are published; no expert is named there).

The ranking's formula (stated on the pages too): for each submitted application

    итоговая оценка = Σ по критериям (вес критерия × среднее по экспертам (балл ÷ максимальный балл))

— the mean is over the experts who scored that criterion for that application (an expert never
scores their own municipality); a criterion nobody scored counts as 0. The maximum possible total is
the sum of the weights. Places: the totals from the highest; equal totals (compared exactly, as
fractions) share a place and the next place is skipped («1, 2, 2, 4»), the page says «Место
разделено: равная итоговая оценка».
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from nastavnik.contests.choices import ApplicationStatus, ContestStatus
from nastavnik.contests.models import (
    Contest,
    ContestApplication,
    ContestCriterion,
    ContestExpert,
    ContestScore,
)

#: What the pages say of a shared place.
TIE_EXPLANATION = "Место разделено: равная итоговая оценка"
#: The formula as the pages state it.
FORMULA = (
    "Итоговая оценка заявки = сумма по критериям произведений веса критерия на среднее по экспертам "
    "отношение выставленного балла к максимальному баллу критерия. Эксперт не оценивает заявку своего "
    "муниципального образования; среднее берётся по выставленным оценкам. Максимально возможная "
    "итоговая оценка равна сумме весов критериев."
)


def _decimal(value: Fraction, places: str = "0.001") -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(places), ROUND_HALF_UP)


@dataclass
class CriterionResult:
    """The mean share of the maximum on one criterion (``None``: not scored) and the number of
    experts who scored it."""

    criterion: ContestCriterion
    mean_share: Fraction | None
    mean_score: Decimal | None
    experts: int

    @property
    def percent(self) -> Decimal | None:
        return None if self.mean_share is None else _decimal(self.mean_share * 100, "0.1")


@dataclass
class RankRow:
    """One application in the ranking: its weighted ``total`` (exact) and ``total_display``
    (three decimals), ``percent`` of the maximum, ``place`` (shared when ``tied``), the results by
    criterion and the number of scores still missing."""

    application: ContestApplication
    total: Fraction
    place: int = 0
    tied: bool = False
    criteria: list[CriterionResult] = field(default_factory=list)
    missing: int = 0
    maximum: Fraction = Fraction(0)

    @property
    def total_display(self) -> Decimal:
        return _decimal(self.total)

    @property
    def percent(self) -> Decimal:
        if not self.maximum:
            return Decimal("0.0")
        return _decimal(self.total / self.maximum * 100, "0.1")

    @property
    def municipality(self):
        return self.application.municipality


@dataclass(frozen=True)
class MissingScore:
    """A score expected and not given: ``expert`` on ``criterion`` of ``application``."""

    application: ContestApplication
    expert: ContestExpert
    criterion: ContestCriterion

    @property
    def label(self) -> str:
        return f"{self.expert.name} — {self.application.municipality}, «{self.criterion.title}»"


def _eligible(expert: ContestExpert, application: ContestApplication) -> bool:
    return not (expert.municipality_id and expert.municipality_id == application.municipality_id)


def _parts(contest: Contest):
    applications = list(
        ContestApplication.objects.filter(contest=contest, status=ApplicationStatus.SUBMITTED)
        .select_related("municipality")
        .order_by("municipality__full_name", "pk")
    )
    criteria = list(contest.criteria.all())
    experts = list(contest.experts.select_related("municipality"))
    scores = list(
        ContestScore.objects.filter(application__in=applications).values_list(
            "application_id", "criterion_id", "expert_id", "score"
        )
    )
    return applications, criteria, experts, scores


def missing_scores(contest: Contest) -> list[MissingScore]:
    """Every score the panel still owes: each expert × each criterion × each submitted
    application but those of the expert's own municipality. Four queries."""
    applications, criteria, experts, scores = _parts(contest)
    given = {(a, c, e) for a, c, e, _ in scores}
    return [
        MissingScore(application, expert, criterion)
        for application in applications
        for expert in experts
        if _eligible(expert, application)
        for criterion in criteria
        if (application.pk, criterion.pk, expert.pk) not in given
    ]


def ranking(contest: Contest) -> list[RankRow]:
    """The submitted applications of ``contest`` ranked by the weighted total (see the module's
    docstring for the formula and the shared places), highest first; equal totals in the order of
    the municipalities' names. Four queries whatever the number of applications."""
    applications, criteria, experts, scores = _parts(contest)
    by_cell: dict[tuple[int, int], list[int]] = defaultdict(list)
    for application_id, criterion_id, _expert_id, score in scores:
        by_cell[(application_id, criterion_id)].append(score)
    maximum = sum((Fraction(c.weight) for c in criteria), Fraction(0))
    given = {(a, c, e) for a, c, e, _ in scores}
    rows = []
    for application in applications:
        total = Fraction(0)
        results = []
        for criterion in criteria:
            values = by_cell.get((application.pk, criterion.pk), [])
            if values:
                share = Fraction(sum(values), len(values) * criterion.max_score)
                total += Fraction(criterion.weight) * share
                mean_score = _decimal(Fraction(sum(values), len(values)), "0.01")
            else:
                share, mean_score = None, None
            results.append(CriterionResult(criterion, share, mean_score, len(values)))
        missing = sum(
            1
            for expert in experts
            if _eligible(expert, application)
            for criterion in criteria
            if (application.pk, criterion.pk, expert.pk) not in given
        )
        rows.append(RankRow(application, total, criteria=results, missing=missing, maximum=maximum))
    rows.sort(key=lambda r: -r.total)  # stable: the names' order kept among equals
    for index, row in enumerate(rows):
        if index and row.total == rows[index - 1].total:
            row.place = rows[index - 1].place
            row.tied = rows[index - 1].tied = True
        else:
            row.place = index + 1
    return rows


# --- the public pages (no user) ------------------------------------------------------------------


def public_contests():
    """The contests an anonymous visitor reads: announced, being scored, with results published
    (never a draft), the newest first."""
    return Contest.objects.public().select_related("owner").order_by("-year", "-applications_open_on", "-pk")


def public_contest(pk) -> Contest | None:
    """The public contest ``pk`` (``None``: missing, a draft, or not a number)."""
    try:
        return public_contests().prefetch_related("criteria").get(pk=int(pk))
    except (Contest.DoesNotExist, TypeError, ValueError, OverflowError):
        return None


def public_ranking(contest: Contest) -> list[RankRow]:
    """The ranking of a contest whose results are published; empty otherwise (the scores of a
    contest still being scored are not public)."""
    if contest.status != ContestStatus.PUBLISHED:
        return []
    return ranking(contest)


def latest_published(region) -> Contest | None:
    """The latest contest of ``region`` with published results (``None``: none yet)."""
    return public_contests().filter(owner=region, status=ContestStatus.PUBLISHED).first()
