"""Forms of the learners' pages (issue 20): the learner, the leaving, a legal representative,
the import of a class, the account, the entry into the bank as a mentee or a mentor."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.bank.models import MenteeProfile, MentorProfile, consent_date_error
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import XLSX, UploadCheck
from nastavnik.learners.choosers import LEARNER_ORGANIZATIONS, organizations_for_learner_add
from nastavnik.learners.services import REPRESENTATIVE_FIELDS
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choices import LearnerKind, RepresentativeKind, Sex
from nastavnik.people.learners import LegalRepresentative
from nastavnik.reference.models import CompetenceArea


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_future(value, message: str):
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


class LearnerForm(forms.Form):
    """A learner: the person's name, sex, date of birth and contacts, the class or group and
    the kind (seed 003 §4.4, 002 §9); the organization when a learner is added."""

    last_name = forms.CharField(label="Фамилия", max_length=100)
    first_name = forms.CharField(label="Имя", max_length=100)
    middle_name = forms.CharField(label="Отчество", max_length=100, required=False)
    sex = forms.ChoiceField(label="Пол", choices=Sex.choices)
    birth_date = forms.DateField(label="Дата рождения", widget=_date_input())
    kind = forms.ChoiceField(label="Обучающийся", choices=LearnerKind.choices)
    grade = forms.CharField(label="Класс или группа", max_length=40, help_text="Например, «7 Б» или «ТМ-21».")
    enrolled_on = forms.DateField(label="Дата зачисления", required=False, widget=_date_input())
    interests = forms.CharField(
        label="Интересы и участие в объединениях",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Кружки, секции, проектные классы — для подбора наставника и наставляемого.",
    )
    email = forms.EmailField(label="Электронная почта", required=False)
    phone = forms.CharField(label="Телефон", max_length=32, required=False)

    def __init__(self, *args, user=None, instance=None, **kwargs):
        if instance is not None:
            person = instance.person
            initial = {
                **{name: getattr(person, name) for name in ("last_name", "first_name", "middle_name")},
                **{name: getattr(person, name) for name in ("sex", "birth_date", "email", "phone")},
                **{name: getattr(instance, name) for name in ("kind", "grade", "enrolled_on", "interests")},
            }
            kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        if instance is None:
            organization = OrgUnitChoiceField(label="Организация", queryset=OrgUnit.objects.none())
            use_chooser(organization, LEARNER_ORGANIZATIONS, user)
            ids = list(organizations_for_learner_add(user).values_list("pk", flat=True)[:2])
            if len(ids) == 1:
                organization.initial = ids[0]
            self.fields = {"organization": organization, **self.fields}
        bootstrap_widgets(self.fields)

    def clean_enrolled_on(self):
        return _not_future(self.cleaned_data.get("enrolled_on"), "Дата зачисления не может быть в будущем.")


class LeaveForm(forms.Form):
    """The leaving of a learner (выбытие): the date."""

    left_on = forms.DateField(label="Дата выбытия", widget=_date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].initial = timezone.localdate()
        bootstrap_widgets(self.fields)

    def clean_left_on(self):
        return _not_future(self.cleaned_data["left_on"], "Дата выбытия не может быть в будущем.")


class RepresentativeForm(forms.ModelForm):
    """A minor learner's legal representative (seed 002 §10; 152-ФЗ art. 9 part 4)."""

    class Meta:
        model = LegalRepresentative
        fields = list(REPRESENTATIVE_FIELDS)
        widgets = {"id_document_issued_on": _date_input()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = RepresentativeKind.choices
        bootstrap_widgets(self.fields)

    def clean_id_document_issued_on(self):
        return _not_future(
            self.cleaned_data.get("id_document_issued_on"), "Дата выдачи документа не может быть в будущем."
        )

    def validate_unique(self):
        """The one primary representative is checked by the service (with its message)."""


class ImportForm(forms.Form):
    """The upload of a class or group: the organization and the XLSX file."""

    organization = OrgUnitChoiceField(label="Организация", queryset=OrgUnit.objects.none())
    file = forms.FileField(
        label="Файл XLSX",
        help_text="Книга Excel (XLSX) по шаблону: один обучающийся в строке.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        validators=[UploadCheck(frozenset({XLSX}), refusal="Загрузите книгу Excel (XLSX) по шаблону.")],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        use_chooser(self.fields["organization"], LEARNER_ORGANIZATIONS, user)
        ids = list(organizations_for_learner_add(user).values_list("pk", flat=True)[:2])
        if len(ids) == 1:
            self.fields["organization"].initial = ids[0]
        bootstrap_widgets(self.fields)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.NASTAVNIK_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"Файл больше {limit // (1024 * 1024)} МБ: разделите его на части.")
        if upload.size == 0:
            raise forms.ValidationError("Файл пуст.")
        return upload


class AccountForm(forms.Form):
    """An account of a learner of 14 or older: the role and the login (issue 20)."""

    role = forms.ChoiceField(
        label="Роль",
        choices=[(Role.MENTEE, "Наставляемый"), (Role.MENTOR, "Наставник (наставник сверстников)")],
    )
    username = forms.CharField(
        label="Логин",
        max_length=150,
        required=False,
        help_text="Нужен, если у обучающегося ещё нет учётной записи. Приглашение придёт на его электронную почту.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class _ConsentDateMixin:
    def clean_consent_given_on(self):
        value = self.cleaned_data.get("consent_given_on")
        if value and (error := consent_date_error(value)):
            raise forms.ValidationError(error)
        return value


class LearnerMenteeForm(_ConsentDateMixin, forms.ModelForm):
    """The learner's entry into the base of mentees with the map of requests (seed 003 §4.4):
    what the learner asks for in their own words, the areas, the written consent."""

    class Meta:
        model = MenteeProfile
        fields = ["request_text", "request_areas", "consent_given_on"]
        labels = {
            "request_text": "Запрос обучающегося (карта запросов)",
            "consent_given_on": "Дата письменного согласия на участие в наставничестве",
        }
        help_texts = {
            "request_text": "Трудности и цели: учёба, проект, профессиональное самоопределение, "
            "адаптация в коллективе, участие в олимпиадах и конкурсах."
        }
        widgets = {
            "request_text": forms.Textarea(attrs={"rows": 4}),
            "request_areas": forms.CheckboxSelectMultiple,
            "consent_given_on": _date_input(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_text"].required = True
        self.fields["request_areas"].queryset = CompetenceArea.objects.filter(is_active=True)
        self.fields["request_areas"].required = False
        bootstrap_widgets(self.fields)
        self.fields["request_areas"].widget.attrs.pop("class", None)


class LearnerMentorForm(_ConsentDateMixin, forms.ModelForm):
    """The learner's entry as a mentor of peers (seed 003 §4.5–4.6): how many mentees, the
    forms, the free-form questionnaire and the interview, the written consent."""

    class Meta:
        model = MentorProfile
        fields = [
            "capacity",
            "forms",
            "questionnaire",
            "interview_notes",
            "interviewed_on",
            "consent_given_on",
        ]
        labels = {"questionnaire": "Анкета: успехи, интересы, чем готов помочь сверстникам"}
        widgets = {
            "forms": forms.CheckboxSelectMultiple,
            "questionnaire": forms.Textarea(attrs={"rows": 4}),
            "interview_notes": forms.Textarea(attrs={"rows": 3}),
            "interviewed_on": _date_input(),
            "consent_given_on": _date_input(),
        }

    def __init__(self, *args, user=None, learner=None, **kwargs):
        super().__init__(*args, **kwargs)
        forms_field = self.fields["forms"]
        active = forms_field.queryset.filter(is_active=True)
        if learner is not None:
            # only the forms where a learner of this kind may be the mentor («ученик – ученик»…)
            kind = learner.kind
            active = active.filter(
                pk__in=[f.pk for f in active if not f.mentor_kinds or kind in f.mentor_kinds]
            )
            forms_field.initial = list(active.values_list("pk", flat=True))
        forms_field.queryset = active
        forms_field.required = False
        bootstrap_widgets(self.fields)
        self.fields["forms"].widget.attrs.pop("class", None)

    def clean_interviewed_on(self):
        return _not_future(
            self.cleaned_data.get("interviewed_on"), "Дата собеседования не может быть в будущем."
        )
