"""Pages to see and manage role assignments within the user's scope."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic.edit import FormView

from nastavnik.access.forms import RoleAssignForm
from nastavnik.access.models import RoleAssignment
from nastavnik.access.services import assignable_roles, role_assign, role_revoke
from nastavnik.core.views import ScopedListView, ScopedQuerysetMixin, add_validation_error
from nastavnik.people.models import Person


class RoleAssignmentListView(ScopedListView):
    model = RoleAssignment
    filterset_class = None
    filterset_fields = ["role"]
    template_name = "access/roleassignment_list.html"

    def base_queryset(self):
        return RoleAssignment.objects.select_related("user", "user__person", "org_unit").order_by(
            "org_unit__path", "role"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_assign"] = bool(assignable_roles(user))
        context["revocable"] = {
            ra.pk for ra in context["object_list"] if ra.role in assignable_roles(user, ra.org_unit)
        }
        return context


class RoleAssignView(ScopedQuerysetMixin, FormView):
    model = RoleAssignment
    scope_action = "add"
    form_class = RoleAssignForm
    template_name = "access/roleassignment_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not assignable_roles(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        person_id = self.request.GET.get("person")
        if person_id and str(person_id).isdigit():
            kwargs["person"] = get_object_or_404(Person.objects.for_user(self.request.user), pk=person_id)
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            assignment, password = role_assign(
                by=self.request.user,
                person=data["person"],
                role=data["role"],
                org_unit=data["org_unit"],
                username=data["username"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        except PermissionDenied as exc:
            form.add_error("role", str(exc))
            return self.form_invalid(form)
        text = f"Роль «{assignment.get_role_display()}» назначена: {data['person']} ({assignment.org_unit})."
        if password:
            text += f" Создана учётная запись «{assignment.user.username}», временный пароль: {password} — передайте его работнику."
        messages.success(self.request, text)
        if form.person_preset is not None:
            return redirect(form.person_preset)
        return redirect("access:list")


class RoleRevokeView(ScopedQuerysetMixin, View):
    model = RoleAssignment
    scope_action = "change"

    def post(self, request, pk):
        assignment = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            role_revoke(by=request.user, assignment=assignment)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Роль «{assignment.get_role_display()}» снята.")
        return redirect("access:list")
