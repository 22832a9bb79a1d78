"""The analytical report (аналитическая справка) of an organization, a municipality or the region
for a period (seed 003 §5.2–5.4: «по итогам мониторинга готовится аналитическая справка»; 000
§4.1.2; 004 §9.5).

The report is written on the monitoring pages (``monitoring.views_reports``): its data are read
from the indicators there (``monitoring.reports.report_data``) and kept, with the author's
conclusions and recommendations, in the document's ``params`` when it is registered, so the
document always prints what was registered. The registry's own «составить документ» page only
sends the user there (:meth:`AnalyticalReportSpec.missing`).

The charts are the dashboard's definitions drawn as PNG (``core.charts.render_png``) and
put in by docxtpl ``InlineImage``: :class:`ChartImages` is bound to the template being filled
by ``documents.render.render_docx``.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.urls import reverse

from nastavnik.access.choices import Role
from nastavnik.core.language import lower_first
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    person_forms,
    position_missing,
    role_holder,
    roles_url,
)
from nastavnik.documents.specs.programs import (
    _paragraphs,
    _signatures,
    _signer,
)

#: Who signs the report of each level, in the order asked: the head of the unit, else the role
#: that keeps monitoring at that level (seed 000 §4.1–4.3; 003 §5.2).
SIGNERS = {
    "organization": ((Role.HEAD, "Руководитель организации"),),
    "municipality": (
        (Role.HEAD, "Руководитель"),
        (Role.MUNICIPAL_COORDINATOR, "Муниципальный координатор"),
    ),
    "region": (
        (Role.HEAD, "Руководитель"),
        (Role.REGIONAL_OPERATOR, "Региональный оператор"),
    ),
}

#: The width of a chart on the page, in millimetres (A4 with margins of 30 and 15 mm).
CHART_WIDTH_MM = 160


def report_signer(unit):
    """``(person, role label)`` of who signs the report of ``unit`` (:data:`SIGNERS`), or
    ``(None, "")`` when nobody holds such a role with a person card."""
    for role, label in SIGNERS.get(unit.level, ()):
        person = role_holder(unit, role)
        if person is not None:
            return person, label
    return None, ""


class ChartImages:
    """The report's charts (JSON of ``monitoring.reports.chart_to_dict``) for the template:
    bound to the ``DocxTemplate`` being filled (``bind_template``), each becomes ``{"number",
    "title", "image": InlineImage}`` with its PNG drawn by ``core.charts.render_png``."""

    def __init__(self, charts: list[dict]):
        self.charts = charts

    def __bool__(self) -> bool:
        return bool(self.charts)

    def __iter__(self):
        return iter(self.charts)

    def bind_template(self, template) -> list[dict]:
        from docx.shared import Mm
        from docxtpl import InlineImage

        from nastavnik.core.charts import render_png
        from nastavnik.monitoring.reports import chart_from_dict

        result = []
        for number, data in enumerate(self.charts, 1):
            chart = chart_from_dict(data)
            image = InlineImage(template, io.BytesIO(render_png(chart)), width=Mm(CHART_WIDTH_MM))
            result.append({"number": number, "title": chart.title, "image": image})
        return result


class ReportSubject:
    """What a registered report is about: its ``unit`` and the ``title`` it was registered with."""

    def __init__(self, unit, title: str):
        self.unit = unit
        self.title = title
        self.pk = unit.pk

    def __str__(self) -> str:
        return self.title


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class AnalyticalReportSpec(DocumentSpec):
    """The analytical report (seed 003 §5.2–5.4, 000 §4.1.2, 004 §9.5).

    ``params`` (written by ``monitoring.services.reports.report_register``): ``report`` (the
    ``AnalyticalReport`` id), ``title``, ``data`` (``monitoring.reports.report_data``),
    ``conclusions`` and ``recommendations`` (the author's texts, one paragraph per line).

    Context: ``unit_full_name``, ``period_phrase``, ``date_text`` («2 декабря 2026 г.»),
    ``number``, ``as_of``, ``previous``, ``indicators``, ``children``, ``questionnaires``,
    ``charts`` (:class:`ChartImages`), ``conclusions``, ``recommendations`` (lists of
    paragraphs), ``signer`` (a list of one signature line).

    Refused without the data (drawn up only from the monitoring pages), without conclusions or
    recommendations, and when no head (or, for a municipality or the region, its coordinator or
    operator) with a person card and a position is known.
    """

    kind = DocumentKind.ANALYTICAL_REPORT
    subject = Subject.ORGANIZATION
    numbered = False
    params_form = None
    source = "seed 003 §5.2–5.4; 000 §4.1.2; 004 §9.5"
    package_folder = ""
    page = {"landscape": False, "size": 13}

    def candidates(self, organization):
        """None: the report is not part of the model package (it is written on the monitoring
        pages for a period)."""
        return []

    def subject_of(self, document):
        """The unit with the registered title (``params["title"]``), so that regenerating the
        draft in the registry keeps the report's title with its unit and period."""
        return ReportSubject(document.organization, (document.params or {}).get("title", ""))

    def title(self, subject) -> str:
        return getattr(subject, "title", "") or self.label

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        params = params or {}
        if not isinstance(params.get("data"), dict):
            return [
                Missing(
                    "Аналитическая справка составляется в разделе «Мониторинг» на странице "
                    "«Аналитические справки»: выберите организацию, муниципалитет или регион и период.",
                    reverse("monitoring:report_list"),
                )
            ]
        items = []
        if not _lines(params.get("conclusions", "")):
            items.append(Missing("Заполните выводы аналитической справки."))
        if not _lines(params.get("recommendations", "")):
            items.append(Missing("Заполните рекомендации и управленческие решения."))
        person, label = report_signer(organization)
        if person is None:
            roles = " или ".join(f"«{Role(role).label}»" for role, _ in SIGNERS.get(organization.level, ()))
            items.append(
                Missing(
                    f"Не указано, кто подписывает справку: назначьте роль {roles or '«Руководитель организации»'} "
                    "пользователю, связанному с карточкой работника.",
                    roles_url(),
                )
            )
        elif item := position_missing(person, organization, lower_first(label)):
            items.append(item)
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        from nastavnik.monitoring.reports import day_long

        data = params["data"]
        person, label = report_signer(organization)
        as_of = data.get("as_of", "")
        try:
            as_of_text = day_long(dt.datetime.fromisoformat(as_of).date())
        except (TypeError, ValueError):
            as_of_text = day_long(document.get("date"))
        return {
            "unit_full_name": data["unit"]["full_name"],
            "period_phrase": data["period"]["phrase"],
            "period_label": data["period"]["label"],
            "previous": data["previous"],
            "date_text": day_long(document.get("date")),
            "as_of": as_of_text,
            "indicators": data["indicators"],
            "children": data["children"],
            "questionnaires": data["questionnaires"],
            "charts": ChartImages(data.get("charts", [])),
            "conclusions": _lines(params.get("conclusions", "")),
            "recommendations": _lines(params.get("recommendations", "")),
            "signer": [_signer(label, person_forms(person, organization))],
        }

    def build(self, b) -> None:
        b.center("{{ unit_full_name|upper }}", bold=True, space_after=12)
        b.center("АНАЛИТИЧЕСКАЯ СПРАВКА", bold=True)
        b.center(
            "по итогам мониторинга реализации целевой модели наставничества педагогических работников",
            bold=True,
        )
        b.center("за {{ period_phrase }}", bold=True, space_after=12)
        b.two_columns("{{ date_text }}", "№ {{ number }}")
        b.para(
            "Справка подготовлена по данным информационной системы «Наставник» на {{ as_of }}: "
            "показатели рассчитаны по первичным данным системы и сопоставлены с предыдущим периодом "
            "({{ previous }}).",
            space_before=12,
        )

        b.heading("1. Общие показатели")
        b.table(
            ["Показатель", "{{ period_label }}", "{{ previous }}", "Изменение"],
            ["{{ r.title }}", "{{ r.value }}", "{{ r.previous }}", "{{ r.change }}"],
            loop="for r in indicators",
            widths=[8.5, 2.6, 2.6, 2.8],
            size=11,
        )

        b.heading("2. Сравнение с другими организациями и муниципальными образованиями")
        b.tag("{%p if children.median_rows %}")
        b.para(
            "{{ children.title }}: значения показателей сопоставлены с медианой; ниже названы те, "
            "чьи значения хуже медианы.",
            keep_with_next=True,
        )
        b.table(
            ["Показатель", "Медиана", "Хуже медианы"],
            ["{{ r.title }}", "{{ r.median }}", "{{ r.below }}"],
            loop="for r in children.median_rows",
            widths=[7, 2.5, 7],
            size=11,
        )
        b.table(
            ["Наименование", "Показателей хуже медианы"],
            ["{{ r.name }}", "{{ r.worse }}"],
            loop="for r in children.rows",
            widths=[11, 5.5],
            size=11,
        )
        b.tag("{%p else %}")
        b.para(
            "Справка составлена по одной организации: показатели сопоставлены с предыдущим периодом "
            "(раздел 1), сравнение с другими организациями приводится в справках муниципального и "
            "регионального уровней."
        )
        b.tag("{%p endif %}")

        b.heading("3. Результаты анкетирования")
        b.tag("{%p if questionnaires.means.rows %}")
        b.para(
            "Средние оценки участников по шкале от 1 до 10 (в скобках — число ответов; результаты "
            "групп менее чем из 5 ответов не приводятся для сохранения анонимности):",
            keep_with_next=True,
        )
        b.table(
            ["Показатель", "Наставляемые", "Наставники"],
            ["{{ r.label }}", "{{ r.cells[0] }}", "{{ r.cells[1] }}"],
            loop="for r in questionnaires.means.rows",
            widths=[7.5, 4.5, 4.5],
            size=11,
        )
        b.tag("{%p else %}")
        b.para("За отчётный период оценок участников по шкале от 1 до 10 в системе нет.")
        b.tag("{%p endif %}")
        b.tag("{%p if questionnaires.areas %}")
        b.para(
            "Самооценка профессиональных затруднений по областям (средний балл из 10; чем выше, "
            "тем больше затруднения):",
            keep_with_next=True,
        )
        b.table(
            ["Область затруднений", "До программы", "После программы", "Изменение"],
            ["{{ r.name }}", "{{ r.before }}", "{{ r.after }}", "{{ r.change }}"],
            loop="for r in questionnaires.areas",
            widths=[7.5, 3, 3, 3],
            size=11,
        )
        b.tag("{%p endif %}")
        b.tag("{%p for chart in charts %}")
        b.para("{{ chart.image }}", align="center", indent=False, space_before=6, keep_with_next=True)
        b.para(
            "Рисунок {{ chart.number }}. {{ chart.title }}",
            align="center",
            indent=False,
            size=11,
            space_after=6,
        )
        b.tag("{%p endfor %}")

        b.heading("4. Выводы")
        _paragraphs(b, "for line in conclusions")

        b.heading("5. Рекомендации и управленческие решения")
        _paragraphs(b, "for line in recommendations")

        b.blank()
        _signatures(b, "for s in signer")
