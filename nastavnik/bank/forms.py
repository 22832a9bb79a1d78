"""Forms of the bank: mentor and mentee cards, status changes, trainings, deficits, consents.

Choices of people and organizations are narrowed to what the user may change (the curator
and the head keep their organization's bank, seed 000 §4.1.2).
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from nastavnik.bank.choices import MENTOR_TRANSITIONS, PUBLIC_FIELDS, ConsentPurpose, MentorStatus
from nastavnik.bank.choosers import CARD_CHOOSERS
from nastavnik.bank.models import (
    MenteeProfile,
    MentorProfile,
    MentorTraining,
    consent_date_error,
)
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import DOCUMENT_CHECK, SCAN_CHECK
from nastavnik.development.models import Deficit
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment, Learner, LegalRepresentative, Person
from nastavnik.reference.models import CompetenceArea, MenteeCategory

DATE_WIDGET = {"type": "date"}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d")


def bank_organizations(user, model: str = "mentorprofile"):
    """Organizations whose bank ``user`` may add to: the subtrees of their ``add`` grants on
    ``model`` ("mentorprofile" or "menteeprofile")."""
    return OrgUnit.objects.organizations().granted(user, model, "add")


class _PersonInBankMixin:
    """Adds the choice of the person (employed now in one of the user's organizations) and
    of the organization whose bank receives them, as the form's first fields."""

    scope_model = "mentorprofile"

    def _add_person_fields(self, user, preset_person=None) -> None:
        """The person (employed now in one of the organizations, with no card of this kind yet)
        and the organization: type-ahead choosers past a small scope (``bank.choosers``)."""
        organizations = bank_organizations(user, self.scope_model)
        staff = Employment.objects.current().filter(organization__in=organizations)
        choosers = CARD_CHOOSERS[self.scope_model]
        person = forms.ModelChoiceField(label="Работник", queryset=Person.objects.none())
        use_chooser(person, choosers.people, user)
        organization = OrgUnitChoiceField(label="Организация (банк)", queryset=organizations)
        use_chooser(organization, choosers.organizations, user)
        if organizations.count() == 1:
            organization.initial = organizations.first()
        if preset_person is not None:
            person.initial = preset_person.pk
            job = staff.filter(person=preset_person).order_by("-is_primary").first()
            if job:
                organization.initial = job.organization_id
        self.fields = {"person": person, "organization": organization, **self.fields}
        bootstrap_widgets({"person": person, "organization": organization})


class MentorProfileForm(forms.ModelForm):
    """A mentor's card: pool, contour, capacity, what they can lead, competences, questionnaire,
    interview, written consent to be a mentor and the open-bank publication (seed 000 §4.1.2,
    001 §5.2.1, §7.1.1, 003 §4.5–4.6)."""

    publish_in_open_bank = forms.BooleanField(
        label="Согласен на размещение в открытом банке наставников", required=False
    )
    public_fields = forms.MultipleChoiceField(
        label="Публикуемые сведения",
        choices=list(PUBLIC_FIELDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="ФИО и организация видны всегда, когда карточка опубликована.",
    )

    class Meta:
        model = MentorProfile
        fields = [
            "pool",
            "contour",
            "capacity",
            "subjects",
            "forms",
            "interaction_models",
            "kinds",
            "questionnaire",
            "interview_notes",
            "interviewed_on",
            "consent_given_on",
            "consent_scan",
        ]
        widgets = {
            "interviewed_on": _date_input(),
            "consent_given_on": _date_input(),
            "subjects": forms.SelectMultiple(attrs={"size": 6}),
            "forms": forms.CheckboxSelectMultiple,
            "interaction_models": forms.CheckboxSelectMultiple,
            "kinds": forms.CheckboxSelectMultiple,
            "questionnaire": forms.Textarea(attrs={"rows": 3}),
            "interview_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(CompetenceArea.objects.filter(is_active=True))
        levels = {}
        if self.instance.pk:
            levels = {c.area_id: c.level for c in self.instance.competences.all()}
            self.initial.setdefault("publish_in_open_bank", self.instance.publish_in_open_bank)
            self.initial.setdefault("public_fields", self.instance.public_fields)
        for area in self.areas:
            self.fields[f"competence_{area.pk}"] = forms.TypedChoiceField(
                label=area.name,
                choices=[(0, "—"), *[(n, str(n)) for n in range(1, 6)]],
                coerce=int,
                required=False,
                empty_value=0,
                initial=levels.get(area.pk, 0),
            )
        for name in ("subjects", "forms", "interaction_models", "kinds"):
            self.fields[name].queryset = self.fields[name].queryset.filter(is_active=True)
        self.fields["consent_scan"].validators.append(SCAN_CHECK)
        bootstrap_widgets(self.fields)
        for name in ("forms", "interaction_models", "kinds", "public_fields"):
            self.fields[name].widget.attrs.pop("class", None)

    def clean_consent_given_on(self):
        value = self.cleaned_data.get("consent_given_on")
        if value and (error := consent_date_error(value)):
            raise forms.ValidationError(error)
        return value

    def clean_interviewed_on(self):
        value = self.cleaned_data.get("interviewed_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError("Дата собеседования не может быть в будущем.")
        return value

    def competence_fields(self):
        """Bound fields of the competence levels, one per deficit area, in the areas' order."""
        return [self[f"competence_{area.pk}"] for area in self.areas]

    def competences(self) -> dict:
        """``{CompetenceArea: level}`` from the cleaned data (0 drops the area)."""
        return {area: self.cleaned_data.get(f"competence_{area.pk}") or 0 for area in self.areas}

    def profile_fields(self) -> dict:
        """The cleaned data of the model's own fields, for the services."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class MentorProfileCreateForm(_PersonInBankMixin, MentorProfileForm):
    """Put a staff member into the bank of mentors as a candidate."""

    def __init__(self, *args, user=None, preset_person=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self._add_person_fields(user, preset_person)


class MentorStatusForm(forms.Form):
    """A status change of a mentor, with date and comment (the card's history)."""

    to_status = forms.ChoiceField(label="Новый статус", choices=())
    occurred_on = forms.DateField(label="Дата", widget=_date_input())
    comment = forms.CharField(label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, profile: MentorProfile, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = MENTOR_TRANSITIONS.get(profile.status, frozenset())
        self.fields["to_status"].choices = [(v, label) for v, label in MentorStatus.choices if v in allowed]
        self.fields["occurred_on"].initial = timezone.localdate()
        bootstrap_widgets(self.fields)

    def clean_occurred_on(self):
        value = self.cleaned_data["occurred_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("Дата изменения статуса не может быть в будущем.")
        return value


class MentorTrainingForm(forms.ModelForm):
    class Meta:
        model = MentorTraining
        fields = ["title", "provider", "hours", "completed_on", "certificate"]
        widgets = {"completed_on": _date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].validators.append(DOCUMENT_CHECK)
        bootstrap_widgets(self.fields)


class MenteeProfileForm(forms.ModelForm):
    """A mentee's card: categories (seed 000 §1.3, 001 §5.2.3), the request as text and areas
    (карта запросов, seed 003 §4.4), the written consent."""

    class Meta:
        model = MenteeProfile
        fields = ["categories", "request_text", "request_areas", "consent_given_on", "consent_scan"]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "request_areas": forms.CheckboxSelectMultiple,
            "request_text": forms.Textarea(attrs={"rows": 3}),
            "consent_given_on": _date_input(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = MenteeCategory.objects.filter(is_active=True)
        if self.instance.pk and Learner.objects.filter(person_id=self.instance.person_id).exists():
            # a learner enters with the map of requests; the categories are the teachers' (003 §4.4)
            self.fields["categories"].required = False
            self.fields["request_text"].label = "Запрос обучающегося (карта запросов)"
        self.fields["request_areas"].queryset = CompetenceArea.objects.filter(is_active=True)
        self.fields["consent_scan"].validators.append(SCAN_CHECK)
        bootstrap_widgets(self.fields)
        for name in ("categories", "request_areas"):
            self.fields[name].widget.attrs.pop("class", None)

    def clean_consent_given_on(self):
        value = self.cleaned_data.get("consent_given_on")
        if value and (error := consent_date_error(value)):
            raise forms.ValidationError(error)
        return value


class MenteeProfileCreateForm(_PersonInBankMixin, MenteeProfileForm):
    """Put a staff member into the bank of mentees."""

    scope_model = "menteeprofile"

    def __init__(self, *args, user=None, preset_person=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self._add_person_fields(user, preset_person)


class DeficitForm(forms.ModelForm):
    """A diagnosed professional difficulty (deficit) recorded on the mentee's card: area, level,
    source, date (seed 000 §4.3.3 step 3). A full diagnosis over the eight areas is made on the
    development pages; this records one found otherwise."""

    class Meta:
        model = Deficit
        fields = ["area", "level", "source", "diagnosed_on", "description"]
        widgets = {"diagnosed_on": _date_input(), "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = CompetenceArea.objects.filter(is_active=True)
        self.fields["diagnosed_on"].initial = timezone.localdate()
        bootstrap_widgets(self.fields)


class ConsentForm(forms.Form):
    """A written consent to personal-data processing (152-ФЗ art. 9 part 4). For a learner the
    form offers their legal representatives: a minor's consent is given by the primary one
    (seed 002 §10; ``bank.services.consent_representative_error``)."""

    purposes = forms.MultipleChoiceField(
        label="Цели обработки",
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ConsentPurpose.MENTORING_RECORD, ConsentPurpose.MONITORING],
    )
    given_on = forms.DateField(label="Дата согласия", widget=_date_input())
    scan = forms.FileField(label="Скан согласия", required=False, validators=[SCAN_CHECK])
    representative = forms.ModelChoiceField(
        label="Законный представитель, давший согласие",
        queryset=LegalRepresentative.objects.none(),
        required=False,
        empty_label="— согласие даёт сам обучающийся —",
        help_text="За несовершеннолетнего согласие даёт законный представитель, подписывающий документы.",
    )

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()
        learner = Learner.objects.filter(person=person).first() if person is not None else None
        if learner is None:
            self.fields.pop("representative")
        else:
            representatives = LegalRepresentative.objects.filter(learner=learner)
            self.fields["representative"].queryset = representatives
            if learner.is_minor() and representatives.exists():
                # with none on file the service says to add the representative first
                self.fields["representative"].required = True
                self.fields["representative"].empty_label = None
                primary = representatives.filter(is_primary=True).first()
                self.fields["representative"].initial = primary.pk if primary else None
        bootstrap_widgets(self.fields)
        self.fields["purposes"].widget.attrs.pop("class", None)


class ConsentWithdrawForm(forms.Form):
    """The withdrawal of a consent: date and grounds (152-ФЗ art. 9 part 2)."""

    withdrawn_on = forms.DateField(label="Дата отзыва", widget=_date_input())
    reason = forms.CharField(
        label="Основание",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: «Заявление об отзыве согласия от 20.11.2026».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()
        bootstrap_widgets(self.fields)

    def clean_withdrawn_on(self):
        value = self.cleaned_data["withdrawn_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("Дата отзыва не может быть в будущем.")
        return value
