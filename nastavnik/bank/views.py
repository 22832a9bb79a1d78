"""Bank pages: the yearly confirmation by the curator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from nastavnik.access.choices import Role
from nastavnik.access.scope import get_scope
from nastavnik.bank.services import bank_confirm
from nastavnik.organizations.models import OrgUnit


class BankConfirmView(LoginRequiredMixin, View):
    """POST: the curator confirms their organization's bank is up to date (seed 000 §4.1.2)."""

    def post(self, request, pk):
        kept = [] if request.user.is_superuser else get_scope(request.user).own_units(Role.CURATOR)
        units = OrgUnit.objects.all() if request.user.is_superuser else OrgUnit.objects.filter(pk__in=kept)
        organization = get_object_or_404(units.organizations(), pk=pk)
        confirmation = bank_confirm(
            organization=organization, by=request.user, comment=request.POST.get("comment", "")
        )
        messages.success(
            request,
            f"Актуальность банка подтверждена {confirmation.confirmed_on:%d.%m.%Y}: наставников — "
            f"{confirmation.mentors_count}, наставляемых — {confirmation.mentees_count}.",
        )
        return redirect("core:home")
