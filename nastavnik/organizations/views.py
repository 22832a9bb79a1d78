"""Pages of the organization tree."""

from __future__ import annotations

from nastavnik.access.models import RoleAssignment
from nastavnik.core.views import ScopedDetailView, ScopedFormView, ScopedListView, id_param
from nastavnik.organizations.filtersets import OrgUnitFilterSet
from nastavnik.organizations.forms import OrgUnitCreateForm, OrgUnitEditForm
from nastavnik.organizations.models import OrgUnit
from nastavnik.organizations.services import org_unit_create, org_unit_update
from nastavnik.people.models import Person


class OrgUnitListView(ScopedListView):
    model = OrgUnit
    filterset_class = OrgUnitFilterSet
    template_name = "organizations/orgunit_list.html"

    def base_queryset(self):
        return OrgUnit.objects.select_related("parent", "municipality")


class OrgUnitDetailView(ScopedDetailView):
    model = OrgUnit
    template_name = "organizations/orgunit_detail.html"

    def base_queryset(self):
        return OrgUnit.objects.select_related("parent", "municipality")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        user = self.request.user
        context["ancestors"] = unit.ancestors()
        context["children"] = (
            OrgUnit.objects.for_user(user).filter(parent=unit).order_by("level", "full_name")
        )
        context["staff_count"] = Person.objects.for_user(user).employed_in(unit).count()
        context["can_change"] = OrgUnit.objects.for_user(user, "change").filter(pk=unit.pk).exists()
        context["roles"] = (
            RoleAssignment.objects.for_user(user)
            .filter(org_unit=unit)
            .select_related("user", "user__person")
            .order_by("role")
        )
        return context


class OrgUnitCreateView(ScopedFormView):
    model = OrgUnit
    scope_action = "add"
    form_class = OrgUnitCreateForm
    template_name = "organizations/orgunit_form.html"
    success_message = "Единица создана."

    def get_initial(self):
        initial = super().get_initial()
        if parent := id_param(self.request.GET.get("parent")):
            initial["parent"] = parent
        return initial

    def perform(self, form):
        data = dict(form.cleaned_data)
        return org_unit_create(
            parent=data.pop("parent"),
            level=data.pop("level"),
            full_name=data.pop("full_name"),
            by=self.request.user,
            **data,
        )


class OrgUnitUpdateView(ScopedFormView):
    model = OrgUnit
    form_class = OrgUnitEditForm
    template_name = "organizations/orgunit_form.html"

    def perform(self, form):
        return org_unit_update(unit=self.object, by=self.request.user, **form.cleaned_data)
