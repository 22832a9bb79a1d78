"""Forms of individual educational routes (seed 000 §4.3.3): a new route, its self-determination
and period, an activity of the roadmap, the product of an activity, a correction, a comment, the
reflection on the deficits, the start, the completion and the cancellation.

Choices are narrowed to what the user may reach: the teachers of a new route to the user themselves
and the people working in the organizations whose routes the user keeps (the curator, the head);
an activity's deficits to those of the route's teacher; its course to the catalogue the user reads.
The services (``services.routes``) keep the rules; the forms only read and check the shape.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from nastavnik.access.choices import DEVELOPMENT_KEEPERS
from nastavnik.access.scope import get_scope
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.concurrency import version_field_add
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import DOCUMENT_CHECK
from nastavnik.development.choices import (
    CLOSED_ACTIVITY_STATUSES,
    ROUTE_YEARS_DEFAULT,
    ROUTE_YEARS_MAX,
    ROUTE_YEARS_MIN,
    ActivityKind,
    CorrectionReason,
    ProductKind,
    ReflectionOutcome,
)
from nastavnik.development.choosers import ROUTE_TEACHERS, route_teachers
from nastavnik.development.models import Course, Deficit, IndividualRoute, RouteActivity
from nastavnik.development.services.routes import route_organization
from nastavnik.people.models import Person

#: The dates a route or an activity may have: a typo such as 9999 is refused on the field.
DATE_LIMITS = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label: str, **kwargs) -> forms.DateField:
    low, high = DATE_LIMITS
    return forms.DateField(
        label=label,
        widget=_date_input(),
        validators=[_date_within(low, high)],
        error_messages={"invalid": "Введите дату в формате ДД.ММ.ГГГГ.", "required": "Укажите дату."},
        **kwargs,
    )


def _date_within(low: dt.date, high: dt.date):
    def check(value: dt.date) -> None:
        if value and not low <= value <= high:
            raise forms.ValidationError(f"Укажите дату между {low:%d.%m.%Y} и {high:%d.%m.%Y}.")

    return check


def _text(label: str, *, rows: int = 3, required: bool = True, help_text: str = "", max_length=None):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        error_messages={"required": "Заполните это поле."},
    )


class RouteCreateForm(forms.Form):
    """A new route (step 1, self-determination): the teacher, the theme, the desired image, the
    start and the length in years (1–5, 4 by default; seed 000 §4.3.3: «долгосрочная (4-5 лет)»)."""

    person = forms.ModelChoiceField(
        label="Педагог",
        queryset=Person.objects.none(),
        error_messages={"invalid_choice": "Выберите педагога из списка.", "required": "Выберите педагога."},
    )
    title = _text("Тема маршрута", rows=0, max_length=300)
    desired_image = _text(
        "Желаемый образ себя как профессионала",
        rows=5,
        required=False,
        help_text="Самоопределение: опишите идеальный, желаемый образ себя как состоявшегося профессионала. "
        "Его можно дописать позже, но до начала реализации маршрута.",
    )
    starts_on = _date_field("Начало маршрута")
    years = forms.TypedChoiceField(
        label="Срок, лет",
        coerce=int,
        choices=[(n, str(n)) for n in range(ROUTE_YEARS_MIN, ROUTE_YEARS_MAX + 1)],
        initial=ROUTE_YEARS_DEFAULT,
        error_messages={"invalid_choice": "Выберите срок от 1 до 5 лет."},
    )

    def __init__(self, *args, user=None, person_id: int | None = None, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = route_teachers(user)
        scope = get_scope(user)
        if scope.person_id and not scope.paths("individualroute", "add", roles=DEVELOPMENT_KEEPERS):
            # a teacher makes their own route: no choice to offer
            self.fields["person"].initial = scope.person_id
            self.fields["person"].widget = forms.HiddenInput()
        else:
            # the teachers of a whole school: typed, not listed (issue 16)
            use_chooser(self.fields["person"], ROUTE_TEACHERS, user)
            if person_id:
                self.fields["person"].initial = person_id
        self.fields["starts_on"].initial = timezone.localdate()
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        person = data.get("person")
        if person is not None and route_organization(person) is None:
            # shown above the form when the teacher is not asked (the field is hidden)
            hidden = self.fields["person"].widget.is_hidden
            self.add_error(
                None if hidden else "person", "Педагог сейчас нигде не работает: маршрут вести негде."
            )
        return data


class RouteForm(forms.ModelForm):
    """The route's theme, self-determination (the desired image) and period, under optimistic
    locking (the hidden ``version``)."""

    starts_on = _date_field("Начало")
    ends_on = _date_field("Окончание")

    class Meta:
        model = IndividualRoute
        fields = ["title", "desired_image", "starts_on", "ends_on"]
        widgets = {"desired_image": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desired_image"].help_text = IndividualRoute._meta.get_field("desired_image").help_text
        version_field_add(self, self.instance)
        bootstrap_widgets(self.fields)

    def _post_clean(self):
        # the service validates and saves; the model's own checks run there (full_clean)
        pass

    def route_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("title", "desired_image", "starts_on", "ends_on")}


class ActivityForm(forms.ModelForm):
    """An activity of the route's roadmap (step 4): kind, title, contents, period, the deficits
    of the route's teacher it addresses and, for a course, the program of the catalogue."""

    starts_on = _date_field("Начало")
    ends_on = _date_field("Окончание")
    deficits = forms.ModelMultipleChoiceField(
        label="Затруднения, на которые направлено",
        queryset=Deficit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Выберите затруднения из списка.",
            "invalid_pk_value": "Выберите затруднения из списка.",
        },
    )
    course = forms.ModelChoiceField(
        label="Программа повышения квалификации",
        queryset=Course.objects.none(),
        required=False,
        help_text="Для мероприятия вида «обучение»: программа из каталога.",
        error_messages={"invalid_choice": "Выберите программу из списка."},
    )

    class Meta:
        model = RouteActivity
        fields = ["kind", "title", "description", "starts_on", "ends_on", "deficits", "course"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "title": forms.TextInput()}

    def __init__(self, *args, user=None, route: IndividualRoute, **kwargs):
        super().__init__(*args, **kwargs)
        self.route = route
        self.fields["deficits"].queryset = (
            Deficit.objects.filter(person_id=route.person_id)
            .select_related("area")
            .order_by("-diagnosed_on", "area__sort_order")
        )
        self.fields["deficits"].label_from_instance = lambda d: (
            f"{d.area} — {d.get_level_display()} ({d.get_source_display()}, {d.diagnosed_on:%d.%m.%Y})"
        )
        courses = Course.objects.for_user(user, "view").published()
        if self.instance.pk and self.instance.course_id:
            courses = Course.objects.filter(pk=self.instance.course_id) | courses
        self.fields["course"].queryset = courses.order_by("title", "pk")
        self.fields["course"].empty_label = "— не выбрана —"
        self.fields["kind"].choices = [("", "— выберите —"), *ActivityKind.choices]
        if not self.instance.pk:
            self.fields["starts_on"].initial = max(route.starts_on, timezone.localdate())
        version_field_add(self, self.instance)
        bootstrap_widgets(self.fields)

    def _post_clean(self):
        pass

    def activity_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "description": data.get("description", ""),
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "deficits": list(data.get("deficits") or []),
            "course": data.get("course"),
        }


