"""The REST API of the professional development of teachers (issue 18 on top of issue 17's API):
individual educational routes, diagnoses with their results by area and deficits, the deficits
on their own, the catalogue of courses, the enrolments and the assignments of the ЦНППМ's tutors
(seed 000 §4.3.2–4.3.3, App. 2 §2.2–2.7, §3.1–3.4; 003 §3.2).

The rows are the pages' (``for_user``: a row out of the user's scope is a 404 — a tutor reaches
only the teachers assigned to them; the FilterSets of the list pages where there is one). A
teacher without a valid consent to personal-data processing is named only to those who reach
them anyway (152-ФЗ art. 9, ``people.consent.hide_unconsented``): to everyone else the name reads
«участник скрыт…» and the id is ``null``.

Writes are ``POST`` actions calling the pages' services, which check the user's right
themselves: a refusal is a Russian 403 with its reason, a broken rule a 400 keyed by field
(``core.api.exception_handler``).

Addresses (under ``/api/v1/``):

- ``development/routes/`` and ``development/routes/{id}/`` — the routes with their activities,
  corrections, reflections and history; ``…/{id}/comment/``, ``…/{id}/start/``,
  ``…/{id}/complete/`` — the comment, the start and the completion
  (``services.routes.route_comment|route_start|route_complete``);
- ``development/diagnoses/`` and ``…/{id}/`` — the diagnoses with the results by area and the
  deficits found;
- ``development/deficits/`` and ``…/{id}/`` — the professional difficulties (deficits);
- ``development/courses/`` and ``…/{id}/``; ``…/{id}/apply/`` — an application
  (``services.courses.enrollment_apply``);
- ``development/enrollments/`` and ``…/{id}/``; ``…/{id}/enroll/``, ``…/{id}/complete/``,
  ``…/{id}/withdraw/`` — the steps of an enrolment (``services.courses``);
- ``development/tutor-assignments/`` and ``…/{id}/`` — who follows whom.
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from nastavnik.access.choices import Action
from nastavnik.access.scope import get_scope
from nastavnik.core.api import ScopedViewSetMixin, UserNameField
from nastavnik.development.choices import (
    CLOSED_ACTIVITY_STATUSES,
    ActivityKind,
    ActivityStatus,
    DeficitLevel,
    DeficitSource,
    EnrollmentStatus,
)
from nastavnik.development.choosers import applicants
from nastavnik.development.filtersets_courses import CourseFilterSet
from nastavnik.development.filtersets_diagnoses import DiagnosisFilterSet
from nastavnik.development.filtersets_routes import IndividualRouteFilterSet
from nastavnik.development.models import (
    Course,
    Deficit,
    Diagnosis,
    DiagnosisResult,
    Enrollment,
    IndividualRoute,
    RouteActivity,
    RouteCorrection,
    RouteEvent,
    RouteReflection,
    TutorAssignment,
)
from nastavnik.development.services import courses as course_services
from nastavnik.development.services import routes as route_services
from nastavnik.people.consent import HIDDEN_PERSON, hide_unconsented
from nastavnik.reference.models import CompetenceArea

TAG = "Профессиональное развитие"

# Shared fields -------------------------------------------------------------------------------


@extend_schema_serializer(description="Запись, названная для людей: идентификатор и наименование.")
class DevelopmentRefSerializer(serializers.Serializer):
    """A row named for people: ``{"id": int | null, "name": str}`` (a teacher, an organization, a
    competence area, a course); the id of a hidden teacher is ``null``."""

    id = serializers.IntegerField(allow_null=True, help_text="Идентификатор; пусто — педагог скрыт.")
    name = serializers.CharField(help_text="Наименование (для педагога — фамилия, имя, отчество).")


def ref(row) -> dict | None:
    """``row`` as ``{"id", "name"}``: a person by ``full_name``, a hidden one
    (``people.consent.HiddenPerson``) as ``{"id": None, "name": HIDDEN_PERSON}``, anything else by
    ``str``; ``None`` for no row."""
    if row is None:
        return None
    if getattr(row, "is_hidden", False):
        return {"id": None, "name": HIDDEN_PERSON}
    return {"id": row.pk, "name": getattr(row, "full_name", None) or str(row)}


@extend_schema_field(DevelopmentRefSerializer(allow_null=True))
class RefField(serializers.Field):
    """Read only: a related row as :func:`ref` (``null`` when empty)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return ref(value)


