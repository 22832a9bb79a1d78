"""Forms for pedagogical workers; organization choices are narrowed to the user's scope."""

from __future__ import annotations

from django import forms

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.concurrency import version_field_add
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choosers import PERSON_ADD_ORGANIZATIONS, organizations_for_person_add
from nastavnik.people.models import Person
from nastavnik.people.validators import format_snils, normalize_snils

#: The fields of a person's card that the page and the API edit.
PERSON_FIELDS = [
    "last_name",
    "first_name",
    "middle_name",
    "sex",
    "birth_date",
    "snils",
    "position",
    "job_title",
    "subjects",
    "total_experience_years",
    "pedagogical_experience_years",
    "qualification_category",
    "has_pedagogical_education",
    "email",
    "phone",
    "address",
    "id_document_number",
    "id_document_issued_on",
    "id_document_issued_by",
]


class PersonForm(forms.ModelForm):
    """Edit a person's card; СНИЛС accepted with or without dashes. The hidden ``version`` is the
    card's version when the form was opened (optimistic locking, ``core.concurrency``)."""

    snils = forms.CharField(
        label="СНИЛС", required=False, max_length=14, help_text="Например, 112-233-445 95."
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "id_document_issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "subjects": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.snils:
            self.initial["snils"] = format_snils(self.instance.snils)
        bootstrap_widgets(self.fields)
        version_field_add(self, self.instance)

    def clean_snils(self) -> str | None:
        return normalize_snils(self.cleaned_data.get("snils") or "") or None


class PersonCreateForm(PersonForm):
    """A new person with their primary place of work."""

    organization = OrgUnitChoiceField(
        label="Организация (основное место работы)", queryset=OrgUnit.objects.none()
    )
    started_on = forms.DateField(
        label="Дата приёма", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    class Meta(PersonForm.Meta):
        fields = PERSON_FIELDS

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        use_chooser(self.fields["organization"], PERSON_ADD_ORGANIZATIONS, user)
        orgs = list(organizations_for_person_add(user).values_list("pk", flat=True)[:2])
        if len(orgs) == 1:
            self.fields["organization"].initial = orgs[0]
        bootstrap_widgets(self.fields)
