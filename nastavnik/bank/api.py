"""The REST API of the bank (issue 17, build 1): mentor and mentee profiles, consents to
personal-data processing and the yearly confirmation of an organization's bank.

The rows are the pages' (``for_user``, the same FilterSets as the lists, the same querysets as
``bank.views``); the JSON shows what the cards show. Scans (consents with passport data, 152-ФЗ
art. 9) are never in the JSON: a row gives at most the address of the existing protected download
(``bank:file``), and only to those who hold ``view_scan`` over it — the download checks it again
itself. The only write here is the confirmation (``services.bank_confirm``, seed 000 §4.1.2); the
cards are changed on the pages.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from nastavnik.access.choices import Action
from nastavnik.bank import services
from nastavnik.bank.choices import MentorPool
from nastavnik.bank.filtersets import MenteeProfileFilterSet, MentorProfileFilterSet
from nastavnik.bank.models import (
    BankConfirmation,
    MenteeProfile,
    MentorProfile,
    PersonalDataConsent,
)
from nastavnik.bank.selectors import bank_confirmation_status
from nastavnik.bank.views import mentee_queryset, mentor_queryset
from nastavnik.core.api import HasViewRight, ScopedReadOnlyViewSet, ScopedViewSetMixin
from nastavnik.organizations.models import OrgUnit


@extend_schema_serializer(
    description="Запись со ссылкой: идентификатор и наименование (для работника — фамилия, имя, отчество)."
)
class RefSerializer(serializers.Serializer):
    """A row named for people: ``{"id": int, "name": str}`` (an organization, a person, an entry
    of a reference list)."""

    id = serializers.IntegerField(help_text="Идентификатор.")
    name = serializers.CharField(help_text="Наименование (для работника — фамилия, имя, отчество).")


@extend_schema_field(RefSerializer)
class RefField(serializers.Field):
    """Read-only: a related row as ``{"id", "name"}`` (``str`` of the row, or its ``full_name``
    when it has one — a person); ``null`` when empty."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        name = getattr(value, "full_name", None) or str(value)
        return {"id": value.pk, "name": name}


@extend_schema_field(RefSerializer(many=True))
class RefListField(serializers.Field):
    """Read-only: the rows of a many-to-many relation (prefetched) as ``[{"id", "name"}]``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return [{"id": row.pk, "name": str(row)} for row in value.all()]


class ScanLinksMixin:
    """A viewset whose rows may carry a scan: the serializer's context gets ``scan_ids`` — the ids
    among the rows being shown that ``user`` may download the scan of (``scan_model.objects.
    for_user(user, "view_scan")``, the rule of ``bank.views.ScanDownloadView``), one query a page."""

    scan_model = None

    def get_serializer(self, *args, **kwargs):
        if args and self.scan_model is not None and not getattr(self, "swagger_fake_view", False):
            rows = args[0] if isinstance(args[0], list | tuple) else [args[0]]
            ids = [row.pk for row in rows if getattr(row, "pk", None)]
            context = kwargs.setdefault("context", self.get_serializer_context())
            context["scan_ids"] = (
                set(
                    self.scan_model.objects.for_user(self.request.user, Action.VIEW_SCAN)
                    .filter(pk__in=ids)
                    .values_list("pk", flat=True)
                )
                if ids
                else set()
            )
        return super().get_serializer(*args, **kwargs)


def _scan_url(serializer, row, field: str, kind: str) -> str | None:
    """The download address of ``row``'s scan ``field`` (``bank:file`` of ``kind``) when there is
    a file and the user may have it (``scan_ids`` of :class:`ScanLinksMixin`), else ``None``."""
    if not getattr(row, field) or row.pk not in serializer.context.get("scan_ids", ()):
        return None
    return reverse("bank:file", args=[kind, row.pk])


@extend_schema_serializer(
    description="Уровень компетенции наставника в области профессиональных затруднений: от 1 (базовый) до 5 (экспертный)."
)
class CompetenceSerializer(serializers.Serializer):
    """A mentor's level in a deficit area, 1 (basic) to 5 (expert) (seed 000 §4.3.3)."""

    area = RefField(help_text="Область профессиональных затруднений.")
    level = serializers.IntegerField(min_value=1, max_value=5, help_text="Уровень от 1 до 5.")