@extend_schema_field(DevelopmentRefSerializer(many=True))
class RefListField(serializers.Field):
    """Read only: the prefetched rows of a many-to-many relation as ``[{"id", "name"}]``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return [ref(row) for row in value.all()]


class HidePeopleMixin:
    """A viewset whose rows name a teacher (``hidden_fields``, paths as for
    ``people.consent.hide_unconsented``): before serializing a page or a row, the teachers the
    user must not see named are replaced by hidden ones (two queries at most)."""

    hidden_fields: tuple[str, ...] = ("person",)

    def get_serializer(self, *args, **kwargs):
        if args and not getattr(self, "swagger_fake_view", False) and self.action in ("list", "retrieve"):
            rows = args[0]
            single = not isinstance(rows, list | tuple)
            shown = hide_unconsented(self.request.user, [rows] if single else rows, *self.hidden_fields)
            args = (shown[0] if single else shown, *args[1:])
        return super().get_serializer(*args, **kwargs)


# Diagnoses and deficits ----------------------------------------------------------------------


@extend_schema_serializer(
    description="Профессиональное затруднение (дефицит компетенций) педагога в одной области.",
    component_name="DevelopmentDeficit",  # «Deficit» is the bank's mentee card's
)
class DeficitSerializer(serializers.ModelSerializer):
    """A deficit of a teacher in one competence area (seed 000 §4.3.3 step 3): its level (1
    minor, 2 marked, 3 critical), who found it and when, the diagnosis it comes from (``null``:
    recorded in the bank's card or self-assessed in a questionnaire)."""

    person = RefField(help_text="Педагог.")
    organization = RefField(help_text="Организация, в которой выявлено затруднение.")
    area = RefField(help_text="Область компетенций.")
    level = serializers.ChoiceField(choices=DeficitLevel.choices, read_only=True, help_text="Выраженность.")
    level_display = serializers.CharField(
        source="get_level_display", read_only=True, help_text="Выраженность словами."
    )
    source = serializers.ChoiceField(choices=DeficitSource.choices, read_only=True, help_text="Кто выявил.")
    source_display = serializers.CharField(
        source="get_source_display", read_only=True, help_text="Кто выявил, словами."
    )

    class Meta:
        model = Deficit
        fields = [
            "id",
            "person",
            "organization",
            "diagnosis",
            "area",
            "level",
            "level_display",
            "source",
            "source_display",
            "diagnosed_on",
            "description",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "diagnosis": {"help_text": "Диагностика, которой выявлено; пусто — записано вне диагностики."},
            "diagnosed_on": {"help_text": "Дата диагностики."},
            "description": {"help_text": "Описание затруднения."},
        }


@extend_schema_serializer(description="Результат диагностики по одной области компетенций.")
class DiagnosisResultSerializer(serializers.ModelSerializer):
    """The level (1–5) and the achievements in one area (seed 000 §4.3.3 step 2)."""

    area = RefField(help_text="Область компетенций.")
    level_display = serializers.CharField(
        source="get_level_display", read_only=True, help_text="Уровень словами."
    )

    class Meta:
        model = DiagnosisResult
        fields = ["area", "level", "level_display", "achievements"]
        read_only_fields = fields
        extra_kwargs = {
            "level": {"help_text": "Уровень сформированности компетенций, от 1 до 5."},
            "achievements": {"help_text": "Достижения, достоинства и ресурсы."},
        }


@extend_schema_serializer(
    description="Диагностика педагога: вид, кто провёл, дата, число выявленных затруднений."
)
class DiagnosisSerializer(serializers.ModelSerializer):
    """A diagnosis in a list: the teacher, the organization, the kind (self or expert), who
    conducted it, the date, the route it belongs to and the number of deficits found."""

    person = RefField(help_text="Педагог.")
    organization = RefField(help_text="Организация, в контексте которой проведена диагностика.")
    kind_display = serializers.CharField(source="get_kind_display", read_only=True, help_text="Вид словами.")
    source_display = serializers.CharField(
        source="get_source_display", read_only=True, help_text="Кто провёл, словами."
    )
    expert_name = UserNameField(
        source="expert", help_text="Эксперт; пусто — самодиагностика или эксперт не указан."
    )
    deficit_count = serializers.IntegerField(read_only=True, help_text="Выявлено затруднений.")

    class Meta:
        model = Diagnosis
        fields = [
            "id",
            "person",
            "organization",
            "route",
            "kind",
            "kind_display",
            "source",
            "source_display",
            "expert_name",
            "conducted_on",
            "comment",
            "deficit_count",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "route": {"help_text": "Индивидуальный образовательный маршрут; пусто — вне маршрута."},
            "kind": {"help_text": "Вид: самодиагностика или экспертная диагностика."},
            "source": {"help_text": "Кто провёл диагностику."},
            "conducted_on": {"help_text": "Дата диагностики."},
            "comment": {"help_text": "Выводы и комментарий."},
            "created_at": {"help_text": "Когда внесена."},
        }


@extend_schema_serializer(
    description="Диагностика педагога с результатами по областям компетенций и выявленными затруднениями."
)
class DiagnosisDetailSerializer(DiagnosisSerializer):
    """A diagnosis with its results by area (in the order of the areas) and its deficits."""

    results = DiagnosisResultSerializer(many=True, read_only=True, help_text="Результаты по областям.")
    deficits = DeficitSerializer(many=True, read_only=True, help_text="Выявленные затруднения.")

    class Meta(DiagnosisSerializer.Meta):
        fields = [*DiagnosisSerializer.Meta.fields, "results", "deficits"]
        read_only_fields = fields


class DeficitFilterSet(django_filters.FilterSet):
    """The deficits of one teacher (``person``), of a diagnosis (``diagnosis``), of an area
    (``area``), of a level (``level``) and of a source (``source``)."""

    person = django_filters.NumberFilter(field_name="person_id", label="Педагог", min_value=1)
    diagnosis = django_filters.NumberFilter(field_name="diagnosis_id", label="Диагностика", min_value=1)
    area = django_filters.ModelChoiceFilter(
        label="Область компетенций", queryset=CompetenceArea.objects.all()
    )
    level = django_filters.ChoiceFilter(choices=DeficitLevel.choices, label="Выраженность")
    source = django_filters.ChoiceFilter(choices=DeficitSource.choices, label="Кто выявил")

    class Meta:
        model = Deficit
        fields = ["person", "diagnosis", "area", "level", "source"]


@extend_schema_view(
    list=extend_schema(
        summary="Диагностики педагогов",
        description=(
            "Диагностики, доступные пользователю: свои, педагогов его организаций, закреплённых "
            "за тьютором, наставляемых наставника. Фильтры — как в списке на странице."
        ),
    ),
    retrieve=extend_schema(
        summary="Диагностика педагога",
        description="Диагностика с уровнями и достижениями по областям компетенций и выявленными затруднениями.",
    ),
)
@extend_schema(tags=[TAG])
class DiagnosisViewSet(HidePeopleMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Diagnoses of the user's scope (``Diagnosis.objects.for_user``); 404 outside it."""

    queryset = Diagnosis.objects.all()
    filterset_class = DiagnosisFilterSet
    refusal = (
        "Диагностики педагогов видят сами педагоги, их наставники, тьюторы ЦНППМ и те, кто ведёт организации."
    )

    def base_queryset(self):
        queryset = Diagnosis.objects.select_related("person", "organization", "expert__person").annotate(
            deficit_count=Count("deficits", distinct=True)
        )
        if self.action != "list":
            queryset = queryset.prefetch_related(
                Prefetch("results", queryset=DiagnosisResult.objects.select_related("area")),
                Prefetch(
                    "deficits",
                    queryset=Deficit.objects.select_related("person", "organization", "area").order_by(
                        "area__sort_order", "pk"
                    ),
                ),
            )
        return queryset

    def get_serializer_class(self):
        return DiagnosisSerializer if self.action == "list" else DiagnosisDetailSerializer

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if self.action == "retrieve" and args:
            # the deficits name the same teacher as the diagnosis (hidden alike)
            diagnosis = args[0]
            for deficit in diagnosis.deficits.all():
                deficit._state.fields_cache["person"] = diagnosis.person
        return serializer


@extend_schema_view(
    list=extend_schema(
        summary="Профессиональные затруднения",
        description=(
            "Затруднения (дефициты компетенций) педагогов, доступных пользователю: выявленные "
            "диагностикой, записанные в карточке наставляемого или отмеченные в анкете."
        ),
    ),
    retrieve=extend_schema(
        summary="Профессиональное затруднение", description="Затруднение педагога в одной области."
    ),
)
@extend_schema(tags=[TAG])
class DeficitViewSet(HidePeopleMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Deficits of the user's scope (``Deficit.objects.for_user``: the rights of ``diagnosis``)."""

    queryset = Deficit.objects.all()
    serializer_class = DeficitSerializer
    filterset_class = DeficitFilterSet
    refusal = DiagnosisViewSet.refusal

    def base_queryset(self):
        return Deficit.objects.select_related("person", "organization", "area")


# Routes --------------------------------------------------------------------------------------


@extend_schema_serializer(
    description="Мероприятие дорожной карты маршрута: вид, срок, затруднения, программа, исполнение и продукт."
)
class RouteActivitySerializer(serializers.ModelSerializer):
    """An activity of the route's roadmap (seed 000 §4.3.3 steps 4–5): its kind, period, the
    deficits it addresses (ids), the course of the catalogue (for a course), its state, the
    pedagogical product and the teacher's judgment of the result."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True, help_text="Вид словами.")
    status_display = serializers.CharField(
        source="get_status_display", read_only=True, help_text="Исполнение словами."
    )
    course = RefField(help_text="Программа повышения квалификации; пусто — не обучение.")
    deficits = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Затруднения, на которые направлено мероприятие."
    )
    has_product_file = serializers.SerializerMethodField(help_text="Приложен ли файл продукта.")
    overdue = serializers.SerializerMethodField(help_text="Просрочено на сегодня.")

    class Meta:
        model = RouteActivity
        fields = [
            "id",
            "kind",
            "kind_display",
            "title",
            "description",
            "starts_on",
            "ends_on",
            "deficits",
            "course",
            "status",
            "status_display",
            "overdue",
            "product_kind",
            "product_title",
            "product_url",
            "has_product_file",
            "self_assessment",
            "done_on",
            "version",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "kind": {"help_text": "Вид мероприятия."},
            "title": {"help_text": "Наименование."},
            "description": {"help_text": "Содержание."},
            "starts_on": {"help_text": "Начало."},
            "ends_on": {"help_text": "Окончание."},
            "status": {"help_text": "Исполнение."},
            "product_kind": {"help_text": "Вид педагогического продукта; пусто — продукта нет."},
            "product_title": {"help_text": "Педагогический продукт."},
            "product_url": {"help_text": "Ссылка на продукт."},
            "self_assessment": {"help_text": "Отношение педагога к достигнутому результату."},
            "done_on": {"help_text": "Дата выполнения."},
            "version": {"help_text": "Версия записи (для оптимистической блокировки)."},
        }

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_has_product_file(self, activity: RouteActivity) -> bool:
        return bool(activity.product_file)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, activity: RouteActivity) -> bool:
        return activity.is_overdue(self.context.get("today"))


@extend_schema_serializer(description="Корректировка дорожной карты маршрута с причиной и обоснованием.")
class RouteCorrectionSerializer(serializers.ModelSerializer):
    """A correction of the roadmap (seed 000 §4.3.3 step 6): what changed, why, who and when."""

    reason_display = serializers.CharField(
        source="get_reason_display", read_only=True, help_text="Причина словами."
    )
    made_by_name = UserNameField(source="made_by", help_text="Кто внёс; пусто — система.")

    class Meta:
        model = RouteCorrection
        fields = [
            "id",
            "activity",
            "reason",
            "reason_display",
            "explanation",
            "description",
            "made_by_name",
            "made_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "activity": {"help_text": "Мероприятие; пусто — дорожная карта в целом."},
            "reason": {"help_text": "Причина."},
            "explanation": {"help_text": "Обоснование."},
            "description": {"help_text": "Что изменено."},
            "made_at": {"help_text": "Когда внесена."},
        }


@extend_schema_serializer(description="Рефлексивный анализ маршрута по одному затруднению.")
class RouteReflectionSerializer(serializers.ModelSerializer):
    """What became of one deficit by the end of the route and the teacher's analysis (seed 000
    §4.3.3 step 7)."""

    area = RefField(source="deficit.area", help_text="Область компетенций затруднения.")
    outcome_display = serializers.CharField(
        source="get_outcome_display", read_only=True, help_text="Итог словами."
    )

    class Meta:
        model = RouteReflection
        fields = ["id", "deficit", "area", "outcome", "outcome_display", "analysis"]
        read_only_fields = fields
        extra_kwargs = {
            "deficit": {"help_text": "Затруднение."},
            "outcome": {"help_text": "Итог по затруднению."},
            "analysis": {"help_text": "Анализ."},
        }


@extend_schema_serializer(description="Событие истории маршрута: что сделано, кем и когда, с комментарием.")
class RouteEventSerializer(serializers.ModelSerializer):
    """One step of the route's history (``RouteEvent``), as the route page lists it."""

    kind_display = serializers.CharField(
        source="get_kind_display", read_only=True, help_text="Событие словами."
    )
    author_name = UserNameField(source="author", help_text="Кто выполнил; пусто — система.")

    class Meta:
        model = RouteEvent
        fields = [
            "id",
            "kind",
            "kind_display",
            "summary",
            "comment",
            "author_name",
            "activity",
            "occurred_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "kind": {"help_text": "Событие."},
            "summary": {"help_text": "Что сделано."},
            "comment": {"help_text": "Комментарий."},
            "activity": {"help_text": "Мероприятие, к которому относится; пусто — маршрут в целом."},
            "occurred_at": {"help_text": "Время."},
        }


@extend_schema_serializer(
    description="Индивидуальный образовательный маршрут педагога: тема, срок, статус, ход реализации."
)
class RouteSerializer(serializers.ModelSerializer):
    """A route in a list: the teacher, the organization, the theme, the period, the status and the
    activities in all and done."""

    person = RefField(help_text="Педагог.")
    organization = RefField(help_text="Организация, в которой ведётся маршрут.")
    status_display = serializers.CharField(
        source="get_status_display", read_only=True, help_text="Статус словами."
    )
    activity_count = serializers.IntegerField(read_only=True, help_text="Мероприятий дорожной карты.")
    done_count = serializers.IntegerField(read_only=True, help_text="Из них выполнено.")

    class Meta:
        model = IndividualRoute
        fields = [
            "id",
            "person",
            "organization",
            "title",
            "status",
            "status_display",
            "starts_on",
            "ends_on",
            "started_on",
            "completed_on",
            "activity_count",
            "done_count",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "title": {"help_text": "Тема маршрута."},
            "status": {"help_text": "Статус."},
            "starts_on": {"help_text": "Начало."},
            "ends_on": {"help_text": "Окончание."},
            "started_on": {"help_text": "Когда начата реализация."},
            "completed_on": {"help_text": "Когда завершён."},
            "created_at": {"help_text": "Когда составлен."},
            "updated_at": {"help_text": "Когда изменён."},
            "version": {"help_text": "Версия записи (для оптимистической блокировки)."},
        }


@extend_schema_serializer(
    description=(
        "Маршрут с самоопределением, мероприятиями дорожной карты, корректировками, рефлексией и историей."
    )
)
class RouteDetailSerializer(RouteSerializer):
    """A route with its seven steps: the desired image (1), the diagnoses' ids (2–3), the
    activities (4–5), the corrections (6), the reflections and their summary (7), and the
    history, oldest first."""

    diagnoses = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Диагностики маршрута."
    )
    activities = RouteActivitySerializer(many=True, read_only=True, help_text="Мероприятия дорожной карты.")
    corrections = RouteCorrectionSerializer(many=True, read_only=True, help_text="Корректировки.")
    reflections = RouteReflectionSerializer(many=True, read_only=True, help_text="Рефлексия по затруднениям.")
    events = RouteEventSerializer(many=True, read_only=True, help_text="История маршрута.")

    class Meta(RouteSerializer.Meta):
        fields = [
            *RouteSerializer.Meta.fields,
            "desired_image",
            "reflection_summary",
            "diagnoses",
            "activities",
            "corrections",
            "reflections",
            "events",
        ]
        read_only_fields = fields
        extra_kwargs = {
            **RouteSerializer.Meta.extra_kwargs,
            "desired_image": {"help_text": "Желаемый образ себя как профессионала (самоопределение)."},
            "reflection_summary": {"help_text": "Рефлексия степени приближения к желаемому образу."},
        }


@extend_schema_serializer(description="Комментарий к маршруту.")
class RouteCommentInputSerializer(serializers.Serializer):
    """A comment of the tutor, the curator, the head, the mentor or the teacher's answer."""

    text = serializers.CharField(max_length=5000, help_text="Текст комментария.")


@extend_schema_serializer(description="Комментарий к началу реализации маршрута (необязателен).")
class RouteStartInputSerializer(serializers.Serializer):
    """An optional comment kept with the start in the route's history."""

    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000, help_text="Комментарий."
    )


