"""The form of a diagnosis of achievements and deficits (seed 000 §4.3.3, steps 2–3): one row per
competence area — the level 1–5, the achievements, and an optional deficit with its level and
description — and the diagnosis's organization, date, expert's role and conclusions."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils import timezone

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.development.choices import CompetenceLevel, DeficitLevel
from nastavnik.development.selectors.diagnoses import active_areas
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.people.choosers import PEOPLE
from nastavnik.people.models import Person
from nastavnik.reference.models import CompetenceArea


@dataclass(frozen=True)
class AreaRow:
    """The bound fields of one competence area in the form."""

    area: CompetenceArea
    level: forms.BoundField
    achievements: forms.BoundField
    deficit: forms.BoundField
    description: forms.BoundField


class DiagnosisForm(forms.Form):
    """A diagnosis of ``person``: the organization in whose context it is conducted (one of
    ``organizations``, the person's places of work the user may diagnose them in), the date,
    for an expert diagnosis the expert's role (``sources``: ``[(value, label)]``; none — a
    self-diagnosis), the conclusions; and per active area ``level_<id>`` (required),
    ``achievements_<id>``, ``deficit_<id>`` (the deficit's level, empty — no deficit) and
    ``description_<id>``. :meth:`results` and :meth:`deficits` give the service's arguments."""

    organization = OrgUnitChoiceField(label="Организация", queryset=None, empty_label=None)
    source = forms.ChoiceField(label="В качестве кого вы проводите диагностику", choices=())
    conducted_on = forms.DateField(
        label="Дата диагностики", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    comment = forms.CharField(
        label="Выводы и комментарий",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user=None, organizations=None, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].queryset = organizations
        self.fields["conducted_on"].initial = timezone.localdate()
        if sources:
            self.fields["source"].choices = list(sources)
            self.fields["source"].initial = sources[0][0]
        else:
            del self.fields["source"]
        self.areas = list(active_areas())
        for area in self.areas:
            self.fields[f"level_{area.pk}"] = forms.TypedChoiceField(
                label=f"Уровень: {area.name}",
                choices=[("", "—"), *CompetenceLevel.choices],
                coerce=int,
                error_messages={"required": f"Укажите уровень по области «{area.name}»."},
            )
            self.fields[f"achievements_{area.pk}"] = forms.CharField(
                label=f"Достижения: {area.name}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"deficit_{area.pk}"] = forms.TypedChoiceField(
                label=f"Затруднение: {area.name}",
                choices=[("", "нет"), *DeficitLevel.choices],
                coerce=int,
                required=False,
                empty_value=None,
            )
            self.fields[f"description_{area.pk}"] = forms.CharField(
                label=f"Описание затруднения: {area.name}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        bootstrap_widgets(self.fields)

    def area_rows(self) -> list[AreaRow]:
        """One row of bound fields per active area, in the areas' order."""
        return [
            AreaRow(
                area=area,
                level=self[f"level_{area.pk}"],
                achievements=self[f"achievements_{area.pk}"],
                deficit=self[f"deficit_{area.pk}"],
                description=self[f"description_{area.pk}"],
            )
            for area in self.areas
        ]

    def clean_conducted_on(self):
        value = self.cleaned_data["conducted_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError("Дата диагностики не может быть в будущем.")
        return value

    def clean(self):
        cleaned = super().clean()
        for area in self.areas:
            described = (cleaned.get(f"description_{area.pk}") or "").strip()
            if described and cleaned.get(f"deficit_{area.pk}") is None:
                self.add_error(
                    f"deficit_{area.pk}",
                    f"Укажите выраженность затруднения по области «{area.name}» или удалите его описание.",
                )
        return cleaned

    def results(self) -> dict[int, tuple[int, str]]:
        """``{area id: (level, achievements)}`` of a valid form."""
        data = self.cleaned_data
        return {
            area.pk: (data.get(f"level_{area.pk}"), data.get(f"achievements_{area.pk}", ""))
            for area in self.areas
        }

    def deficits(self) -> list[dict]:
        """``[{"area", "level", "description"}]`` of the areas where a deficit's level is chosen."""
        data = self.cleaned_data
        return [
            {
                "area": area,
                "level": data[f"deficit_{area.pk}"],
                "description": data.get(f"description_{area.pk}", ""),
            }
            for area in self.areas
            if data.get(f"deficit_{area.pk}") is not None
        ]


class DiagnosisPersonForm(forms.Form):
    """The choice of the teacher to diagnose, for an expert without a teacher in the address:
    sent by GET as ``?person=<id>`` to the page of a new diagnosis. The people the user sees
    (``people.choosers.PEOPLE``, a type-ahead beyond 30 rows)."""

    person = forms.ModelChoiceField(label="Педагог", queryset=Person.objects.none(), empty_label="—")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)
        use_chooser(self.fields["person"], PEOPLE, user)
