"""The REST API of the organization tree (issue 17): ``/api/v1/organizations/`` — the units
(region, municipalities, organizations) the user sees, as on the pages «Организации»: the same
scope (``OrgUnit.objects.for_user``), the same FilterSet (``OrgUnitFilterSet``), the same fields
as the unit's page. Read only: units are created and changed on the pages (and in the admin)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from nastavnik.core.api import ScopedViewSetMixin
from nastavnik.organizations.filtersets import OrgUnitFilterSet
from nastavnik.organizations.models import OrgUnit


class OrgUnitBriefSerializer(serializers.ModelSerializer):
    """A unit named in another record: id and the name the pages show (short, else full)."""

    name = serializers.CharField(
        source="__str__", read_only=True, help_text="Наименование (краткое, если есть)."
    )

    class Meta:
        model = OrgUnit
        fields = ["id", "name"]


class OrgUnitSerializer(serializers.ModelSerializer):
    """A unit as its page shows it: names, level and kind (codes and Russian names), the parent,
    the municipality it is in, ИНН, address and contacts."""

    level_display = serializers.CharField(source="get_level_display", read_only=True, help_text="Уровень.")
    kind_display = serializers.CharField(
        source="get_kind_display", read_only=True, help_text="Вид организации."
    )
    municipality_type_display = serializers.CharField(
        source="get_municipality_type_display", read_only=True, help_text="Вид муниципального образования."
    )
    parent = OrgUnitBriefSerializer(read_only=True, allow_null=True, help_text="Вышестоящая единица.")
    municipality = OrgUnitBriefSerializer(
        read_only=True,
        allow_null=True,
        help_text="Муниципальное образование, в котором находится организация.",
    )
    label = serializers.CharField(
        source="label_with_municipality",
        read_only=True,
        help_text="Наименование с муниципальным образованием, как в списках.",
    )

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "full_name",
            "short_name",
            "label",
            "level",
            "level_display",
            "kind",
            "kind_display",
            "municipality_type",
            "municipality_type_display",
            "parent",
            "municipality",
            "inn",
            "address",
            "email",
            "phone",
            "website",
            "updated_at",
        ]
        read_only_fields = fields


class OrgUnitViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Units in the user's scope: list (filters of the page «Организации»: ``q`` — name or
    ИНН, ``level``, ``kind``, ``municipality``) and a unit by id (404 outside the scope)."""

    queryset = OrgUnit.objects.all()
    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilterSet

    def base_queryset(self):
        return OrgUnit.objects.select_related("parent", "municipality")


def register(router) -> None:
    """Register this app's viewsets on the API ``router``."""
    router.register("organizations", OrgUnitViewSet, basename="organization")
