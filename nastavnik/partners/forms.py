"""Forms of the registry of partners (issue 20): a partner, an agreement, a participant outside
the staff, the end of their participation and a program the partner takes part in. The choices
are the rows the user may choose (``partners.choosers``); the services check everything again."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit, Partner, PartnerAgreement
from nastavnik.partners.choosers import AGREEMENT_UNITS, NONSTAFF_ORGANIZATIONS, PARTNER_UNITS, PARTNERS
from nastavnik.partners.services import AGREEMENT_FILE_CHECK, PARTNER_FIELDS
from nastavnik.people.choices import NonStaffCategory
from nastavnik.people.models import NonStaffParticipant, Person


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _keep_current(field, unit_id) -> None:
    """An edit page keeps the row's current unit among the choices."""
    if unit_id:
        field.queryset = (field.queryset | OrgUnit.objects.filter(pk=unit_id)).distinct()


class PartnerForm(forms.ModelForm):
    """A partner of the registry: who keeps it, kind, names, ИНН, contacts, the directions of
    cooperation and whether it goes on."""

    unit = OrgUnitChoiceField(
        label="Кто ведёт сведения",
        queryset=OrgUnit.objects.none(),
        help_text="Организация, муниципалитет или регион, заключившие соглашение с партнёром.",
    )
    website = forms.URLField(label="Сайт", required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Partner
        fields = ["unit", *PARTNER_FIELDS]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "description": "Например: профориентация, стажировки обучающихся, наставники из числа сотрудников.",
            "inn": "10 цифр для организации, 12 — для индивидуального предпринимателя.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_chooser(self.fields["unit"], PARTNER_UNITS, user)
        if self.instance.pk:
            _keep_current(self.fields["unit"], self.instance.unit_id)
        bootstrap_widgets(self.fields)


class AgreementForm(forms.ModelForm):
    """An agreement with a partner: our party, number, date, term, subject and the signed file."""

    unit = OrgUnitChoiceField(label="Сторона соглашения", queryset=OrgUnit.objects.none())

    class Meta:
        model = PartnerAgreement
        fields = ["unit", "number", "concluded_on", "starts_on", "ends_on", "subject", "file"]
        widgets = {
            "concluded_on": _date_widget(),
            "starts_on": _date_widget(),
            "ends_on": _date_widget(),
            "subject": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "file": "PDF, DOCX, ODT или скан (JPG, PNG, TIFF), не больше 20 МБ.",
            "ends_on": "Пусто — соглашение бессрочное.",
        }

    def __init__(self, *args, user, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        use_chooser(field, AGREEMENT_UNITS, user)
        if self.instance.pk:
            _keep_current(field, self.instance.unit_id)
        elif partner is not None and field.queryset.filter(pk=partner.unit_id).exists():
            field.initial = partner.unit_id
        self.fields["file"].validators.append(AGREEMENT_FILE_CHECK)
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        starts, ends, concluded = data.get("starts_on"), data.get("ends_on"), data.get("concluded_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "Окончание действия соглашения не может быть раньше его начала.")
        if concluded and concluded > timezone.localdate():
            self.add_error("concluded_on", "Дата заключения соглашения не может быть в будущем.")
        return data


class NonStaffForm(forms.Form):
    """A participant outside the staff: the person (surname, name, patronymic, sex, birth date,
    contacts) and their part in the organization (who they are, the partner, the workplace,
    from which date)."""

    organization = OrgUnitChoiceField(label="Организация", queryset=OrgUnit.objects.none())
    last_name = forms.CharField(label="Фамилия", max_length=100)
    first_name = forms.CharField(label="Имя", max_length=100)
    middle_name = forms.CharField(label="Отчество", max_length=100, required=False)
    sex = forms.ChoiceField(label="Пол", choices=Person._meta.get_field("sex").choices)
    birth_date = forms.DateField(label="Дата рождения", widget=_date_widget())
    email = forms.EmailField(label="Электронная почта", required=False)
    phone = forms.CharField(label="Телефон", max_length=32, required=False)
    category = forms.ChoiceField(label="Кто это", choices=NonStaffCategory.choices)
    partner = forms.ModelChoiceField(
        label="Организация-партнёр",
        queryset=Partner.objects.none(),
        required=False,
        help_text="Если участник пришёл от партнёра (предприятия, вуза, общественной организации).",
    )
    workplace = forms.CharField(
        label="Место работы и должность",
        max_length=300,
        required=False,
        help_text="Например, «ООО «Северэнерго», инженер».",
    )
    started_on = forms.DateField(label="Участвует с", required=False, widget=_date_widget())

    PERSON = ("last_name", "first_name", "middle_name", "sex", "birth_date", "email", "phone")
    ROW = ("category", "partner", "workplace", "started_on")

    def __init__(self, *args, user, instance: NonStaffParticipant | None = None, **kwargs):
        if instance is not None:
            person = instance.person
            initial = {name: getattr(person, name) for name in self.PERSON}
            initial.update({name: getattr(instance, name) for name in self.ROW})
            initial["partner"] = instance.partner_id
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is not None:
            del self.fields["organization"]
        else:
            use_chooser(self.fields["organization"], NONSTAFF_ORGANIZATIONS, user)
            self.fields["started_on"].initial = timezone.localdate()
        use_chooser(self.fields["partner"], PARTNERS, user)
        if instance is not None and instance.partner_id:
            self.fields["partner"].queryset = (
                self.fields["partner"].queryset | Partner.objects.filter(pk=instance.partner_id)
            ).distinct()
        bootstrap_widgets(self.fields)

    def person_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in self.PERSON if name != "birth_date"} | {
            "birth_date": self.cleaned_data["birth_date"]
        }

    def row_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.ROW} | {
            "workplace": self.cleaned_data.get("workplace") or ""
        }


class EndForm(forms.Form):
    """The last day of a participation."""

    ended_on = forms.DateField(label="Последний день участия", widget=_date_widget())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()
        bootstrap_widgets(self.fields)


class ProgramForm(forms.Form):
    """A mentoring program of an organization (``program`` among ``programs``)."""

    program = forms.ModelChoiceField(label="Программа наставничества", queryset=None)

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        self.fields["program"].label_from_instance = lambda p: f"{p.title} ({p.organization})"
        bootstrap_widgets(self.fields)
