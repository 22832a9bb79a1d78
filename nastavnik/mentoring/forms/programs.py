"""Forms of personalized programs: forming a pair or group with its draft, the draft's contents,
the status actions and the activity plan (seed 000 §1.3, 004 §6.2.3).

Choices are narrowed to what the user may reach: mentors and mentees of the banks of the
organizations where the user may add programs; a program's deficits to its mentees'; its
curator to the people working in its organization.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django import forms
from django.utils import timezone

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.concurrency import VERSION_FIELD, version_field_add
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import DOCUMENT_CHECK
from nastavnik.development.models import Deficit
from nastavnik.mentoring.choices import ActivityStatus
from nastavnik.mentoring.choosers import PROGRAM_MENTEES, PROGRAM_MENTORS
from nastavnik.mentoring.models import ActivityPlanItem, MentoringProgram, PersonalizedProgram
from nastavnik.mentoring.periods import program_end_default, program_period_errors
from nastavnik.mentoring.services.programs import plan_item_date_errors
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment, Person
from nastavnik.reference.models import (
    InteractionModel,
    MentoringForm,
    MentoringKind,
    PersonalizedProgramStage,
)

#: The largest evidence file of an activity, in bytes.
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
_CHOICE_LISTS = ("kinds", "deficits")
#: The dates a program may have: a typo such as 9999 is refused before the months are counted
#: (the date arithmetic would leave the calendar).
PERIOD_LIMITS = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def program_organizations(user):
    """Organizations where ``user`` may add personalized programs (the subtrees of their
    ``add`` grants on ``personalizedprogram``: the curator and the head of the organization)."""
    return OrgUnit.objects.organizations().granted(user, "personalizedprogram", "add")


def form_choice_label(form: MentoringForm) -> str:
    """A form of mentoring as the program's forms offer it, with whom it admits: «ученик – ученик
    (наставник: ученик; наставляемый: ученик)» (issue 20: the form decides who may be paired)."""
    return f"{form.name} ({form.participants_label()})"


def forms_for_kinds(kinds, *, keep=None):
    """Active forms of mentoring that apply to an organization of one of ``kinds``
    (``OrganizationKind`` values; ``MentoringForm.applies_to``), teachers' and learners' alike,
    in the reference order; ``keep``: the id of a form kept in the list anyway (the program's
    current one)."""
    kinds = set(kinds)
    ids = [
        form.pk
        for form in MentoringForm.objects.filter(is_active=True)
        if not kinds or any(form.applies_to(kind) for kind in kinds)
    ]
    if keep is not None:
        ids.append(keep)
    return MentoringForm.objects.filter(pk__in=ids).order_by("sort_order", "name", "pk")


def _dates_plausible(form: forms.Form) -> bool:
    """Refuse, on their fields, the dates of the period outside ``PERIOD_LIMITS``; whether none
    was refused."""
    low, high = PERIOD_LIMITS
    plausible = True
    for name in ("starts_on", "ends_on"):
        value = form.cleaned_data.get(name)
        if value is not None and not low <= value <= high:
            form.add_error(name, f"Укажите дату с {low:%d.%m.%Y} по {high:%d.%m.%Y}.")
            plausible = False
    return plausible


def _period_clean(form: forms.Form) -> None:
    """Put the calendar-month errors of the period (seed 000 §1.3) on ``ends_on``."""
    data = form.cleaned_data
    for message in program_period_errors(data.get("starts_on"), data.get("ends_on")):
        form.add_error("ends_on", message)


class ProgramCreateForm(forms.Form):
    """Form a pair (one mentee) or a group (several) with the draft of their program
    (``services.pairs.program_create``; seed 000 §2.3, 001 §4.4.3).

    The mentor: an active mentor of a bank the user may see in an organization where the user
    may add programs; the mentees: people of the banks of mentees of those organizations —
    pedagogical workers, learners and participants outside the staff, each shown with what they
    are (``choosers.participant_label``). The forms of mentoring: those applying to those
    organizations, each with whom it admits (:func:`form_choice_label`); empty — chosen from the
    participants by the service (issue 20).
    An empty end date means nine months; empty direction and goals come from the mentees' bank
    profiles — their diagnosed difficulties, the areas and the text of their requests
    (``services.pairs.mentee_profile_defaults``), as do the expected results.
    """

    mentor = forms.ModelChoiceField(label="Наставник", queryset=Person.objects.none())
    mentees = forms.ModelMultipleChoiceField(
        label="Наставляемые",
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Один наставляемый — наставническая пара, несколько — группа с одним наставником.",
    )
    starts_on = forms.DateField(label="Дата начала", widget=_date_input())
    ends_on = forms.DateField(
        label="Дата окончания",
        required=False,
        widget=_date_input(),
        help_text="От трёх месяцев до одного года. Пусто — девять месяцев.",
    )
    mentoring_form = forms.ModelChoiceField(
        label="Форма наставничества",
        queryset=MentoringForm.objects.none(),
        required=False,
        help_text="Форма определяет, кто может быть наставником и наставляемым. Пусто — по участникам: "
        "«педагог – педагог» для педагогов, для обучающихся и участников вне штата — первая форма, "
        "которая их допускает.",
    )
    direction = forms.CharField(
        label="Направление",
        max_length=300,
        required=False,
        help_text="Пусто — по затруднениям и запросу наставляемых из их карточек в банке.",
    )
    goals = forms.CharField(
        label="Цели и задачи",
        required=False,
        widget=_textarea(),
        help_text="Пусто — по затруднениям наставляемых и их запросу, записанному в карточке банка.",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        use_chooser(self.fields["mentor"], PROGRAM_MENTORS, user)
        use_chooser(self.fields["mentees"], PROGRAM_MENTEES, user)
        kinds = program_organizations(user).values_list("kind", flat=True) if user is not None else []
        self.fields["mentoring_form"].queryset = forms_for_kinds(kinds)
        self.fields["mentoring_form"].label_from_instance = form_choice_label
        self.fields["starts_on"].initial = timezone.localdate()
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        mentor, mentees = data.get("mentor"), data.get("mentees")
        if mentor is not None and mentees and mentor in mentees:
            self.add_error("mentees", "Нельзя быть наставником самому себе.")
        if not _dates_plausible(self):
            return data
        if data.get("starts_on") and not data.get("ends_on"):
            data["ends_on"] = program_end_default(data["starts_on"])
        _period_clean(self)
        return data


def deficit_choice_label(deficit: Deficit, *, latest: bool = False) -> str:
    """A deficit as the program's form offers it: «Молодцова М. П.: Методические — выраженный
    (самодиагностика, 01.12.2026)», with «; последняя диагностика» when ``latest`` (``deficit``
    with its ``person`` and ``area`` loaded)."""
    mark = "; последняя диагностика" if latest else ""
    return (
        f"{deficit.person.short_name}: {deficit.area} — {deficit.get_level_display()} "
        f"({deficit.get_source_display()}, {deficit.diagnosed_on:%d.%m.%Y}{mark})"
    )


#: The name of the program form's button «Взять из последней диагностики»
#: (``ProgramForm.with_latest_deficits``).
TAKE_LATEST = "take_latest"


class ProgramForm(forms.ModelForm):
    """The contents of a draft program (seed 000 §1.3: forms and kinds, direction, activities
    aimed at the mentee's difficulties; 004 §6.2.3), saved by ``services.programs.program_update``.

    The period is checked in calendar months (three to twelve); the deficits offered are those of
    the program's current mentees, each mentee's newest first, with their level and source, and
    those of each mentee's latest diagnosis marked (:attr:`latest_deficit_ids`;
    :meth:`with_latest_deficits` ticks them); the curator is one of the people working in the program's
    organization now. The hidden ``version`` is the program's version when the form was opened
    (optimistic locking, ``core.concurrency``), passed to ``program_update`` as
    ``expected_version`` (:meth:`program_fields` leaves it out).
    """

    class Meta:
        model = PersonalizedProgram
        fields = [
            "mentoring_program",
            "mentoring_form",
            "interaction_model",
            "kinds",
            "direction",
            "goals",
            "expected_results",
            "deficits",
            "starts_on",
            "ends_on",
            "curator",
        ]
        widgets = {
            "kinds": forms.CheckboxSelectMultiple,
            "deficits": forms.CheckboxSelectMultiple,
            "goals": _textarea(4),
            "expected_results": _textarea(3),
            "starts_on": _date_input(),
            "ends_on": _date_input(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        program = self.instance
        mentees = program.pairs.filter(ended_on__isnull=True).values("mentee_id")
        self._mentees_deficits = Deficit.objects.filter(person_id__in=mentees)
        deficits = self.fields["deficits"]
        deficits.queryset = self._mentees_deficits.select_related("area", "person").order_by(
            "person__last_name", "person__first_name", "person_id", "-diagnosed_on", "area__sort_order", "pk"
        )
        deficits.label_from_instance = lambda d: deficit_choice_label(
            d, latest=d.pk in self.latest_deficit_ids
        )
        deficits.help_text = (
            "Затруднения наставляемых, новые сначала. Кнопка «Взять из последней диагностики» отмечает "
            "затруднения последней диагностики каждого наставляемого (отметки можно изменить до сохранения)."
        )
        staff = Employment.objects.current().filter(organization_id=program.organization_id)
        self.fields["curator"].queryset = Person.objects.filter(pk__in=staff.values("person_id")).order_by(
            "last_name", "first_name", "middle_name"
        )
        self.fields["mentoring_program"].queryset = MentoringProgram.objects.filter(
            organization_id=program.organization_id
        )
        self.fields["mentoring_form"].queryset = forms_for_kinds(
            [program.organization.kind], keep=program.mentoring_form_id
        )
        self.fields["mentoring_form"].label_from_instance = form_choice_label
        self.fields["mentoring_form"].help_text = (
            "Форма определяет, кто может быть наставником и наставляемым: форму, не допускающую "
            "участников программы, выбрать нельзя."
        )
        self.fields["interaction_model"].queryset = InteractionModel.objects.filter(is_active=True)
        self.fields["kinds"].queryset = MentoringKind.objects.filter(is_active=True)
        bootstrap_widgets(self.fields)
        for name in _CHOICE_LISTS:
            self.fields[name].widget.attrs.pop("class", None)
        version_field_add(self, program)

    def clean(self):
        data = super().clean()
        if _dates_plausible(self):
            _period_clean(self)
        return data

    def _post_clean(self):
        # The program is not changed here: ``program_update`` writes it (and checks its
        # constraints), comparing with the row in the database.
        pass

    @cached_property
    def latest_deficit_ids(self) -> frozenset[int]:
        """Ids of the deficits of each current mentee's latest diagnosis (of the latest date their
        deficits were recorded on: ``DeficitQuerySet.of_latest_date``; seed 000 §1.3: the program
        is aimed at the mentee's diagnosed difficulties). One query."""
        return frozenset(self._mentees_deficits.of_latest_date().values_list("pk", flat=True))

    def with_latest_deficits(self) -> ProgramForm:
        """The form again, unbound, with what was typed into this (bound) one and the deficits
        of :attr:`latest_deficit_ids` ticked instead of the chosen ones (the button
        :data:`TAKE_LATEST`): nothing is saved, the user checks and saves. The hidden version
        stays the one the form was opened at (optimistic locking)."""
        initial = {
            name: field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            for name, field in self.fields.items()
        }
        initial["deficits"] = sorted(self.latest_deficit_ids)
        form = type(self)(instance=self.instance, initial=initial)
        if initial.get(VERSION_FIELD):
            form.initial[VERSION_FIELD] = initial[VERSION_FIELD]  # not the stored one
        return form

    def program_fields(self) -> dict:
        """The cleaned data for ``program_update``."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class ProgramActionForm(forms.Form):
    """A status action or a change of stage, with an optional comment for the history."""

    comment = forms.CharField(label="Комментарий", required=False, widget=_textarea(3), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class ProgramReturnForm(ProgramActionForm):
    """Return for revision: what is to be revised is required."""

    comment = forms.CharField(label="Что доработать", widget=_textarea(3), max_length=2000)


class ProgramTerminateForm(forms.Form):
    """Termination of a program before its completion: the grounds are required."""

    reason = forms.CharField(
        label="Основание прекращения",
        widget=_textarea(3),
        max_length=2000,
        help_text="Например: «Увольнение наставляемого, приказ от 20.11.2026 № 45».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class PlanItemForm(forms.ModelForm):
    """An activity of the plan: stage, title, dates within the program's period, the expected
    product (seed 000 §1.3, 004 §6.2.3)."""

    class Meta:
        model = ActivityPlanItem
        fields = ["stage", "title", "starts_on", "ends_on", "expected_product"]
        widgets = {"starts_on": _date_input(), "ends_on": _date_input()}

    def __init__(self, *args, program: PersonalizedProgram, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["stage"].queryset = PersonalizedProgramStage.objects.order_by("sort_order", "pk")
        if not self.instance.pk:
            today = timezone.localdate()
            self.fields["stage"].initial = program.stage_id
            self.fields["starts_on"].initial = min(max(today, program.starts_on), program.ends_on)
            self.fields["ends_on"].initial = program.ends_on
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        for field, message in plan_item_date_errors(
            self.program, data.get("starts_on"), data.get("ends_on")
        ).items():
            if field in data:
                self.add_error(field, message)
        return data

    def _post_clean(self):
        # The instance is not built here: the services write it (and check its constraints).
        pass

    def item_fields(self) -> dict:
        """The cleaned data for ``plan_item_add`` / ``plan_item_update``."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class PlanItemReportForm(forms.Form):
    """The progress of an activity: its status, the evidence file (kept when none is chosen)
    and a comment."""

    status = forms.ChoiceField(label="Статус", choices=ActivityStatus.choices)
    evidence = forms.FileField(
        label="Подтверждающий файл",
        required=False,
        help_text="Продукт деятельности, протокол, фотоотчёт и т. п.; до 20 МБ. Не выбран — прежний файл сохраняется.",
        validators=[DOCUMENT_CHECK],
    )
    evidence_note = forms.CharField(label="Комментарий к выполнению", required=False, max_length=500)

    def __init__(self, *args, item: ActivityPlanItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].initial = item.status
        self.fields["evidence_note"].initial = item.evidence_note
        bootstrap_widgets(self.fields)

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence and evidence.size > EVIDENCE_MAX_BYTES:
            raise forms.ValidationError("Файл больше 20 МБ.")
        return evidence
