"""The upload form of the bank import: the target organization (only those where the user may add
people) and the file."""

from __future__ import annotations

from django import forms
from django.conf import settings

from nastavnik.bank.importing.reader import NOT_A_TABLE
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import TABLE_KINDS, UploadCheck
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choosers import PERSON_ADD_ORGANIZATIONS, organizations_for_person_add


class ImportUploadForm(forms.Form):
    organization = OrgUnitChoiceField(label="Организация", queryset=OrgUnit.objects.none())
    file = forms.FileField(
        label="Файл XLSX или CSV",
        help_text="Книга Excel (XLSX) по шаблону или CSV с разделителем «;» или «,» (UTF-8 или Windows-1251).",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
        validators=[UploadCheck(TABLE_KINDS, refusal=NOT_A_TABLE)],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        use_chooser(self.fields["organization"], PERSON_ADD_ORGANIZATIONS, user)
        organizations = list(organizations_for_person_add(user).values_list("pk", flat=True)[:2])
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0]
        bootstrap_widgets(self.fields)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.NASTAVNIK_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"Файл больше {limit // (1024 * 1024)} МБ: разделите его на части.", code="too_large"
            )
        if upload.size == 0:
            raise forms.ValidationError("Файл пуст.", code="empty")
        return upload