@extend_schema_serializer(
    description="Наставник в списке банка: работник, организация, статус, категория, нагрузка, компетенции, предметы, письменное согласие."
)
class MentorProfileSerializer(serializers.ModelSerializer):
    """A mentor's row of the bank list: what the list page shows, with the address of the card."""

    person = RefField(help_text="Работник.")
    organization = RefField(help_text="Организация, в банке которой состоит наставник.")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    pool = serializers.ChoiceField(
        choices=MentorPool.choices,
        allow_blank=True,
        read_only=True,
        help_text="Категория наставников; пусто — не указана.",
    )
    pool_label = serializers.CharField(source="get_pool_display", read_only=True)
    contour_label = serializers.CharField(source="get_contour_display", read_only=True)
    competences = CompetenceSerializer(many=True, read_only=True)
    subjects = RefListField(help_text="Предметы.")
    active_mentees = serializers.IntegerField(read_only=True, help_text="Наставляемых сейчас.")
    capacity_in_force = serializers.IntegerField(
        read_only=True, help_text="Наибольшее число наставляемых (с учётом значения организации)."
    )
    consent_scan_url = serializers.SerializerMethodField(
        help_text="Адрес скачивания скана согласия быть наставником (только тем, кому он доступен)."
    )
    page_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = MentorProfile
        fields = [
            "id",
            "person",
            "organization",
            "status",
            "status_label",
            "pool",
            "pool_label",
            "contour",
            "contour_label",
            "capacity",
            "capacity_in_force",
            "active_mentees",
            "competences",
            "subjects",
            "consent_given_on",
            "consent_scan_url",
            "publish_in_open_bank",
            "page_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_consent_scan_url(self, obj) -> str | None:
        return _scan_url(self, obj, "consent_scan", "mentor-consent")


@extend_schema_serializer(description="Пройденное наставником обучение и ссылка на документ об обучении.")
class TrainingSerializer(serializers.Serializer):
    """A training the mentor completed (seed 000 App. 2 §2.7); the document by its address."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    provider = serializers.CharField()
    hours = serializers.IntegerField(allow_null=True)
    completed_on = serializers.DateField()
    certificate_url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_certificate_url(self, obj) -> str | None:
        return reverse("bank:file", args=["training", obj.pk]) if obj.certificate else None


@extend_schema_serializer(description="Изменение статуса наставника: дата, новый статус, комментарий.")
class StatusEventSerializer(serializers.Serializer):
    """One change of a mentor's status (the card's history)."""

    occurred_on = serializers.DateField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    to_status_label = serializers.CharField(source="get_to_status_display")
    comment = serializers.CharField()


@extend_schema_serializer(
    description="Карточка наставника: сведения списка, формы, модели и виды наставничества, анкета, собеседование, обучение и история статусов."
)
class MentorProfileDetailSerializer(MentorProfileSerializer):
    """The mentor's card: the list row with the forms, models and kinds of mentoring, the
    questionnaire, the interview, the trainings and the status history."""

    forms = RefListField(help_text="Формы наставничества.")
    interaction_models = RefListField(help_text="Модели взаимодействия.")
    kinds = RefListField(help_text="Виды наставничества.")
    trainings = TrainingSerializer(many=True, read_only=True)
    events = StatusEventSerializer(many=True, read_only=True)

    class Meta(MentorProfileSerializer.Meta):
        fields = [
            *MentorProfileSerializer.Meta.fields,
            "forms",
            "interaction_models",
            "kinds",
            "questionnaire",
            "interviewed_on",
            "interview_notes",
            "trainings",
            "events",
        ]
        read_only_fields = fields


def unit_filters(*names: str):
    """``extend_schema_view`` of a list whose FilterSet filters ``names`` by a method over a row's
    id (an organization unit, a deficit area), which drf-spectacular cannot type by itself."""
    return extend_schema_view(
        list=extend_schema(
            parameters=[
                OpenApiParameter(name, OpenApiTypes.INT, description="Идентификатор.") for name in names
            ]
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="Наставники",
        description="Наставники банка, доступные пользователю (его организации и подчинённых территорий; наставник видит свою карточку). Фильтры — как в списке на странице. Скан согласия — только ссылкой на скачивание и только тем, кому он доступен.",
    ),
    retrieve=extend_schema(
        summary="Карточка наставника",
        description="Карточка наставника: компетенции, предметы, формы и виды наставничества, анкета, собеседование, обучение и история статусов.",
    ),
)
@extend_schema(tags=["Банк наставников и наставляемых"])
@unit_filters("municipality", "area")
class MentorProfileViewSet(ScanLinksMixin, ScopedReadOnlyViewSet):
    """Mentors of the bank (``GET /bank/mentors/``, ``GET /bank/mentors/{id}/``): the rows of the
    page «Банк наставников», filtered by its ``MentorProfileFilterSet``. As on the page, a
    mentor reaches their own card; a profile of a person without a valid consent to personal-data
    processing only the curator and the head of the organization (152-ФЗ art. 9)."""

    queryset = MentorProfile.objects.all()
    # the list page asks no right but the rows' scope: a mentor sees their own card
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = MentorProfileFilterSet
    scan_model = MentorProfile

    def base_queryset(self):
        queryset = mentor_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "forms", "interaction_models", "kinds", "trainings", "events"
            )
        return queryset

    def get_serializer_class(self):
        return MentorProfileDetailSerializer if self.action == "retrieve" else MentorProfileSerializer


@extend_schema_serializer(
    description="Выявленное профессиональное затруднение (дефицит компетенций) наставляемого: область, выраженность, источник, дата диагностики, описание."
)
class DeficitSerializer(serializers.Serializer):
    """A diagnosed professional difficulty (deficit) of a mentee (seed 000 §4.3.3 step 3)."""

    area = RefField()
    level = serializers.IntegerField()
    level_label = serializers.CharField(source="get_level_display")
    source = serializers.CharField()
    source_label = serializers.CharField(source="get_source_display")
    diagnosed_on = serializers.DateField()
    description = serializers.CharField()


@extend_schema_serializer(
    description="Наставляемый в списке банка: работник, организация, категории, запрос, наставники действующих пар, письменное согласие."
)
class MenteeProfileSerializer(serializers.ModelSerializer):
    """A mentee's row of the bank list: what the list page shows (the current mentors among the
    pairs the user may see)."""

    person = RefField(help_text="Работник.")
    organization = RefField(help_text="Организация, в банке которой состоит наставляемый.")
    categories = RefListField(help_text="Категории наставляемого.")
    request_areas = RefListField(help_text="Области запроса.")
    mentors = serializers.SerializerMethodField(help_text="Наставники в действующих парах.")
    consent_scan_url = serializers.SerializerMethodField(
        help_text="Адрес скачивания скана согласия наставляемого (только тем, кому он доступен)."
    )
    page_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = MenteeProfile
        fields = [
            "id",
            "person",
            "organization",
            "categories",
            "request_text",
            "request_areas",
            "mentors",
            "consent_given_on",
            "consent_scan_url",
            "full_cycle_completed_on",
            "page_url",
        ]
        read_only_fields = fields

    @extend_schema_field(RefSerializer(many=True))
    def get_mentors(self, obj) -> list[dict]:
        return [{"id": p.mentor_id, "name": p.mentor.full_name} for p in obj.person.current_pairs]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_consent_scan_url(self, obj) -> str | None:
        return _scan_url(self, obj, "consent_scan", "mentee-consent")


@extend_schema_serializer(
    description="Карточка наставляемого: сведения списка и выявленные профессиональные затруднения."
)
class MenteeProfileDetailSerializer(MenteeProfileSerializer):
    """The mentee's card: the list row with the diagnosed deficits of the mentee's person."""

    deficits = DeficitSerializer(source="person.deficits", many=True, read_only=True)

    class Meta(MenteeProfileSerializer.Meta):
        fields = [*MenteeProfileSerializer.Meta.fields, "deficits"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        summary="Наставляемые",
        description="Наставляемые банка, доступные пользователю (наставляемый видит свою карточку). Фильтры — как в списке на странице.",
    ),
    retrieve=extend_schema(
        summary="Карточка наставляемого",
        description="Карточка наставляемого: категории, запрос, наставники действующих пар и выявленные затруднения.",
    ),
)
@extend_schema(tags=["Банк наставников и наставляемых"])
@unit_filters("municipality", "deficit")
class MenteeProfileViewSet(ScanLinksMixin, ScopedReadOnlyViewSet):
    """Mentees of the bank (``GET /bank/mentees/``, ``GET /bank/mentees/{id}/``): the rows of the
    page «Банк наставляемых», filtered by its ``MenteeProfileFilterSet``; a mentee reaches their
    own card (the same scope and consent rule as the mentors')."""

    queryset = MenteeProfile.objects.all()
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = MenteeProfileFilterSet
    scan_model = MenteeProfile

    def base_queryset(self):
        queryset = mentee_queryset(self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("person__deficits__area")
        return queryset

    def get_serializer_class(self):
        return MenteeProfileDetailSerializer if self.action == "retrieve" else MenteeProfileSerializer


@extend_schema_serializer(
    description="Согласие на обработку персональных данных: даты, цели обработки, отзыв и ссылка на скачивание скана (только тем, кому он доступен)."
)
class ConsentSerializer(serializers.ModelSerializer):
    """A written consent to personal-data processing (152-ФЗ art. 9): the dates, the purposes,
    the withdrawal; the scan by the address of its protected download, for those who may have it."""

    person = RefField(help_text="Работник, давший согласие.")
    purpose_labels = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Цели обработки."
    )
    purposes = serializers.ListField(child=serializers.CharField(), read_only=True)
    is_valid = serializers.BooleanField(read_only=True, help_text="Действует (не отозвано).")
    scan_url = serializers.SerializerMethodField(
        help_text="Адрес скачивания скана согласия (только куратору, руководителю и самому работнику)."
    )

    class Meta:
        model = PersonalDataConsent
        fields = [
            "id",
            "person",
            "purposes",
            "purpose_labels",
            "given_on",
            "is_valid",
            "withdrawn_on",
            "withdrawal_reason",
            "scan_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_scan_url(self, obj) -> str | None:
        return _scan_url(self, obj, "scan", "pd-consent")


@extend_schema_view(
    list=extend_schema(
        summary="Согласия на обработку персональных данных",
        description="Согласия работников организаций, где пользователь — куратор или руководитель, и собственные согласия пользователя. Только чтение: согласия вносятся и отзываются на странице работника.",
    ),
    retrieve=extend_schema(
        summary="Согласие на обработку персональных данных",
        description="Согласие: даты, цели обработки, отзыв и ссылка на скачивание скана (куратору, руководителю и самому работнику).",
    ),
)
@extend_schema(tags=["Банк наставников и наставляемых"])
class ConsentViewSet(ScanLinksMixin, ScopedReadOnlyViewSet):
    """Consents to personal-data processing (``GET /bank/consents/``): of the people working in the
    organizations where the user is the curator or the head, and the user's own (``PERMISSIONS
    ["personaldataconsent"]``). Read only: consents are recorded and withdrawn on the person's
    card. ``?person=`` narrows to one person."""

    queryset = PersonalDataConsent.objects.all()
    # a person sees their own consents (the row scope), whatever their role
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["person"]
    serializer_class = ConsentSerializer
    scan_model = PersonalDataConsent

    def base_queryset(self):
        return PersonalDataConsent.objects.select_related("person")


@extend_schema_serializer(description="Банк организации: дата последнего подтверждения актуальности.")
class BankSerializer(serializers.ModelSerializer):
    """An organization's bank: when it was last confirmed up to date (seed 000 §4.1.2)."""

    name = serializers.CharField(source="__str__", read_only=True, help_text="Организация.")
    last_confirmed_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="Дата последнего подтверждения актуальности банка."
    )

    class Meta:
        model = OrgUnit
        fields = ["id", "name", "last_confirmed_on"]
        read_only_fields = fields


@extend_schema_serializer(
    description="Состояние банка организации: ok — актуален, due_soon — скоро нужно подтвердить, overdue — подтверждение просрочено, never — ни разу не подтверждался; дата следующего подтверждения."
)
class BankDetailSerializer(BankSerializer):
    """The bank with its state: «ok», «due_soon», «overdue» or «never», and the date the next
    confirmation is due."""

    state = serializers.SerializerMethodField(help_text="ok, due_soon, overdue или never.")
    state_label = serializers.SerializerMethodField()
    due_on = serializers.SerializerMethodField(help_text="Когда нужно подтвердить снова.")

    class Meta(BankSerializer.Meta):
        fields = [*BankSerializer.Meta.fields, "state", "state_label", "due_on"]
        read_only_fields = fields

    def _status(self, obj):
        if not hasattr(obj, "_bank_status"):
            obj._bank_status = bank_confirmation_status(obj)
        return obj._bank_status

    @extend_schema_field(serializers.ChoiceField(choices=["never", "ok", "due_soon", "overdue"]))
    def get_state(self, obj) -> str:
        return self._status(obj).state

    def get_state_label(self, obj) -> str:
        return self._status(obj).label

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_due_on(self, obj):
        return self._status(obj).due_on


@extend_schema_serializer(description="Подтверждение актуальности банка: необязательный комментарий.")
class BankConfirmInputSerializer(serializers.Serializer):
    """The input of the confirmation: an optional comment."""

    comment = serializers.CharField(
        label="Комментарий", required=False, allow_blank=True, max_length=2000, default=""
    )


@extend_schema_serializer(
    description="Записанное подтверждение актуальности банка: дата и числа наставников и наставляемых на эту дату."
)
class BankConfirmationSerializer(serializers.ModelSerializer):
    """A recorded confirmation: the date and the counts of mentors and mentees on it."""

    organization = RefField()

    class Meta:
        model = BankConfirmation
        fields = ["id", "organization", "confirmed_on", "comment", "mentors_count", "mentees_count"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        summary="Банки организаций",
        description="Организации, банки которых доступны пользователю, с датой последнего подтверждения актуальности.",
    ),
    retrieve=extend_schema(
        summary="Банк организации",
        description="Состояние банка организации: когда подтверждалась актуальность и когда её нужно подтвердить снова (не реже раза в год).",
    ),
)
@extend_schema(tags=["Банк наставников и наставляемых"])
class BankViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The banks of the organizations the user sees (``GET /bank/organizations/``, ``…/{id}/``)
    and the curator's yearly confirmation that the bank is up to date (``POST …/{id}/confirm/``,
    ``services.bank_confirm``: the ``bank`` ``confirm`` right over the organization — another
    user gets 403 with the reason, as on the home page)."""

    queryset = OrgUnit.objects.organizations()
    required_right = ("bank", Action.VIEW)
    permission_classes = [permissions.IsAuthenticated, HasViewRight]

    def base_queryset(self):
        last = BankConfirmation.objects.filter(organization=OuterRef("pk")).order_by("-confirmed_on", "-pk")
        return OrgUnit.objects.organizations().annotate(
            last_confirmed_on=Subquery(last.values("confirmed_on")[:1])
        )

    def get_serializer_class(self):
        if self.action == "confirm":
            return BankConfirmInputSerializer
        return BankDetailSerializer if self.action == "retrieve" else BankSerializer

    @extend_schema(
        request=BankConfirmInputSerializer,
        responses={201: BankConfirmationSerializer},
        summary="Подтвердить актуальность банка",
        description="Куратор подтверждает, что банк наставников и наставляемых организации актуален на сегодня; сохраняются числа наставников и наставляемых на эту дату.",
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm the bank of the organization as up to date today (seed 000 §4.1.2)."""
        organization = self.get_object()
        data = BankConfirmInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        confirmation = services.bank_confirm(
            organization=organization, by=request.user, comment=data.validated_data["comment"]
        )
        return Response(BankConfirmationSerializer(confirmation).data, status=201)


def register(router) -> None:
    """Register the bank's viewsets on the API ``router``: ``bank/mentors``, ``bank/mentees``,
    ``bank/consents``, ``bank/organizations``."""
    router.register("bank/mentors", MentorProfileViewSet, basename="bank-mentor")
    router.register("bank/mentees", MenteeProfileViewSet, basename="bank-mentee")
    router.register("bank/consents", ConsentViewSet, basename="bank-consent")
    router.register("bank/organizations", BankViewSet, basename="bank-organization")
