"""Forms of the completion of a personalized program (the mentor's report, the completion; seed
004 §6.2.3, 003 §4.8) and of the organization's program (seed 000 §IV).

None of them has a field for ``MenteeProfile.full_cycle_completed_on``: the mark is set only
by ``services.completion.program_complete`` (seed 002 §9).
"""

from __future__ import annotations

from django import forms

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import DOCUMENT_CHECK
from nastavnik.mentoring.choosers import MENTORING_PROGRAM_ORGANIZATIONS
from nastavnik.mentoring.models import MentoringProgram
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit


class MentorReportForm(forms.Form):
    """The mentor's report on the implementation of the program (seed 004 §6.2.3)."""

    work_done = forms.CharField(
        label="Проделанная работа",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": "Опишите проделанную работу."},
    )
    results = forms.CharField(
        label="Достигнутые результаты",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": "Опишите достигнутые результаты."},
    )
    products = forms.CharField(
        label="Продукты деятельности наставляемого",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Методические разработки, открытые уроки, публикации, участие в конкурсах.",
    )
    recommendations = forms.CharField(
        label="Рекомендации", required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = forms.FileField(
        label="Приложение (файл)",
        required=False,
        help_text="Если файл не выбран, ранее приложенный файл сохраняется.",
        validators=[DOCUMENT_CHECK],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class ProgramCompleteForm(forms.Form):
    """The completion of the program: the results of the pair (group) (seed 003 §4.8) and the
    confirmation that the full-cycle mark is put into the mentee base (seed 002 §9)."""

    results = forms.CharField(
        label="Итоги работы пары (группы)",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        error_messages={"required": "Опишите итоги работы пары (группы)."},
    )
    confirm = forms.BooleanField(
        label="Подтверждаю завершение программы: пары будут завершены, наставляемым будет проставлена "
        "отметка о прохождении полного цикла программы наставничества",
        error_messages={"required": "Подтвердите завершение программы."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class MentoringProgramForm(forms.ModelForm):
    """The organization's program (seed 000 §IV): title, period, goals, approval date, results
    and best practices (seed 003 §4.8). On creation also the organization, among those where
    the user may add programs."""

    class Meta:
        model = MentoringProgram
        fields = ["title", "starts_on", "ends_on", "goals", "approved_on", "results", "best_practices"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "approved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "best_practices": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"approved_on": "Дата приказа руководителя об утверждении программы."}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            organizations = program_organizations(user)
            field = OrgUnitChoiceField(label="Организация", queryset=organizations)
            use_chooser(field, MENTORING_PROGRAM_ORGANIZATIONS, user)
            if organizations.count() == 1:
                field.initial = organizations.first()
            self.fields = {"organization": field, **self.fields}
        bootstrap_widgets(self.fields)

    def _post_clean(self):
        # The service validates the model (``full_clean``) and puts its errors on the form.
        pass

    def program_fields(self) -> dict:
        """The cleaned data of the program's own fields, for the services."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


def program_organizations(user):
    """Organizations where ``user`` may add an organization's program
    (``PERMISSIONS["mentoringprogram"]["add"]``: the head and the curator)."""
    return OrgUnit.objects.organizations().granted(user, "mentoringprogram", "add")
