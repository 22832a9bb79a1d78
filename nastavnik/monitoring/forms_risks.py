"""The form of a risk in the register (seed 000 §VI)."""

from __future__ import annotations

from django import forms

from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.monitoring.choosers import RISK_UNITS
from nastavnik.monitoring.models import Risk
from nastavnik.monitoring.services.risks import RISK_LEVELS
from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit


def register_units(user, action: str = "add"):
    """The organizations, municipalities and regions whose register ``user`` may ``action``
    (the right ``risk``)."""
    return OrgUnit.objects.granted(user, "risk", action).filter(level__in=RISK_LEVELS)


class RiskForm(forms.ModelForm):
    """A risk: the unit (only when entering), one of the six kinds, the assessment, what shows it,
    the measures, who answers for them, when to review, the status. ``signal`` is the code of
    the rule that raised it (hidden)."""

    unit = OrgUnitChoiceField(
        queryset=OrgUnit.objects.none(), label="Реестр (организация, муниципалитет, регион)"
    )
    signal = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Risk
        fields = ["unit", "kind", "level", "description", "measures", "responsible", "review_on", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 4}),
            "review_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["unit"]
            del self.fields["signal"]
        else:
            use_chooser(self.fields["unit"], RISK_UNITS, user)
        bootstrap_widgets(self.fields)
