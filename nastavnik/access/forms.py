"""Form to appoint a role; choices are what the user may assign within their scope."""

from __future__ import annotations

from django import forms

from nastavnik.access.choices import Role
from nastavnik.access.services import assignable_roles, assignable_units
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit
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

    #: Above this many people in scope the person is chosen from their card, not a drop-down.
    MAX_PERSON_CHOICES = 300

    def __init__(self, *args, user=None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.for_user(user).only("pk", "last_name", "first_name", "middle_name")
        self.fields["person"].queryset = people
        self.person_preset = person
        if person is not None:
            self.fields["person"].initial = person.pk
            self.fields["person"].widget = forms.HiddenInput()
        self.too_many_people = person is None and people.count() > self.MAX_PERSON_CHOICES
        roles = assignable_roles(user)
        self.fields["role"].choices = [("", "—")] + [(r.value, r.label) for r in Role if r.value in roles]
        self.fields["org_unit"].queryset = assignable_units(user)
        bootstrap_widgets(self.fields)
