"""The REST API of the personified record (issue 17): ``/api/v1/people/`` — pedagogical workers
with their places of work.

- Scope: ``Person.objects.for_user(user, "view")``, as the pages — the consent rule included
  (152-ФЗ art. 9, ``people.consent``): a person without a valid consent to personal-data
  processing is reached only by the curator and the head of their organization (who collect
  the consents) and by themselves; for everyone else such a person is 404 and absent from lists.
- Fields: what the pages show — the list the columns of «Педагогические работники», a person the
  card (СНИЛС included: the card shows it to everyone who opens it). Never the address or the
  identity document (they are kept for the consent's text and shown on no page).
- Filters: the list page's ``PersonFilterSet`` (``q`` — ФИО, СНИЛС or e-mail; ``municipality``,
  ``organization``, ``position``, ``subjects``, ``qualification_category``,
  ``has_pedagogical_education``).
- Writes call the pages' services with ``by=request.user``, which check the right themselves:
  ``POST /people/`` — ``person_create`` (with the primary place of work), ``PATCH
  /people/{id}/`` — ``person_update`` (with ``version``, the card's version read before: a card
  changed by someone else since is not overwritten, the answer is 409 with the stored card —
  ``core.concurrency``); ``POST /people/{id}/employments/`` —
  ``employment_add``; ``POST /people/{id}/employments/{employment_id}/end/`` —
  ``employment_end``.
"""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from nastavnik.core.api import ScopedViewSetMixin
from nastavnik.organizations.api import OrgUnitBriefSerializer
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choosers import organizations_for_person_add
from nastavnik.people.filtersets import PersonFilterSet
from nastavnik.people.forms import PERSON_FIELDS
from nastavnik.people.models import Employment, Person
from nastavnik.people.services import employment_add, employment_end, person_create, person_update
from nastavnik.reference.models import Position, Subject


class ReferenceBriefSerializer(serializers.Serializer):
    """An entry of a reference list (position, subject): id and Russian name."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class EmploymentSerializer(serializers.ModelSerializer):
    """A place of work: the organization (with the municipality, as in lists), the position and
    the title in the staff schedule, whether it is the primary one, dates of hiring and
    dismissal (``null`` — open)."""

    organization = OrgUnitBriefSerializer(read_only=True)
    organization_label = serializers.CharField(
        source="organization.label_with_municipality",
        read_only=True,
        help_text="Организация с муниципалитетом.",
    )
    position = ReferenceBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Employment
        fields = [
            "id",
            "organization",
            "organization_label",
            "position",
            "job_title",
            "is_primary",
            "started_on",
            "ended_on",
        ]
        read_only_fields = fields


class PersonListSerializer(serializers.ModelSerializer):
    """A row of the list «Педагогические работники»: ФИО, position, current places of work,
    qualification category, pedagogical experience."""

    full_name = serializers.CharField(read_only=True)
    position = ReferenceBriefSerializer(read_only=True, allow_null=True)
    current_employments = EmploymentSerializer(many=True, read_only=True, help_text="Текущие места работы.")
    qualification_category_display = serializers.CharField(
        source="get_qualification_category_display", read_only=True
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            "last_name",
            "first_name",
            "middle_name",
            "position",
            "current_employments",
            "qualification_category",
            "qualification_category_display",
            "pedagogical_experience_years",
        ]
        read_only_fields = fields


class PersonSerializer(PersonListSerializer):
    """A person's card as its page shows it: the list's fields, sex, birth date, СНИЛС
    («112-233-445 95», "" when unknown), title in the staff schedule, subjects, experience,
    pedagogical education, e-mail, phone and every place of work (current and past)."""

    sex_display = serializers.CharField(source="get_sex_display", read_only=True)
    snils = serializers.CharField(
        source="snils_display", read_only=True, help_text="СНИЛС, «112-233-445 95»."
    )
    subjects = ReferenceBriefSerializer(many=True, read_only=True)
    employments = EmploymentSerializer(many=True, read_only=True, help_text="Все места работы.")

    class Meta(PersonListSerializer.Meta):
        fields = [
            *PersonListSerializer.Meta.fields,
            "sex",
            "sex_display",
            "birth_date",
            "snils",
            "job_title",
            "subjects",
            "total_experience_years",
            "has_pedagogical_education",
            "email",
            "phone",
            "employments",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class PersonUpdateInputSerializer(serializers.ModelSerializer):
    """The card's fields a user with the right to change it may send (``PATCH``: any of them).
    ``snils``: with or without dashes and spaces; the address and the identity document are
    written (for the consent's text) and never returned. The rules of the card (СНИЛС valid
    and unique, pedagogical experience not above total…) are the service's: their errors come
    back under these names."""

    snils = serializers.CharField(required=False, allow_blank=True, max_length=14, help_text="СНИЛС.")
    position = serializers.PrimaryKeyRelatedField(
        queryset=Position.objects.all(), required=False, allow_null=True, help_text="Должность (id)."
    )
    subjects = serializers.PrimaryKeyRelatedField(
        queryset=Subject.objects.all(), many=True, required=False, help_text="Предметы (id)."
    )
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        write_only=True,
        help_text=(
            "Версия карточки, которую вы меняете (поле version ответа): если её уже изменил "
            "другой пользователь, ничего не записывается и ответ — 409 с сохранённой карточкой."
        ),
    )

    class Meta:
        model = Person
        fields = [*PERSON_FIELDS, "version"]
        # Uniqueness (СНИЛС) is the service's ``full_clean``: one rule, one message.
        validators = []
        extra_kwargs = {
            "address": {"write_only": True},
            "id_document_number": {"write_only": True},
            "id_document_issued_on": {"write_only": True},
            "id_document_issued_by": {"write_only": True},
        }

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.validators = [v for v in field.validators if not _is_unique_validator(v)]
        return fields


def _is_unique_validator(validator) -> bool:
    return type(validator).__name__ == "UniqueValidator"


class _PersonAddOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organization where the requesting user may add people (as the form's choices: an id
    outside them is «not found», a 400)."""

    def get_queryset(self):
        request = self.context.get("request")
        return organizations_for_person_add(getattr(request, "user", None))