@extend_schema_serializer(
    description="Рефлексия степени приближения к желаемому образу педагога-профессионала."
)
class RouteCompleteInputSerializer(serializers.Serializer):
    """How close the teacher came to the desired image (step 7), required."""

    summary = serializers.CharField(
        max_length=10000, help_text="Насколько педагог приблизился к желаемому образу профессионала."
    )


@extend_schema_serializer(description="Запись о комментарии в истории маршрута.")
class RouteCommentOutputSerializer(RouteEventSerializer):
    """The ``comment`` event written."""


@extend_schema_view(
    list=extend_schema(
        summary="Индивидуальные образовательные маршруты",
        description=(
            "Маршруты, доступные пользователю: свой, педагогов его организаций, закреплённых за "
            "тьютором, наставляемых наставника, организаций территорий. Фильтры — как в списке на странице."
        ),
    ),
    retrieve=extend_schema(
        summary="Индивидуальный образовательный маршрут",
        description="Маршрут с мероприятиями, корректировками, рефлексией и историей событий.",
    ),
)
@extend_schema(tags=[TAG])
class RouteViewSet(HidePeopleMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Routes of the user's scope (``IndividualRoute.objects.for_user``); 404 outside it. The
    comment, the start and the completion call ``services.routes``, which check the right (403
    with the reason) and the route's status (400)."""

    queryset = IndividualRoute.objects.all()
    filterset_class = IndividualRouteFilterSet

    def base_queryset(self):
        queryset = IndividualRoute.objects.select_related("person", "organization").annotate(
            activity_count=Count("activities", distinct=True),
            done_count=Count("activities", filter=Q(activities__status=ActivityStatus.DONE), distinct=True),
        )
        if self.action != "list":
            queryset = queryset.prefetch_related(
                Prefetch("diagnoses", queryset=Diagnosis.objects.only("pk", "route_id")),
                Prefetch(
                    "activities",
                    queryset=RouteActivity.objects.select_related("course").prefetch_related(
                        Prefetch("deficits", queryset=Deficit.objects.only("pk"))
                    ),
                ),
                Prefetch("corrections", queryset=RouteCorrection.objects.select_related("made_by__person")),
                Prefetch("reflections", queryset=RouteReflection.objects.select_related("deficit__area")),
                Prefetch("events", queryset=RouteEvent.objects.select_related("author__person")),
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "comment":
            return RouteCommentInputSerializer
        if self.action == "start":
            return RouteStartInputSerializer
        if self.action == "complete":
            return RouteCompleteInputSerializer
        return RouteSerializer if self.action == "list" else RouteDetailSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["today"] = timezone.localdate()
        return context

    def _input(self, request) -> dict:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _detail(self, route: IndividualRoute) -> Response:
        fresh = self.get_queryset().get(pk=route.pk)
        fresh = hide_unconsented(self.request.user, [fresh], *self.hidden_fields)[0]
        return Response(RouteDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        request=RouteCommentInputSerializer,
        responses={201: RouteCommentOutputSerializer},
        summary="Комментарий к маршруту",
        description=(
            "Комментарий тьютора ЦНППМ, куратора, руководителя или наставника; педагог отвечает на "
            "комментарии к своему маршруту. Сохраняется в истории маршрута."
        ),
    )
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        route = self.get_object()
        data = self._input(request)
        event = route_services.route_comment(by=request.user, route=route, text=data["text"])
        event = RouteEvent.objects.select_related("author__person").get(pk=event.pk)
        return Response(RouteCommentOutputSerializer(event).data, status=201)

    @extend_schema(
        request=RouteStartInputSerializer,
        responses=RouteDetailSerializer,
        summary="Начать реализацию маршрута",
        description=(
            "Составленный маршрут начинает реализовываться. Нужны описанный желаемый образ, "
            "диагностика с выявленными затруднениями и хотя бы одно мероприятие дорожной карты."
        ),
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        route = self.get_object()
        data = self._input(request)
        route = route_services.route_start(by=request.user, route=route, comment=data["comment"])
        return self._detail(route)

    @extend_schema(
        request=RouteCompleteInputSerializer,
        responses=RouteDetailSerializer,
        summary="Завершить маршрут",
        description=(
            "Реализуемый маршрут завершается: нужна рефлексия по каждому затруднению, на которое "
            "направлены мероприятия, и итоговая рефлексия приближения к желаемому образу."
        ),
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        route = self.get_object()
        data = self._input(request)
        route = route_services.route_complete(by=request.user, route=route, summary=data["summary"])
        return self._detail(route)


# Courses and enrolments ----------------------------------------------------------------------


@extend_schema_serializer(
    description="Программа повышения квалификации из каталога: объём, организация, форма, сроки, области."
)
class CourseSerializer(serializers.ModelSerializer):
    """A program of further professional education of the region's catalogue (seed 000 §4.3.2,
    App. 2 §2.7)."""

    owner = RefField(help_text="Чей каталог.")
    format_display = serializers.CharField(
        source="get_format_display", read_only=True, help_text="Форма обучения словами."
    )
    areas = RefListField(help_text="Области компетенций, на которые направлена программа.")

    class Meta:
        model = Course
        fields = [
            "id",
            "owner",
            "title",
            "hours",
            "provider",
            "format",
            "format_display",
            "starts_on",
            "ends_on",
            "areas",
            "description",
            "url",
            "is_mentoring_training",
            "is_published",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "title": {"help_text": "Наименование программы."},
            "hours": {"help_text": "Объём, часов."},
            "provider": {"help_text": "Организация, реализующая программу."},
            "format": {"help_text": "Форма обучения."},
            "starts_on": {"help_text": "Начало обучения; пусто — не указано."},
            "ends_on": {"help_text": "Окончание обучения; пусто — не указано."},
            "description": {"help_text": "Аннотация."},
            "url": {"help_text": "Страница программы."},
            "is_mentoring_training": {"help_text": "Программа подготовки наставников и кураторов."},
            "is_published": {"help_text": "Открыта для записи."},
            "created_at": {"help_text": "Когда добавлена в каталог."},
        }


@extend_schema_serializer(
    description="Зачисление педагога на программу: заявка, зачисление, завершение с удостоверением."
)
class EnrollmentSerializer(serializers.ModelSerializer):
    """A teacher's enrolment in a course: its status and dates, the certificate's number and
    whether its scan is attached, the route activity it was made from."""

    course = RefField(help_text="Программа.")
    person = RefField(help_text="Слушатель.")
    organization = RefField(help_text="Организация — место работы педагога.")
    status_display = serializers.CharField(
        source="get_status_display", read_only=True, help_text="Статус словами."
    )
    has_certificate_file = serializers.SerializerMethodField(help_text="Приложен ли скан удостоверения.")

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "course",
            "person",
            "organization",
            "activity",
            "status",
            "status_display",
            "applied_on",
            "enrolled_on",
            "completed_on",
            "certificate_number",
            "has_certificate_file",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "activity": {
                "help_text": "Мероприятие индивидуального образовательного маршрута; пусто — вне маршрута."
            },
            "status": {"help_text": "Статус."},
            "applied_on": {"help_text": "Заявка подана."},
            "enrolled_on": {"help_text": "Зачислен."},
            "completed_on": {"help_text": "Обучение завершено."},
            "certificate_number": {"help_text": "Номер удостоверения о повышении квалификации."},
            "created_at": {"help_text": "Когда внесено."},
        }

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_has_certificate_file(self, enrollment: Enrollment) -> bool:
        return bool(enrollment.certificate_file)


@extend_schema_serializer(
    description="Заявка на обучение: педагог и мероприятие его маршрута (необязательно)."
)
class ApplyInputSerializer(serializers.Serializer):
    """An application for the course: the teacher (the user themselves when omitted) and the
    course activity of their route it is made from (optional)."""

    person = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text="Педагог; пусто — сам пользователь.",
    )
    activity = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text="Мероприятие вида «обучение» индивидуального образовательного маршрута педагога.",
    )


@extend_schema_serializer(description="Дата зачисления на программу.")
class EnrollInputSerializer(serializers.Serializer):
    """The day the teacher was enrolled (today when omitted)."""

    enrolled_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Дата зачисления."
    )


