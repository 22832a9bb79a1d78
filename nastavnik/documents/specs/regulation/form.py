"""The organization's choices the Положение is written from (seed 002 §10) and their checks."""

from __future__ import annotations

from django import forms

from nastavnik.core.language import MONTHS_GENITIVE
from nastavnik.documents.specs.base import ParamsForm
from nastavnik.documents.specs.regulation.selectors import applicable_awards

#: How often the mentor reports: key → (the label of the choice, the wording after «отчёт о
#: реализации персонализированной программы наставничества»; ``{days}``: «10 дней»).
MENTOR_REPORT_FREQUENCIES = {
    "program_end": (
        "по завершении персонализированной программы",
        "по её завершении – в течение {days} со дня завершения программы",
    ),
    "half_year": (
        "по итогам каждого полугодия и по завершении программы",
        "по итогам каждого полугодия – в течение {days} после его окончания, а также по завершении "
        "программы – в течение {days} со дня её завершения",
    ),
    "quarter": (
        "ежеквартально и по завершении программы",
        "ежеквартально – в течение {days} после окончания квартала, а также по завершении программы – в "
        "течение {days} со дня её завершения",
    ),
    "month": (
        "ежемесячно и по завершении программы",
        "ежемесячно – в течение {days} после окончания месяца, а также по завершении программы – в "
        "течение {days} со дня её завершения",
    ),
}


class RegulationForm(ParamsForm):
    """The organization's choices the Положение is written from (seed 002 §10)."""

    mentoring_forms = forms.ModelMultipleChoiceField(
        label="Формы наставничества", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    interaction_models = forms.ModelMultipleChoiceField(
        label="Модели взаимодействия", queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    mentoring_kinds = forms.ModelMultipleChoiceField(
        label="Виды наставничества", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    award_kinds = forms.ModelMultipleChoiceField(
        label="Способы поощрения наставников", queryset=None, widget=forms.CheckboxSelectMultiple
    )
    mentor_report_frequency = forms.ChoiceField(
        label="Отчёт наставника",
        choices=[(key, label) for key, (label, _) in MENTOR_REPORT_FREQUENCIES.items()],
        initial="program_end",
    )
    mentor_report_days = forms.IntegerField(
        label="Срок представления отчёта наставника, дней", min_value=1, max_value=30, initial=10
    )
    curator_report_day = forms.IntegerField(
        label="Итоговый отчёт куратора: число", min_value=1, max_value=31, initial=15
    )
    curator_report_month = forms.TypedChoiceField(
        label="Итоговый отчёт куратора: месяц",
        coerce=int,
        choices=[(number, name) for number, name in enumerate(MONTHS_GENITIVE, start=1)],
        initial=6,
    )
    publish_on_website = forms.BooleanField(
        label="Публиковать результаты на официальном сайте", required=False, initial=True
    )
    website_section = forms.CharField(label="Раздел сайта", max_length=100, initial="Наставничество")
    council_protocol_date = forms.DateField(
        label="Педагогический совет: дата протокола",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Если заседание ещё не прошло, оставьте пустым: в документе будет строка для заполнения.",
    )
    council_protocol_number = forms.CharField(
        label="Педагогический совет: номер протокола", max_length=32, required=False
    )
    union_opinion = forms.BooleanField(
        label="Учитывается мнение выборного органа первичной профсоюзной организации",
        required=False,
        initial=True,
        help_text="Трудовой кодекс Российской Федерации, статьи 8 и 372: если в организации есть "
        "первичная профсоюзная организация.",
    )
    union_protocol_date = forms.DateField(
        label="Профсоюзная организация: дата протокола",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    union_protocol_number = forms.CharField(
        label="Профсоюзная организация: номер протокола", max_length=32, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from nastavnik.reference.models import AwardKind, InteractionModel, MentoringForm, MentoringKind

        for name, model in (
            ("mentoring_forms", MentoringForm),
            ("interaction_models", InteractionModel),
            ("mentoring_kinds", MentoringKind),
            ("award_kinds", AwardKind),
        ):
            self.fields[name].queryset = model.objects.filter(is_active=True).order_by("sort_order", "name")
        self.fields["mentoring_forms"].queryset = self.fields["mentoring_forms"].queryset.filter(
            audience="teachers"
        )
        if self.organization is not None:
            self.fields["award_kinds"].queryset = applicable_awards(
                self.organization, self.fields["award_kinds"].queryset
            )

    def clean(self):
        data = super().clean()
        error = curator_deadline_error(data.get("curator_report_day"), data.get("curator_report_month"))
        if error:
            self.add_error("curator_report_day", error)
        return data


def curator_deadline_error(day, month) -> str | None:
    """The Russian message when ``day`` does not exist in ``month`` every year (29 February
    neither), else ``None``."""
    if not isinstance(day, int) or not isinstance(month, int) or not 1 <= month <= 12:
        return "Укажите число и месяц представления итогового отчёта куратора."
    last = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= last:
        return f"В этом месяце нет {day}-го числа (каждый год)."
    return None
