"""Forms for a person's places of work."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.people.choosers import PERSON_ADD_ORGANIZATIONS
from nastavnik.reference.models import Position

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmploymentAddForm(forms.Form):
    organization = OrgUnitChoiceField(label="Организация", queryset=None)
    position = forms.ModelChoiceField(
        label="Должность", queryset=Position.objects.filter(is_active=True), required=False
    )
    job_title = forms.CharField(
        label="Должность по штатному расписанию",
        required=False,
        max_length=200,
        help_text="Например, «учитель математики», «заместитель директора по УВР».",
    )
    started_on = forms.DateField(label="Дата приёма", required=False, widget=_DATE)
    is_primary = forms.BooleanField(label="Основное место работы", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        use_chooser(self.fields["organization"], PERSON_ADD_ORGANIZATIONS, user)
        bootstrap_widgets(self.fields)


class EmploymentEndForm(forms.Form):
    ended_on = forms.DateField(label="Дата увольнения", widget=_DATE, initial=timezone.localdate)
