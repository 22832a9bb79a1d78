"""The REST API of monitoring (issue 17, build 1): questionnaires with their questions and their
aggregated results, the named answers each role is shown on the pages, the indicators as the
indicator pages compute them, and the federal statistical figure with the curator's
confirmation (``services.federal.federal_figure_confirm``, seed 002 §9).

Answers are personal (seed 004 §9, 152-ФЗ): as on the pages, a respondent reads their own named
answers, the curator and the head of an organization the named answers of its people
(``results.respondent_answers``); an anonymous answer is never shown one by one, only in the
results with the anonymity threshold (``results.questionnaire_results``); the coordinator and
the operator read the results, the national operator only the indicators and the federal
figure's totals — never an answer.

Addresses (under ``/api/v1/``):

- ``questionnaires/`` (the list page's FilterSet: ``search``, ``audience``, ``phase``,
  ``is_active``), ``questionnaires/{id}/`` with the questions, ``questionnaires/{id}/results/``
  (``period``, ``organization``, ``municipality``, ``phase``, ``campaign`` as on the page);
- ``answers/`` (``questionnaire``), ``answers/{uuid}/`` with the replies;
- ``indicators/`` and ``indicators/{code}/`` (``unit``, ``period`` — a 400 in Russian when
  unreadable, a 404 for a unit out of reach);
- ``federal-reports/`` (``year``, ``organization``): the confirmations;
  ``federal-figures/?unit=&year=``: the totals of a unit as the page «Сведения для федерального
  статистического наблюдения» shows them; ``federal-figures/{organization id}/?year=``: one
  organization's live and confirmed figure; ``federal-figures/{organization id}/confirm/``
  (``POST``): the curator's confirmation.
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Length
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from nastavnik.access.querysets import paths_q
from nastavnik.access.rules import has_perm
from nastavnik.access.scope import get_scope
from nastavnik.core.api import HasViewRight, ScopedViewSetMixin
from nastavnik.core.users import user_name
from nastavnik.core.views import id_param
from nastavnik.monitoring import results as res
from nastavnik.monitoring.choices import Phase
from nastavnik.monitoring.federal import (
    STATUS_LABELS,
    countdown_text,
    deadline,
    federal_table,
    organization_figure,
    parse_year,
)
from nastavnik.monitoring.indicators.base import all_indicators, child_units, get_indicator, rollup
from nastavnik.monitoring.models import Answer, AnswerItem, FederalStatisticsReport, Question, Questionnaire
from nastavnik.monitoring.periods import parse_period
from nastavnik.monitoring.rollups import stored_rollups
from nastavnik.monitoring.services.federal import CONFIRM_REFUSAL, federal_figure_confirm
from nastavnik.monitoring.views_federal import VIEW_REFUSAL, federal_units
from nastavnik.monitoring.views_indicators import REFUSAL as INDICATOR_REFUSAL
from nastavnik.monitoring.views_indicators import indicator_units
from nastavnik.monitoring.views_questionnaires import (
    ANSWER_RIGHT_REFUSAL,
    QuestionnaireFilter,
    QuestionnaireListView,
)
from nastavnik.organizations.choices import Level

# --------------------------------------------------------------------------------------------
# Questionnaires
# --------------------------------------------------------------------------------------------


class OptionSerializer(serializers.Serializer):
    """A choice of a question with options."""

    id = serializers.IntegerField()
    order = serializers.IntegerField()
    text = serializers.CharField()


class QuestionSerializer(serializers.ModelSerializer):
    """A question: its number, text, kind (``scale`` 1–10, ``single``, ``multiple``, ``text``),
    what it measures, whether it is required, and its options."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    measure_display = serializers.CharField(source="get_measure_display", read_only=True)
    options = OptionSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "order",
            "text",
            "kind",
            "kind_display",
            "measure",
            "measure_display",
            "area",
            "required",
            "scale_min_label",
            "scale_max_label",
            "options",
        ]
        read_only_fields = fields


