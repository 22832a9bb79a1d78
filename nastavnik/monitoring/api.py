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
- ``answers/`` (``questionnaire``, ``phase``), ``answers/{uuid}/`` with the replies;
- ``indicator-units/`` (``level``): the units whose indicators the user reads;
  ``indicator-units/{id}/`` (``period`` or ``from``/``to``): every indicator of the unit;
  ``indicator-units/{id}/indicators/{code}/``: one indicator with the units directly below —
  an unreadable period is a 400 in Russian, a unit out of reach a 404;
- ``federal-reports/`` (``year``, ``organization``): the curators' confirmations;
  ``federal-figures/`` (``level``): the units whose figure the user reads;
  ``federal-figures/{id}/`` (``year``): the totals of the unit as the page «Сведения для
  федерального статистического наблюдения» shows them, and an organization's own line;
  ``federal-figures/{id}/confirm/`` (``POST``): the curator's confirmation.
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from nastavnik.access.querysets import paths_q
from nastavnik.access.scope import get_scope
from nastavnik.core.api import ScopedViewSetMixin, UserNameField
from nastavnik.core.users import user_name
from nastavnik.monitoring import results as res
from nastavnik.monitoring.choices import Phase
from nastavnik.monitoring.federal import (
    STATUS_LABELS,
    federal_table,
    organization_figure,
    parse_year,
)
from nastavnik.monitoring.indicators.base import all_indicators, child_units, get_indicator, rollup
from nastavnik.monitoring.models import Answer, AnswerItem, FederalStatisticsReport, Question, Questionnaire
from nastavnik.monitoring.periods import parse_period
from nastavnik.monitoring.rollups import stored_rollups
from nastavnik.monitoring.services.federal import federal_figure_confirm
from nastavnik.monitoring.views_federal import VIEW_REFUSAL, federal_units
from nastavnik.monitoring.views_indicators import REFUSAL as INDICATOR_REFUSAL
from nastavnik.monitoring.views_indicators import UNIT_LEVELS, indicator_units
from nastavnik.monitoring.views_questionnaires import (
    ANSWER_RIGHT_REFUSAL,
    QuestionnaireFilter,
    QuestionnaireListView,
)
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

# --------------------------------------------------------------------------------------------
# Questionnaires
# --------------------------------------------------------------------------------------------


@extend_schema_serializer(description="Вариант ответа на вопрос.")
class OptionSerializer(serializers.Serializer):
    """A choice of a question with options."""

    id = serializers.IntegerField()
    order = serializers.IntegerField()
    text = serializers.CharField()


@extend_schema_serializer(description="Вопрос анкеты: текст, вид, обязательность и варианты ответа.")
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


@extend_schema_serializer(
    description="Анкета: кому адресована, когда заполняется, анонимная или именная, кем составлена."
)
class QuestionnaireSerializer(serializers.ModelSerializer):
    """A questionnaire: to whom and when, anonymous or not, built in or whose, in use or not."""

    audience_display = serializers.CharField(source="get_audience_display", read_only=True)
    phase_display = serializers.CharField(source="get_phase_display", read_only=True)
    owner_name = serializers.SerializerMethodField(help_text="Кто составил анкету; пусто — встроенная")
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
        # the unit that made it; "" for a built-in questionnaire
        return questionnaire.owner.full_name if questionnaire.owner_id else ""


@extend_schema_serializer(description="Анкета с вопросами.")
class QuestionnaireDetailSerializer(QuestionnaireSerializer):
    """A questionnaire with its questions in their order."""

    questions = QuestionSerializer(many=True, read_only=True)

    class Meta(QuestionnaireSerializer.Meta):
        fields = [*QuestionnaireSerializer.Meta.fields, "questions"]
        read_only_fields = fields


@extend_schema_serializer(description="Значение шкалы или вариант ответа: число и доля ответов.")
class ShareSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="Значение шкалы или вариант ответа")
    count = serializers.IntegerField()
    percent = serializers.FloatField(help_text="Доля ответов на вопрос, %")


