"""The REST API of roadmaps (issue 17, build 1): the roadmaps in the user's scope with their
sections and activities, the activities on their own, and the workflow's steps as ``POST``
endpoints calling the same services as the pages (``services.roadmap_submit``…, seed 002 §6,
000 §4.2 and App. 2) — the services check the user's right themselves, so a refusal is the
page's, as a Russian 403 JSON (``core.api.exception_handler``).

Addresses (under ``/api/v1/``):

- ``roadmaps/`` — list (the FilterSet of the list page: ``q``, ``level``, ``status``, ``year``)
  and ``roadmaps/{id}/`` — the roadmap with its sections, activities, progress and the steps the
  user may take now;
- ``roadmaps/{id}/submit|withdraw|return|approve|reopen/`` — the workflow's steps
  (``rules.TRANSITIONS``), ``roadmaps/{id}/comment/`` — a remark kept in the history;
- ``roadmap-activities/`` (``?roadmap=``, ``?status=``, ``?overdue=``) and
  ``roadmap-activities/{id}/``, ``roadmap-activities/{id}/report/`` — the execution of an
  activity (``services.item_report``), ``roadmap-activities/{id}/evidence/`` — a file confirming
  it (``services.evidence_add``, multipart), ``roadmap-activities/{id}/evidence/{evidence id}/``
  — its download, written to the journal as the page's.
"""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, parsers, renderers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from nastavnik.access.choices import Action
from nastavnik.core.api import FileRenderer, ScopedViewSetMixin, UserNameField
from nastavnik.core.files import private_file_response
from nastavnik.roadmaps import services
from nastavnik.roadmaps.choices import ItemStatus, Recurrence, RoadmapStatus
from nastavnik.roadmaps.filtersets import RoadmapFilterSet
from nastavnik.roadmaps.models import (
    Roadmap,
    RoadmapEvent,
    RoadmapEvidence,
    RoadmapItem,
    RoadmapItemQuerySet,
    RoadmapSection,
    overdue_q,
)
from nastavnik.roadmaps.rules import TRANSITIONS, available_transitions
from nastavnik.roadmaps.selectors import Progress, progress_for

# Serializers ---------------------------------------------------------------------------------


@extend_schema_serializer(
    description="Ход исполнения дорожной карты: мероприятий всего, выполнено, отменено, просрочено, доля выполненных."
)
class ProgressSerializer(serializers.Serializer):
    """Execution of a roadmap (``selectors.Progress``): activities in all, done, cancelled,
    overdue today, and the share done among those not cancelled (integer percent, ``null``
    when there is nothing to do)."""

    total = serializers.IntegerField(help_text="Мероприятий всего")
    done = serializers.IntegerField(help_text="Выполнено")
    cancelled = serializers.IntegerField(help_text="Отменено")
    overdue = serializers.IntegerField(help_text="Просрочено на сегодня")
    share = serializers.IntegerField(allow_null=True, help_text="Доля выполненных, %")


