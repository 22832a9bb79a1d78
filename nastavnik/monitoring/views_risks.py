"""The register of risks (seed 000 §VI) of an organization, a municipality or the region: the
risks entered with their assessment and measures, and beside them the signals the data raise
now (``monitoring.signals``), each with «Внести в реестр» and the rows that raised it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from nastavnik.access.rules import has_perm
from nastavnik.core.views import RightRequiredMixin, ScopedFormView, id_param
from nastavnik.monitoring.choices import RiskKind, RiskStatus
from nastavnik.monitoring.forms_risks import RiskForm, register_units
from nastavnik.monitoring.models import Risk
from nastavnik.monitoring.periods import parse_period, period_choices
from nastavnik.monitoring.services.risks import RISK_FIELDS, risk_create, risk_update
from nastavnik.monitoring.signals import get_rule, raised_signals
from nastavnik.organizations.choices import Level

VIEW_REFUSAL = (
    "Реестр рисков ведут кураторы и руководители организаций, муниципальные координаторы и "
    "региональный оператор."
)


#: How many risks of each kind the register shows (the rest are counted: issue 16).
RISKS_SHOWN = 10


@dataclass(frozen=True)
class RiskGroup:
    """The risks of one kind on the page: its ``label``, the ``risks`` shown and how many
    ``more`` there are in the subtree (to be seen on the register of a unit below)."""

    label: str
    risks: list
    more: int


def register_url(unit_id, period_key: str = "") -> str:
    """The register page of the unit ``unit_id`` (and the period, when given)."""
    url = f"{reverse('monitoring:risks')}?unit={unit_id}"
    return f"{url}&period={period_key}" if period_key else url


class RiskRegisterView(RightRequiredMixin, TemplateView):
    """«Реестр рисков» of a unit (``?unit=``, by default the topmost the user sees) for a period
    (``?period=``, ``monitoring.periods``): the risks of the unit's subtree grouped by the six
    kinds, and the signals raised now with their rows. 403 without the right ``risk`` view; 404
    for the id of a unit outside the scope (a ``?unit`` that is no id is ignored); garbage in ``?period`` is read as the current year with a
    message."""

    template_name = "monitoring/risk_register.html"
    required_right = ("risk", "view")
    forbidden_message = VIEW_REFUSAL

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        units = register_units(user, "view")
        raw = self.request.GET.get("unit")
        unit_id = id_param(raw)
        unit = units.filter(pk=unit_id).first() if unit_id is not None else None
        if unit_id is not None and unit is None:  # an id outside the scope; garbage is ignored
            raise Http404("Организация, муниципальное образование или регион не найдены или недоступны.")
        unit = unit or units.order_by("path").first()
        period, period_error = parse_period(self.request.GET)
        context.update(unit=unit, period=period, period_error=period_error, periods=period_choices())
        if unit is None:
            return context
        subtree = Risk.objects.for_user(user, "view").filter(unit__path__startswith=unit.path)
        totals = {
            row["kind"]: row
            for row in subtree.values("kind")
            .annotate(n=Count("pk"), open=Count("pk", filter=~Q(status=RiskStatus.CLOSED)))
            .order_by()
        }
        # Above an organization, the first RISKS_SHOWN of each kind (those under way first, the
        # newest first) in one query, whatever the size of the subtree (issue 16); the rest are
        # on the registers of the units below. An organization's register shows all its own.
        shown = subtree.select_related("unit__municipality", "created_by__person")
        if unit.level != Level.ORGANIZATION:
            shown = shown.annotate(
                place=Window(
                    RowNumber(),
                    partition_by=[F("kind")],
                    order_by=[F("status").asc(), F("created_at").desc()],
                )
            ).filter(place__lte=RISKS_SHOWN)
        risks = list(shown.order_by("kind", "status", "-created_at"))
        editable = set(
            Risk.objects.for_user(user, "change")
            .filter(pk__in=[r.pk for r in risks])
            .values_list("pk", flat=True)
        )
        by_kind = {kind: [] for kind in RiskKind.values}
        for risk in risks:
            risk.can_edit = risk.pk in editable
            by_kind.setdefault(risk.kind, []).append(risk)
        registered = set(
            Risk.objects.for_user(user, "view")
            .filter(unit=unit, signal__gt="")
            .exclude(status=RiskStatus.CLOSED)
            .values_list("signal", flat=True)
        )
        signals = raised_signals(user, unit, period)
        for signal in signals:
            signal.registered = signal.rule.code in registered
        context.update(
            kinds=[
                RiskGroup(
                    RiskKind(kind).label,
                    by_kind[kind],
                    totals.get(kind, {}).get("n", 0) - len(by_kind[kind]),
                )
                for kind in RiskKind.values
            ],
            risks_count=sum(row["n"] for row in totals.values()),
            open_count=sum(row["open"] for row in totals.values()),
            signals=signals,
            can_add=has_perm(user, "risk", "add", unit),
            unit_choices=list(
                units.exclude(level=Level.ORGANIZATION)
                .filter(
                    Q(pk__in=[int(part) for part in unit.path.split("/") if part])
                    | Q(parent_id=unit.pk)
                    | Q(parent_id=unit.parent_id)
                )
                .order_by("path")
                .only("pk", "full_name", "short_name", "level", "path")
            ),
            add_url=f"{reverse('monitoring:risk_add')}?unit={unit.pk}&period={period.key}",
        )
        return context


class _RiskFormView(ScopedFormView):
    model = Risk
    form_class = RiskForm
    template_name = "monitoring/risk_form.html"

    def fields_of(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in RISK_FIELDS if name in form.cleaned_data}

    def get_success_url(self):
        return register_url(
            self.object.unit_id, self.request.GET.get("period", "") if self._period_ok() else ""
        )

    def _period_ok(self) -> bool:
        _period, error = parse_period(self.request.GET)
        return not error and bool(self.request.GET.get("period"))


class RiskCreateView(_RiskFormView):
    """Enter a risk (``?unit=`` preselects the register, ``?signal=`` a rule of
    ``monitoring.signals``: its risk and description are prefilled and its code kept). 403 for
    a user who keeps no register; unknown ids and codes are ignored."""

    scope_action = "add"
    success_message = "Риск внесён в реестр."

    def get_initial(self):
        initial = super().get_initial()
        unit_id = id_param(self.request.GET.get("unit"))
        if unit_id is not None and register_units(self.request.user).filter(pk=unit_id).exists():
            initial["unit"] = unit_id
        rule = get_rule(self.request.GET.get("signal"))
        if rule is not None:
            initial.update(kind=rule.risk, description=rule.description, signal=rule.code)
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rule"] = get_rule(self.request.GET.get("signal"))
        unit_id = id_param(self.request.GET.get("unit"))
        context["back_url"] = register_url(unit_id) if unit_id is not None else reverse("monitoring:risks")
        return context

    def perform(self, form):
        return risk_create(
            unit=form.cleaned_data["unit"],
            by=self.request.user,
            signal=form.cleaned_data.get("signal", ""),
            **self.fields_of(form),
        )


class RiskEditView(_RiskFormView):
    """Change a risk's assessment and measures: the right ``risk`` change on it (404 outside)."""

    scope_action = "change"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url"] = register_url(self.object.unit_id)
        context["rule"] = get_rule(self.object.signal)
        return context

    def perform(self, form):
        return risk_update(risk=self.object, by=self.request.user, **self.fields_of(form))