class ProductForm(forms.Form):
    """The result of an activity (step 5): the pedagogical product (kind, title, a file or a
    link), the teacher's attitude to the result and the day it was done."""

    product_kind = forms.ChoiceField(
        label="Вид продукта",
        choices=ProductKind.choices,
        error_messages={"invalid_choice": "Выберите вид из списка."},
    )
    product_title = _text("Наименование продукта", rows=0, max_length=500)
    product_file = forms.FileField(
        label="Файл продукта",
        required=False,
        validators=[DOCUMENT_CHECK],
        help_text="PDF, DOCX, XLSX, презентация или фотография, до 20 МБ.",
    )
    product_url = forms.URLField(
        label="Ссылка на продукт",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Введите адрес страницы, например https://school.ru/razrabotka."},
    )
    self_assessment = _text("Отношение к достигнутому результату", rows=4)
    done_on = _date_field("Дата выполнения")

    def __init__(self, *args, user=None, activity: RouteActivity, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.initial.update(
            {
                "product_kind": activity.product_kind or None,
                "product_title": activity.product_title or activity.title,
                "product_url": activity.product_url,
                "self_assessment": activity.self_assessment,
                "done_on": activity.done_on or timezone.localdate(),
            }
        )
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        if not data.get("product_file") and not data.get("product_url") and not self.activity.product_file:
            if "product_file" not in self.errors and "product_url" not in self.errors:
                self.add_error("product_file", "Приложите файл продукта или укажите ссылку на него.")
        return data


class CorrectionForm(forms.Form):
    """A correction of the roadmap (step 6): the reason, its explanation, what changes, and
    optionally the activity concerned — cancelled or given a new end in the same step."""

    CHANGE_NONE = ""
    CHANGE_CANCEL = "cancel"
    CHANGE_MOVE = "move"

    reason = forms.ChoiceField(
        label="Причина",
        choices=[("", "— выберите —"), *CorrectionReason.choices],
        error_messages={
            "required": "Укажите причину корректировки.",
            "invalid_choice": "Выберите причину из списка.",
        },
    )
    explanation = _text("Обоснование", rows=3)
    description = _text("Что изменяется в дорожной карте", rows=3)
    activity = forms.ModelChoiceField(
        label="Мероприятие",
        queryset=RouteActivity.objects.none(),
        required=False,
        empty_label="— не относится к одному мероприятию —",
        error_messages={"invalid_choice": "Выберите мероприятие этого маршрута."},
    )
    activity_change = forms.ChoiceField(
        label="Что сделать с мероприятием",
        required=False,
        choices=[
            (CHANGE_NONE, "ничего"),
            (CHANGE_MOVE, "перенести срок окончания"),
            (CHANGE_CANCEL, "отменить"),
        ],
        error_messages={"invalid_choice": "Выберите действие из списка."},
    )
    activity_ends_on = _date_field("Новое окончание мероприятия", required=False)

    def __init__(self, *args, user=None, route: IndividualRoute, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = route.activities.exclude(status__in=CLOSED_ACTIVITY_STATUSES)
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        change = data.get("activity_change")
        if change and not data.get("activity") and "activity" not in self.errors:
            self.add_error("activity", "Выберите мероприятие, которое отменяется или переносится.")
        if (
            change == self.CHANGE_MOVE
            and not data.get("activity_ends_on")
            and "activity_ends_on" not in self.errors
        ):
            self.add_error("activity_ends_on", "Укажите новое окончание мероприятия.")
        return data

    def correction_fields(self) -> dict:
        data = self.cleaned_data
        change = data.get("activity_change")
        return {
            "reason": data["reason"],
            "explanation": data["explanation"],
            "description": data["description"],
            "activity": data.get("activity"),
            "activity_cancel": change == self.CHANGE_CANCEL,
            "activity_ends_on": data.get("activity_ends_on") if change == self.CHANGE_MOVE else None,
        }


class CommentForm(forms.Form):
    """A comment on the route (the tutor, the curator, the mentor, the teacher)."""

    text = _text("Комментарий", rows=4)

    def __init__(self, *args, user=None, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class ActionCommentForm(forms.Form):
    """The confirmation of a step with an optional comment (the start of the route)."""

    comment = _text("Комментарий", rows=2, required=False)

    def __init__(self, *args, user=None, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class CancelForm(forms.Form):
    """The cancellation of the route with its reason."""

    reason = _text("Причина прекращения", rows=3)

    def __init__(self, *args, user=None, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class CompleteForm(forms.Form):
    """The completion of the route: how close the teacher came to the desired image (step 7)."""

    summary = _text("Рефлексия степени приближения к желаемому образу педагога-профессионала", rows=6)

    def __init__(self, *args, user=None, route: IndividualRoute, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        self.initial.setdefault("summary", route.reflection_summary)
        bootstrap_widgets(self.fields)


class ReflectionForm(forms.Form):
    """The reflective analysis per deficit the route's activities address (step 7): for each,
    the outcome and the analysis (``outcome_<id>``, ``analysis_<id>``); a deficit left empty is
    kept as it was. ``deficits``: the addressed deficits; ``existing``: deficit id → its
    ``RouteReflection``."""

    def __init__(self, *args, user=None, deficits=(), existing=None, **kwargs):
        kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.deficits = list(deficits)
        for deficit in self.deficits:
            before = existing.get(deficit.pk)
            self.fields[f"outcome_{deficit.pk}"] = forms.ChoiceField(
                label=f"{deficit.area} ({deficit.get_level_display()}): итог",
                required=False,
                choices=[("", "— не указан —"), *ReflectionOutcome.choices],
                initial=before.outcome if before else "",
                error_messages={"invalid_choice": "Выберите итог из списка."},
            )
            self.fields[f"analysis_{deficit.pk}"] = forms.CharField(
                label="Анализ: что и как изменилось",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=before.analysis if before else "",
            )
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        filled = 0
        for deficit in self.deficits:
            outcome = data.get(f"outcome_{deficit.pk}")
            analysis = (data.get(f"analysis_{deficit.pk}") or "").strip()
            if outcome and not analysis:
                self.add_error(f"analysis_{deficit.pk}", "Опишите, что и как изменилось.")
            elif analysis and not outcome:
                self.add_error(f"outcome_{deficit.pk}", "Укажите итог по затруднению.")
            elif outcome:
                filled += 1
        if not filled and not self.errors:
            raise forms.ValidationError("Заполните рефлексию хотя бы по одному затруднению.")
        return data

    def reflections(self) -> list[tuple[Deficit, str, str]]:
        """``[(deficit, outcome, analysis)]`` of the filled deficits."""
        data = self.cleaned_data
        return [
            (d, data[f"outcome_{d.pk}"], data[f"analysis_{d.pk}"].strip())
            for d in self.deficits
            if data.get(f"outcome_{d.pk}")
        ]