@extend_schema_serializer(
    description="Документ, подтверждающий исполнение мероприятия, и адрес для его скачивания."
)
class EvidenceSerializer(serializers.ModelSerializer):
    """A file confirming an activity was carried out (an order, a protocol, a report): its name,
    when it was uploaded and the address of its download (no bytes in JSON)."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = RoadmapEvidence
        fields = ["id", "title", "uploaded_at", "url"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_url(self, evidence: RoadmapEvidence) -> str:
        path = reverse("api:roadmap-activity-evidence-file", args=[evidence.item_id, evidence.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


@extend_schema_serializer(
    description="Мероприятие дорожной карты: срок, ответственные исполнители, исполнение и подтверждающие документы."
)
class ActivitySerializer(serializers.ModelSerializer):
    """One activity of a roadmap (seed 000 App. 2 columns): its period as stored and in words
    (``period_text``), its executors, its execution and whether it is overdue today."""

    status_display = serializers.CharField(source="get_status_display", read_only=True)
    period_text = serializers.CharField(read_only=True)
    responsible_roles = serializers.ListField(child=serializers.CharField(), read_only=True)
    responsible_units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    recurrence = serializers.ChoiceField(
        choices=Recurrence.choices,
        allow_blank=True,
        read_only=True,
        help_text="Периодичность; пусто — срок датами",
    )
    overdue = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = RoadmapItem
        fields = [
            "id",
            "roadmap",
            "section",
            "number",
            "activity",
            "result",
            "period_kind",
            "starts_on",
            "ends_on",
            "recurrence",
            "period_note",
            "period_text",
            "responsible",
            "responsible_roles",
            "responsible_units",
            "status",
            "status_display",
            "completed_on",
            "overdue",
            "evidence",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, item: RoadmapItem) -> bool:
        return item.is_overdue(self.context.get("today"))


@extend_schema_serializer(description="Раздел дорожной карты.")
class SectionSerializer(serializers.ModelSerializer):
    """A section of the plan («I. Нормативное правовое регулирование…»)."""

    class Meta:
        model = RoadmapSection
        fields = ["id", "number", "title", "sort_order"]
        read_only_fields = fields


@extend_schema_serializer(description="Дорожная карта: владелец, уровень, период, статус и ход исполнения.")
class RoadmapSerializer(serializers.ModelSerializer):
    """A roadmap in a list: its owner, level, period, status and execution."""

    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Roadmap
        fields = [
            "id",
            "owner",
            "owner_name",
            "level",
            "level_display",
            "parent",
            "title",
            "starts_on",
            "ends_on",
            "status",
            "status_display",
            "source",
            "submitted_at",
            "approved_at",
            "created_at",
            "updated_at",
            "progress",
        ]
        read_only_fields = fields

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, roadmap: Roadmap) -> dict:
        progress = self.context.get("progress", {}).get(roadmap.pk) or Progress()
        return ProgressSerializer(progress).data


@extend_schema_serializer(
    description="Событие истории дорожной карты: кто, что и когда сделал, с комментарием."
)
class RoadmapEventSerializer(serializers.ModelSerializer):
    """One step of the roadmap's history (``RoadmapEvent``) as the page lists it: what happened,
    the comment (a return's remarks), who (by name, never a login), when, the activity it
    concerns and the statuses of a workflow step."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    author_name = UserNameField(source="author", help_text="Кто выполнил; пусто — система")
    from_status = serializers.ChoiceField(choices=RoadmapStatus.choices, allow_blank=True, read_only=True)
    to_status = serializers.ChoiceField(choices=RoadmapStatus.choices, allow_blank=True, read_only=True)

    class Meta:
        model = RoadmapEvent
        fields = [
            "id",
            "kind",
            "kind_display",
            "summary",
            "comment",
            "author_name",
            "item",
            "from_status",
            "to_status",
            "occurred_at",
        ]
        read_only_fields = fields


#: The latest events a roadmap's detail carries, as its page shows them.
HISTORY_LENGTH = 200


@extend_schema_serializer(
    description="Дорожная карта с разделами, мероприятиями, историей и доступными пользователю действиями."
)
class RoadmapDetailSerializer(RoadmapSerializer):
    """A roadmap with its plan: the sections, the activities (each naming its section), the
    latest :data:`HISTORY_LENGTH` events of its history, newest first (the page's), and the
    workflow's steps the user may take now (``rules.available_transitions``: ``submit``,
    ``withdraw``, ``return``, ``approve``, ``reopen``)."""

    sections = SectionSerializer(many=True, read_only=True)
    activities = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta(RoadmapSerializer.Meta):
        fields = [*RoadmapSerializer.Meta.fields, "sections", "activities", "history", "actions"]
        read_only_fields = fields

    @extend_schema_field(RoadmapEventSerializer(many=True))
    def get_history(self, roadmap: Roadmap) -> list:
        events = roadmap.events.select_related("author__person").order_by("-occurred_at", "-pk")
        return RoadmapEventSerializer(events[:HISTORY_LENGTH], many=True).data

    @extend_schema_field(ActivitySerializer(many=True))
    def get_activities(self, roadmap: Roadmap) -> list:
        return ActivitySerializer(roadmap.items.all(), many=True, context=self.context).data

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=[(t.action, t.button) for t in TRANSITIONS.values()])
        )
    )
    def get_actions(self, roadmap: Roadmap) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return [t.action for t in available_transitions(request.user, roadmap)]