@extend_schema_serializer(
    description="Завершение обучения: дата и номер удостоверения о повышении квалификации."
)
class CompleteInputSerializer(serializers.Serializer):
    """The completion of the course (the certificate's scan is attached on the course page)."""

    completed_on = serializers.DateField(help_text="Дата окончания обучения, не позже сегодняшней.")
    certificate_number = serializers.CharField(max_length=64, help_text="Номер удостоверения.")


@extend_schema_serializer(description="Причина отзыва заявки (необязательно).")
class WithdrawInputSerializer(serializers.Serializer):
    """Why the application is withdrawn (optional)."""

    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000, help_text="Причина."
    )


class EnrollmentFilterSet(django_filters.FilterSet):
    """The enrolments in one course (``course``), of one teacher (``person``), of a status
    (``status``)."""

    course = django_filters.NumberFilter(field_name="course_id", label="Программа", min_value=1)
    person = django_filters.NumberFilter(field_name="person_id", label="Слушатель", min_value=1)
    status = django_filters.ChoiceFilter(choices=EnrollmentStatus.choices, label="Статус")

    class Meta:
        model = Enrollment
        fields = ["course", "person", "status"]


def _enrollments():
    return Enrollment.objects.select_related("course", "person", "organization")


@extend_schema_view(
    list=extend_schema(
        summary="Программы повышения квалификации",
        description="Каталог программ, доступный пользователю. Фильтры — как в каталоге на странице.",
    ),
    retrieve=extend_schema(summary="Программа повышения квалификации", description="Программа из каталога."),
)
@extend_schema(tags=[TAG])
class CourseViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The catalogue of courses the user reads (``Course.objects.for_user``); ``apply`` files an
    application (``services.courses.enrollment_apply``)."""

    queryset = Course.objects.all()
    filterset_class = CourseFilterSet

    def base_queryset(self):
        return Course.objects.select_related("owner").prefetch_related("areas")

    def get_serializer_class(self):
        return ApplyInputSerializer if self.action == "apply" else CourseSerializer

    @extend_schema(
        request=ApplyInputSerializer,
        responses={201: EnrollmentSerializer},
        summary="Подать заявку на обучение",
        description=(
            "Заявка педагога на программу: за себя или — куратору, руководителю, ЦНППМ — за "
            "педагога своей организации; может быть подана из мероприятия вида «обучение» его маршрута."
        ),
        filters=False,
    )
    @action(
        detail=True,
        methods=["post"],
        required_right=("enrollment", Action.ADD),
        refusal="Записывать на программы повышения квалификации вы не можете.",
        filterset_class=None,
    )
    def apply(self, request, pk=None):
        course = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user
        person_id = data["person"] or get_scope(user).person_id
        if person_id is None:
            raise serializers.ValidationError({"person": ["Укажите педагога."]})
        person = applicants(user).filter(pk=person_id).first()
        if person is None:
            raise serializers.ValidationError({"person": ["Этого педагога вы записать не можете."]})
        activity = None
        if data["activity"] is not None:
            activity = (
                RouteActivity.objects.filter(
                    pk=data["activity"],
                    kind=ActivityKind.COURSE,
                    route__in=IndividualRoute.objects.for_user(user, Action.CHANGE),
                )
                .exclude(status__in=CLOSED_ACTIVITY_STATUSES)
                .first()
            )
            if activity is None:
                raise serializers.ValidationError(
                    {
                        "activity": [
                            "Выберите открытое мероприятие вида «обучение» маршрута, который вы ведёте."
                        ]
                    }
                )
        enrollment = course_services.enrollment_apply(
            by=user, course=course, person=person, activity=activity
        )
        return Response(EnrollmentSerializer(_enrollments().get(pk=enrollment.pk)).data, status=201)


@extend_schema_view(
    list=extend_schema(
        summary="Зачисления на программы",
        description=(
            "Заявки и зачисления педагогов, доступных пользователю, на программы повышения квалификации."
        ),
    ),
    retrieve=extend_schema(
        summary="Зачисление на программу", description="Заявка, зачисление или завершение обучения."
    ),
)
@extend_schema(tags=[TAG])
class EnrollmentViewSet(HidePeopleMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Enrolments of the user's scope (``Enrollment.objects.for_user``). ``enroll`` and
    ``complete`` are marked by the keepers of the course's catalogue, ``withdraw`` by whoever may
    change the enrolment (``services.courses`` checks; 403 with the reason)."""

    queryset = Enrollment.objects.all()
    filterset_class = EnrollmentFilterSet

    def base_queryset(self):
        return _enrollments()

    def get_serializer_class(self):
        return {
            "enroll": EnrollInputSerializer,
            "complete": CompleteInputSerializer,
            "withdraw": WithdrawInputSerializer,
        }.get(self.action, EnrollmentSerializer)

    def _step(self, request, step) -> Response:
        enrollment = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        step(by=request.user, enrollment=enrollment, **serializer.validated_data)
        fresh = hide_unconsented(request.user, [_enrollments().get(pk=enrollment.pk)], *self.hidden_fields)[0]
        return Response(EnrollmentSerializer(fresh).data)

    @extend_schema(
        request=EnrollInputSerializer,
        responses=EnrollmentSerializer,
        summary="Зачислить на программу",
        description="Координатор ЦНППМ или региональный оператор отмечают зачисление по заявке.",
    )
    @action(detail=True, methods=["post"])
    def enroll(self, request, pk=None):
        return self._step(request, course_services.enrollment_enroll)

    @extend_schema(
        request=CompleteInputSerializer,
        responses=EnrollmentSerializer,
        summary="Завершить обучение",
        description=(
            "Координатор ЦНППМ или региональный оператор отмечают окончание обучения с номером "
            "удостоверения; скан удостоверения прикладывается на странице программы."
        ),
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._step(request, course_services.enrollment_complete)

    @extend_schema(
        request=WithdrawInputSerializer,
        responses=EnrollmentSerializer,
        summary="Отозвать заявку",
        description="Заявку или зачисление отзывает педагог, куратор, руководитель или ЦНППМ.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._step(request, course_services.enrollment_withdraw)


# Tutors --------------------------------------------------------------------------------------


@extend_schema_serializer(description="Закрепление тьютора ЦНППМ за педагогом или организацией на срок.")
class TutorAssignmentSerializer(serializers.ModelSerializer):
    """A tutor of the ЦНППМ assigned to one teacher or to all the teachers of an organization
    (seed 000 §4.3.2), in force from ``starts_on`` until ``ends_on`` (open when empty)."""

    tutor_name = UserNameField(source="tutor", help_text="Тьютор.")
    person = RefField(help_text="Педагог; пусто — закреплён за организацией.")
    organization = RefField(help_text="Организация; пусто — закреплён за педагогом.")
    assigned_by_name = UserNameField(source="assigned_by", help_text="Кто закрепил; пусто — система.")
    is_active = serializers.SerializerMethodField(help_text="Действует сегодня.")

    class Meta:
        model = TutorAssignment
        fields = [
            "id",
            "tutor_name",
            "person",
            "organization",
            "starts_on",
            "ends_on",
            "is_active",
            "assigned_by_name",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "starts_on": {"help_text": "Действует с."},
            "ends_on": {"help_text": "Действует по; пусто — бессрочно."},
            "created_at": {"help_text": "Когда закреплён."},
        }

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_active(self, assignment: TutorAssignment) -> bool:
        today = self.context.get("today") or timezone.localdate()
        return assignment.starts_on <= today and (assignment.ends_on is None or assignment.ends_on >= today)


class TutorAssignmentFilterSet(django_filters.FilterSet):
    """Assignments of one teacher (``person``), of one organization (``organization``), in force
    today or not (``active``)."""

    person = django_filters.NumberFilter(field_name="person_id", label="Педагог", min_value=1)
    organization = django_filters.NumberFilter(field_name="organization_id", label="Организация", min_value=1)
    active = django_filters.BooleanFilter(method="filter_active", label="Действует сегодня")

    class Meta:
        model = TutorAssignment
        fields = ["person", "organization", "active"]

    def filter_active(self, queryset, name, value):
        if value is None:
            return queryset
        active = TutorAssignment.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)


@extend_schema_view(
    list=extend_schema(
        summary="Закрепления тьюторов ЦНППМ",
        description=(
            "Координатору ЦНППМ и региональному оператору — закрепления их территории, тьютору — "
            "свои, педагогу — кто его тьютор."
        ),
    ),
    retrieve=extend_schema(
        summary="Закрепление тьютора ЦНППМ", description="Тьютор, педагог или организация, срок."
    ),
)
@extend_schema(tags=[TAG])
class TutorAssignmentViewSet(HidePeopleMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Assignments of the user's scope (``TutorAssignment.objects.for_user``)."""

    queryset = TutorAssignment.objects.all()
    serializer_class = TutorAssignmentSerializer
    filterset_class = TutorAssignmentFilterSet
    refusal = "Закрепления тьюторов видят координатор ЦНППМ, региональный оператор, тьюторы и сами педагоги."

    def base_queryset(self):
        return TutorAssignment.objects.select_related(
            "tutor__person", "person", "organization", "assigned_by__person"
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["today"] = timezone.localdate()
        return context


def register(router) -> None:
    """Register this app's viewsets on the API ``router`` under ``development/``: ``routes``,
    ``diagnoses``, ``deficits``, ``courses``, ``enrollments``, ``tutor-assignments``."""
    router.register("development/routes", RouteViewSet, basename="development-route")
    router.register("development/diagnoses", DiagnosisViewSet, basename="development-diagnosis")
    router.register("development/deficits", DeficitViewSet, basename="development-deficit")
    router.register("development/courses", CourseViewSet, basename="development-course")
    router.register("development/enrollments", EnrollmentViewSet, basename="development-enrollment")
    router.register(
        "development/tutor-assignments", TutorAssignmentViewSet, basename="development-tutor-assignment"
    )
