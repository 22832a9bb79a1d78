"""Forms of the document registry: drawing a document up, signing it, the whole package."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import SCAN_CHECK
from nastavnik.organizations.forms import OrgUnitChoiceField

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _bounded_date(value: dt.date | None, field: str) -> None:
    if value and not dt.date(2000, 1, 1) <= value <= timezone.localdate() + dt.timedelta(days=366):
        raise forms.ValidationError(
            f"Проверьте {field}: она должна быть не раньше 2000 года и не позже чем через год."
        )


class IssueForm(forms.Form):
    """The requisites of a new document: its subject (a person, a pair or a program, when the
    kind is about one), its number (orders) and date. The kind's own choices are a second form
    (``spec.params_form``)."""

    subject = forms.ChoiceField(label="О ком (о чём) документ", required=True)
    number = forms.CharField(label="Номер приказа", max_length=32, required=False)
    date = forms.DateField(label="Дата документа", widget=_DATE)

    def __init__(self, *args, spec, subjects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        if subjects is None:
            del self.fields["subject"]
        else:
            self.subjects = {str(s.pk): s for s in subjects}
            self.fields["subject"].choices = [("", "— выберите —")] + [
                (key, spec.subject_label(s) or str(s)) for key, s in self.subjects.items()
            ]
            self.fields["subject"].label = spec.subject.label.capitalize()
        if spec.numbered:
            self.fields["number"].required = True
            self.fields[
                "number"
            ].help_text = "Регистрационный номер по журналу приказов организации, например «45-о»."
        else:
            del self.fields["number"]
        bootstrap_widgets(self.fields)

    def clean_date(self):
        value = self.cleaned_data["date"]
        _bounded_date(value, "дату документа")
        return value

    def clean_subject(self):
        key = self.cleaned_data["subject"]
        if key not in self.subjects:
            raise forms.ValidationError("Выберите значение из списка.")
        return self.subjects[key]


class SignForm(forms.Form):
    """The signed paper uploaded back: its scan, the date it was signed and, for an order, the
    number it was registered under."""

    scan = forms.FileField(
        label="Скан подписанного документа",
        help_text="PDF, JPG, PNG или TIFF, до 20 МБ.",
        validators=[SCAN_CHECK],
    )
    signed_on = forms.DateField(label="Дата подписания", widget=_DATE)
    number = forms.CharField(label="Номер приказа", max_length=32, required=False)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        from nastavnik.documents.specs import get_spec

        if get_spec(document.kind).numbered:
            self.fields["number"].required = True
            self.fields["number"].initial = document.number
        else:
            del self.fields["number"]
        self.fields["signed_on"].initial = timezone.localdate()
        bootstrap_widgets(self.fields)

    def clean_signed_on(self):
        value = self.cleaned_data["signed_on"]
        _bounded_date(value, "дату подписания")
        return value


class PackageForm(forms.Form):
    """The organization whose whole package to build, and whether to add PDF copies."""

    organization = OrgUnitChoiceField(label="Организация", queryset=None, empty_label=None)
    pdf = forms.BooleanField(
        label="Добавить копии в PDF",
        required=False,
        help_text="Преобразование через LibreOffice занимает больше времени.",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        bootstrap_widgets(self.fields)
