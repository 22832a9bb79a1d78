"""Forms of the roadmap pages: creating (empty, from a template, from a file), the header, the
plan (sections and activities), the execution and the workflow's comments."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.scope import get_scope
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.concurrency import version_field_add
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.language import agree
from nastavnik.core.uploads import DOCUMENT_CHECK, PLAN_KINDS, UploadCheck
from nastavnik.organizations.choices import Level
from nastavnik.organizations.forms import OrgUnitMultipleChoiceField
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps.blueprints import BLUEPRINTS
from nastavnik.roadmaps.choices import ItemStatus
from nastavnik.roadmaps.choosers import RESPONSIBLE_UNITS
from nastavnik.roadmaps.models import ROADMAP_LEVELS, RoadmapSection
from nastavnik.roadmaps.periods import PERIOD_HELP, period_parse

#: The largest roadmap file accepted, in bytes.
PLAN_FILE_MAX_BYTES = 10 * 1024 * 1024
#: A roadmap file is told by its content (core.uploads): XLSX or DOCX, of a sane size unpacked.
PLAN_CHECK = UploadCheck(
    PLAN_KINDS,
    refusal="Загрузите файл XLSX или DOCX — такой, как выгружает система.",
    max_bytes=PLAN_FILE_MAX_BYTES,
)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def kept_units(user):
    """The units whose roadmaps ``user`` keeps (the ``roadmap`` ``add`` right held on the unit
    itself, ``UserScope.unit_ids``; every region, municipality and organization for a superuser;
    none for an anonymous or inactive user)."""
    units = OrgUnit.objects.filter(level__in=ROADMAP_LEVELS)
    if not user.is_authenticated or not user.is_active:
        return units.none()
    if user.is_superuser:
        return units
    return units.filter(pk__in=get_scope(user).unit_ids("roadmap", "add"))


def _initial(kwargs: dict, defaults: dict) -> None:
    """Put ``defaults`` under the form's ``initial`` unless the view already gives a value."""
    kwargs["initial"] = {**defaults, **(kwargs.get("initial") or {})}


def school_year(today: dt.date | None = None) -> int:
    """The year the current school year started in (September)."""
    today = today or timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


class _OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} — {obj.get_level_display().lower()}"


