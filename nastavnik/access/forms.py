"""Form to appoint a role; choices are what the user may assign within their scope."""

from __future__ import annotations

from django import forms

from nastavnik.access.choices import Role
from nastavnik.access.choosers import ROLE_UNITS
from nastavnik.access.services import assignable_roles
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choosers import PEOPLE
from nastavnik.people.models import Person


class RoleAssignForm(forms.Form):
    person = forms.ModelChoiceField(label="Работник", queryset=Person.objects.none())
    role = forms.ChoiceField(label="Роль")
    org_unit = OrgUnitChoiceField(label="Где (организация или территория)", queryset=OrgUnit.objects.none())
    username = forms.CharField(
        label="Логин новой учётной записи",
        required=False,
        max_length=150,
        help_text="Нужен, только если у работника ещё нет учётной записи; временный пароль будет показан один раз.",
    )

    def __init__(self, *args, user=None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person_preset = person
        if person is not None:
            self.fields["person"].queryset = Person.objects.for_user(user)
            self.fields["person"].initial = person.pk
            self.fields["person"].widget = forms.HiddenInput()
        else:
            # Any number of people in scope: typed, not listed (issue 16).
            use_chooser(self.fields["person"], PEOPLE, user)
        roles = assignable_roles(user)
        self.fields["role"].choices = [("", "—")] + [(r.value, r.label) for r in Role if r.value in roles]
        use_chooser(self.fields["org_unit"], ROLE_UNITS, user)
        bootstrap_widgets(self.fields)
