"""Pages for a person's places of work: add one, close one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from nastavnik.core.views import add_validation_error
from nastavnik.people.employment_forms import EmploymentAddForm, EmploymentEndForm
from nastavnik.people.forms import organizations_for_person_add
from nastavnik.people.models import Employment, Person
from nastavnik.people.services import employment_add, employment_end


class EmploymentAddView(LoginRequiredMixin, View):
    """Add a place of work to a person the user may change, in an organization they keep."""

    template_name = "people/employment_form.html"

    def _person(self, request, pk):
        return get_object_or_404(Person.objects.for_user(request.user, "change"), pk=pk)

    def get(self, request, pk):
        person = self._person(request, pk)
        return render(
            request, self.template_name, {"object": person, "form": EmploymentAddForm(user=request.user)}
        )

    def post(self, request, pk):
        person = self._person(request, pk)
        form = EmploymentAddForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                employment_add(person=person, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, "Место работы добавлено.")
                return redirect(person)
        messages.error(request, "Исправьте ошибки в форме: данные не сохранены.")
        return render(request, self.template_name, {"object": person, "form": form})


class EmploymentEndView(LoginRequiredMixin, View):
    """Close an employment in an organization the user keeps (curator, head)."""

    def post(self, request, pk):
        employment = get_object_or_404(
            Employment.objects.select_related("person", "organization").filter(
                organization__in=organizations_for_person_add(request.user)
            ),
            pk=pk,
        )
        person = employment.person
        form = EmploymentEndForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Укажите дату увольнения.")
            return redirect(person)
        try:
            employment_end(employment=employment, ended_on=form.cleaned_data["ended_on"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(person)
        messages.success(request, f"Место работы «{employment.organization}» закрыто.")
        if Person.objects.for_user(request.user).filter(pk=person.pk).exists():
            return redirect(person)
        return redirect("people:list")

    def get(self, request, pk):
        raise Http404
