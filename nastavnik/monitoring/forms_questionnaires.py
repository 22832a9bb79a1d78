"""Forms of the questionnaire pages: the builder (a questionnaire, a question, a copy) and the
respondent's answer form, whose fields are made from the questions (issue 14)."""

from __future__ import annotations

from django import forms

from nastavnik.access.scope import get_scope
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.monitoring.choices import SCALE_MAX, SCALE_MIN, Audience, Measure, Phase, QuestionKind
from nastavnik.monitoring.choosers import ANSWER_MUNICIPALITIES, ANSWER_ORGANIZATIONS
from nastavnik.monitoring.models import Question, Questionnaire
from nastavnik.organizations.choices import Level
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit
from nastavnik.reference.models import CompetenceArea


def owner_units(user):
    """The units ``user`` makes questionnaires for: those on which they hold the
    ``questionnaire`` ``add`` right (``UserScope.unit_ids``); every region, municipality and
    organization for a superuser; none for an anonymous or inactive user."""
    units = OrgUnit.objects.exclude(level=Level.FEDERAL)
    if not user.is_authenticated or not user.is_active:
        return units.none()
    if user.is_superuser:
        return units
    return units.filter(pk__in=get_scope(user).unit_ids("questionnaire", "add"))


class _OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} — {obj.get_level_display().lower()}"


