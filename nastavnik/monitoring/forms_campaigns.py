"""Forms of monitoring campaigns: the campaign (owner, title, goal, period, questionnaires, the
organizations covered — or the municipalities and kinds to cover) and the choice of organizations
to remind (seed 003 §5.2–5.3)."""

from __future__ import annotations

from django import forms

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.monitoring.choices import CampaignStatus
from nastavnik.monitoring.models import MonitoringCampaign, Questionnaire
from nastavnik.monitoring.services.campaigns import owner_units
from nastavnik.organizations.choices import EDUCATIONAL_KINDS, Level, OrganizationKind
from nastavnik.organizations.forms import OrgUnitChoiceField, OrgUnitMultipleChoiceField
from nastavnik.organizations.models import OrgUnit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class QuestionnaireChoiceField(forms.ModelMultipleChoiceField):
    """Questionnaires labelled with whom they address, when, and whether anonymous."""

    def label_from_instance(self, obj) -> str:
        anonymous = ", анонимная" if obj.anonymous else ""
        return f"{obj.title} ({obj.get_audience_display().lower()}, {obj.get_phase_display().lower()}{anonymous})"


class CampaignForm(forms.Form):
    """A campaign: on creation the ``owner`` (a region or a municipality the user may launch a
    monitoring for) and, instead of a list of organizations, the municipalities and kinds to
    cover (every such organization of the owner's subtree; the educational kinds by default).
    On editing (``instance``), the organizations covered (a running campaign can only add)."""

    owner = OrgUnitChoiceField(label="Кто проводит", queryset=OrgUnit.objects.none())
    title = forms.CharField(label="Название", max_length=300)
    goal = forms.CharField(
        label="Цель и задачи мониторинга", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = forms.DateField(label="Начало", widget=DateInput())
    ends_on = forms.DateField(
        label="Срок представления",
        widget=DateInput(),
        help_text="До этой даты организации отвечают на анкеты.",
    )
    questionnaires = QuestionnaireChoiceField(
        label="Анкеты", queryset=Questionnaire.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    municipalities = OrgUnitMultipleChoiceField(
        label="Муниципальные образования",
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Не выбрано — все муниципальные образования территории.",
    )
    kinds = forms.MultipleChoiceField(
        label="Виды организаций",
        choices=OrganizationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Не выбрано — организации, осуществляющие образовательную деятельность.",
    )
    organizations = OrgUnitMultipleChoiceField(
        label="Охваченные организации",
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user=None, instance: MonitoringCampaign | None = None, **kwargs):
        self.user = user
        self.instance = instance
        if instance is not None:
            kwargs["initial"] = {
                **{
                    "title": instance.title,
                    "goal": instance.goal,
                    "starts_on": instance.starts_on,
                    "ends_on": instance.ends_on,
                    "questionnaires": list(instance.questionnaires.values_list("pk", flat=True)),
                    "organizations": list(instance.coverage.values_list("organization_id", flat=True)),
                },
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        visible = Questionnaire.objects.for_user(user, "view").filter(is_active=True)
        if instance is None:
            owners = owner_units(user)
            self.fields["owner"].queryset = owners
            self.fields["questionnaires"].queryset = visible
            self.fields["municipalities"].queryset = OrgUnit.objects.filter(
                pk__in=OrgUnit.objects.granted(user, "monitoringcampaign", "add")
                .municipalities()
                .values("pk")
            ).order_by("path")
            self.fields["kinds"].initial = sorted(EDUCATIONAL_KINDS)
            del self.fields["organizations"]
        else:
            del self.fields["owner"], self.fields["municipalities"], self.fields["kinds"]
            self.fields["organizations"].queryset = (
                OrgUnit.objects.subtree(instance.owner).filter(level=Level.ORGANIZATION).order_by("path")
            )
            chosen = Questionnaire.objects.filter(campaigns=instance)
            self.fields["questionnaires"].queryset = (visible | chosen).distinct()
            if instance.status == CampaignStatus.RUNNING:
                self.fields["questionnaires"].disabled = True
                self.fields["questionnaires"].help_text = "Мониторинг проводится: набор анкет не меняется."
                self.fields[
                    "organizations"
                ].help_text = "Мониторинг проводится: организации можно только добавить; их работники сразу получат анкеты."
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "Срок представления не может быть раньше начала мониторинга.")
        return data


class RemindForm(forms.Form):
    """The organization to remind (empty: every organization that has not answered)."""

    organization = forms.IntegerField(required=False, min_value=1, max_value=999_999_999)
