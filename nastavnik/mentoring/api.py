"""The REST API of mentoring (issue 17, build 1): personalized programs with their workflow, pairs,
meetings and the participants' requests.

The rows are the pages' (``for_user``: a program, a meeting or a request outside the user's scope is
a 404; the FilterSets of ``mentoring.filtersets``); the JSON shows what the program page shows.
A participant without a valid consent to personal-data processing is named only to those who
reach them anyway (152-ФЗ art. 9, ``people.consent.hide_unconsented``): to everyone else the name
reads «участник скрыт…» and the id is ``null``, and the names in the program's texts are hidden as
on the page. Writes are ``POST`` actions calling the pages' services (``services.programs``,
``services.meetings``, ``services.requests``), which check the user's right themselves: a refusal
is a 403 with its reason, a rule broken a 400 keyed by field.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from nastavnik.bank.api import RefField, RefListField, RefSerializer
from nastavnik.core.api import KeysetPagination, ScopedReadOnlyViewSet
from nastavnik.core.concurrency import MAX_VERSION, ConcurrentEditError
from nastavnik.development.models import Deficit
from nastavnik.mentoring.choices import MeetingFormat, PairEndReason, RequestKind
from nastavnik.mentoring.filtersets import (
    MeetingFilterSet,
    PairFilterSet,
    PairRequestFilterSet,
    PersonalizedProgramFilterSet,
)
from nastavnik.mentoring.forms.meetings import mentors_with_free_places
from nastavnik.mentoring.models import (
    ActivityPlanItem,
    Meeting,
    MentoringProgram,
    Pair,
    PairRequest,
    PersonalizedProgram,
)
from nastavnik.mentoring.selectors.participants import (
    program_pairs_prefetch,
    program_roles,
    unconsented_people,
)
from nastavnik.mentoring.services import meetings as meeting_services
from nastavnik.mentoring.services import programs as program_services
from nastavnik.mentoring.services import requests as request_services
from nastavnik.mentoring.views.programs import program_actions
from nastavnik.people.consent import HIDDEN_PERSON, hidden_person_ids, hide_names_in_text, hide_unconsented
from nastavnik.people.models import Employment, Person
from nastavnik.reference.models import InteractionModel, MeetingType, MentoringForm, MentoringKind


def person_ref(person) -> dict:
    """A person as ``{"id", "name"}``; a hidden one (``people.consent.HiddenPerson``) as
    ``{"id": null, "name": HIDDEN_PERSON}``, so that neither the name nor the card leaks."""
    if getattr(person, "is_hidden", False):
        return {"id": None, "name": HIDDEN_PERSON}
    return {"id": person.pk, "name": person.full_name}


@extend_schema_field(RefSerializer)
class PersonRefField(serializers.Field):
    """Read-only: a person as :func:`person_ref`; ``null`` when empty."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return person_ref(value)


# --- pairs ---------------------------------------------------------------------------------------


@extend_schema_serializer(
    description="Наставническая пара: наставник, наставляемый, организация, программа, даты и причина окончания."
)
class PairSerializer(serializers.ModelSerializer):
    """A mentoring pair: the mentor, the mentee, the organization, the program, the dates and why
    it ended."""

    mentor = PersonRefField(help_text="Наставник.")
    mentee = PersonRefField(help_text="Наставляемый.")
    organization = RefField(help_text="Организация.")
    end_reason = serializers.ChoiceField(
        choices=PairEndReason.choices,
        allow_blank=True,
        read_only=True,
        help_text="Причина окончания; пусто — пара действует.",
    )
    end_reason_label = serializers.CharField(source="get_end_reason_display", read_only=True)

    class Meta:
        model = Pair
        fields = [
            "id",
            "mentor",
            "mentee",
            "organization",
            "program",
            "started_on",
            "ended_on",
            "end_reason",
            "end_reason_label",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        summary="Наставнические пары",
        description="Пары организаций, доступных пользователю, и собственные пары наставника или наставляемого.",
    ),
    retrieve=extend_schema(
        summary="Наставническая пара",
        description="Наставник, наставляемый, организация, программа, даты и причина окончания.",
    ),
)
@extend_schema(tags=["Наставничество"])
class PairViewSet(ScopedReadOnlyViewSet):
    """Mentoring pairs (``GET /mentoring/pairs/``, ``…/{id}/``): of the organizations in the user's
    scope, the user's own as a mentor or a mentee (``Pair.scope_filter``: above the curator and
    the head, only pairs whose two people have a valid consent to personal-data processing)."""

    queryset = Pair.objects.all()
    serializer_class = PairSerializer
    # a mentor and a mentee reach their own pairs (the row scope) without a right over pairs
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = PairFilterSet

    def base_queryset(self):
        return Pair.objects.select_related("mentor", "mentee", "organization")


