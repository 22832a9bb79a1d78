"""Pages to see and manage role assignments within the user's scope."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic.edit import FormView

from nastavnik.access.forms import RoleAssignForm
from nastavnik.access.models import RoleAssignment
from nastavnik.access.services import assignable_roles, role_assign, role_invitation_send, role_revoke
from nastavnik.accounts.services import base_url
from nastavnik.core.views import (
    RightRequiredMixin,
    ScopedListView,
    ScopedQuerysetMixin,
    add_validation_error,
    id_param,
)
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
        # A holder's card is a link only for whom it opens: a tutor of the regional ЦНППМ holds a
        # role in a municipality whose coordinator does not see their card (one query a page).
        person_ids = {person.pk for ra in context["object_list"] if (person := _person_of(ra.user))}
        context["openable_people"] = set(
            Person.objects.for_user(user).filter(pk__in=person_ids).values_list("pk", flat=True)
        )
        return context


class RoleAssignView(RightRequiredMixin, ScopedQuerysetMixin, FormView):
    model = RoleAssignment
    scope_action = "add"
    form_class = RoleAssignForm
    template_name = "access/roleassignment_form.html"
    forbidden_message = "Назначать роли могут региональный оператор, муниципальный координатор, руководитель и куратор организации."

    def has_right(self) -> bool:
        return bool(assignable_roles(self.request.user))

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        person_id = id_param(self.request.GET.get("person"))
        if person_id is not None:
            kwargs["person"] = get_object_or_404(Person.objects.for_user(self.request.user), pk=person_id)
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            assignment, invitation = role_assign(
                by=self.request.user,
                person=data["person"],
                role=data["role"],
                org_unit=data["org_unit"],
                username=data["username"],
                site=base_url(self.request),
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        except PermissionDenied as exc:
            form.add_error("role", str(exc))
            return self.form_invalid(form)
        text = f"Роль «{assignment.get_role_display()}» назначена: {data['person']} ({assignment.org_unit})."
        messages.success(self.request, text)
        if invitation is not None:
            _say_invitation(self.request, assignment, invitation, created=True)
        if form.person_preset is not None:
            return redirect(form.person_preset)
        return redirect("access:list")


def _say_invitation(request, assignment, invitation, *, created: bool = False) -> None:
    """Tell the user what became of an invitation to set a password (``accounts``)."""
    login = assignment.user.username
    if invitation.sent:
        prefix = f"Создана учётная запись с логином «{login}». " if created else ""
        messages.success(
            request,
            f"{prefix}Приглашение задать пароль отправлено на адрес {invitation.address}.",
        )
        return
    if invitation.address:
        reason = f"письмо на адрес {invitation.address} не удалось отправить"
    else:
        reason = "у работника не указан адрес электронной почты"
    prefix = f"Создана учётная запись с логином «{login}», но приглашение" if created else "Приглашение"
    messages.warning(
        request,
        f"{prefix} задать пароль не отправлено: {reason}. Добавьте адрес в карточку работника "
        "и отправьте приглашение ещё раз из списка ролей (кнопка «Отправить приглашение»).",
    )


class RoleInvitationView(ScopedQuerysetMixin, View):
    """POST: send again the invitation to set a password to the account of an assignment that
    has not set it yet (``role_invitation_send``)."""

    model = RoleAssignment
    scope_action = "change"

    def post(self, request, pk):
        assignment = get_object_or_404(self.get_queryset().select_related("user"), pk=pk)
        try:
            invitation = role_invitation_send(by=request.user, assignment=assignment, site=base_url(request))
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            _say_invitation(request, assignment, invitation)
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


def _person_of(user):
    """The user's person, or ``None`` when the account has none."""
    try:
        return user.person
    except Person.DoesNotExist:
        return None