@extend_schema_serializer(
    description="Сводный результат по вопросу; скрыт, если ответов на анонимную анкету мало."
)
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


@extend_schema_serializer(description="Сводные результаты анкеты за период с учётом фильтров.")
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


@extend_schema_view(
    list=extend_schema(
        summary="Анкеты",
        description=(
            "Встроенные анкеты и анкеты организаций и территорий пользователя и вышестоящих; "
            "фильтры — как в списке на странице."
        ),
    ),
    retrieve=extend_schema(summary="Анкета", description="Анкета с вопросами и вариантами ответов."),
)
@extend_schema(tags=["Мониторинг"])
class QuestionnaireViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The questionnaires the user sees (``Questionnaire.objects.for_user``): the built-in ones,
    those of their units and of the units above; the right ``questionnaire`` view (curator,
    head, coordinator, operator), 403 otherwise, as on the list page."""

    queryset = Questionnaire.objects.all()
    scope_model = "questionnaire"
    filterset_class = QuestionnaireFilter
    refusal = QuestionnaireListView.forbidden_message

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

    @extend_schema(
        parameters=RESULTS_PARAMETERS,
        filters=False,
        summary="Результаты анкеты",
        description=(
            "Сводные результаты по вопросам в пределах доступных организаций: число ответов, "
            "среднее и распределение оценок, доли вариантов, свободные ответы. Результаты анонимной "
            "анкеты при малом числе ответов скрываются."
        ),
    )
    @action(
        detail=True,
        methods=["get"],
        filterset_class=None,
        required_right=("answer", "view"),
        refusal=ANSWER_RIGHT_REFUSAL,
    )
    def results(self, request, pk=None):
        """Per question: the count, the mean and the distribution of a scale, the options'
        counts and shares, the free texts — within the user's scope and the filters, anonymity
        kept (the page «Результаты анкеты»); 403 without the ``answer`` view right."""
        questionnaire = self.get_object()
        filters = res.parse_filters(request.user, questionnaire, request.query_params)
        answers = filters.apply(res.results_answers(request.user, questionnaire))
        results = res.questionnaire_results(questionnaire, answers)
        return Response(ResultsSerializer({"results": results, "filters": filters}).data)


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------


@extend_schema_serializer(description="Ответ на вопрос анкеты.")
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


@extend_schema_serializer(
    description="Именной ответ на анкету: кто, где, когда ответил, и ответы на вопросы."
)
class AnswerSerializer(serializers.ModelSerializer):
    """A named answer to a questionnaire: who answered (the person's name), where, when, in
    which phase, whether typed in from the paper form, and the replies."""

    questionnaire_title = serializers.CharField(source="questionnaire.title", read_only=True)
    organization_name = serializers.CharField(source="organization.full_name", read_only=True)
    person_name = serializers.SerializerMethodField(help_text="Отвечающий")
    phase_display = serializers.CharField(source="get_phase_display", read_only=True)
    from_paper = serializers.SerializerMethodField(
        help_text="Внесено куратором или руководителем с бумажной анкеты"
    )
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
        # typed in by the curator or the head from the respondent's paper form (seed 004 §9.2)
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


@extend_schema_view(
    list=extend_schema(
        summary="Ответы на анкеты",
        description=(
            "Именные ответы: свои — отвечающему, ответы работников организации — её куратору и "
            "руководителю. Анонимные ответы по отдельности не показываются."
        ),
    ),
    retrieve=extend_schema(summary="Ответ на анкету", description="Именной ответ с ответами на вопросы."),
)
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


@extend_schema_serializer(description="Организация или территория.")
class UnitSerializer(serializers.ModelSerializer):
    """A unit whose indicators (or federal figure) the user reads."""

    level_display = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = OrgUnit
        fields = ["id", "full_name", "short_name", "level", "level_display", "parent"]
        read_only_fields = fields


@extend_schema_serializer(description="Составляющая значения показателя.")
class TermSerializer(serializers.Serializer):
    words = serializers.CharField(help_text="Что посчитано")
    number = serializers.FloatField(allow_null=True)


@extend_schema_serializer(description="Значение показателя для подчинённой организации или территории.")
class UnitFigureSerializer(serializers.Serializer):
    """The figure of one unit below: its value as a number and as printed, and its terms."""

    unit = serializers.IntegerField(source="unit.pk")
    unit_name = serializers.CharField(source="unit.full_name")
    value = serializers.FloatField(allow_null=True, help_text="Значение показателя (null — нечего считать)")
    formatted = serializers.CharField(help_text="Значение, как его показывает страница")
    terms = TermSerializer(many=True)


@extend_schema_serializer(description="Показатель мониторинга и его значение.")
class IndicatorValueSerializer(serializers.Serializer):
    """An indicator of the registry with its value for the unit and the period: what it counts,
    its source in the regulations, its rule and which way is better."""

    code = serializers.CharField()
    title = serializers.CharField()
    value_kind = serializers.ChoiceField(
        choices=[("percent", "доля, %"), ("average", "среднее"), ("ratio", "отношение"), ("count", "число")],
        help_text="Вид значения",
    )
    numerator = serializers.CharField()
    denominator = serializers.CharField()
    source = serializers.CharField(help_text="Документ, из которого взят показатель")
    rule = serializers.CharField()
    better = serializers.ChoiceField(
        choices=[("up", "лучше больше"), ("down", "лучше меньше")],
        help_text="Какое изменение значения — к лучшему",
    )
    value = serializers.FloatField(allow_null=True)
    formatted = serializers.CharField()
    terms = TermSerializer(many=True)


@extend_schema_serializer(
    description="Показатель мониторинга организации или территории за период со значениями подчинённых."
)
class IndicatorDetailSerializer(IndicatorValueSerializer):
    """An indicator of a unit for a period with the figures of the units directly below it."""

    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    period = serializers.CharField()
    period_label = serializers.CharField()
    computed_at = serializers.DateTimeField(allow_null=True, help_text="Когда рассчитано")
    children = UnitFigureSerializer(many=True)


@extend_schema_serializer(description="Все показатели мониторинга организации или территории за период.")
class UnitIndicatorsSerializer(serializers.Serializer):
    """Every indicator of a unit for a period, as the page «Показатели» lists them."""

    id = serializers.IntegerField(help_text="Организация или территория")
    full_name = serializers.CharField()
    level = serializers.CharField()
    period = serializers.CharField(
        help_text="Ключ периода: 2026, 2026-q3, 2026-11 или ГГГГ-ММ-ДД..ГГГГ-ММ-ДД"
    )
    period_label = serializers.CharField()
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="Когда рассчитано (сохранённый расчёт)"
    )
    indicators = IndicatorValueSerializer(many=True)


PERIOD_PARAMETERS = [
    OpenApiParameter(
        "period",
        str,
        description="Период: 2026, 2026-q3, 2026-11 или ГГГГ-ММ-ДД..ГГГГ-ММ-ДД; по умолчанию текущий год",
    ),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Начало периода (вместо period)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Окончание периода (вместо period)"),
]


def _indicator_value(indicator, figure) -> dict:
    return {
        "code": indicator.code,
        "title": indicator.title,
        "value_kind": indicator.unit,
        "numerator": indicator.numerator,
        "denominator": indicator.denominator,
        "source": indicator.source,
        "rule": indicator.rule,
        "better": indicator.better,
        "value": figure.value,
        "formatted": indicator.format(figure.value),
        "terms": [{"words": w, "number": n} for w, n in indicator.terms(figure.parts)],
    }


def parse_period_param(params):
    """The period of ``?period=`` (or ``?from=&to=``), ``periods.parse_period``; a 400 naming the
    parameter when it cannot be read (the page would fall back to the current year)."""
    period, error = parse_period(params)
    if error:
        key = "period" if params.get("period") else "from"
        raise exceptions.ValidationError({key: [error.replace(" Показан текущий год.", "")]})
    return period


class UnitLevelFilterSet(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(
        choices=[(v, label) for v, label in Level.choices if v in UNIT_LEVELS], label="Уровень"
    )

    class Meta:
        model = OrgUnit
        fields = ["level"]


@extend_schema_view(
    list=extend_schema(
        summary="Организации и территории с показателями",
        description="Организации и территории, показатели мониторинга которых доступны пользователю.",
    ),
)
@extend_schema(tags=["Мониторинг"])
class IndicatorUnitViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The indicators of the monitoring by unit, as the indicator pages compute them: the units
    whose indicators the user reads (``views_indicators.indicator_units``: the subtrees of their
    grants of the right ``indicator`` view; 403 without it), every indicator of one of them for
    a period (``retrieve``), one indicator with the units directly below (``indicator``). The
    figures come from the stored nightly roll-up (``rollups.stored_rollups``) when it covers the
    unit and the period, else live with the pages' minute cache. A unit out of reach is a 404;
    an unreadable period a 400 naming the parameter."""

    queryset = OrgUnit.objects.all()
    scope_model = "orgunit"
    required_right = ("indicator", "view")
    refusal = INDICATOR_REFUSAL
    filterset_class = UnitLevelFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return OrgUnit.objects.none()
        return indicator_units(self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return UnitIndicatorsSerializer
        if self.action == "indicator":
            return IndicatorDetailSerializer
        return UnitSerializer

    @extend_schema(
        parameters=PERIOD_PARAMETERS,
        filters=False,
        summary="Показатели организации или территории",
        description="Все показатели мониторинга организации или территории за период (по умолчанию — текущий год).",
    )
    def retrieve(self, request, *args, **kwargs):
        unit = self.get_object()
        period = parse_period_param(request.query_params)
        indicators = all_indicators()
        stored = stored_rollups(unit, period, indicators, [])
        rows, computed = [], []
        for indicator in indicators:
            result = (
                stored[indicator.code] if stored else rollup(indicator, unit, period, children=[], cache=True)
            )
            if result.as_of is not None:
                computed.append(result.as_of)
            rows.append(_indicator_value(indicator, result.total))
        data = {
            "id": unit.pk,
            "full_name": unit.full_name,
            "level": unit.level,
            "period": period.key,
            "period_label": period.label,
            "computed_at": min(computed, default=None),
            "indicators": rows,
        }
        return Response(UnitIndicatorsSerializer(data).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("code", str, OpenApiParameter.PATH, description="Код показателя"),
            *PERIOD_PARAMETERS,
        ],
        filters=False,
        summary="Показатель организации или территории",
        description="Показатель за период с составляющими и значениями для подчинённых организаций или территорий.",
    )
    @action(detail=True, methods=["get"], url_path=r"indicators/(?P<code>[^/]+)", filterset_class=None)
    def indicator(self, request, pk=None, code=None):
        indicator = get_indicator(str(code or ""))
        if indicator is None:
            raise Http404
        unit = self.get_object()
        period = parse_period_param(request.query_params)
        children = child_units(unit)
        stored = stored_rollups(unit, period, [indicator], children)
        result = stored[indicator.code] if stored else rollup(indicator, unit, period, children=children)
        data = {
            **_indicator_value(indicator, result.total),
            "unit": unit.pk,
            "unit_name": unit.full_name,
            "period": period.key,
            "period_label": period.label,
            "computed_at": result.as_of,
            "children": [
                {
                    "unit": figure.unit,
                    "value": figure.value,
                    "formatted": indicator.format(figure.value),
                    "terms": [{"words": w, "number": n} for w, n in indicator.terms(figure.parts)],
                }
                for figure in result.children
            ],
        }
        return Response(IndicatorDetailSerializer(data).data)


# --------------------------------------------------------------------------------------------
# The federal statistical figure (seed 002 §9)
# --------------------------------------------------------------------------------------------


@extend_schema_serializer(description="Подтверждённые куратором сведения организации за отчётный год.")
class FederalReportSerializer(serializers.ModelSerializer):
    """A confirmation: the organization, the reporting year, the figure confirmed, who (by
    name) and when."""

    organization_name = serializers.CharField(source="organization.full_name", read_only=True)
    confirmed_by_name = UserNameField(source="confirmed_by")

    class Meta:
        model = FederalStatisticsReport
        fields = [
            "id",
            "organization",
            "organization_name",
            "year",
            "figure",
            "learners_figure",
            "confirmed_by_name",
            "confirmed_at",
        ]
        read_only_fields = fields


class FederalReportFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="Отчётный год", min_value=2000, max_value=2100)
    organization = django_filters.NumberFilter(field_name="organization_id", label="Организация", min_value=1)

    class Meta:
        model = FederalStatisticsReport
        fields = ["year", "organization"]