@extend_schema_serializer(
    description="Комментарий к действию: обязателен при возврате на доработку и при внесении изменений."
)
class CommentInputSerializer(serializers.Serializer):
    """The comment of a step: required to return a roadmap for revision («что нужно
    доработать») and to reopen an approved one («какие изменения вносятся и почему»; the
    services say so), optional when approving."""

    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


@extend_schema_serializer(description="Комментарий к дорожной карте или к её мероприятию.")
class RemarkInputSerializer(serializers.Serializer):
    """A remark kept in the roadmap's history, on the whole or on one of its activities."""

    text = serializers.CharField(allow_blank=True, max_length=5000)
    activity = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


@extend_schema_serializer(description="Подтверждающий документ: файл до 20 МБ и его наименование.")
class EvidenceInputSerializer(serializers.Serializer):
    """A file confirming the activity (``multipart/form-data``): up to 20 МБ, of the document
    kinds the pages accept; its name (the file's own when empty)."""

    file = serializers.FileField(help_text="Приказ, протокол, справка, фотоотчёт и т. п.; до 20 МБ")
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


@extend_schema_serializer(description="Исполнение мероприятия: состояние, дата выполнения, комментарий.")
class ReportInputSerializer(serializers.Serializer):
    """The execution of an activity (``services.item_report``): its state, the day it was done
    (today when omitted for «выполнено»; never in the future) and a comment (required to cancel
    it)."""

    status = serializers.ChoiceField(choices=ItemStatus.choices)
    completed_on = serializers.DateField(required=False, allow_null=True, default=None)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


EMPTY_INPUT = inline_serializer("EmptyInput", fields={})
EVENT_OUTPUT = inline_serializer(
    "RoadmapRemark",
    fields={
        "id": serializers.IntegerField(),
        "summary": serializers.CharField(),
        "comment": serializers.CharField(),
        "occurred_at": serializers.DateTimeField(),
    },
)


# Filters -------------------------------------------------------------------------------------


