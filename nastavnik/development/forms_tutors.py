"""Forms of the tutors' pages (issue 18, Build 3): assigning a tutor to a teacher or to an
organization, and ending an assignment."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.development.choosers import TUTOR_ORGANIZATIONS, TUTOR_PEOPLE
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TutorAssignForm(forms.Form):
    """A teacher or an organization (exactly one) of the coordinator's region and the first day
    of the assignment. Both choices are type-ahead choosers over the region
    (``development.choosers``): a forged id outside it is a form error."""

    person = forms.ModelChoiceField(
        label="Педагог",
        queryset=Person.objects.none(),
        required=False,
        help_text="Тьютор сопровождает индивидуальный образовательный маршрут этого педагога.",
    )
    organization = forms.ModelChoiceField(
        label="или организация",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="Тьютор сопровождает всех педагогов организации.",
    )
    starts_on = forms.DateField(label="Закрепить с", widget=_date_widget())

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("starts_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        use_chooser(self.fields["person"], TUTOR_PEOPLE, user)
        use_chooser(self.fields["organization"], TUTOR_ORGANIZATIONS, user)
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        person, organization = data.get("person"), data.get("organization")
        if not self.errors and (person is None) == (organization is None):
            raise forms.ValidationError("Выберите либо педагога, либо организацию.")
        starts_on = data.get("starts_on")
        if starts_on is not None and abs((starts_on - timezone.localdate()).days) > 366:
            self.add_error("starts_on", "Дата начала — не дальше года от сегодняшнего дня.")
        return data


class TutorUnassignForm(forms.Form):
    """The last day the assignment is in force (yesterday by default: the access ends at once)."""

    ends_on = forms.DateField(
        label="Последний день сопровождения",
        widget=_date_widget(),
        help_text="Со следующего дня тьютор не видит маршрут и диагностики педагога.",
    )

    def __init__(self, *args, assignment, **kwargs):
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        kwargs.setdefault("initial", {}).setdefault("ends_on", max(yesterday, assignment.starts_on))
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)
