"""Forms of best practices: the case (with a file to attach), a file alone, and a workflow
step's comment."""

from __future__ import annotations

from django import forms

from nastavnik.core.concurrency import version_field_add
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import DOCUMENT_CHECK
from nastavnik.practices.models import BestPractice
from nastavnik.practices.selectors.practices import author_units
from nastavnik.reference.models import CompetenceArea, MentoringForm, MentoringKind


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label_with_municipality


class PracticeForm(forms.ModelForm):
    """The case: the author unit (on a new case, among the units the user writes cases for), the
    title, form, kind and area of mentoring, the summary, description and results, and a file to
    attach (optional)."""

    organization = UnitChoiceField(label="Организация", queryset=None, empty_label=None)
    new_file = forms.FileField(
        label="Приложить файл",
        required=False,
        validators=[DOCUMENT_CHECK],
        help_text="Программа, презентация, отчёт: PDF, DOCX, XLSX, другой офисный документ или изображение (JPG, PNG), не больше 20 МБ.",
    )
    new_file_title = forms.CharField(label="Наименование файла", required=False, max_length=300)

    class Meta:
        model = BestPractice
        fields = ["organization", "title", "form", "kind", "area", "summary", "description", "results"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "results": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "description": "Цель, участники, содержание и этапы работы, чем практика отличается от других.",
            "results": "Что изменилось у наставляемых и наставников: показатели, итоги, отзывы.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = author_units(user)
        self.fields["form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["kind"].queryset = MentoringKind.objects.filter(is_active=True)
        self.fields["area"].queryset = CompetenceArea.objects.filter(is_active=True)
        self.fields["kind"].empty_label = "Не указан"
        self.fields["area"].empty_label = "Не указана"
        bootstrap_widgets(self.fields)
        version_field_add(self, self.instance if self.instance.pk else None)


class FileForm(forms.Form):
    file = forms.FileField(label="Файл", validators=[DOCUMENT_CHECK])
    title = forms.CharField(label="Наименование", required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class ActionForm(forms.Form):
    """The comment of a workflow step; required where the step needs remarks or a reason."""

    comment = forms.CharField(
        label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(self, *args, comment_required: bool = False, comment_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = comment_required
        if comment_label:
            self.fields["comment"].label = comment_label
        bootstrap_widgets(self.fields)
