"""Results of a questionnaire within a user's scope (issue 14; seed 004 §9.4–9.5, 003 §4.7).

:func:`results_answers` gives the answers a user may read (those of the organizations in the
subtrees where they hold the ``answer`` ``view`` right — never the user's own answers counted
by another rule); :func:`parse_filters` reads the page's filters (organization, municipality,
period, phase, campaign) and ignores garbage with a Russian note; :func:`questionnaire_results`
aggregates: per question the count, the mean and the distribution of a scale, the counts and
shares of the options, the free texts.

Anonymity (issue 14): the answers of an anonymous questionnaire are shown only when the group
has at least ``ANONYMITY_THRESHOLD`` answers, per question as well as in all; a smaller group
is replaced by ``HIDDEN_MESSAGE``. Free texts of an anonymous questionnaire are shown in
alphabetical order (not the order they came in), never with a person or a date. Named answers
are listed by person only to the curator and the head of the organization
(:func:`respondent_paths`).

:func:`results_xlsx` writes the same aggregates to a workbook, under the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from nastavnik.access.choices import CONSENT_EXEMPT_ROLES
from nastavnik.access.querysets import paths_q
from nastavnik.access.scope import get_scope
from nastavnik.core.export import xlsx_bytes
from nastavnik.core.views import id_param
from nastavnik.monitoring.choices import SCALE_MAX, SCALE_MIN, Phase, QuestionKind
from nastavnik.monitoring.models import (
    ANONYMITY_THRESHOLD,
    Answer,
    AnswerItem,
    MonitoringCampaign,
    Questionnaire,
)
from nastavnik.monitoring.periods import Period, parse_period
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

#: What replaces the results of a group of anonymous answers smaller than the threshold.
HIDDEN_MESSAGE = f"меньше {ANONYMITY_THRESHOLD} ответов — результаты скрыты для сохранения анонимности"


# --------------------------------------------------------------------------------------------
# Scope and filters
# --------------------------------------------------------------------------------------------


def _paths(user, *, roles=None) -> list[str] | None:
    """The unit paths whose answers ``user`` reads (``None``: everything, for a superuser)."""
    if user.is_superuser:
        return None
    return get_scope(user).paths("answer", "view", roles=roles)


def results_answers(user, questionnaire: Questionnaire) -> QuerySet[Answer]:
    """The answers to ``questionnaire`` of the organizations in the subtrees where ``user``
    holds the ``answer`` ``view`` right (all for a superuser; none for a user without it)."""
    answers = Answer.objects.filter(questionnaire=questionnaire)
    if not user.is_authenticated or not user.is_active:
        return answers.none()
    paths = _paths(user)
    return answers if paths is None else answers.filter(paths_q("organization__path", paths))


def respondent_paths(user) -> list[str] | None:
    """The unit paths whose NAMED answers ``user`` may list by person: those where they are the
    curator or the head (``CONSENT_EXEMPT_ROLES``: they keep the organization's data and
    collect the consents, seed 000 §4.1.2); ``None`` for a superuser (everything)."""
    if not user.is_authenticated or not user.is_active:
        return []
    return _paths(user, roles=CONSENT_EXEMPT_ROLES)


def respondent_answers(user, questionnaire: Questionnaire) -> QuerySet[Answer]:
    """The named answers to ``questionnaire`` that ``user`` may list by person (none for an
    anonymous questionnaire, whose answers are tied to nobody)."""
    answers = Answer.objects.filter(questionnaire=questionnaire, person__isnull=False)
    if questionnaire.anonymous:
        return answers.none()
    paths = respondent_paths(user)
    return answers if paths is None else answers.filter(paths_q("organization__path", paths))


@dataclass
class Filters:
    """The filters of a results page: each ``None``/``""`` when not chosen. ``notes`` are Russian
    sentences about what could not be read and was ignored."""

    period: Period
    organization: OrgUnit | None = None
    municipality: OrgUnit | None = None
    phase: str = ""
    campaign: MonitoringCampaign | None = None
    notes: list[str] = field(default_factory=list)

    def apply(self, answers: QuerySet[Answer]) -> QuerySet[Answer]:
        """``answers`` narrowed by the filters (the months overlapping the period)."""
        answers = answers.filter(month__gte=self.period.start.replace(day=1), month__lte=self.period.end)
        if self.organization is not None:
            answers = answers.filter(organization=self.organization)
        if self.municipality is not None:
            answers = answers.filter(organization__path__startswith=self.municipality.path)
        if self.phase:
            answers = answers.filter(phase=self.phase)
        if self.campaign is not None:
            answers = answers.filter(campaign=self.campaign)
        return answers

    def query(self) -> str:
        """The filters as a query string (for the export link)."""
        from urllib.parse import urlencode

        params = {"period": self.period.key}
        if self.organization is not None:
            params["organization"] = self.organization.pk
        if self.municipality is not None:
            params["municipality"] = self.municipality.pk
        if self.phase:
            params["phase"] = self.phase
        if self.campaign is not None:
            params["campaign"] = self.campaign.pk
        return urlencode(params)

    def summary(self) -> dict[str, str]:
        """Russian label → value of the chosen filters (the audit trail of an export)."""
        found = {"Период": self.period.label}
        if self.organization is not None:
            found["Организация"] = str(self.organization)
        if self.municipality is not None:
            found["Муниципалитет"] = str(self.municipality)
        if self.phase:
            found["Этап"] = Phase(self.phase).label
        if self.campaign is not None:
            found["Мониторинг"] = str(self.campaign)
        return found


def unit_choices(user, level: str) -> QuerySet[OrgUnit]:
    """The units of ``level`` whose answers ``user`` reads (in the subtrees of their right)."""
    units = OrgUnit.objects.filter(level=level).order_by("path")
    if not user.is_authenticated or not user.is_active:
        return units.none()
    paths = _paths(user)
    return units if paths is None else units.filter(paths_q("path", paths))


def campaign_choices(user, questionnaire: Questionnaire) -> QuerySet[MonitoringCampaign]:
    """The campaigns with ``questionnaire`` that ``user`` sees."""
    return MonitoringCampaign.objects.for_user(user, "view").filter(questionnaires=questionnaire)


def parse_filters(user, questionnaire: Questionnaire, params) -> Filters:
    """The filters named by the query ``params``: ``organization`` and ``municipality`` (ids
    of units the user reads), ``period`` (``periods.parse_period``), ``phase`` (a ``Phase``
    value), ``campaign`` (an id of a campaign with this questionnaire the user sees). Anything
    unreadable or out of reach is ignored and noted; never raises."""
    period, error = parse_period(params)
    filters = Filters(period=period)
    if error:
        filters.notes.append(error)
    for name, level, label in (
        ("organization", Level.ORGANIZATION, "Организация"),
        ("municipality", Level.MUNICIPALITY, "Муниципалитет"),
    ):
        raw = params.get(name)
        if not raw:
            continue
        unit = unit_choices(user, level).filter(pk=id_param(raw)).first() if id_param(raw) else None
        if unit is None:
            filters.notes.append(f"{label} указан неверно или недоступен — фильтр не применён.")
        setattr(filters, name, unit)
    phase = str(params.get("phase") or "")
    if phase:
        if phase in Phase.values:
            filters.phase = phase
        else:
            filters.notes.append("Этап указан неверно — фильтр не применён.")
    raw = params.get("campaign")
    if raw:
        campaign = (
            campaign_choices(user, questionnaire).filter(pk=id_param(raw)).first() if id_param(raw) else None
        )
        if campaign is None:
            filters.notes.append("Мониторинг указан неверно или недоступен — фильтр не применён.")
        filters.campaign = campaign
    return filters


# --------------------------------------------------------------------------------------------
# Aggregation
# --------------------------------------------------------------------------------------------


@dataclass
class Share:
    """One value of a scale or one option: its ``label``, ``count`` and ``percent`` (of the
    question's answers, one decimal)."""

    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    """The aggregate of one question over a group of answers: ``count`` of replies, ``mean`` of a
    scale (one decimal; ``None`` without replies), ``shares`` (the scale's values 1–10 or the
    options, with zeros), ``texts`` (free texts). ``hidden``: one to threshold − 1 replies to
    an anonymous questionnaire — nothing but the fact is shown."""

    question: object
    count: int = 0
    mean: float | None = None
    shares: list[Share] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    hidden: bool = False


@dataclass
class Results:
    """The results of ``questionnaire`` over ``total`` answers. ``hidden``: an anonymous group
    smaller than the threshold (then ``questions`` carry no figures)."""

    questionnaire: Questionnaire
    total: int
    hidden: bool
    questions: list[QuestionResult]

    @property
    def hidden_message(self) -> str:
        return HIDDEN_MESSAGE


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def questionnaire_results(questionnaire: Questionnaire, answers: QuerySet[Answer]) -> Results:
    """Aggregate ``answers`` (to ``questionnaire``, already scoped and filtered) per question,
    in five queries whatever their number. For an anonymous questionnaire a group (all, or one
    question's replies) smaller than ``ANONYMITY_THRESHOLD`` is hidden (``hidden``)."""
    questions = list(questionnaire.questions.prefetch_related("options"))
    answer_ids = answers.values("pk")
    total = answers.count()
    anonymous = questionnaire.anonymous
    hidden_all = anonymous and total < ANONYMITY_THRESHOLD
    if hidden_all or not total:
        return Results(
            questionnaire, total, hidden_all, [QuestionResult(q, hidden=hidden_all) for q in questions]
        )
    items = AnswerItem.objects.filter(answer__in=answer_ids)
    counts = dict(items.values_list("question_id").annotate(n=Count("pk")).values_list("question_id", "n"))
    scales: dict[int, dict[int, int]] = {}
    for question_id, value, n in (
        items.filter(scale__isnull=False)
        .values_list("question_id", "scale")
        .annotate(n=Count("pk"))
        .values_list("question_id", "scale", "n")
    ):
        scales.setdefault(question_id, {})[value] = n
    through = AnswerItem.options.through
    chosen = dict(
        through.objects.filter(answeritem__answer__in=answer_ids)
        .values_list("questionoption_id")
        .annotate(n=Count("pk"))
        .values_list("questionoption_id", "n")
    )
    texts: dict[int, list[str]] = {}
    for question_id, text in items.exclude(text="").values_list("question_id", "text"):
        texts.setdefault(question_id, []).append(text)
    results = []
    for question in questions:
        count = counts.get(question.pk, 0)
        result = QuestionResult(question, count=count)
        if anonymous and 0 < count < ANONYMITY_THRESHOLD:
            result.hidden = True
            result.count = 0
        elif question.kind == QuestionKind.SCALE:
            values = scales.get(question.pk, {})
            replies = sum(values.values())
            if replies:
                result.mean = round(sum(v * n for v, n in values.items()) / replies, 1)
            result.shares = [
                Share(str(v), values.get(v, 0), _percent(values.get(v, 0), replies))
                for v in range(SCALE_MIN, SCALE_MAX + 1)
            ]
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            result.shares = [
                Share(o.text, chosen.get(o.pk, 0), _percent(chosen.get(o.pk, 0), count))
                for o in question.options.all()
            ]
        else:
            result.texts = sorted(texts.get(question.pk, []), key=str.casefold)
        results.append(result)
    return Results(questionnaire, total, False, results)


def results_xlsx(results: Results, filters: Filters) -> bytes:
    """The workbook of ``results``: one row per scale value, option or free text, with the
    question, its number of replies and mean; the filters on top. The same hiding as the page
    (a hidden group is one row saying so); no person, no date of an answer."""
    rows: list[list] = [
        ["Анкета", results.questionnaire.title, "", "", "", ""],
        *[[label, value, "", "", "", ""] for label, value in filters.summary().items()],
        ["Ответов", results.total, "", "", "", ""],
    ]
    if results.hidden:
        rows.append(["", HIDDEN_MESSAGE, "", "", "", ""])
    else:
        for number, result in enumerate(results.questions, start=1):
            head = [f"{number}. {result.question.text}"]
            if result.hidden:
                rows.append([*head, HIDDEN_MESSAGE, "", "", "", ""][:6])
                continue
            if result.shares:
                for share in result.shares:
                    rows.append([*head, result.count, result.mean, share.label, share.count, share.percent])
            elif result.texts:
                for text in result.texts:
                    rows.append([*head, result.count, None, text, None, None])
            else:
                rows.append([*head, result.count, result.mean, "", None, None])
    return xlsx_bytes(
        headers=["Вопрос", "Ответов", "Среднее", "Значение или ответ", "Число", "Доля, %"],
        rows=rows,
        sheet_title="Результаты анкеты",
    )


def reply_text(item) -> str:
    """One named reply as text: the mark, the chosen options («; »-joined) or the free text."""
    if item.scale is not None:
        return str(item.scale)
    options = [option.text for option in item.options.all()]
    return "; ".join(options) if options else item.text


def respondent_rows(answers: QuerySet[Answer], questions: list) -> list[dict]:
    """Rows of the list of named answers: ``{"answer", "person", "organization", "submitted",
    "replies": [text per question]}`` (three queries)."""
    answers = answers.select_related("person", "organization__municipality").prefetch_related(
        "items__options"
    )
    rows = []
    for answer in answers.order_by("organization__path", "person__last_name", "person__first_name", "pk"):
        by_question = {item.question_id: reply_text(item) for item in answer.items.all()}
        rows.append(
            {
                "answer": answer,
                "person": answer.person,
                "organization": answer.organization,
                "submitted": answer.submitted_at,
                "replies": [by_question.get(q.pk, "") for q in questions],
            }
        )
    return rows
