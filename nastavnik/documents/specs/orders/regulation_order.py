"""The order approving the Положение: the one document that approves it (seed 004 §1.6.5, §6.2;
000 §4.1, §4.1.1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from nastavnik.core.language import agree, date_long, date_short
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    organization_context,
    organization_missing,
    parse_date,
    working_day_before,
)
from nastavnik.documents.specs.orders.common import (
    LEGAL_BASE,
    ORDERS_FOLDER,
    _acquaintance_block,
    _acquainted,
    _date_widget,
    issue_url,
)
from nastavnik.documents.specs.regulation import regulation_title


class OrderRegulationForm(ParamsForm):
    """When the Положение comes into force and within how many days it is published."""

    effective_from = forms.DateField(label="Положение вводится в действие с", widget=_date_widget())
    publish_within_days = forms.IntegerField(
        label="Разместить Положение на официальном сайте в течение, дней",
        min_value=1,
        max_value=30,
        initial=10,
    )


class OrderRegulationSpec(DocumentSpec):
    """«Об утверждении Положения о системе наставничества педагогических работников» (seed 004
    §1.6.5, §6.2; 000 §4.1, §4.1.1: the head adopts the Положение by order): the one document
    that approves the Положение drawn up in the registry (``RegulationSpec``) as its appendix —
    the implementation order only refers to it —, puts it into force, has it published on the
    website (by a working day) and appoints the curator to acquaint the staff with it.

    Params (``OrderRegulationForm``): ``effective_from`` (ISO date), ``publish_within_days``.
    Refused without a Положение of the organization in the registry.
    """

    kind = DocumentKind.ORDER_REGULATION
    subject = Subject.ORGANIZATION
    numbered = True
    params_form = OrderRegulationForm
    source = "seed 004 §1.6.5; seed 000 §4.1, §4.1.1"
    package_folder = ORDERS_FOLDER

    def initial_params(self, organization, subject) -> dict[str, Any]:
        return {"effective_from": timezone.localdate().isoformat(), "publish_within_days": 10}

    def default_params(self, organization, subject) -> dict[str, Any]:
        """Those of the organization's last order of the kind, the date of entry into force no
        earlier than today (a local act does not act retroactively, ТК РФ ст. 12)."""
        params = super().default_params(organization, subject)
        today = timezone.localdate()
        effective_from = parse_date(params.get("effective_from"))
        if effective_from is None or effective_from < today:
            params["effective_from"] = today.isoformat()
        return params

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The address, the head and the curator; a Положение in the registry; the date of entry
        into force, not before the order's date ``on`` (ТК РФ ст. 12: a local act applies from
        its entry into force); the number of days."""
        from nastavnik.documents.models import Document

        items = organization_missing(organization, head=True, curator=True)
        if not Document.objects.filter(organization=organization, kind=DocumentKind.REGULATION).exists():
            items.append(
                Missing(
                    "Сначала составьте Положение о системе наставничества педагогических работников: "
                    "приказ утверждает его как приложение.",
                    issue_url(DocumentKind.REGULATION.value),
                )
            )
        url = issue_url(self.kind.value)
        effective_from = parse_date(params.get("effective_from"))
        if effective_from is None:
            items.append(Missing("Укажите дату, с которой Положение вводится в действие.", url))
        elif on is not None and effective_from < on:
            items.append(
                Missing(
                    f"Положение не может вводиться в действие раньше даты приказа ({date_short(on)}): "
                    "укажите дату не ранее неё.",
                    url,
                )
            )
        days = params.get("publish_within_days")
        if not isinstance(days, int) or not 1 <= days <= 30:
            items.append(Missing("Укажите срок размещения Положения на сайте (от 1 до 30 дней).", url))
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, ``curator``, ``regulation_title_acc``, ``effective_from`` (in
        words), ``publish_days`` («10 дней»), ``publish_by`` (``publish_within_days`` after the
        order, moved back to a working day), ``acquainted``."""
        context = organization_context(organization)
        days = params["publish_within_days"]
        date = document.get("date") or timezone.localdate()
        context.update(
            regulation_title_acc=regulation_title(organization, "accs"),
            effective_from=date_long(parse_date(params["effective_from"])),
            publish_days=agree(days, "день", "gent"),
            publish_by=date_long(working_day_before(date + dt.timedelta(days=days))),
            acquainted=_acquainted([context["curator"]]),
        )
        return context

    def build(self, b) -> None:
        b.order_head("Об утверждении Положения о системе наставничества педагогических работников")
        b.para(
            LEGAL_BASE + ", в целях организации наставничества педагогических работников {{ org.short.gen }},"
        )
        b.para("ПРИКАЗЫВАЮ:", align="left", indent=False, bold=True, space_before=6, space_after=6)
        b.para(
            "1. Утвердить {{ regulation_title_acc }} (далее – Положение; приложение к настоящему приказу)."
        )
        b.para("2. Ввести Положение в действие с {{ effective_from }}")
        b.para(
            "3. Назначить {{ curator.name.acc }}, {{ curator.position.acc }}, куратора реализации "
            "программ наставничества, {% if curator.female %}ответственной{% else %}ответственным{% endif %} "
            "за ознакомление педагогических работников {{ org.short.gen }} с Положением под подпись."
        )
        b.para(
            "4. {{ curator.name.dat }} обеспечить размещение Положения на официальном сайте "
            "{{ org.short.gen }} в разделе «Наставничество» в течение {{ publish_days }} со дня "
            "подписания настоящего приказа (не позднее {{ publish_by }})."
        )
        b.para(
            "5. Педагогическим работникам {{ org.short.gen }}, участвующим в реализации программ "
            "наставничества, руководствоваться Положением в работе."
        )
        b.para("6. Контроль исполнения настоящего приказа оставляю за собой.")
        b.para(
            "Приложение: Положение о системе наставничества педагогических работников.",
            indent=False,
            space_before=12,
        )
        b.signature("{{ head.position.capitalized }}", "{{ head.name.signature }}")
        _acquaintance_block(b)