class QuestionnaireSerializer(serializers.ModelSerializer):
    """A questionnaire: to whom and when, anonymous or not, built in or whose, in use or not."""

    audience_display = serializers.CharField(source="get_audience_display", read_only=True)
    phase_display = serializers.CharField(source="get_phase_display", read_only=True)
    owner_name = serializers.SerializerMethodField()
    is_builtin = serializers.BooleanField(read_only=True)
    question_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Questionnaire
        fields = [
            "id",
            "title",
            "description",
            "audience",
            "audience_display",
            "phase",
            "phase_display",
            "anonymous",
            "owner",
            "owner_name",
            "is_builtin",
            "source",
            "is_active",
            "question_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_owner_name(self, questionnaire: Questionnaire) -> str:
        """The unit that made it; "" for a built-in questionnaire."""
        return questionnaire.owner.full_name if questionnaire.owner_id else ""


class QuestionnaireDetailSerializer(QuestionnaireSerializer):
    """A questionnaire with its questions in their order."""

    questions = QuestionSerializer(many=True, read_only=True)

    class Meta(QuestionnaireSerializer.Meta):
        fields = [*QuestionnaireSerializer.Meta.fields, "questions"]
        read_only_fields = fields


class ShareSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="Значение шкалы или вариант ответа")
    count = serializers.IntegerField()
    percent = serializers.FloatField(help_text="Доля ответов на вопрос, %")


class QuestionResultSerializer(serializers.Serializer):
    """The aggregate of one question (``results.QuestionResult``): ``hidden`` — fewer replies to
    an anonymous questionnaire than the threshold, nothing else is shown."""

    question = serializers.IntegerField(source="question.pk")
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    count = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    shares = ShareSerializer(many=True)
    texts = serializers.ListField(child=serializers.CharField())
    hidden = serializers.BooleanField()


class ResultsSerializer(serializers.Serializer):
    """The results page's figures: answers in all, whether hidden for anonymity (with the
    reason), the period, the notes about filters that could not be read, and per question."""

    questionnaire = serializers.IntegerField(source="results.questionnaire.pk")
    total = serializers.IntegerField(source="results.total")
    hidden = serializers.BooleanField(source="results.hidden")
    hidden_message = serializers.SerializerMethodField()
    period = serializers.CharField(source="filters.period.key")
    period_label = serializers.CharField(source="filters.period.label")
    notes = serializers.ListField(child=serializers.CharField(), source="filters.notes")
    questions = QuestionResultSerializer(many=True, source="results.questions")

    @extend_schema_field(OpenApiTypes.STR)
    def get_hidden_message(self, data) -> str:
        return data["results"].hidden_message if data["results"].hidden else ""


RESULTS_PARAMETERS = [
    OpenApiParameter("period", str, description="Период: 2026, 2026-q3, 2026-11 или ГГГГ-ММ-ДД..ГГГГ-ММ-ДД"),
    OpenApiParameter("organization", int, description="Организация"),
    OpenApiParameter("municipality", int, description="Муниципалитет"),
    OpenApiParameter("phase", str, enum=Phase.values, description="Этап"),
    OpenApiParameter("campaign", int, description="Мониторинг"),
]


class QuestionnaireRight(HasViewRight):
    """The right ``questionnaire`` view, refused with the list page's reason."""

    message = QuestionnaireListView.forbidden_message


