"""Forms of the incentives of mentors (issue 19 item 6): a payment, an award, a nomination and the
nomination's steps. The mentor is chosen among the bank's mentors the user records incentives for
(``choosers.MENTORS``); the services check everything again."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from nastavnik.bank.models import MentorProfile
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.incentives.choices import NOMINATION_LEVELS, AwardLevel, PaymentBasis
from nastavnik.incentives.choosers import (
    MENTORS,
    PAYMENT_DOCUMENTS,
    PAYMENT_PROGRAMS,
    incentive_mentors,
)
from nastavnik.incentives.models import Award, IncentivePayment, Nomination
from nastavnik.reference.models import AwardKind


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MentorFormMixin:
    """The field «Наставник» over the mentors of ``model`` (``add``) the user reaches; on an edit
    page the row's own mentor too. ``cleaned_data`` gets ``person`` and ``organization`` from the
    card."""

    right_model = "award"

    def setup_mentor(self, user, instance, initial_profile=None) -> None:
        field = self.fields["mentor"]
        use_chooser(field, MENTORS, user)
        field.queryset = incentive_mentors(user, model=self.right_model)
        if instance is not None and instance.pk:
            profile = MentorProfile.objects.filter(person_id=instance.person_id).first()
            if profile is not None:
                field.queryset = field.queryset | MentorProfile.objects.filter(pk=profile.pk)
                field.initial = profile.pk
        elif initial_profile is not None:
            field.initial = initial_profile

    def clean(self):
        data = super().clean()
        profile = data.get("mentor")
        if profile is not None:
            data["person"] = profile.person
            data["organization"] = profile.organization
        return data


class PaymentForm(MentorFormMixin, forms.ModelForm):
    """A material payment to a mentor: amount a month, period, basis (a document of the registry
    or a typed number and date), the program it is tied to."""

    right_model = "incentivepayment"
    mentor = forms.ModelChoiceField(label="Наставник", queryset=MentorProfile.objects.none())

    class Meta:
        model = IncentivePayment
        fields = [
            "amount",
            "starts_on",
            "ends_on",
            "basis",
            "document",
            "basis_number",
            "basis_date",
            "program",
            "note",
        ]
        widgets = {
            "starts_on": _date_widget(),
            "ends_on": _date_widget(),
            "basis_date": _date_widget(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "amount": "В рублях в месяц, больше нуля.",
            "ends_on": "Пусто — выплата установлена без срока окончания.",
            "document": "Приказ об установлении доплаты или дополнительное соглашение из реестра документов.",
            "basis_number": "Если документ хранится вне реестра: его номер.",
        }

    def __init__(self, *args, user, initial_profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["mentor"])
        self.setup_mentor(user, self.instance, initial_profile)
        # Both grow with the organization: type-ahead fields over the user's rows (issue 16).
        use_chooser(self.fields["document"], PAYMENT_DOCUMENTS, user)
        use_chooser(self.fields["program"], PAYMENT_PROGRAMS, user)
        bootstrap_widgets(self.fields)


class AwardForm(MentorFormMixin, forms.ModelForm):
    """A non-material incentive or an award a mentor received."""

    right_model = "award"
    mentor = forms.ModelChoiceField(label="Наставник", queryset=MentorProfile.objects.none())

    class Meta:
        model = Award
        fields = ["kind", "level", "awarded_on", "issued_by", "order_number", "counts_at_attestation", "note"]
        widgets = {"awarded_on": _date_widget(), "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "issued_by": "Например: «Департамент образования и науки» или наименование организации.",
        }

    def __init__(self, *args, user, initial_profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["mentor"])
        self.setup_mentor(user, self.instance, initial_profile)
        self.fields["kind"].queryset = AwardKind.objects.filter(is_active=True, is_material=False).order_by(
            "sort_order", "name"
        )
        if not self.instance.pk:
            self.fields["awarded_on"].initial = timezone.localdate()
        bootstrap_widgets(self.fields)


class NominationForm(MentorFormMixin, forms.ModelForm):
    """A nomination of a mentor for an award of the municipality, the region or the federal one."""

    right_model = "nomination"
    mentor = forms.ModelChoiceField(label="Наставник", queryset=MentorProfile.objects.none())

    class Meta:
        model = Nomination
        fields = ["kind", "level", "justification", "achievements"]
        widgets = {
            "justification": forms.Textarea(attrs={"rows": 4}),
            "achievements": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "level": "Муниципальную награду присуждает муниципалитет; региональные и федеральные — через регион.",
            "achievements": "Результаты наставляемых, завершённые программы, участие в конкурсах.",
        }

    def __init__(self, *args, user, initial_profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["mentor"])
        self.setup_mentor(user, self.instance, initial_profile)
        self.fields["kind"].queryset = AwardKind.objects.filter(is_active=True, is_material=False).order_by(
            "sort_order", "name"
        )
        self.fields["level"].choices = [(v, AwardLevel(v).label) for v in NOMINATION_LEVELS]
        bootstrap_widgets(self.fields)


class StepForm(forms.Form):
    """A step of a nomination with nothing to type (send to the municipality)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class CommentForm(StepForm):
    comment = forms.CharField(label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RemarksForm(StepForm):
    remarks = forms.CharField(label="Замечания", widget=forms.Textarea(attrs={"rows": 4}))


class DeclineForm(StepForm):
    remarks = forms.CharField(label="Причина отклонения", widget=forms.Textarea(attrs={"rows": 4}))


class GrantForm(StepForm):
    """The decision to grant: the date and the act of awarding."""

    awarded_on = forms.DateField(label="Дата награждения", widget=_date_widget())
    issued_by = forms.CharField(label="Кем выдана", max_length=300, required=False)
    order_number = forms.CharField(label="Номер приказа (постановления)", max_length=64, required=False)
    counts_at_attestation = forms.BooleanField(
        label="Учитывается при аттестации", required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awarded_on"].initial = timezone.localdate()


__all__ = [
    "AwardForm",
    "CommentForm",
    "DeclineForm",
    "GrantForm",
    "NominationForm",
    "PaymentBasis",
    "PaymentForm",
    "RemarksForm",
    "StepForm",
]