class PersonCreateInputSerializer(PersonUpdateInputSerializer):
    """A new person: the card's fields (surname, first name, sex and birth date required) and the
    primary place of work — ``organization`` (id, where the user may add people) and
    ``started_on`` (date of hiring, optional)."""

    organization = _PersonAddOrganizationField(
        queryset=OrgUnit.objects.none(), help_text="Организация — основное место работы (id)."
    )
    started_on = serializers.DateField(required=False, allow_null=True, help_text="Дата приёма.")
    version = None  # a new card has no version yet

    class Meta(PersonUpdateInputSerializer.Meta):
        fields = [
            *(f for f in PersonUpdateInputSerializer.Meta.fields if f != "version"),
            "organization",
            "started_on",
        ]


class EmploymentAddInputSerializer(serializers.Serializer):
    """Another place of work of a person: the organization (id, where the user may add people),
    position (id), title in the staff schedule, primary or not, date of hiring."""

    organization = _PersonAddOrganizationField(queryset=OrgUnit.objects.none(), help_text="Организация (id).")
    position = serializers.PrimaryKeyRelatedField(
        queryset=Position.objects.all(), required=False, allow_null=True, help_text="Должность (id)."
    )
    job_title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    is_primary = serializers.BooleanField(required=False, default=False)
    started_on = serializers.DateField(required=False, allow_null=True)


class EmploymentEndInputSerializer(serializers.Serializer):
    """Closing a place of work: the date of dismissal (or transfer)."""

    ended_on = serializers.DateField(help_text="Дата увольнения.")


