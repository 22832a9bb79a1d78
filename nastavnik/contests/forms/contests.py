"""Forms of the regional contest of municipal models of mentoring (issue 19, item 5): the call
with its dates, the criteria (a formset), the panel, the municipal application with a file, the
expert's scores and the confirmations of the steps."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from nastavnik.contests.models import Contest, ContestApplication
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import DOCUMENT_CHECK
from nastavnik.core.users import user_name
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContestForm(forms.ModelForm):
    """The call of a contest: its title, year, text and dates."""

    class Meta:
        model = Contest
        fields = [
            "title",
            "year",
            "description",
            "applications_open_on",
            "applications_close_on",
            "scoring_ends_on",
        ]
        widgets = {
            "applications_open_on": _date_widget(),
            "applications_close_on": _date_widget(),
            "scoring_ends_on": _date_widget(),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "description": "Цели конкурса, участники, требования к заявке, порядок и сроки проведения.",
            "applications_close_on": "Заявки принимаются по этот день включительно.",
        }

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year
        bootstrap_widgets(self.fields)


class CriterionForm(forms.Form):
    """One criterion of the evaluation: its title, what it assesses, the maximum score and the
    weight."""

    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label="Критерий", max_length=300, required=False)
    description = forms.CharField(
        label="Что оценивается", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    max_score = forms.IntegerField(label="Максимальный балл", min_value=1, max_value=1000, required=False)
    weight = forms.DecimalField(
        label="Вес",
        min_value=0.01,
        max_digits=6,
        decimal_places=2,
        required=False,
        localize=True,
        help_text="Больше нуля, например 1 или 1,5.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        if data.get("DELETE") or not (data.get("title") or "").strip():
            return data
        if data.get("max_score") is None and "max_score" not in self.errors:
            self.add_error("max_score", "Укажите максимальный балл (целое число от 1).")
        if data.get("weight") is None and "weight" not in self.errors:
            self.add_error("weight", "Укажите вес критерия (число больше нуля).")
        return data


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True, max_num=30, absolute_max=30)


def criteria_initial(contest: Contest | None) -> list[dict]:
    if contest is None:
        return []
    return [
        {
            "pk": c.pk,
            "title": c.title,
            "description": c.description,
            "max_score": c.max_score,
            "weight": c.weight,
        }
        for c in contest.criteria.all()
    ]


def criteria_rows(formset) -> list[dict]:
    """The criteria a valid formset names (rows without a title or marked for deletion left
    out), for ``services.contests.criteria_set``."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not (data.get("title") or "").strip():
            continue
        rows.append(
            {
                "pk": data.get("pk"),
                "title": data["title"],
                "description": data.get("description") or "",
                "max_score": data["max_score"],
                "weight": data["weight"],
            }
        )
    return rows


def region_municipalities(contest: Contest):
    return OrgUnit.objects.filter(level=Level.MUNICIPALITY, path__startswith=contest.owner.path).order_by(
        "full_name"
    )


class ExpertAddForm(forms.Form):
    """A user with the role «Эксперт конкурса» seated on the panel, with their municipality."""

    user = forms.ModelChoiceField(label="Эксперт", queryset=None, empty_label="— выберите эксперта —")
    municipality = forms.ModelChoiceField(
        label="Муниципальное образование эксперта",
        queryset=None,
        required=False,
        empty_label="— не относится к муниципальному образованию —",
        help_text="Заявку этого муниципального образования эксперт не оценивает.",
    )
    name = forms.CharField(
        label="ФИО эксперта",
        max_length=300,
        required=False,
        help_text="Если не указано, берётся из учётной записи.",
    )

    def __init__(self, *args, contest: Contest, **kwargs):
        from nastavnik.contests.services.contests import panel_candidates

        super().__init__(*args, **kwargs)
        seated = contest.experts.values("user_id")
        self.fields["user"].queryset = panel_candidates(contest).exclude(pk__in=seated)
        self.fields["user"].label_from_instance = user_name
        self.fields["municipality"].queryset = region_municipalities(contest)
        bootstrap_widgets(self.fields)


class ApplicationForm(forms.ModelForm):
    """The municipal application: the model's title and description, and a file to attach."""

    file_title = forms.CharField(label="Наименование файла", max_length=300, required=False)
    file = forms.FileField(
        label="Файл заявки",
        required=False,
        validators=[DOCUMENT_CHECK],
        help_text="Описание модели, положение, презентация: PDF, документ или изображение, до 20 МБ.",
    )

    class Meta:
        model = ContestApplication
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class ScoreForm(forms.Form):
    """The expert's scores of one application: a row per criterion (a score from 0 to the
    criterion's maximum and a comment)."""

    def __init__(self, *args, criteria, given: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            score, comment = given.get(criterion.pk, (None, ""))
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"Балл (от 0 до {criterion.max_score})",
                min_value=0,
                max_value=criterion.max_score,
                initial=score,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label="Комментарий",
                required=False,
                max_length=4000,
                initial=comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        bootstrap_widgets(self.fields)

    def rows(self):
        """``(criterion, score field, comment field)`` for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"comment_{c.pk}") or "")
            for c in self.criteria
        }


class ConfirmForm(forms.Form):
    """A step confirmed by its button."""

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)


class WithdrawForm(ConfirmForm):
    comment = forms.CharField(
        label="Причина", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class PublishForm(ConfirmForm):
    confirm_missing = forms.BooleanField(
        label="Опубликовать итоги без недостающих оценок",
        required=False,
        help_text="Итоговая оценка считается по выставленным оценкам.",
    )

    def __init__(self, *args, missing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not missing:
            del self.fields["confirm_missing"]
        bootstrap_widgets(self.fields)
