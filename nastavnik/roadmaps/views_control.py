"""Control of roadmaps and the timeline of one roadmap (seed 000 App. 2 п. 1.7: control of
execution; §4.2, 002 §6: the municipality sees and approves its organizations' roadmaps, the
region sees everything)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from nastavnik.core.views import RightRequiredMixin, id_param
from nastavnik.organizations.choices import Level
from nastavnik.roadmaps.control import (
    STATUS_KEYS,
    STATUS_LABELS,
    STATUS_SHORT,
    TIMELINE_STATES,
    control_choices,
    control_for,
    control_units,
    default_control_unit,
    timeline_rows,
    timeline_years,
)
from nastavnik.roadmaps.models import Roadmap
from nastavnik.roadmaps.selectors import Progress, progress_for


def _unit_id(raw: str) -> int:
    """The id in ``?unit=``; anything but a plain number is a 404."""
    unit_id = id_param(raw)
    if unit_id is None:
        raise Http404("Организация или муниципальное образование не найдены.")
    return unit_id


class ControlView(RightRequiredMixin, TemplateView):
    """«Контроль дорожных карт» of a unit (``?unit=<id>``, by default the topmost unit the user
    controls, see ``control.default_control_unit``): for the federal level (the national
    operator's, issue 16) its regions, for the region its municipalities, each with their
    organizations' roadmaps counted by status, and the organizations of regional subordination;
    for a municipality its organizations; for an organization its roadmaps. Summary cards, the
    roadmaps waiting for approval, the overdue activities. Filters: ``?status=`` (a key of
    ``control.STATUS_KEYS``), ``?overdue=1``; ``?page=`` the page of the organizations' table
    (anything but a number: the first).

    403 for users without a role that views roadmaps; 404 for a unit outside the user's scope
    or a malformed ``?unit``.
    """

    template_name = "roadmaps/control.html"
    required_right = ("roadmap", "view")
    forbidden_message = "Контроль дорожных карт доступен сотрудникам организаций и органов управления."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        units = control_units(user)
        raw = self.request.GET.get("unit", "").strip()
        if raw:
            unit = units.filter(pk=_unit_id(raw)).first()
            if unit is None:
                raise Http404("Организация или муниципальное образование не найдены или недоступны.")
        else:
            unit = default_control_unit(user)
        status = self.request.GET.get("status", "")
        status = status if status in STATUS_KEYS else ""
        overdue = self.request.GET.get("overdue", "") in ("1", "on", "true")
        page = id_param(self.request.GET.get("page", "")) or 1
        context.update(status=status, overdue=overdue, unit=unit)
        context["status_choices"] = [(key, STATUS_LABELS[key]) for key in STATUS_KEYS]
        context["status_heads"] = [(key, STATUS_LABELS[key], STATUS_SHORT[key]) for key in STATUS_KEYS]
        if unit is None:
            return context
        today = timezone.localdate()
        control = control_for(user, unit, today, status=status, overdue=overdue, page=page)
        choices = list(control_choices(user, unit))
        # the unit above, when the user controls it too (every such unit is among the choices)
        up = next((u for u in choices if u.pk == unit.parent_id), None)
        choices_federal = bool(choices) and choices[0].level == Level.FEDERAL
        context.update(
            control=control,
            today=today,
            unit_choices=choices if len(choices) > 1 or (choices and choices[0].pk != unit.pk) else [],
            up=up,
            choices_federal=choices_federal,
            filtered=bool(status or overdue),
            org_rows=control.rows if unit.level == Level.MUNICIPALITY else control.direct_rows,
            org_total=control.rows_total if unit.level == Level.MUNICIPALITY else control.direct_total,
            page_query=urlencode({k: v for k, v in (("unit", unit.pk), ("status", status)) if v})
            + ("&overdue=1" if overdue else ""),
        )
        return context


class TimelineView(LoginRequiredMixin, TemplateView):
    """«График» of one roadmap: its activities by month, a Gantt-like chart drawn in HTML and
    CSS (``control.timeline_rows``). 404 for a roadmap outside the user's scope."""

    template_name = "roadmaps/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roadmap = get_object_or_404(
            Roadmap.objects.for_user(self.request.user).select_related("owner"), pk=kwargs["pk"]
        )
        today = timezone.localdate()
        months, rows = timeline_rows(roadmap, today)
        context.update(
            roadmap=roadmap,
            today=today,
            months=months,
            years=timeline_years(months),
            rows=rows,
            states=TIMELINE_STATES,
            progress=progress_for([roadmap.pk], today).get(roadmap.pk, Progress()),
            in_period=roadmap.starts_on <= today <= roadmap.ends_on,
            # the control page of the roadmap's owner, linked only for those who may open it
            can_control=control_units(self.request.user).filter(pk=roadmap.owner_id).exists(),
        )
        return context