class QuestionnaireForm(forms.Form):
    """A questionnaire's settings; on creation also the unit it belongs to (among the user's)."""

    owner = _OwnerField(
        label="Составитель", queryset=OrgUnit.objects.none(), empty_label=None, required=False
    )
    title = forms.CharField(label="Название", max_length=300)
    description = forms.CharField(
        label="Пояснение для отвечающих",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    audience = forms.ChoiceField(label="Кому адресована", choices=Audience.choices)
    phase = forms.ChoiceField(label="Когда заполняется", choices=Phase.choices)
    anonymous = forms.BooleanField(
        label="Анонимная анкета",
        required=False,
        help_text=(
            "Ответы не связываются с отвечающими и показываются только сводно, по группам от 5 ответов."
        ),
    )

    def __init__(self, *args, user, instance: Questionnaire | None = None, **kwargs):
        if instance is not None:
            kwargs["initial"] = {
                "title": instance.title,
                "description": instance.description,
                "audience": instance.audience,
                "phase": instance.phase,
                "anonymous": instance.anonymous,
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is None:
            self.fields["owner"].queryset = owner_units(user).order_by("path")
            self.fields["owner"].required = True
        else:
            del self.fields["owner"]
        bootstrap_widgets(self.fields)


class QuestionForm(forms.Form):
    """One question: its text, kind, what it measures, the area of a difficulty question, the
    labels of the scale's ends and the options (one a line) of a choice."""

    text = forms.CharField(label="Вопрос", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label="Вид ответа", choices=QuestionKind.choices)
    measure = forms.ChoiceField(
        label="Что измеряет",
        choices=Measure.choices,
        initial=Measure.OTHER,
        help_text="Показатели мониторинга читают ответы на вопросы со шкалой по тому, что они измеряют.",
    )
    area = forms.ModelChoiceField(
        label="Область затруднений",
        queryset=CompetenceArea.objects.none(),
        required=False,
        empty_label="—",
        help_text="Только для вопроса о затруднениях.",
    )
    required = forms.BooleanField(label="Обязательный вопрос", required=False, initial=True)
    scale_min_label = forms.CharField(
        label=f"Подпись к {SCALE_MIN}", max_length=100, required=False, help_text="Например: «совсем нет»."
    )
    scale_max_label = forms.CharField(
        label=f"Подпись к {SCALE_MAX}", max_length=100, required=False, help_text="Например: «полностью»."
    )
    options = forms.CharField(
        label="Варианты ответа",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Для вопросов с выбором: каждый вариант с новой строки, не менее двух.",
    )

    def __init__(self, *args, user=None, instance: Question | None = None, **kwargs):
        if instance is not None:
            kwargs["initial"] = {
                "text": instance.text,
                "kind": instance.kind,
                "measure": instance.measure,
                "area": instance.area_id,
                "required": instance.required,
                "scale_min_label": instance.scale_min_label,
                "scale_max_label": instance.scale_max_label,
                "options": "\n".join(o.text for o in instance.options.all()),
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["area"].queryset = CompetenceArea.objects.filter(is_active=True).order_by(
            "sort_order", "name"
        )
        bootstrap_widgets(self.fields)

    def service_kwargs(self) -> dict:
        """The cleaned data as the builder's services take them."""
        data = self.cleaned_data
        return {
            "text": data["text"],
            "kind": data["kind"],
            "measure": data["measure"],
            "area": data.get("area"),
            "required": data.get("required", False),
            "scale_min_label": data.get("scale_min_label", ""),
            "scale_max_label": data.get("scale_max_label", ""),
            "options": [line.strip() for line in (data.get("options") or "").splitlines()],
        }


class CopyForm(forms.Form):
    """The unit a copy of a questionnaire will belong to."""

    owner = _OwnerField(label="Составитель копии", queryset=OrgUnit.objects.none(), empty_label=None)

    def __init__(self, *args, user, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owner_units(user).order_by("path")
        bootstrap_widgets(self.fields)


class AnswerForm(forms.Form):
    """The respondent's form: a field ``q<pk>`` per question — a scale as radio buttons 1–10,
    a single choice as radio buttons, a multiple choice as checkboxes, a free text as a text
    area. ``values()`` gives what ``services.questionnaires.answer_submit`` takes. Whatever was
    typed stays in the form when it comes back with errors."""

    def __init__(self, *args, questionnaire: Questionnaire, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.questions = list(questions if questions is not None else questionnaire.questions.all())
        for question in self.questions:
            self.fields[f"q{question.pk}"] = self._field(question)

    @staticmethod
    def _field(question: Question) -> forms.Field:
        messages = {
            "required": "Ответьте на этот вопрос.",
            "invalid_choice": "Выберите вариант из предложенных.",
            "invalid_list": "Выберите вариант из предложенных.",
        }
        common = {"label": question.text, "required": question.required, "error_messages": messages}
        if question.kind == QuestionKind.SCALE:
            return forms.TypedChoiceField(
                choices=[(n, str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)],
                coerce=int,
                widget=forms.RadioSelect,
                **common,
            )
        options = [(o.pk, o.text) for o in question.options.all()]
        if question.kind == QuestionKind.SINGLE:
            return forms.TypedChoiceField(
                choices=options,
                coerce=int,
                widget=forms.RadioSelect,
                **common,
            )
        if question.kind == QuestionKind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=options,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        return forms.CharField(
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            **{
                **common,
                "error_messages": {**messages, "max_length": "Ответ слишком длинный: не более 5000 знаков."},
            },
        )

    def rows(self):
        """``(question, bound field)`` in the questions' order, for the template."""
        return [(question, self[f"q{question.pk}"]) for question in self.questions]

    def values(self) -> dict:
        """``{question.pk: value}`` of the cleaned form (empty optional answers left out)."""
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if value in (None, "", []):
                continue
            result[question.pk] = value
        return result


class ResultsUnitsForm(forms.Form):
    """The filters «Муниципалитет» and «Организация» of a questionnaire's results pages: type-ahead
    choosers over the units whose answers ``user`` reads (``choosers.ANSWER_*``; issue 16), the
    chosen ``municipality`` and ``organization`` (units or ``None``) shown selected. Only renders:
    the page reads its filters with ``results.parse_filters``. ``show_municipality`` and
    ``show_organization``: whether the user reads more than one unit of that level."""

    municipality = forms.ModelChoiceField(
        label="Муниципалитет", queryset=OrgUnit.objects.none(), required=False, empty_label="Все"
    )
    organization = OrgUnitChoiceField(
        label="Организация", queryset=OrgUnit.objects.none(), required=False, empty_label="Все"
    )

    def __init__(self, *, user, municipality=None, organization=None):
        super().__init__(
            auto_id="f-%s",
            initial={
                "municipality": getattr(municipality, "pk", None),
                "organization": getattr(organization, "pk", None),
            },
        )
        self.show = {}
        for name, chooser in (
            ("municipality", ANSWER_MUNICIPALITIES),
            ("organization", ANSWER_ORGANIZATIONS),
        ):
            use_chooser(self.fields[name], chooser, user)
            self.show[name] = self.fields[name].queryset.values("pk")[:2].count() > 1
        bootstrap_widgets(self.fields)

    @property
    def show_municipality(self) -> bool:
        return self.show["municipality"]

    @property
    def show_organization(self) -> bool:
        return self.show["organization"]