@extend_schema(tags=["Мониторинг"])
class QuestionnaireViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The questionnaires the user sees (``Questionnaire.objects.for_user``): the built-in ones,
    those of their units and of the units above; the right ``questionnaire`` view (curator,
    head, coordinator, operator), 403 otherwise, as on the list page."""

    queryset = Questionnaire.objects.all()
    scope_model = "questionnaire"
    filterset_class = QuestionnaireFilter
    permission_classes = [permissions.IsAuthenticated, QuestionnaireRight]

    def base_queryset(self):
        queryset = Questionnaire.objects.select_related("owner").annotate(
            question_count=Count("questions", distinct=True)
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "questions", queryset=Question.objects.prefetch_related("options").order_by("order", "pk")
                )
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return QuestionnaireDetailSerializer
        if self.action == "results":
            return ResultsSerializer
        return QuestionnaireSerializer

    @extend_schema(parameters=RESULTS_PARAMETERS, filters=False, summary="Результаты анкеты")
    @action(detail=True, methods=["get"], filterset_class=None)
    def results(self, request, pk=None):
        """Per question: the count, the mean and the distribution of a scale, the options'
        counts and shares, the free texts — within the user's scope and the filters, anonymity
        kept (the page «Результаты анкеты»); 403 without the ``answer`` view right."""
        questionnaire = self.get_object()
        if not has_perm(request.user, "answer", "view"):
            raise exceptions.PermissionDenied(ANSWER_RIGHT_REFUSAL)
        filters = res.parse_filters(request.user, questionnaire, request.query_params)
        answers = filters.apply(res.results_answers(request.user, questionnaire))
        results = res.questionnaire_results(questionnaire, answers)
        return Response(ResultsSerializer({"results": results, "filters": filters}).data)


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------


class ReplySerializer(serializers.ModelSerializer):
    """One reply: the question and the reply as text (the mark, the chosen options, the text)."""

    question_text = serializers.CharField(source="question.text", read_only=True)
    reply = serializers.SerializerMethodField()

    class Meta:
        model = AnswerItem
        fields = ["question", "question_text", "scale", "text", "reply"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_reply(self, item: AnswerItem) -> str:
        return res.reply_text(item)


class AnswerSerializer(serializers.ModelSerializer):
    """A named answer to a questionnaire: who answered (the person's name), where, when, in
    which phase, whether typed in from the paper form, and the replies."""

    questionnaire_title = serializers.CharField(source="questionnaire.title", read_only=True)
    organization_name = serializers.CharField(source="organization.full_name", read_only=True)
    person_name = serializers.SerializerMethodField()
    phase_display = serializers.CharField(source="get_phase_display", read_only=True)
    from_paper = serializers.SerializerMethodField()
    replies = ReplySerializer(many=True, read_only=True, source="items")

    class Meta:
        model = Answer
        fields = [
            "id",
            "questionnaire",
            "questionnaire_title",
            "organization",
            "organization_name",
            "person",
            "person_name",
            "program",
            "campaign",
            "phase",
            "phase_display",
            "month",
            "submitted_at",
            "from_paper",
            "replies",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_person_name(self, answer: Answer) -> str:
        return answer.person.full_name if answer.person_id else ""

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_from_paper(self, answer: Answer) -> bool:
        """Typed in by the curator or the head from the respondent's paper form (seed 004 §9.2)."""
        return answer.entered_by_id is not None


class AnswerFilterSet(django_filters.FilterSet):
    """The answers to one questionnaire (``questionnaire``), of one phase (``phase``)."""

    questionnaire = django_filters.NumberFilter(field_name="questionnaire_id", label="Анкета", min_value=1)
    phase = django_filters.ChoiceFilter(choices=Phase.choices, label="Этап")

    class Meta:
        model = Answer
        fields = ["questionnaire", "phase"]


class ReadsAnswers(permissions.BasePermission):
    """The user reads some named answers: their own (a person card) or, as the curator or the
    head, their organization's (``results.respondent_paths``); the others — the coordinator,
    the operator, the national operator — see results and indicators, not answers."""

    message = (
        "Ответы на анкеты по отдельности видят сам отвечающий, куратор и руководитель его организации; "
        "остальным доступны сводные результаты."
    )

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return bool(get_scope(user).person_id) or res.respondent_paths(user) != []


@extend_schema(tags=["Мониторинг"])
class AnswerViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Named answers as the pages show them one by one: the user's own (the answer page) and,
    for the curator and the head, those of their organizations' people (the page «Ответившие»);
    never an anonymous answer. Keyset pages by the answer's key; out of reach: 404."""

    queryset = Answer.objects.all()
    scope_model = "answer"
    serializer_class = AnswerSerializer
    filterset_class = AnswerFilterSet
    permission_classes = [permissions.IsAuthenticated, ReadsAnswers]

    def base_queryset(self):
        return Answer.objects.select_related("questionnaire", "organization", "person").prefetch_related(
            Prefetch(
                "items", queryset=AnswerItem.objects.select_related("question").prefetch_related("options")
            )
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Answer.objects.none()
        user = self.request.user
        named = self.base_queryset().filter(person__isnull=False, questionnaire__anonymous=False)
        reach = Q()
        person_id = get_scope(user).person_id
        if person_id:
            reach |= Q(person_id=person_id)
        paths = res.respondent_paths(user)
        if paths is None:  # a superuser
            return named
        if paths:
            reach |= paths_q("organization__path", paths)
        if not reach:
            return named.none()
        return named.filter(reach)


# --------------------------------------------------------------------------------------------
# Indicators
# --------------------------------------------------------------------------------------------


class TermSerializer(serializers.Serializer):
    words = serializers.CharField(help_text="Что посчитано")
    number = serializers.FloatField(allow_null=True)


class UnitFigureSerializer(serializers.Serializer):
    """The figure of one unit: its value as a number and as printed, and its terms."""

    unit = serializers.IntegerField(source="unit.pk")
    unit_name = serializers.CharField(source="unit.full_name")
    value = serializers.FloatField(allow_null=True, help_text="Значение показателя (null — нечего считать)")
    formatted = serializers.CharField(help_text="Значение, как его показывает страница")
    terms = TermSerializer(many=True)


class IndicatorSerializer(serializers.Serializer):
    """An indicator of the registry with its value for the unit and the period: what it counts,
    its source in the regulations, its rule and which way is better."""

    code = serializers.CharField()
    title = serializers.CharField()
    value_kind = serializers.ChoiceField(
        choices=["percent", "average", "ratio", "count"],
        help_text="Вид значения: доля, среднее, отношение, число",
    )
    numerator = serializers.CharField()
    denominator = serializers.CharField()
    source = serializers.CharField(help_text="Документ, из которого взят показатель")
    rule = serializers.CharField()
    better = serializers.ChoiceField(
        choices=["up", "down"], help_text="Лучше, когда значение больше (up) или меньше"
    )
    unit = serializers.IntegerField(help_text="Организация или территория")
    unit_name = serializers.CharField()
    period = serializers.CharField()
    period_label = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    formatted = serializers.CharField()
    terms = TermSerializer(many=True)
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="Когда рассчитано (сохранённый расчёт)"
    )


class IndicatorDetailSerializer(IndicatorSerializer):
    """An indicator with the figures of the units directly below the unit."""

    children = UnitFigureSerializer(many=True)


INDICATOR_PARAMETERS = [
    OpenApiParameter(
        "unit", int, description="Организация или территория (по умолчанию — верхняя доступная)"
    ),
    OpenApiParameter(
        "period",
        str,
        description="Период: 2026, 2026-q3, 2026-11 или ГГГГ-ММ-ДД..ГГГГ-ММ-ДД; по умолчанию текущий год",
    ),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Начало периода (вместо period)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Окончание периода (вместо period)"),
]


def _indicator_row(indicator, figure, unit, period, as_of) -> dict:
    return {
        "code": indicator.code,
        "title": indicator.title,
        "value_kind": indicator.unit,
        "numerator": indicator.numerator,
        "denominator": indicator.denominator,
        "source": indicator.source,
        "rule": indicator.rule,
        "better": indicator.better,
        "unit": unit.pk,
        "unit_name": unit.full_name,
        "period": period.key,
        "period_label": period.label,
        "value": figure.value,
        "formatted": indicator.format(figure.value),
        "terms": [{"words": w, "number": n} for w, n in indicator.terms(figure.parts)],
        "computed_at": as_of,
    }


@extend_schema(tags=["Мониторинг"], parameters=INDICATOR_PARAMETERS)
class IndicatorViewSet(viewsets.ViewSet):
    """The indicators of the monitoring (the registry of ``indicators.base``) with their values
    for a unit (``?unit=``: the user's top unit by default) and a period (``?period=`` or
    ``?from=&to=``), as the indicator pages compute them: the stored nightly roll-up
    (``rollups.stored_rollups``) when it covers them, else live with the pages' minute cache.
    The right ``indicator`` view (403 otherwise); a unit out of reach is a 404; an unreadable
    unit or period a 400 naming the parameter (the page would fall back silently)."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None
    lookup_field = "code"
    lookup_value_regex = "[a-z0-9_-]+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not has_perm(request.user, "indicator", "view"):
            raise exceptions.PermissionDenied(INDICATOR_REFUSAL)

    def _unit_and_period(self):
        params = self.request.query_params
        errors = {}
        raw = params.get("unit")
        pk = id_param(raw)
        if raw not in (None, "") and pk is None:
            errors["unit"] = ["Укажите номер организации или территории."]
        period, period_error = parse_period(params)
        if period_error:
            key = "period" if params.get("period") else "from"
            errors[key] = [period_error.replace(" Показан текущий год.", "")]
        if errors:
            raise exceptions.ValidationError(errors)
        units = indicator_units(self.request.user)
        if pk is None:
            unit = units.order_by(Length("path"), "path").first()
            if unit is None:
                raise Http404
        else:
            unit = units.filter(pk=pk).first()
            if unit is None:
                raise Http404
        return unit, period

    @extend_schema(responses=IndicatorSerializer(many=True), summary="Показатели мониторинга")
    def list(self, request):
        unit, period = self._unit_and_period()
        indicators = all_indicators()
        stored = stored_rollups(unit, period, indicators, [])
        rows = []
        for indicator in indicators:
            result = (
                stored[indicator.code] if stored else rollup(indicator, unit, period, children=[], cache=True)
            )
            rows.append(_indicator_row(indicator, result.total, unit, period, result.as_of))
        return Response(IndicatorSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH, description="Код показателя")],
        responses=IndicatorDetailSerializer,
        summary="Показатель",
    )
    def retrieve(self, request, code=None):
        indicator = get_indicator(str(code or ""))
        if indicator is None:
            raise Http404
        unit, period = self._unit_and_period()
        children = child_units(unit)
        stored = stored_rollups(unit, period, [indicator], children)
        result = stored[indicator.code] if stored else rollup(indicator, unit, period, children=children)
        row = _indicator_row(indicator, result.total, unit, period, result.as_of)
        row["children"] = [
            {
                "unit": figure.unit,
                "value": figure.value,
                "formatted": indicator.format(figure.value),
                "terms": [{"words": w, "number": n} for w, n in indicator.terms(figure.parts)],
            }
            for figure in result.children
        ]
        return Response(IndicatorDetailSerializer(row).data)


# --------------------------------------------------------------------------------------------
# The federal statistical figure (seed 002 §9)
# --------------------------------------------------------------------------------------------


class FederalReportSerializer(serializers.ModelSerializer):
    """A confirmation: the organization, the reporting year, the figure confirmed, who (by
    name) and when."""

    organization_name = serializers.CharField(source="organization.full_name", read_only=True)
    confirmed_by_name = serializers.SerializerMethodField()

    class Meta:
        model = FederalStatisticsReport
        fields = [
            "id",
            "organization",
            "organization_name",
            "year",
            "figure",
            "confirmed_by_name",
            "confirmed_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_confirmed_by_name(self, report: FederalStatisticsReport) -> str:
        return user_name(report.confirmed_by) if report.confirmed_by_id else ""


class FederalReportFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="Отчётный год", min_value=2000, max_value=2100)
    organization = django_filters.NumberFilter(field_name="organization_id", label="Организация", min_value=1)

    class Meta:
        model = FederalStatisticsReport
        fields = ["year", "organization"]


@extend_schema(tags=["Федеральное статистическое наблюдение"])
class FederalReportViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The curators' confirmations of the organizations in the user's scope (the right
    ``federalstatisticsreport`` view: curator, head, coordinator, operator, national operator)."""

    queryset = FederalStatisticsReport.objects.all()
    scope_model = "federalstatisticsreport"
    serializer_class = FederalReportSerializer
    filterset_class = FederalReportFilterSet

    def base_queryset(self):
        return FederalStatisticsReport.objects.select_related("organization", "confirmed_by__person")


class OrganizationFigureSerializer(serializers.Serializer):
    """One organization's figure for a year (``federal.OrgFigure``): participants who completed
    the full cycle by the system's data (``live``), the confirmed figure, the difference, the
    state, who confirmed and when, the deadline and the days left."""

    organization = serializers.IntegerField(source="figure.organization.pk")
    organization_name = serializers.CharField(source="figure.organization.full_name")
    year = serializers.IntegerField()
    live = serializers.IntegerField(source="figure.live")
    confirmed = serializers.IntegerField(source="figure.confirmed", allow_null=True)
    difference = serializers.IntegerField(source="figure.difference", allow_null=True)
    status = serializers.ChoiceField(choices=list(STATUS_LABELS.items()), source="figure.status")
    status_display = serializers.CharField(source="figure.status_label")
    confirmed_by_name = serializers.CharField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    deadline = serializers.DateField()
    countdown = serializers.CharField()


class TotalSerializer(serializers.Serializer):
    """The sums of a municipality (a region on the federal unit's page; ``unit`` null for the
    organizations of regional subordination)."""

    unit = serializers.IntegerField(source="unit.pk", allow_null=True, default=None)
    label = serializers.CharField()
    organizations = serializers.IntegerField()
    confirmed_count = serializers.IntegerField()
    differs_count = serializers.IntegerField()
    live = serializers.IntegerField()
    confirmed = serializers.IntegerField()


class FederalSummarySerializer(serializers.Serializer):
    """The totals of a unit for a year, as the page shows them above its table."""

    unit = serializers.IntegerField(source="unit.pk")
    unit_name = serializers.CharField(source="unit.full_name")
    year = serializers.IntegerField()
    overall = TotalSerializer()
    totals = TotalSerializer(many=True)
    status_counts = serializers.DictField(child=serializers.IntegerField())
    deadline = serializers.DateField()
    countdown = serializers.CharField()


class ConfirmInputSerializer(serializers.Serializer):
    """The confirmation: the reporting year and the figure the curator saw (``expected``; when
    the data changed meanwhile nothing is saved and the answer says the new number)."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    expected = serializers.IntegerField(required=False, allow_null=True, min_value=0, default=None)


ORGANIZATION_PATH = OpenApiParameter("id", int, OpenApiParameter.PATH, description="Организация")
YEAR_PARAMETER = OpenApiParameter("year", int, description="Отчётный год (по умолчанию — текущий отчётный)")


@extend_schema(tags=["Федеральное статистическое наблюдение"])
class FederalFigureViewSet(viewsets.ViewSet):
    """The federal statistical figure as its pages compute it (``monitoring.federal``): the
    totals of a unit (``list``), one organization's figure (``retrieve``, by the organization's
    id) and the curator's confirmation (``confirm``, ``services.federal.federal_figure_confirm``:
    403 with the reason for anyone but the organization's curator). The right
    ``federalstatisticsreport`` view (403 otherwise); a unit out of reach is a 404."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not has_perm(request.user, "federalstatisticsreport", "view"):
            raise exceptions.PermissionDenied(VIEW_REFUSAL)

    def _year(self, raw) -> int:
        year, error = parse_year(raw)
        if error:
            raise exceptions.ValidationError({"year": [error.split(". ")[0] + "."]})
        return year

    def _organization(self, pk):
        unit_id = id_param(pk)
        organization = (
            federal_units(self.request.user).filter(level=Level.ORGANIZATION, pk=unit_id).first()
            if unit_id is not None
            else None
        )
        if organization is None:
            raise Http404
        return organization

    def _figure(self, organization, year: int) -> dict:
        figure = organization_figure(organization, year)
        report = figure.report
        return {
            "figure": figure,
            "year": year,
            "confirmed_by_name": user_name(report.confirmed_by) if report and report.confirmed_by_id else "",
            "confirmed_at": report.confirmed_at if report else None,
            "deadline": deadline(year),
            "countdown": countdown_text(year),
        }

    @extend_schema(
        parameters=[OpenApiParameter("unit", int, description="Территория или организация"), YEAR_PARAMETER],
        responses=FederalSummarySerializer,
        summary="Сводные сведения территории",
    )
    def list(self, request):
        params = request.query_params
        raw = params.get("unit")
        unit_id = id_param(raw)
        errors = {}
        if raw not in (None, "") and unit_id is None:
            errors["unit"] = ["Укажите номер организации или территории."]
        try:
            year = self._year(params.get("year"))
        except exceptions.ValidationError as exc:
            errors.update(exc.detail)
        if errors:
            raise exceptions.ValidationError(errors)
        units = federal_units(request.user)
        unit = units.filter(pk=unit_id).first() if unit_id is not None else units.order_by("path").first()
        if unit is None:
            raise Http404
        table = federal_table(request.user, unit, year)
        return Response(FederalSummarySerializer(table).data)

    @extend_schema(
        parameters=[ORGANIZATION_PATH, YEAR_PARAMETER],
        responses=OrganizationFigureSerializer,
        summary="Сведения организации",
    )
    def retrieve(self, request, pk=None):
        organization = self._organization(pk)
        year = self._year(request.query_params.get("year"))
        return Response(OrganizationFigureSerializer(self._figure(organization, year)).data)

    @extend_schema(
        parameters=[ORGANIZATION_PATH],
        request=ConfirmInputSerializer,
        responses=OrganizationFigureSerializer,
        summary="Подтвердить сведения",
        description=CONFIRM_REFUSAL,
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        organization = self._organization(pk)
        serializer = ConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        year = self._year(str(serializer.validated_data["year"]))
        federal_figure_confirm(
            organization=organization,
            year=year,
            by=request.user,
            expected=serializer.validated_data["expected"],
        )
        return Response(OrganizationFigureSerializer(self._figure(organization, year)).data)


def register(router) -> None:
    """Register this app's viewsets on the API ``router``: ``questionnaires``, ``answers``,
    ``indicators``, ``federal-reports``, ``federal-figures``."""
    router.register("questionnaires", QuestionnaireViewSet, basename="questionnaire")
    router.register("answers", AnswerViewSet, basename="answer")
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("federal-reports", FederalReportViewSet, basename="federal-report")
    router.register("federal-figures", FederalFigureViewSet, basename="federal-figure")