class RoadmapCreateForm(forms.Form):
    """A new roadmap of a unit the user keeps: from a template of the regulations with its dates
    moved to a year, or empty with its own title and period."""

    FROM_BLUEPRINT, EMPTY = "blueprint", "empty"

    owner = _OwnerField(label="Чья дорожная карта", queryset=OrgUnit.objects.none(), empty_label=None)
    mode = forms.ChoiceField(
        label="Как создать",
        choices=[(FROM_BLUEPRINT, "По шаблону из нормативных документов"), (EMPTY, "Пустую — заполню сам")],
        initial=FROM_BLUEPRINT,
        widget=forms.RadioSelect,
    )
    blueprint = forms.ChoiceField(
        label="Шаблон",
        required=False,
        help_text="Не выбран — берётся шаблон уровня владельца: региона, муниципалитета или организации.",
    )
    year = forms.IntegerField(
        label="Год начала",
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="Сроки шаблона будут перенесены так, чтобы он начинался в этом году.",
    )
    title = forms.CharField(label="Наименование", max_length=500, required=False)
    starts_on = forms.DateField(label="Начало периода", required=False, widget=_date_widget())
    ends_on = forms.DateField(label="Окончание периода", required=False, widget=_date_widget())
    source = forms.CharField(label="Основание", max_length=500, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = kept_units(user).order_by("path")
        self.fields["blueprint"].choices = [("", "Подходящий уровню владельца")] + [
            (code, f"{Level(bp.level).label}: {bp.title} ({agree(bp.item_count, 'мероприятие')})")
            for code, bp in BLUEPRINTS.items()
        ]
        self.fields["year"].initial = school_year()
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        owner = data.get("owner")
        if data.get("mode") == self.FROM_BLUEPRINT:
            code = data.get("blueprint")
            if not code and owner is not None:
                code = next((c for c, bp in BLUEPRINTS.items() if bp.level == owner.level), "")
                data["blueprint"] = code
            if not code:
                self.add_error("blueprint", "Выберите шаблон.")
            elif owner is not None and BLUEPRINTS[code].level != owner.level:
                suitable = [bp.title for bp in BLUEPRINTS.values() if bp.level == owner.level]
                self.add_error(
                    "blueprint",
                    f"Этот шаблон для другого уровня. Для «{owner}» подходит: «{'», «'.join(suitable)}».",
                )
            if data.get("year") is None:
                self.add_error("year", "Укажите год.")
        else:
            if not (data.get("title") or "").strip():
                self.add_error("title", "Укажите наименование.")
            if not data.get("starts_on"):
                self.add_error("starts_on", "Укажите начало периода.")
            if not data.get("ends_on"):
                self.add_error("ends_on", "Укажите окончание периода.")
        return data


def _check_plan_file(upload) -> None:
    name = (upload.name or "").lower()
    if not name.endswith((".xlsx", ".docx")):
        raise forms.ValidationError("Загрузите файл XLSX или DOCX — такой, как выгружает система.")
    if upload.size > PLAN_FILE_MAX_BYTES:
        raise forms.ValidationError("Файл больше 10 МБ.")
    if not upload.size:
        raise forms.ValidationError("Файл пустой.")


class PlanFileForm(forms.Form):
    """A roadmap file (XLSX or DOCX) to load into an editable roadmap, replacing its plan."""

    file = forms.FileField(
        label="Файл дорожной карты",
        help_text=(
            "XLSX или DOCX с таблицей «№ п/п | мероприятие | срок | ответственный | результат», до 10 МБ. "
            "Файл, выгруженный из системы, загружается без потерь."
        ),
        validators=[PLAN_CHECK],
    )

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        _check_plan_file(upload)
        return upload


class RoadmapImportForm(PlanFileForm):
    """A new draft roadmap of a unit the user keeps, read from a file."""

    owner = _OwnerField(label="Чья дорожная карта", queryset=OrgUnit.objects.none(), empty_label=None)
    field_order = ["owner", "file"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = kept_units(user).order_by("path")
        bootstrap_widgets(self.fields)


class RoadmapHeaderForm(forms.Form):
    """The header of an editable roadmap."""

    title = forms.CharField(label="Наименование", max_length=500)
    starts_on = forms.DateField(label="Начало периода", widget=_date_widget())
    ends_on = forms.DateField(label="Окончание периода", widget=_date_widget())
    source = forms.CharField(label="Основание", max_length=500, required=False)

    def __init__(self, *args, roadmap, **kwargs):
        _initial(
            kwargs,
            {
                "title": roadmap.title,
                "starts_on": roadmap.starts_on,
                "ends_on": roadmap.ends_on,
                "source": roadmap.source,
            },
        )
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class SectionForm(forms.Form):
    number = forms.CharField(
        label="Номер раздела", max_length=16, required=False, help_text="Например, «I» или «2.»"
    )
    title = forms.CharField(label="Наименование раздела", max_length=1000)

    def __init__(self, *args, section: RoadmapSection | None = None, **kwargs):
        if section is not None:
            _initial(kwargs, {"number": section.number, "title": section.title})
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class ItemForm(forms.Form):
    """An activity: the period is typed in words and read by ``periods.period_parse``; the roles
    of the executors, when none is ticked, are recognized from their text. The hidden ``version``
    is the activity's version when the form was opened (optimistic locking, ``core.concurrency``)."""

    section = forms.ModelChoiceField(label="Раздел", queryset=RoadmapSection.objects.none(), empty_label=None)
    number = forms.CharField(label="№ п/п", max_length=16, required=False)
    activity = forms.CharField(label="Мероприятие", widget=forms.Textarea(attrs={"rows": 3}))
    period = forms.CharField(
        label="Срок", max_length=250, help_text=PERIOD_HELP[:1].upper() + PERIOD_HELP[1:] + "."
    )
    responsible = forms.CharField(label="Ответственные исполнители", max_length=1000)
    responsible_roles = forms.MultipleChoiceField(
        label="Роли ответственных в системе",
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Кому система напомнит о сроке. Не отмечено — определится по тексту «Ответственные исполнители».",
    )
    responsible_units = OrgUnitMultipleChoiceField(
        label="Ответственные организации",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="Для дорожных карт муниципалитета и региона: организации, которые исполняют мероприятие.",
    )
    result = forms.CharField(
        label="Результат, вид документа", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, roadmap, item=None, section=None, user=None, **kwargs):
        if item is not None:
            _initial(
                kwargs,
                {
                    "section": item.section_id,
                    "number": item.number,
                    "activity": item.activity,
                    "period": item.period_text,
                    "responsible": item.responsible,
                    "responsible_roles": item.responsible_roles,
                    "responsible_units": list(item.responsible_units.values_list("pk", flat=True)),
                    "result": item.result,
                },
            )
        elif section is not None:
            _initial(kwargs, {"section": section.pk})
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = roadmap.sections.all()
        if roadmap.level == "organization":
            del self.fields["responsible_units"]
        else:
            # Every unit below a region's owner: typed, not listed (issue 16).
            use_chooser(self.fields["responsible_units"], RESPONSIBLE_UNITS, user, roadmap=roadmap.pk)
        bootstrap_widgets(self.fields)
        version_field_add(self, item)

    def clean_period(self):
        try:
            return period_parse(self.cleaned_data["period"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class ItemReportForm(forms.Form):
    """The execution of an activity, with an optional evidence file."""

    status = forms.ChoiceField(label="Исполнение", choices=ItemStatus.choices)
    completed_on = forms.DateField(
        label="Дата выполнения",
        required=False,
        widget=_date_widget(),
        help_text="Для выполненного; по умолчанию — сегодня.",
    )
    comment = forms.CharField(
        label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    file = forms.FileField(
        label="Подтверждающий документ",
        required=False,
        help_text="Приказ, протокол, справка, фотоотчёт и т. п.; до 20 МБ.",
        validators=[DOCUMENT_CHECK],
    )
    file_title = forms.CharField(label="Наименование документа", max_length=300, required=False)

    def __init__(self, *args, item, **kwargs):
        _initial(kwargs, {"status": item.status, "completed_on": item.completed_on})
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class CommentForm(forms.Form):
    text = forms.CharField(label="Комментарий", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    item = forms.ChoiceField(label="К мероприятию", required=False)

    def __init__(self, *args, roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "К дорожной карте в целом")] + [
            (str(pk), f"{number} {activity[:80]}".strip())
            for pk, number, activity in roadmap.items.values_list("pk", "number", "activity")
        ]
        bootstrap_widgets(self.fields)


class ActionForm(forms.Form):
    """The comment of a workflow step; required where the step needs a reason."""

    comment = forms.CharField(
        label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(self, *args, comment_required: bool = False, comment_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = comment_required
        if comment_label:
            self.fields["comment"].label = comment_label
        bootstrap_widgets(self.fields)