@extend_schema_view(
    list=extend_schema(
        summary="Подтверждённые сведения",
        description="Сведения для федерального статистического наблюдения, подтверждённые кураторами организаций.",
    ),
    retrieve=extend_schema(
        summary="Подтверждённые сведения организации", description="Кто и когда подтвердил число."
    ),
)
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


@extend_schema_serializer(
    description="Сведения организации: по данным системы, подтверждённое число, расхождение, состояние."
)
class OrganizationFigureSerializer(serializers.Serializer):
    """One organization's figure for a year (``federal.OrgFigure``): participants who completed
    the full cycle by the system's data (``live``), the confirmed figure, the difference, the
    state, who confirmed and when."""

    organization = serializers.IntegerField(source="organization.pk")
    organization_name = serializers.CharField(source="organization.full_name")
    live = serializers.IntegerField()
    confirmed = serializers.IntegerField(allow_null=True)
    difference = serializers.IntegerField(allow_null=True)
    live_learners = serializers.IntegerField()
    confirmed_learners = serializers.IntegerField(allow_null=True)
    learners_difference = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=list(STATUS_LABELS.items()))
    status_display = serializers.CharField(source="status_label")
    confirmed_by_name = serializers.SerializerMethodField()
    confirmed_at = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_confirmed_by_name(self, figure) -> str:
        report = figure.report
        return user_name(report.confirmed_by) if report is not None and report.confirmed_by_id else ""

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_confirmed_at(self, figure):
        report = figure.report
        return (
            serializers.DateTimeField().to_representation(report.confirmed_at) if report is not None else None
        )