def _people():
    """Pedagogical workers (``PersonQuerySet.workers``: learners and participants outside the
    staff are not the API's «people»)."""
    return (
        Person.objects.workers()
        .select_related("position")
        .prefetch_related(
            Prefetch(
                "employments",
                queryset=Employment.objects.current().select_related(
                    "organization__municipality", "position"
                ),
                to_attr="current_employments",
            )
        )
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            # the FilterSet's unit filters read an id through a method: their type said here
            OpenApiParameter("organization", int, description="Организация (id): её работники."),
            OpenApiParameter(
                "municipality", int, description="Муниципальное образование (id): его работники."
            ),
        ]
    )
)
class PersonViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Pedagogical workers (see the module): list, a card by id, create, change, places of work."""

    queryset = Person.objects.all()
    scope_model = "person"
    filterset_class = PersonFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        queryset = _people()
        if self.action != "list":
            queryset = queryset.prefetch_related(
                "subjects",
                Prefetch(
                    "employments",
                    queryset=Employment.objects.select_related(
                        "organization__municipality", "position"
                    ).order_by("-started_on", "pk"),
                ),
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "list":
            return PersonListSerializer
        if self.action == "create":
            return PersonCreateInputSerializer
        if self.action == "partial_update":
            return PersonUpdateInputSerializer
        if self.action == "employment_add":
            return EmploymentAddInputSerializer
        if self.action == "employment_end":
            return EmploymentEndInputSerializer
        return PersonSerializer

    def conflict_representation(self, person: Person) -> dict:
        """The stored card in a 409 (``core.api.exception_handler``), as this endpoint shows it."""
        fresh = self.get_queryset().filter(pk=person.pk).first()
        return PersonSerializer(fresh, context=self.get_serializer_context()).data if fresh else {}

    def _employment(self, employment: Employment, code: int = status.HTTP_200_OK) -> Response:
        fresh = Employment.objects.select_related("organization__municipality", "position").get(
            pk=employment.pk
        )
        return Response(EmploymentSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def _card(self, person: Person, code: int = status.HTTP_200_OK) -> Response:
        # Read back through the scope: what the user sees of the saved card.
        fresh = get_object_or_404(self.get_queryset(), pk=person.pk)
        return Response(PersonSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=PersonCreateInputSerializer, responses={201: PersonSerializer})
    def create(self, request, *args, **kwargs):
        """Create a person with the primary place of work (``people.services.person_create``)."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        person = person_create(
            organization=data.pop("organization"),
            started_on=data.pop("started_on", None),
            subjects=data.pop("subjects", ()),
            by=request.user,
            **data,
        )
        return self._card(person, status.HTTP_201_CREATED)

    @extend_schema(request=PersonUpdateInputSerializer, responses={200: PersonSerializer})
    def partial_update(self, request, *args, **kwargs):
        """Change the fields sent (``people.services.person_update``)."""
        person = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        person_update(
            person=person,
            subjects=data.pop("subjects", None),
            expected_version=data.pop("version", None),
            by=request.user,
            **data,
        )
        return self._card(person)

    @extend_schema(request=EmploymentAddInputSerializer, responses={201: EmploymentSerializer})
    @action(detail=True, methods=["post"], url_path="employments")
    def employment_add(self, request, pk=None):
        """Add a place of work (``people.services.employment_add``); answers with it."""
        person = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employment = employment_add(person=person, by=request.user, **serializer.validated_data)
        return self._employment(employment, status.HTTP_201_CREATED)

    @extend_schema(request=EmploymentEndInputSerializer, responses={200: EmploymentSerializer})
    @action(detail=True, methods=["post"], url_path=r"employments/(?P<employment_id>[0-9]+)/end")
    def employment_end(self, request, pk=None, employment_id=None):
        """Close a place of work of the person (``people.services.employment_end``); answers
        with it; 404 for an employment of somebody else."""
        person = self.get_object()
        employment = get_object_or_404(
            Employment.objects.select_related("organization"), pk=employment_id, person=person
        )
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employment = employment_end(employment=employment, by=request.user, **serializer.validated_data)
        # The closed place of work, not the card: after its last job the person may have left
        # the user's scope (a school's curator keeps only its staff).
        return self._employment(employment)


def register(router) -> None:
    """Register this app's viewsets on the API ``router``."""
    router.register("people", PersonViewSet, basename="person")