# --- programs ------------------------------------------------------------------------------------


@extend_schema_serializer(
    description="Пара программы: наставник, наставляемый и даты; участник без действующего согласия на обработку персональных данных показан скрытым."
)
class ProgramPersonSerializer(serializers.Serializer):
    """A participant of a program: the person and the pair's dates."""

    mentor = PersonRefField()
    mentee = PersonRefField()
    pair = serializers.IntegerField(source="pk")
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)


@extend_schema_serializer(
    description="Персонализированная программа в списке: организация, формат, пары, направление, сроки, статус, этап, дата утверждения."
)
class ProgramSerializer(serializers.ModelSerializer):
    """A personalized program's row of the list: what the list page shows."""

    organization = RefField(help_text="Организация.")
    format_label = serializers.CharField(source="get_format_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    stage = RefField(allow_null=True, help_text="Текущий этап.")
    pairs = ProgramPersonSerializer(source="pair_list", many=True, read_only=True)
    page_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = PersonalizedProgram
        fields = [
            "id",
            "organization",
            "format",
            "format_label",
            "pairs",
            "direction",
            "starts_on",
            "ends_on",
            "status",
            "status_label",
            "stage",
            "approved_on",
            "page_url",
        ]
        read_only_fields = fields


@extend_schema_serializer(
    description="Мероприятие плана программы: этап, сроки, ожидаемый продукт, исполнение и ссылка на подтверждающий файл."
)
class PlanItemSerializer(serializers.ModelSerializer):
    """An activity of the program's plan; the evidence file by the address of its protected
    download."""

    stage = RefField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    evidence_url = serializers.SerializerMethodField()

    class Meta:
        model = ActivityPlanItem
        fields = [
            "id",
            "stage",
            "title",
            "starts_on",
            "ends_on",
            "expected_product",
            "status",
            "status_label",
            "evidence_note",
            "evidence_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_evidence_url(self, obj) -> str | None:
        return reverse("mentoring:plan_item_evidence", args=[obj.pk]) if obj.evidence else None


#: The program's steps as API actions: the page's action (url name) → the endpoint's name.
_ACTION_NAMES = {
    "mentoring:program_approve": "approve",
    "mentoring:program_return": "return",
    "mentoring:program_start": "start",
    "mentoring:program_terminate": "terminate",
    "mentoring:program_stage_advance": "advance-stage",
}


@extend_schema_serializer(
    description="Персонализированная программа: сведения списка, содержание, куратор, план мероприятий, доступные пользователю шаги и версия записи."
)
class ProgramDetailSerializer(ProgramSerializer):
    """The program page: the list row with its contents, the plan and the workflow steps the user
    may take now (``actions``: names of the ``POST …/{id}/<action>/`` endpoints)."""

    mentoring_form = RefField(help_text="Форма наставничества.")
    interaction_model = RefField(allow_null=True, help_text="Модель взаимодействия.")
    kinds = RefListField(help_text="Виды наставничества.")
    curator = PersonRefField(allow_null=True, help_text="Куратор программы.")
    plan = PlanItemSerializer(source="plan_items", many=True, read_only=True)
    actions = serializers.SerializerMethodField(
        help_text="Шаги, доступные пользователю: approve, return, start, terminate, advance-stage."
    )

    class Meta(ProgramSerializer.Meta):
        fields = [
            *ProgramSerializer.Meta.fields,
            "mentoring_form",
            "interaction_model",
            "kinds",
            "goals",
            "expected_results",
            "curator",
            "completed_on",
            "results",
            "terminated_on",
            "termination_reason",
            "plan",
            "actions",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, obj) -> list[str]:
        roles = program_roles(self.context["request"].user, obj)
        return [
            _ACTION_NAMES[url] for _label, url, _style in program_actions(obj, roles) if url in _ACTION_NAMES
        ]


@extend_schema_serializer(description="Шаг программы с необязательным комментарием.")
class ProgramCommentSerializer(serializers.Serializer):
    """The input of a step with an optional comment (approve, start, the next stage)."""

    comment = serializers.CharField(
        label="Комментарий", required=False, allow_blank=True, max_length=2000, default=""
    )


@extend_schema_serializer(description="Возврат программы на доработку: что доработать (обязательно).")
class ProgramReturnSerializer(serializers.Serializer):
    """The input of the return for revision: what to revise (required)."""

    _REQUIRED = "Укажите, что нужно доработать в программе."
    comment = serializers.CharField(
        label="Что доработать",
        max_length=2000,
        error_messages={"required": _REQUIRED, "blank": _REQUIRED, "null": _REQUIRED},
    )


@extend_schema_serializer(description="Прекращение программы: основание (обязательно).")
class ProgramTerminateSerializer(serializers.Serializer):
    """The input of the termination: its ground (required)."""

    _REQUIRED = "Укажите основание прекращения программы."
    reason = serializers.CharField(
        label="Основание прекращения",
        max_length=2000,
        error_messages={"required": _REQUIRED, "blank": _REQUIRED, "null": _REQUIRED},
    )


@extend_schema_serializer(
    description="Изменение проекта программы: передаются только изменяемые поля и обязательно версия записи, с которой работал пользователь."
)
class ProgramUpdateSerializer(serializers.Serializer):
    """The input of a change of a draft's contents (``PATCH``), as the page's form: only the fields
    given change. ``version`` — the program's ``version`` as the client read it — is required
    (optimistic locking, ``core.concurrency``): a program changed since is not overwritten. The
    choices are the form's: the organization's staff as the curator and its programs, the
    deficits of the program's mentees, the active reference entries."""

    version = serializers.IntegerField(label="Версия записи", min_value=1, max_value=MAX_VERSION)
    mentoring_program = serializers.PrimaryKeyRelatedField(
        label="Программа наставничества организации",
        queryset=MentoringProgram.objects.none(),
        allow_null=True,
    )
    mentoring_form = serializers.PrimaryKeyRelatedField(
        label="Форма наставничества", queryset=MentoringForm.objects.filter(is_active=True)
    )
    interaction_model = serializers.PrimaryKeyRelatedField(
        label="Модель взаимодействия",
        queryset=InteractionModel.objects.filter(is_active=True),
        allow_null=True,
    )
    kinds = serializers.PrimaryKeyRelatedField(
        label="Виды наставничества", queryset=MentoringKind.objects.filter(is_active=True), many=True
    )
    direction = serializers.CharField(label="Направление", max_length=300)
    goals = serializers.CharField(label="Цели и задачи")
    expected_results = serializers.CharField(label="Ожидаемые результаты", allow_blank=True)
    deficits = serializers.PrimaryKeyRelatedField(
        label="Затруднения наставляемых", queryset=Deficit.objects.none(), many=True
    )
    starts_on = serializers.DateField(label="Дата начала")
    ends_on = serializers.DateField(label="Дата окончания")
    curator = serializers.PrimaryKeyRelatedField(
        label="Куратор", queryset=Person.objects.none(), allow_null=True
    )

    def __init__(self, *args, program: PersonalizedProgram | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if program is None:  # drf-spectacular reading the fields for the schema
            return
        mentees = program.pairs.filter(ended_on__isnull=True).values("mentee_id")
        staff = Employment.objects.current().filter(organization_id=program.organization_id)
        self.fields["deficits"].child_relation.queryset = Deficit.objects.filter(person_id__in=mentees)
        self.fields["curator"].queryset = Person.objects.filter(pk__in=staff.values("person_id"))
        self.fields["mentoring_program"].queryset = MentoringProgram.objects.filter(
            organization_id=program.organization_id
        )


@extend_schema_serializer(
    description="Ответ 409: программу изменили после того, как пользователь её получил; изменения не сохранены, в current — сохранённая версия."
)
class ProgramConflictSerializer(serializers.Serializer):
    """The answer 409: the program changed (or was deleted) since the client read ``version``;
    nothing was written. ``current`` is the program as it is stored now (``null`` when deleted),
    to be compared with the client's values."""

    detail = serializers.CharField()
    errors = serializers.DictField()
    current = ProgramDetailSerializer(allow_null=True)


def _hide_program_people(user, programs: list, *, texts: bool = False) -> None:
    """Hide, in the loaded ``programs`` (with ``pair_list`` annotated by ``program_pairs_prefetch``), the
    participants ``user`` may not see named (152-ФЗ art. 9), as the list page does; ``texts``:
    also their names in the program's free texts, as the program page does. Nothing is written;
    two queries at most (none when every participant has a valid consent)."""
    pairs = [pair for program in programs for pair in program.pair_list]
    unconsented = unconsented_people(pairs)
    if texts:
        people = {p.mentor_id: p.mentor for p in pairs} | {p.mentee_id: p.mentee for p in pairs}
        hidden = [people[pk] for pk in hidden_person_ids(user, people, unconsented=unconsented)]
        for program in programs if hidden else ():
            for name in ("direction", "goals", "expected_results", "results", "termination_reason"):
                setattr(program, name, hide_names_in_text(getattr(program, name), hidden))
    hide_unconsented(user, pairs, "mentor", "mentee", unconsented=unconsented)


@extend_schema_view(
    list=extend_schema(
        summary="Персонализированные программы",
        description="Программы, доступные пользователю; фильтры — как в списке на странице. Участник без действующего согласия на обработку персональных данных показывается скрытым.",
    ),
    retrieve=extend_schema(
        summary="Персонализированная программа",
        description="Программа: участники, содержание, план мероприятий и шаги, доступные пользователю сейчас.",
    ),
)
@extend_schema(tags=["Наставничество"])
class ProgramViewSet(ScopedReadOnlyViewSet):
    """Personalized programs (``GET /mentoring/programs/``, ``…/{id}/``): the rows of the page
    «Программы наставничества», filtered by its ``PersonalizedProgramFilterSet``, and the steps of
    their workflow (``choices.PROGRAM_STEPS``) as ``POST …/{id}/approve/``, ``return/``, ``start/``,
    ``terminate/`` and ``advance-stage/`` — the same services as the page's buttons, each
    writing the same event into the program's history (seed 004 §6.2.3)."""

    queryset = PersonalizedProgram.objects.all()
    # as on the list page: a mentor and a mentee reach their own programs (the row scope)
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = PersonalizedProgramFilterSet

    def base_queryset(self):
        queryset = PersonalizedProgram.objects.select_related("organization", "stage").prefetch_related(
            program_pairs_prefetch()
        )
        if self.action != "list":
            queryset = queryset.select_related(
                "mentoring_form", "interaction_model", "curator"
            ).prefetch_related(
                "kinds", Prefetch("plan_items", queryset=ActivityPlanItem.objects.select_related("stage"))
            )
        return queryset

    def get_serializer_class(self):
        return ProgramSerializer if self.action == "list" else ProgramDetailSerializer

    def get_serializer(self, *args, **kwargs):
        if args and not getattr(self, "swagger_fake_view", False):
            rows = args[0] if isinstance(args[0], list | tuple) else [args[0]]
            programs = [row for row in rows if isinstance(row, PersonalizedProgram)]
            if programs:
                _hide_program_people(self.request.user, programs, texts=self.action != "list")
        return super().get_serializer(*args, **kwargs)

    @extend_schema(
        request=ProgramUpdateSerializer,
        responses={200: ProgramDetailSerializer, 409: ProgramConflictSerializer},
        summary="Изменить проект программы",
        description="Изменяются только переданные поля и только у проекта программы. Поле version обязательно: если программу успели изменить, ответ 409 с сохранённой версией.",
    )
    def partial_update(self, request, pk=None):
        """Change the contents of a draft (``services.programs.program_update``, the page
        «Редактировать»): the program's managers only (403), a draft only (400), and only when it
        is still at the ``version`` given — otherwise 409 with the stored program."""
        program = self.get_object()
        data = ProgramUpdateSerializer(data=request.data, partial=True, program=program)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = fields.pop("version", None)
        if version is None:
            raise serializers.ValidationError({"version": ["Укажите версию записи, которую вы изменяете."]})
        try:
            program_services.program_update(
                program=program, by=request.user, expected_version=version, **fields
            )
        except ConcurrentEditError as exc:
            current = self.get_queryset().filter(pk=program.pk).first() if exc.current is not None else None
            message = exc.messages[0]
            return Response(
                {
                    "detail": message,
                    "errors": {"version": [message]},
                    "current": self.get_serializer(current).data if current is not None else None,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(self.get_serializer(self.get_object()).data)

    def _step(self, request, input_class, perform):
        """Run a step: the program in the user's view scope (404 otherwise), the input checked
        by ``input_class`` (400), ``perform(program, data)`` — the service, which refuses with 403
        or 400 — and the program as it is now."""
        program = self.get_object()
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        perform(program, data.validated_data)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        request=ProgramCommentSerializer,
        responses={200: ProgramDetailSerializer},
        summary="Утвердить программу",
        description="Проект → Утверждена; программа переходит на проектировочный этап.",
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a draft (Проект → Утверждена), ``services.programs.program_approve``."""
        return self._step(
            request,
            ProgramCommentSerializer,
            lambda program, data: program_services.program_approve(
                program=program, by=request.user, comment=data["comment"]
            ),
        )

    @extend_schema(
        request=ProgramReturnSerializer,
        responses={200: ProgramDetailSerializer},
        summary="Вернуть программу на доработку",
        description="Утверждена → Проект; комментарий (что доработать) обязателен.",
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_to_draft(self, request, pk=None):
        """Return an approved program for revision (Утверждена → Проект)."""
        return self._step(
            request,
            ProgramReturnSerializer,
            lambda program, data: program_services.program_return_to_draft(
                program=program, by=request.user, comment=data["comment"]
            ),
        )

    @extend_schema(
        request=ProgramCommentSerializer,
        responses={200: ProgramDetailSerializer},
        summary="Начать реализацию программы",
        description="Утверждена → Реализуется; программа переходит на реализационный этап.",
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Start an approved program (Утверждена → Реализуется)."""
        return self._step(
            request,
            ProgramCommentSerializer,
            lambda program, data: program_services.program_start(
                program=program, by=request.user, comment=data["comment"]
            ),
        )

    @extend_schema(
        request=ProgramTerminateSerializer,
        responses={200: ProgramDetailSerializer},
        summary="Прекратить программу",
        description="Досрочное прекращение с обязательным основанием: действующие пары завершаются, запланированные встречи отменяются.",
    )
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        """Terminate an open program before its completion (→ Прекращена)."""
        return self._step(
            request,
            ProgramTerminateSerializer,
            lambda program, data: program_services.program_terminate(
                program=program, by=request.user, reason=data["reason"]
            ),
        )

    @extend_schema(
        request=ProgramCommentSerializer,
        responses={200: ProgramDetailSerializer},
        summary="Перейти к следующему этапу",
        description="Следующий этап утверждённой или реализуемой программы; результативный этап начинается только с завершением программы.",
    )
    @action(detail=True, methods=["post"], url_path="advance-stage", url_name="advance-stage")
    def advance_stage(self, request, pk=None):
        """Move an approved or active program to its next stage."""
        return self._step(
            request,
            ProgramCommentSerializer,
            lambda program, data: program_services.program_stage_advance(
                program=program, by=request.user, comment=data["comment"]
            ),
        )


# --- meetings ------------------------------------------------------------------------------------


@extend_schema_serializer(
    description="Встреча пары или группы: вид, дата и время, продолжительность, формат, место, повестка, итоги, состояние."
)
class MeetingSerializer(serializers.ModelSerializer):
    """A meeting of a pair or group (seed 003 §4.7)."""

    meeting_type = RefField(help_text="Вид встречи.")
    format_label = serializers.CharField(source="get_format_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "program",
            "meeting_type",
            "starts_at",
            "duration_minutes",
            "format",
            "format_label",
            "place",
            "agenda",
            "notes",
            "status",
            "status_label",
        ]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class _ProgramInScope(serializers.PrimaryKeyRelatedField):
    """A program among those the user may view (``for_user``): another id reads as missing."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return PersonalizedProgram.objects.none()
        return PersonalizedProgram.objects.for_user(request.user, "view")


@extend_schema_serializer(
    description="Планирование встречи: программа, вид, дата и время, продолжительность (5–480 минут), формат, место или ссылка, повестка."
)
class MeetingCreateSerializer(serializers.Serializer):
    """The input of planning a meeting, as the page's form: the program, the type, the date and
    time, the duration (5–480 minutes), the format, the place or link, the agenda."""

    program = _ProgramInScope(label="Программа")
    meeting_type = serializers.PrimaryKeyRelatedField(
        label="Вид встречи", queryset=MeetingType.objects.filter(is_active=True)
    )
    starts_at = serializers.DateTimeField(label="Дата и время")
    duration_minutes = serializers.IntegerField(
        label="Продолжительность, минут", min_value=5, max_value=480, default=45
    )
    format = serializers.ChoiceField(
        label="Формат", choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    place = serializers.CharField(
        label="Место или ссылка", max_length=300, required=False, allow_blank=True, default=""
    )
    agenda = serializers.CharField(label="Повестка", max_length=5000)


@extend_schema_serializer(description="Отмена встречи: причина (обязательно).")
class MeetingCancelSerializer(serializers.Serializer):
    """The input of cancelling a planned meeting: the reason (required)."""

    _REQUIRED = "Укажите причину отмены."
    reason = serializers.CharField(
        label="Причина отмены",
        max_length=2000,
        error_messages={"required": _REQUIRED, "blank": _REQUIRED, "null": _REQUIRED},
    )


@extend_schema_serializer(description="Присутствие участника на встрече.")
class AttendanceSerializer(serializers.Serializer):
    """Whether one participant attended."""

    person = serializers.IntegerField(label="Участник", min_value=1, max_value=2**63 - 1)
    present = serializers.BooleanField(label="Присутствовал")


@extend_schema_serializer(description="Итоги встречи и присутствие каждого участника программы.")
class MeetingRecordSerializer(serializers.Serializer):
    """The input of marking a meeting held, as the page's form: the results and, for every
    current participant of the program, whether they attended."""

    _REQUIRED = "Опишите итоги встречи."
    notes = serializers.CharField(
        label="Итоги встречи",
        max_length=5000,
        error_messages={"required": _REQUIRED, "blank": _REQUIRED, "null": _REQUIRED},
    )
    attendance = AttendanceSerializer(label="Присутствие", many=True)


@extend_schema_view(
    list=extend_schema(
        summary="Встречи",
        description="Встречи программ, доступных пользователю.",
    ),
    retrieve=extend_schema(
        summary="Встреча",
        description="Вид, дата и время, формат, место, повестка, итоги и состояние встречи.",
    ),
)
@extend_schema(tags=["Наставничество"])
class MeetingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings (``GET /mentoring/meetings/``, ``…/{id}/``) of the programs the user may view — a
    meeting of another program is a 404; ``POST /mentoring/meetings/`` plans one
    (``services.meetings.meeting_schedule``: the program's mentor or manager, otherwise 403) and
    ``POST …/{id}/cancel/`` cancels a planned one (``meeting_cancel``), ``POST …/{id}/record/``
    marks it held with its results and attendance (``meeting_record``).

    Not on ``core.api.ScopedViewSetMixin``: a meeting has no scope of its own; it is reached
    through its program's (``PersonalizedProgram.objects.for_user``), as the program page does."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = KeysetPagination
    filterset_class = MeetingFilterSet
    queryset = Meeting.objects.all()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        programs = PersonalizedProgram.objects.for_user(self.request.user, "view")
        return Meeting.objects.filter(program__in=programs.values("pk")).select_related("meeting_type")

    def get_serializer_class(self):
        if self.action == "create":
            return MeetingCreateSerializer
        if self.action == "cancel":
            return MeetingCancelSerializer
        if self.action == "record":
            return MeetingRecordSerializer
        return MeetingSerializer

    @extend_schema(
        request=MeetingCreateSerializer,
        responses={201: MeetingSerializer},
        summary="Запланировать встречу",
        description="Встречу планирует наставник или куратор программы; программа должна быть утверждена или реализовываться.",
    )
    def create(self, request, *args, **kwargs):
        """Plan a meeting of the program's pair or group (seed 003 §4.7)."""
        data = MeetingCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        meeting = meeting_services.meeting_schedule(by=request.user, **data.validated_data)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=MeetingCancelSerializer,
        responses={200: MeetingSerializer},
        summary="Отменить встречу",
        description="Отмена запланированной встречи с указанием причины.",
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel a planned meeting with a reason."""
        meeting = self.get_object()
        data = MeetingCancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = meeting_services.meeting_cancel(
            meeting=meeting, by=request.user, reason=data.validated_data["reason"]
        )
        return Response(MeetingSerializer(meeting).data)

    @extend_schema(
        request=MeetingRecordSerializer,
        responses={200: MeetingSerializer},
        summary="Отметить встречу проведённой",
        description="Итоги встречи и присутствие каждого участника программы.",
    )
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        """Mark a meeting held (or correct the record of a held one): its results and who
        attended (seed 003 §4.7)."""
        meeting = self.get_object()
        data = MeetingRecordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        meeting = meeting_services.meeting_record(
            meeting=meeting,
            by=request.user,
            notes=values["notes"],
            attendance={row["person"]: row["present"] for row in values["attendance"]},
        )
        return Response(MeetingSerializer(meeting).data)


# --- requests ------------------------------------------------------------------------------------


@extend_schema_serializer(description="Заявление участника куратору и решение по нему.")
class PairRequestSerializer(serializers.ModelSerializer):
    """A participant's request to the curator (seed 000 §5.1.1, §5.2.1) and the decision on it."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    mentor = PersonRefField(source="pair.mentor", help_text="Наставник пары.")
    mentee = PersonRefField(source="pair.mentee", help_text="Наставляемый пары.")
    program = serializers.IntegerField(source="pair.program_id", read_only=True, allow_null=True)
    new_mentor = PersonRefField(source="new_pair.mentor", allow_null=True, help_text="Назначенный наставник.")

    class Meta:
        model = PairRequest
        fields = [
            "id",
            "pair",
            "program",
            "mentor",
            "mentee",
            "kind",
            "kind_label",
            "reason",
            "status",
            "status_label",
            "submitted_at",
            "decided_at",
            "decision_comment",
            "new_mentor",
        ]
        read_only_fields = fields


@extend_schema_serializer(
    description="Решение по заявлению: удовлетворить или отклонить (комментарий обязателен при отклонении); при удовлетворении — при желании новый наставник."
)
class PairRequestDecideSerializer(serializers.Serializer):
    """The input of a decision, as the page's form: ``approve`` or ``reject``, a comment
    (required on rejection) and, on approval, optionally the mentee's new mentor — an active
    mentor of the organization with a free place."""

    decision = serializers.ChoiceField(
        label="Решение", choices=[("approve", "Удовлетворить"), ("reject", "Отклонить")]
    )
    comment = serializers.CharField(
        label="Комментарий к решению", required=False, allow_blank=True, max_length=5000, default=""
    )
    new_mentor = serializers.IntegerField(
        label="Новый наставник", required=False, allow_null=True, min_value=1
    )

    def validate(self, attrs):
        request = self.context["pair_request"]
        errors = {}
        mentor_id = attrs.get("new_mentor")
        if attrs["decision"] == "reject":
            if not attrs.get("comment", "").strip():
                errors["comment"] = ["Укажите, почему заявление отклонено."]
            if mentor_id:
                errors["new_mentor"] = ["Новый наставник назначается только при удовлетворении заявления."]
        attrs["new_mentor"] = None
        if mentor_id and not errors:
            pair = request.pair
            attrs["new_mentor"] = (
                mentors_with_free_places(pair.program.organization, exclude=(pair.mentor_id, pair.mentee_id))
                .filter(pk=mentor_id)
                .first()
            )
            if attrs["new_mentor"] is None:
                errors["new_mentor"] = ["Выберите действующего наставника организации со свободными местами."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


@extend_schema_field(OpenApiTypes.INT)
class _PairInScope(serializers.PrimaryKeyRelatedField):
    """A pair among those the user may view (``for_user``): another id reads as missing."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Pair.objects.none()
        return Pair.objects.for_user(request.user, "view")


@extend_schema_serializer(
    description="Заявление участника: пара, вид (замена наставника — наставляемым, сложение обязанностей — наставником) и обоснование."
)
class PairRequestCreateSerializer(serializers.Serializer):
    """The input of a request, as the page's form: the pair, the kind — ``change_mentor`` by the
    pair's mentee, ``release_mentor`` by its mentor — and the reason."""

    _REQUIRED = "Изложите обоснование."
    pair = _PairInScope(label="Пара")
    kind = serializers.ChoiceField(label="Вид заявления", choices=RequestKind.choices)
    reason = serializers.CharField(
        label="Обоснование",
        max_length=5000,
        error_messages={"required": _REQUIRED, "blank": _REQUIRED, "null": _REQUIRED},
    )


@extend_schema_view(
    list=extend_schema(
        summary="Заявления участников",
        description="Заявления организаций, доступных пользователю, и собственные заявления участника.",
    ),
    retrieve=extend_schema(
        summary="Заявление участника",
        description="Вид, обоснование, состояние заявления и решение по нему.",
    ),
)
@extend_schema(tags=["Наставничество"])
class PairRequestViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """The participants' requests (``GET /mentoring/requests/``, ``…/{id}/``): of the organizations
    the user manages or watches, and a participant's own (``PairRequest.scope_filter``); the
    curator's or the head's decision (``POST …/{id}/decide/``, ``services.requests.
    pair_request_decide``) and the author's withdrawal (``POST …/{id}/withdraw/``); a participant
    files one with ``POST /mentoring/requests/`` (``pair_request_submit``, seed 000 §5.1.1,
    §5.2.1)."""

    queryset = PairRequest.objects.all()
    # a participant reaches the requests they filed (the row scope)
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = PairRequestFilterSet

    def base_queryset(self):
        return PairRequest.objects.select_related(
            "pair__mentor", "pair__mentee", "pair__program__organization", "new_pair__mentor"
        )

    def get_serializer_class(self):
        if self.action == "decide":
            return PairRequestDecideSerializer
        if self.action == "create":
            return PairRequestCreateSerializer
        return PairRequestSerializer

    def get_serializer(self, *args, **kwargs):
        if args and not getattr(self, "swagger_fake_view", False) and self.action in ("list", "retrieve"):
            rows = args[0] if isinstance(args[0], list | tuple) else [args[0]]
            pairs = [row.pair for row in rows] + [row.new_pair for row in rows if row.new_pair_id]
            hide_unconsented(self.request.user, pairs, "mentor", "mentee")
        return super().get_serializer(*args, **kwargs)

    @extend_schema(
        request=PairRequestCreateSerializer,
        responses={201: PairRequestSerializer},
        summary="Подать заявление",
        description="Наставляемый ходатайствует о замене наставника, наставник — о сложении обязанностей; куратор и руководитель получают уведомление.",
    )
    def create(self, request, *args, **kwargs):
        """File a request on one of the user's pairs; the curators and the head are notified."""
        data = PairRequestCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = data.validated_data
        pair_request = request_services.pair_request_submit(
            pair=values["pair"], by=request.user, kind=values["kind"], reason=values["reason"]
        )
        self.action = "retrieve"
        self.kwargs["pk"] = pair_request.pk
        return Response(self.get_serializer(self.get_object()).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=PairRequestDecideSerializer,
        responses={200: PairRequestSerializer},
        summary="Рассмотреть заявление",
        description="Куратор или руководитель удовлетворяет заявление (при желании назначая нового наставника) или отклоняет его с комментарием.",
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Approve or reject a pending request (seed 000 §5.1.1, §5.2.1)."""
        pair_request = self.get_object()
        data = PairRequestDecideSerializer(data=request.data, context={"pair_request": pair_request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        request_services.pair_request_decide(
            request=pair_request,
            by=request.user,
            approve=values["decision"] == "approve",
            comment=values["comment"],
            new_mentor=values["new_mentor"],
        )
        self.action = "retrieve"
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        request=None,
        responses={200: PairRequestSerializer},
        summary="Отозвать заявление",
        description="Отозвать заявление на рассмотрении может только тот, кто его подал.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a pending request; only its author may."""
        pair_request = self.get_object()
        request_services.pair_request_withdraw(request=pair_request, by=request.user)
        self.action = "retrieve"
        return Response(self.get_serializer(self.get_object()).data)


def register(router) -> None:
    """Register mentoring's viewsets on the API ``router``: ``mentoring/programs``,
    ``mentoring/pairs``, ``mentoring/meetings``, ``mentoring/requests``."""
    router.register("mentoring/programs", ProgramViewSet, basename="mentoring-program")
    router.register("mentoring/pairs", PairViewSet, basename="mentoring-pair")
    router.register("mentoring/meetings", MeetingViewSet, basename="mentoring-meeting")
    router.register("mentoring/requests", PairRequestViewSet, basename="mentoring-request")
