"""Forms of the analytical reports: a new report (a unit and a period), the author's texts, the
registration (number and date)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.monitoring.choosers import REPORT_UNITS
from nastavnik.monitoring.periods import period_choices, range_period
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit


def report_units(user):
    """The organizations, municipalities and regions ``user`` may write reports on (the subtrees
    of their ``analyticalreport`` ``add`` grants), from the top of the tree."""
    from nastavnik.monitoring.services.reports import REPORT_LEVELS

    return (
        OrgUnit.objects.granted(user, "analyticalreport", "add")
        .filter(level__in=REPORT_LEVELS)
        .select_related("municipality")
        .order_by("path")
    )


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportCreateForm(forms.Form):
    """A unit in the user's scope and a period: a year, a quarter, or dates «с» and «по»."""

    unit = OrgUnitChoiceField(
        label="Организация, муниципалитет или регион", queryset=OrgUnit.objects.none(), empty_label=None
    )
    period = forms.ChoiceField(label="Отчётный период", required=False)
    starts_on = forms.DateField(
        label="или с", required=False, widget=_date_widget(), help_text="Свой период: дата начала."
    )
    ends_on = forms.DateField(
        label="по", required=False, widget=_date_widget(), help_text="Свой период: дата окончания."
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_chooser(self.fields["unit"], REPORT_UNITS, user)
        self.fields["period"].choices = period_choices()
        bootstrap_widgets(self.fields)

    def clean(self):
        from nastavnik.monitoring.periods import parse_period

        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start or end:
            if not (start and end):
                raise forms.ValidationError("Для своего периода укажите обе даты: «с» и «по».")
            if end < start:
                raise forms.ValidationError("Дата окончания периода раньше даты начала.")
            if start.year < 2000 or end.year > 2100:
                raise forms.ValidationError("Период указан неверно.")
            data["period_value"] = range_period(start, end)
            return data
        period, error = parse_period({"period": data.get("period") or str(timezone.localdate().year)})
        if error:
            raise forms.ValidationError(error)
        data["period_value"] = period
        return data


class ReportTextsForm(forms.Form):
    """The author's conclusions and recommendations (one paragraph per line)."""

    conclusions = forms.CharField(
        label="Выводы",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Каждый абзац — с новой строки.",
        max_length=20000,
    )
    recommendations = forms.CharField(
        label="Рекомендации и управленческие решения",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Каждый абзац — с новой строки.",
        max_length=20000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class ReportRegisterForm(forms.Form):
    """The registration number and the date of the report."""

    number = forms.CharField(label="Регистрационный номер", max_length=32)
    date = forms.DateField(label="Дата справки", widget=_date_widget())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)
