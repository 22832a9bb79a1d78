"""Forms of the completion of a personalized program (the self-assessment, the mentor's report,
the completion; seed 004 §6.2.3, 003 §4.8) and of the organization's program (seed 000 §IV).

None of them has a field for ``MenteeProfile.full_cycle_completed_on``: the mark is set only
by ``services.completion.program_complete`` (seed 002 §9).
"""

from __future__ import annotations

from django import forms

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import DOCUMENT_CHECK
from nastavnik.mentoring.models import MentoringProgram
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit

SCORE_CHOICES = [
    (1, "1 — затруднение выражено сильно"),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, "5 — затруднения нет"),
]


class SelfAssessmentForm(forms.Form):
    """One 1–5 choice per assessed area of one mentee (seed 004 §6.2.3, §9.2). ``areas``: the
    ``DeficitArea`` rows; ``initial_scores`` / ``before_scores``: area id → the score already
    given in this phase / before the program (shown as a hint in the «after» phase);
    ``mentee_id``: kept in a hidden field so that the page for a group posts the right mentee."""

    #: Read by the view from the raw data (an unknown value falls back to the first mentee).
    mentee = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, areas, initial_scores=None, before_scores=None, mentee_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        self.fields["mentee"].initial = mentee_id
        for area in self.areas:
            before = (before_scores or {}).get(area.pk)
            self.fields[f"area_{area.pk}"] = forms.TypedChoiceField(
                label=area.name,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                initial=(initial_scores or {}).get(area.pk),
                help_text=f"До программы: {before}" if before else "",
                error_messages={
                    "required": "Выберите оценку.",
                    "invalid_choice": "Выберите оценку от 1 до 5.",
                },
            )

    def scores(self) -> dict[int, int]:
        """area id → score, from the cleaned data."""
        return {area.pk: self.cleaned_data[f"area_{area.pk}"] for area in self.areas}


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