class ActivityFilterSet(django_filters.FilterSet):
    """The activities of one roadmap (``roadmap``), of a state (``status``), overdue today or
    not (``overdue``)."""

    roadmap = django_filters.NumberFilter(field_name="roadmap_id", label="Дорожная карта", min_value=1)
    status = django_filters.ChoiceFilter(choices=ItemStatus.choices, label="Исполнение")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Просрочено")

    class Meta:
        model = RoadmapItem
        fields = ["roadmap", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = overdue_q(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)


# Viewsets ------------------------------------------------------------------------------------


class ActivityQuerySet(RoadmapItemQuerySet):
    """Activities with the scope of their roadmaps: ``for_user(user, action)`` — the activities of
    ``Roadmap.objects.for_user(user, action)`` (an activity is seen by whoever sees its roadmap)."""

    def for_user(self, user, action: str = "view") -> ActivityQuerySet:
        return self.filter(roadmap_id__in=Roadmap.objects.for_user(user, action).values("pk"))


def _activities_queryset() -> ActivityQuerySet:
    return (
        ActivityQuerySet(model=RoadmapItem)
        .prefetch_related("responsible_units", "evidence")
        .order_by("section__sort_order", "sort_order", "pk")
    )


@extend_schema_view(
    list=extend_schema(
        summary="Дорожные карты",
        description=(
            "Дорожные карты, доступные пользователю: его организаций и территорий, а также "
            "вышестоящие, которым подчиняется план организации. Фильтры — как в списке на странице."
        ),
    ),
    retrieve=extend_schema(
        summary="Дорожная карта",
        description=(
            "Дорожная карта с разделами, мероприятиями, ходом исполнения и действиями, "
            "которые пользователь может выполнить сейчас."
        ),
    ),
)
@extend_schema(tags=["Дорожные карты"])
class RoadmapViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Roadmaps of the user's scope (``Roadmap.objects.for_user``): those of the units in their
    subtrees and the roadmaps above them their organization's plan answers to; 404 outside it.
    The workflow's steps call ``roadmaps.services``; a step refused by the rights is a 403 with
    the reason, by the roadmap's level or status a 400 with it."""

    queryset = Roadmap.objects.all()
    scope_model = "roadmap"
    filterset_class = RoadmapFilterSet

    def base_queryset(self):
        queryset = Roadmap.objects.select_related("owner")
        if self.action != "list":
            queryset = queryset.prefetch_related(
                Prefetch("sections", queryset=RoadmapSection.objects.order_by("sort_order", "pk")),
                Prefetch("items", queryset=_activities_queryset()),
            )
        return queryset

    def get_serializer_class(self):
        return RoadmapSerializer if self.action == "list" else RoadmapDetailSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["today"] = timezone.localdate()
        return context

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        context = self.get_serializer_context()
        context["progress"] = progress_for([r.pk for r in page], context["today"])
        data = RoadmapSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    def _detail(self, roadmap: Roadmap, status: int = 200) -> Response:
        context = self.get_serializer_context()
        context["progress"] = progress_for([roadmap.pk], context["today"])
        if not hasattr(roadmap, "_prefetched_objects_cache"):
            roadmap = self.get_queryset().get(pk=roadmap.pk)
        return Response(RoadmapDetailSerializer(roadmap, context=context).data, status=status)

    def _step(self, request, step):
        roadmap = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = serializer.validated_data.get("comment", "")
        by = request.user
        match step:
            case Action.SUBMIT:
                services.roadmap_submit(roadmap=roadmap, by=by)
            case Action.WITHDRAW:
                services.roadmap_withdraw(roadmap=roadmap, by=by)
            case Action.RETURN:
                services.roadmap_return(roadmap=roadmap, by=by, comment=comment)
            case Action.APPROVE:
                services.roadmap_approve(roadmap=roadmap, by=by, comment=comment)
            case Action.REOPEN:
                services.roadmap_reopen(roadmap=roadmap, by=by, comment=comment)
        return self._detail(Roadmap.objects.get(pk=roadmap.pk))

    def get_serializer(self, *args, **kwargs):
        if self.action in ("submit", "withdraw"):
            return serializers.Serializer(*args, **kwargs)
        if self.action in ("return_", "approve", "reopen"):
            return CommentInputSerializer(*args, **kwargs)
        if self.action == "comment":
            return RemarkInputSerializer(*args, **kwargs)
        return super().get_serializer(*args, **kwargs)

    @extend_schema(
        request=EMPTY_INPUT,
        responses=RoadmapDetailSerializer,
        summary="Направить на согласование",
        description="Дорожная карта организации уходит на согласование в муниципалитет (или регион).",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(request, Action.SUBMIT)

    @extend_schema(
        request=EMPTY_INPUT,
        responses=RoadmapDetailSerializer,
        summary="Отозвать с согласования",
        description="Направленная на согласование дорожная карта снова становится проектом.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._step(request, Action.WITHDRAW)

    @extend_schema(
        request=CommentInputSerializer,
        responses=RoadmapDetailSerializer,
        summary="Вернуть на доработку",
        description="Комментарий обязателен: что нужно доработать.",
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._step(request, Action.RETURN)

    @extend_schema(
        request=CommentInputSerializer,
        responses=RoadmapDetailSerializer,
        summary="Утвердить",
        description=(
            "Утверждение дорожной карты: организации — после согласования муниципалитетом (регионом), "
            "муниципалитета и региона — из проекта. Комментарий необязателен."
        ),
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(request, Action.APPROVE)

    @extend_schema(
        request=CommentInputSerializer,
        responses=RoadmapDetailSerializer,
        summary="Внести изменения",
        description="Утверждённая дорожная карта становится проектом; комментарий обязателен.",
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._step(request, Action.REOPEN)

    @extend_schema(
        request=RemarkInputSerializer,
        responses={201: EVENT_OUTPUT},
        summary="Комментарий",
        description="Комментарий к дорожной карте или к её мероприятию (activity), сохраняется в истории.",
    )
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        roadmap = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity_id = serializer.validated_data.get("activity")
        item = None
        if activity_id is not None:
            item = roadmap.items.filter(pk=activity_id).first()
            if item is None:
                raise serializers.ValidationError({"activity": ["Такого мероприятия в дорожной карте нет."]})
        event = services.comment_add(
            roadmap=roadmap, by=request.user, text=serializer.validated_data["text"], item=item
        )
        return Response(
            {
                "id": event.pk,
                "summary": event.summary,
                "comment": event.comment,
                "occurred_at": event.occurred_at,
            },
            status=201,
        )


@extend_schema_view(
    list=extend_schema(
        summary="Мероприятия дорожных карт",
        description="Мероприятия доступных пользователю дорожных карт с отметками об исполнении.",
    ),
    retrieve=extend_schema(summary="Мероприятие", description="Мероприятие дорожной карты."),
)
@extend_schema(tags=["Дорожные карты"])
class ActivityViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The activities of the roadmaps in the user's scope (``?roadmap=``, ``?status=``,
    ``?overdue=``) with their evidence files; ``report`` records the execution and ``evidence``
    attaches a file as the page «Исполнение мероприятия» does (the keepers of the roadmap's
    owner: ``report`` right; 403 for the others); ``evidence/{id}`` downloads a file."""

    queryset = ActivityQuerySet(model=RoadmapItem)
    scope_model = "roadmap"
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet

    def base_queryset(self):
        return _activities_queryset()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["today"] = timezone.localdate()
        return context

    def get_serializer_class(self):
        if self.action == "report":
            return ReportInputSerializer
        if self.action == "evidence":
            return EvidenceInputSerializer
        return ActivitySerializer

    def _activity(self, item: RoadmapItem) -> Response:
        fresh = _activities_queryset().get(pk=item.pk)
        return Response(ActivitySerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        request=ReportInputSerializer,
        responses=ActivitySerializer,
        summary="Отметить исполнение мероприятия",
        description=(
            "Состояние исполнения, дата выполнения (не позже сегодняшней) и комментарий "
            "(обязателен при отмене). Отмечают те, кто ведёт дорожную карту."
        ),
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        item = self.get_object()
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = services.item_report(
            item=item,
            by=request.user,
            status=data["status"],
            completed_on=data.get("completed_on"),
            comment=data.get("comment", ""),
        )
        return self._activity(item)

    @extend_schema(
        request={"multipart/form-data": EvidenceInputSerializer},
        responses={201: ActivitySerializer},
        summary="Приложить подтверждающий документ",
        description="Файл до 20 МБ (приказ, протокол, справка, фотоотчёт); прикладывают те, кто ведёт дорожную карту.",
    )
    @action(detail=True, methods=["post"], parser_classes=[parsers.MultiPartParser, parsers.FormParser])
    def evidence(self, request, pk=None):
        """Attach a file confirming the activity (``services.evidence_add``: the keepers of the
        roadmap's owner; the size and the kind of the file checked as on the page)."""
        item = self.get_object()
        serializer = EvidenceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.evidence_add(
            item=item,
            by=request.user,
            file=serializer.validated_data["file"],
            title=serializer.validated_data["title"],
        )
        response = self._activity(item)
        response.status_code = 201
        return response

    @extend_schema(
        parameters=[OpenApiParameter("evidence_id", int, OpenApiParameter.PATH, description="Документ")],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="Файл")
        },
        filters=False,
        summary="Скачать подтверждающий документ",
        description="Файл, подтверждающий исполнение мероприятия; скачивание записывается в журнал.",
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"evidence/(?P<evidence_id>[0-9]+)",
        renderer_classes=[renderers.JSONRenderer, FileRenderer],
        filterset_class=None,
    )
    def evidence_file(self, request, pk=None, evidence_id=None):
        """The evidence file, to whoever sees the roadmap (the page's download), written to the
        journal by ``private_file_response``'s mark."""
        item = self.get_object()
        evidence = item.evidence.filter(pk=evidence_id).first()
        if evidence is None:
            raise Http404
        return private_file_response(evidence.file)


def register(router) -> None:
    """Register this app's viewsets on the API ``router``: ``roadmaps``, ``roadmap-activities``."""
    router.register("roadmaps", RoadmapViewSet, basename="roadmap")
    router.register("roadmap-activities", ActivityViewSet, basename="roadmap-activity")