@extend_schema_serializer(description="Итоги муниципалитета (региона) по организациям.")
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
    live_learners = serializers.IntegerField()
    confirmed_learners = serializers.IntegerField()


@extend_schema_serializer(
    description="Сведения для федерального статистического наблюдения организации или территории за отчётный год."
)
class FederalFigureSerializer(serializers.Serializer):
    """The figure of a unit for a reporting year as the page «Сведения для федерального
    статистического наблюдения» shows it: the totals over its organizations and by municipality
    (by region on the federal unit's page), the counts by state, the deadline (20 January) and
    the days left; for an organization also its own line (``organization_figure``)."""

    id = serializers.IntegerField(source="unit.pk")
    full_name = serializers.CharField(source="unit.full_name")
    level = serializers.CharField(source="unit.level")
    year = serializers.IntegerField()
    overall = TotalSerializer()
    totals = TotalSerializer(many=True)
    status_counts = serializers.DictField(child=serializers.IntegerField())
    deadline = serializers.DateField()
    countdown = serializers.CharField()
    organization_figure = OrganizationFigureSerializer(allow_null=True)


@extend_schema_serializer(description="Подтверждение сведений: отчётный год и число, которое видел куратор.")
class ConfirmInputSerializer(serializers.Serializer):
    """The confirmation: the reporting year and the figure the curator saw (``expected``; when
    the data changed meanwhile nothing is saved and the answer says the new number)."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    expected = serializers.IntegerField(required=False, allow_null=True, min_value=0, default=None)
    expected_learners = serializers.IntegerField(required=False, allow_null=True, min_value=0, default=None)


YEAR_PARAMETER = OpenApiParameter("year", int, description="Отчётный год (по умолчанию — текущий отчётный)")


def parse_year_param(raw) -> int:
    """The reporting year of ``?year=`` (``federal.parse_year``); a 400 when it cannot be read."""
    year, error = parse_year(raw)
    if error:
        raise exceptions.ValidationError({"year": [error.split(". ")[0] + "."]})
    return year


@extend_schema_view(
    list=extend_schema(
        summary="Организации и территории со сведениями",
        description="Организации и территории, сведения для федерального статистического наблюдения которых доступны пользователю.",
    ),
)
@extend_schema(tags=["Федеральное статистическое наблюдение"])
class FederalFigureViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The federal statistical figure by unit, as its pages compute it (``monitoring.federal``):
    the units whose figure the user reads (``views_federal.federal_units``: the right
    ``federalstatisticsreport`` view; 403 without it), the figure of one of them for a year
    (``retrieve``), and the curator's confirmation of an organization's figure (``confirm``,
    ``services.federal.federal_figure_confirm``: 403 with the reason for anyone but the
    organization's curator). A unit out of reach is a 404; an unreadable year a 400."""

    queryset = OrgUnit.objects.all()
    scope_model = "orgunit"
    required_right = ("federalstatisticsreport", "view")
    refusal = VIEW_REFUSAL
    filterset_class = UnitLevelFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return OrgUnit.objects.none()
        return federal_units(self.request.user).filter(level__in=UNIT_LEVELS)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return FederalFigureSerializer
        if self.action == "confirm":
            return ConfirmInputSerializer
        return UnitSerializer

    def _figure(self, unit, year: int) -> Response:
        table = federal_table(self.request.user, unit, year)
        own = organization_figure(unit, year) if unit.level == Level.ORGANIZATION else None
        data = {
            "unit": unit,
            "year": year,
            "overall": table.overall,
            "totals": table.totals,
            "status_counts": table.status_counts,
            "deadline": table.deadline,
            "countdown": table.countdown,
            "organization_figure": own,
        }
        return Response(FederalFigureSerializer(data).data)

    @extend_schema(
        parameters=[YEAR_PARAMETER],
        filters=False,
        summary="Сведения организации или территории",
        description=(
            "Итоги за отчётный год: прошедшие полный цикл по данным системы, подтверждённые числа, "
            "расхождения, срок (20 января); для организации — её собственная строка."
        ),
    )
    def retrieve(self, request, *args, **kwargs):
        unit = self.get_object()
        return self._figure(unit, parse_year_param(request.query_params.get("year")))

    @extend_schema(
        request=ConfirmInputSerializer,
        responses=FederalFigureSerializer,
        filters=False,
        summary="Подтвердить сведения организации",
        description=(
            "Куратор организации подтверждает число участников, прошедших полный цикл программы "
            "наставничества за отчётный год. Если данные изменились после того, как число было "
            "показано (expected), ничего не сохраняется."
        ),
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def confirm(self, request, pk=None):
        unit = self.get_object()
        serializer = ConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        year = parse_year_param(str(serializer.validated_data["year"]))
        federal_figure_confirm(
            organization=unit,
            year=year,
            by=request.user,
            expected=serializer.validated_data["expected"],
            expected_learners=serializer.validated_data["expected_learners"],
        )
        return self._figure(unit, year)


def register(router) -> None:
    """Register this app's viewsets on the API ``router``: ``questionnaires``, ``answers``,
    ``indicator-units``, ``federal-reports``, ``federal-figures``."""
    router.register("questionnaires", QuestionnaireViewSet, basename="questionnaire")
    router.register("answers", AnswerViewSet, basename="answer")
    router.register("indicator-units", IndicatorUnitViewSet, basename="indicator-unit")
    router.register("federal-reports", FederalReportViewSet, basename="federal-report")
    router.register("federal-figures", FederalFigureViewSet, basename="federal-figure")
