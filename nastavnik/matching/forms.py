"""Forms of the matching pages: the unit of a pool, the curator's choice of suggested pairs and of
one candidate, the psychologist's compatibility mark (seed 000 §IV stage 5, §3.5).

Choices of units and people are narrowed to the user's scope (``matching.selectors``); the
pages trust the client with ids only and read everything else again from the database.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.matching.choices import Compatibility
from nastavnik.matching.choosers import MARK_MENTEES, MARK_MENTORS, POOL_UNITS
from nastavnik.matching.selectors import pool_units
from nastavnik.organizations.choices import Level
from nastavnik.organizations.forms import OrgUnitChoiceField

#: Most couples one confirmation may carry (a municipality's pool is a few thousand mentees).
MAX_COUPLES = 10_000


class _UnitChoiceField(OrgUnitChoiceField):
    """A municipality by its level and name; an organization with its municipality."""

    def label_from_instance(self, obj) -> str:
        if obj.level == Level.MUNICIPALITY:
            return f"{obj.get_level_display()}: {obj}"
        return super().label_from_instance(obj)


class PoolUnitForm(forms.Form):
    """Which pool to assign (GET): an organization or a municipality in the user's scope
    (:func:`nastavnik.matching.selectors.pool_units`), and whether to give a mentor to as many
    mentees as possible first (``services.pool_assign(coverage_first=…)``)."""

    unit = _UnitChoiceField(
        label="Организация или муниципальное образование",
        queryset=None,
        empty_label="— выберите —",
        error_messages={"invalid_choice": "Выберите организацию или муниципальное образование из списка."},
    )
    coverage_first = forms.BooleanField(
        label="Сначала — наставник как можно большему числу наставляемых",
        required=False,
        help_text="Иначе пара, снижающая общую оценку, не предлагается.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_chooser(self.fields["unit"], POOL_UNITS, user)
        bootstrap_widgets(self.fields)


class CoupleListField(forms.Field):
    """A list of ``"<mentor person id>:<mentee person id>"`` values (checkboxes of one name)
    cleaned to ``[(mentor id, mentee id)]``, in the order given, duplicates kept (the service
    reports them)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[tuple[int, int]]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        if len(value) > MAX_COUPLES:
            raise ValidationError(f"Выбрано слишком много пар: не более {MAX_COUPLES}.")
        couples = []
        for item in value:
            mentor, sep, mentee = str(item).partition(":")
            if not sep or not mentor.isascii() or not mentee.isascii():
                raise ValidationError("Пара указана неверно. Обновите страницу и выберите пары заново.")
            try:
                couple = (int(mentor), int(mentee))
            except ValueError:
                raise ValidationError(
                    "Пара указана неверно. Обновите страницу и выберите пары заново."
                ) from None
            if min(couple) < 1 or max(couple) > 2**31 - 1:
                raise ValidationError("Пара указана неверно. Обновите страницу и выберите пары заново.")
            couples.append(couple)
        return couples


class PoolConfirmForm(forms.Form):
    """The curator's confirmation of suggested pairs (POST): the pool's ``unit`` and the chosen
    couples ``pair`` (``[(mentor person id, mentee person id)]``)."""

    unit = forms.ModelChoiceField(
        queryset=None,
        error_messages={"invalid_choice": "Выберите организацию или муниципальное образование из списка."},
    )
    pair = CoupleListField(required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = pool_units(user)


class CandidateChoiceForm(forms.Form):
    """The candidate the curator forms a pair with (POST): the mentor's person id."""

    mentor = forms.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "required": "Выберите наставника из списка кандидатов.",
            "invalid": "Выберите наставника из списка кандидатов.",
            "min_value": "Выберите наставника из списка кандидатов.",
            "max_value": "Выберите наставника из списка кандидатов.",
        },
    )


class _ProfileChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.person.full_name} ({obj.organization})"


class CompatibilityMarkForm(forms.Form):
    """The psychologist's (or the curator's) mark of compatibility of a mentor and a mentee
    (seed 000 §3.5): both chosen among the bank profiles in the user's scope of the
    organizations where the user may record marks (:func:`selectors.mark_units`)."""

    mentor = _ProfileChoiceField(label="Наставник", queryset=None, empty_label="— выберите —")
    mentee = _ProfileChoiceField(label="Наставляемый", queryset=None, empty_label="— выберите —")
    mark = forms.TypedChoiceField(
        label="Совместимость",
        choices=[("", "— выберите —"), *Compatibility.choices],
        coerce=int,
    )
    marked_on = forms.DateField(
        label="Дата оценки",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    comment = forms.CharField(label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        use_chooser(self.fields["mentor"], MARK_MENTORS, user)
        use_chooser(self.fields["mentee"], MARK_MENTEES, user)
        bootstrap_widgets(self.fields)

    def clean(self):
        cleaned = super().clean()
        mentor, mentee = cleaned.get("mentor"), cleaned.get("mentee")
        if mentor and mentee and mentor.person_id == mentee.person_id:
            self.add_error("mentee", "Наставник и наставляемый должны быть разными людьми.")
        return cleaned

    def clean_marked_on(self):
        value = self.cleaned_data["marked_on"]
        if value > timezone.localdate():
            raise ValidationError("Дата оценки не может быть в будущем.")
        return value
