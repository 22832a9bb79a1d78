"""The order implementing the target model with its roadmap (seed 002 §10; 004 §1.6.1; 000
§4.1.1–4.1.3; 001 §4.4.3–4.4.4)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.language import date_long, date_short
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    organization_context,
    organization_missing,
    parse_date,
    person_forms,
    position_missing,
    school_year_bounds,
    working_day_before,
)
from nastavnik.documents.specs.orders.common import (
    LEGAL_BASE,
    ORDERS_FOLDER,
    _acquaintance_block,
    _acquainted,
    _appendix_stamp,
    _date_widget,
    _employee,
    _EmployeeField,
    _landscape_section,
    _registered_regulation_order,
    issue_url,
)
from nastavnik.documents.specs.regulation import regulation_title
from nastavnik.organizations.choices import Level, OrganizationKind


class OrderImplementationForm(ParamsForm):
    """The implementation period, the monitoring dates, the person responsible for logistics
    and optionally the chair of the mentor council (seed 002 §10; 004 §1.6.1)."""

    starts_on = forms.DateField(
        label="Начало внедрения целевой модели",
        widget=_date_widget(),
        help_text=(
            "Приказ устанавливает срок внедрения по утверждённой дорожной карте организации, "
            "период которой пересекается с указанным."
        ),
    )
    ends_on = forms.DateField(label="Окончание внедрения целевой модели", widget=_date_widget())
    entry_monitoring_on = forms.DateField(
        label="Входной мониторинг (до вступления участников в программы) — не позднее",
        widget=_date_widget(),
        help_text=(
            "Если в дорожной карте есть мероприятия входного и итогового мониторинга "
            "(анкетирования), сроки берутся из неё."
        ),
    )
    final_monitoring_on = forms.DateField(
        label="Итоговый мониторинг (по итогам прохождения программ) — не позднее", widget=_date_widget()
    )
    logistics_person = _EmployeeField(
        label="Ответственный за материально-техническое обеспечение программ наставничества",
        queryset=None,
    )
    council_chair = _EmployeeField(
        label="Руководитель методического объединения (совета) наставников",
        queryset=None,
        required=False,
        help_text="Можно не выбирать: тогда куратор представит состав объединения на утверждение.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from nastavnik.people.models import Person

        people = Person.objects.none()
        if self.organization is not None:
            people = (
                Person.objects.employed_in(self.organization)
                .select_related("position")
                .order_by("last_name", "first_name", "middle_name", "pk")
            )
        self.fields["logistics_person"].queryset = people
        self.fields["council_chair"].queryset = people

    def clean(self):
        data = super().clean()
        errors = implementation_date_errors(
            data.get("starts_on"),
            data.get("ends_on"),
            data.get("entry_monitoring_on"),
            data.get("final_monitoring_on"),
        )
        for error in errors:
            self.add_error(None, error)
        return data


def implementation_date_errors(starts_on, ends_on, entry_on, final_on) -> list[str]:
    """Russian messages of what is wrong with the dates of the implementation order: every date
    given, the end after the start, both monitorings inside the period, the entry one before
    the final one (seed 004 §9.2: before entering the program and after completing it)."""
    errors = []
    names = (
        (starts_on, "начала внедрения"),
        (ends_on, "окончания внедрения"),
        (entry_on, "входного мониторинга"),
        (final_on, "итогового мониторинга"),
    )
    for value, name in names:
        if value is None:
            errors.append(f"Укажите дату {name}.")
    if errors:
        return errors
    if ends_on <= starts_on:
        errors.append("Окончание внедрения целевой модели должно быть позже его начала.")
        return errors
    for value, name in names[2:]:
        if not starts_on <= value <= ends_on:
            errors.append(f"Дата {name} должна быть в пределах срока внедрения целевой модели.")
    if not errors and final_on <= entry_on:
        errors.append("Итоговый мониторинг должен быть позже входного.")
    return errors


def implementation_roadmap(organization, starts_on: dt.date, ends_on: dt.date):
    """The roadmap the appendix of the implementation order reprints: the organization's approved
    roadmap (``roadmaps.Roadmap``) whose period overlaps ``starts_on`` – ``ends_on``, the latest
    first (by its start, then by approval), or ``None`` (seed 002 §6, §10: the roadmap the
    municipality approved)."""
    from nastavnik.roadmaps.choices import RoadmapStatus
    from nastavnik.roadmaps.models import Roadmap

    return (
        Roadmap.objects.filter(
            owner=organization, status=RoadmapStatus.APPROVED, starts_on__lte=ends_on, ends_on__gte=starts_on
        )
        .order_by("-starts_on", "-approved_at", "-pk")
        .first()
    )


def roadmap_rows(roadmap, sections=None) -> list[dict[str, Any]]:
    """The rows of the roadmap's table as the order prints it (the layout of seed 000 App. 2:
    «№ п/п | Мероприятие | Срок | Ответственный | Результат, вид документа»): a row per section
    (its number and title in bold, the other cells empty), then a row per activity (its
    number, text, period in words, executors and result). ``number`` and ``activity`` are
    ``docxtpl.RichText`` (bold for a section), the rest plain text. ``sections``: the result
    of ``roadmaps.selectors.roadmap_plan`` when already read; else two queries."""
    from docxtpl import RichText

    from nastavnik.roadmaps.selectors import roadmap_plan

    def text(value: str, *, bold: bool = False) -> RichText:
        return RichText(value, bold=bold, size=ROADMAP_TABLE_SIZE * 2)

    rows = []
    for section in roadmap_plan(roadmap) if sections is None else sections:
        rows.append(
            {
                "section": True,
                "number": text(section.number, bold=True),
                "activity": text(section.title, bold=True),
                "period": "",
                "responsible": "",
                "result": "",
            }
        )
        for item in section.plan:
            rows.append(
                {
                    "section": False,
                    "number": text(item.number),
                    "activity": text(item.activity),
                    "period": item.period_text,
                    "responsible": item.responsible,
                    "result": item.result,
                }
            )
    return rows


#: The font size of the roadmap's table in the order, in points (the appendix is a landscape
#: page: at 12 pt every word of the table fits its column, «Ответственный» included).
ROADMAP_TABLE_SIZE = 12

#: The widths of the roadmap table's columns in the landscape appendix, in centimetres (the
#: text width of a landscape A4 page with margins of 30 and 15 mm is 25.2 cm).
ROADMAP_TABLE_WIDTHS = (1.7, 9.9, 4.0, 4.6, 4.9)

_ENTRY_MONITORING = re.compile(r"\bвходн\w*\s+(?:мониторинг|анкетирован|диагностик)", re.IGNORECASE)
_FINAL_MONITORING = re.compile(r"\bитогов\w*\s+(?:мониторинг|анкетирован|диагностик)", re.IGNORECASE)


@dataclass(frozen=True)
class Monitoring:
    """The deadlines of the entry and the final monitoring the implementation order sets (item
    5), each a working day (``common.working_day_before``); ``from_roadmap``: taken from the
    roadmap's monitoring activities rather than from the order's parameters."""

    entry: dt.date
    final: dt.date
    from_roadmap: bool


def roadmap_monitoring(sections) -> tuple[dt.date | None, dt.date | None]:
    """The deadlines of the roadmap's entry and final monitoring activities («Входное
    анкетирование…», «Итоговый мониторинг…»; seed 004 §9.2, 002 §10: monitoring timelines):
    the last day of the first such activity with a deadline, ``None`` when there is none.
    ``sections``: ``roadmaps.selectors.roadmap_plan``."""
    entry = final = None
    for section in sections:
        for item in section.plan:
            deadline = item.period.deadline
            if deadline is None:
                continue
            if entry is None and _ENTRY_MONITORING.search(item.activity):
                entry = deadline
            elif final is None and _FINAL_MONITORING.search(item.activity):
                final = deadline
    return entry, final


def implementation_monitoring(sections, params: dict) -> Monitoring:
    """One source of the monitoring deadlines of the order and its appendix: the roadmap's
    monitoring activities when it has both (:func:`roadmap_monitoring`), else the order's
    parameters ``entry_monitoring_on`` and ``final_monitoring_on``; moved to the working day
    before when they fall on a day off or a public holiday."""
    entry, final = roadmap_monitoring(sections)
    from_roadmap = entry is not None and final is not None
    if not from_roadmap:
        entry, final = (
            parse_date(params.get("entry_monitoring_on")),
            parse_date(params.get("final_monitoring_on")),
        )
    return Monitoring(working_day_before(entry), working_day_before(final), from_roadmap)


def roadmap_approver(roadmap) -> str:
    """The body the roadmap was agreed with, in the instrumental case («согласованную с
    департаментом образования Администрации города Сургута»): the organization where the user
    who approved it works; else the education authority registered under the unit above the
    roadmap's owner (the municipality's or the region's, seed 002 §6); else «муниципальным
    органом управления образованием <municipality in the genitive>» (the region's authority
    for an organization of the regional level)."""
    from nastavnik.organizations.models import OrgUnit
    from nastavnik.people.models import Employment

    if roadmap.approved_by_id:
        employment = (
            Employment.objects.current()
            .filter(person__user_id=roadmap.approved_by_id)
            .select_related("organization")
            .order_by("-is_primary", "pk")
            .first()
        )
        if employment is not None:
            return employment.organization.name_in("ablt")
    parent = roadmap.owner.parent
    if parent is None:
        return "органом управления образованием"
    authority = (
        OrgUnit.objects.filter(
            parent=parent,
            kind__in=[OrganizationKind.MUNICIPAL_AUTHORITY, OrganizationKind.EDUCATION_AUTHORITY],
        )
        .order_by("pk")
        .first()
    )
    if authority is not None:
        return authority.name_in("ablt")
    if parent.level == Level.REGION:
        return f"органом исполнительной власти {parent.name_in('gent')} в сфере образования"
    return f"муниципальным органом управления образованием {parent.name_in('gent')}"


#: How long the curator has to draw the Положение up when the implementation order charges them
#: with it (before the order approving it is registered), in days.
REGULATION_DRAFT_DAYS = 30


class OrderImplementationSpec(DocumentSpec):
    """«О внедрении целевой модели наставничества педагогических работников» — the
    organization's order required by seed 002 §10 («Распорядительный акт образовательной
    организации»: timelines, responsible persons with duties, the person responsible for
    logistics, monitoring timelines, approving the roadmap) and seed 004 §1.6.1 (grounds,
    timelines, responsible persons with duties — the head, the curator, the mentor council —,
    monitoring timelines, planned results). The duties are those of seed 000 §4.1.1–4.1.3 and
    001 §4.4.3–4.4.4.

    Params (``OrderImplementationForm``): ``starts_on``, ``ends_on``, ``entry_monitoring_on``,
    ``final_monitoring_on`` (ISO dates), ``logistics_person`` (a person employed in the
    organization), ``council_chair`` (optional, the same).

    The order agrees with its appendix, the organization's roadmap approved in the system
    (seed 002 §6: the municipality approves it; §10): the latest approved one whose period
    overlaps ``starts_on`` – ``ends_on`` (:func:`implementation_roadmap`), reprinted as its table
    (:func:`roadmap_rows`) on a landscape page. The order's implementation period is the
    roadmap's; its monitoring deadlines are the roadmap's monitoring activities' (else the
    params, printed under the table too — :func:`implementation_monitoring`), never a day off;
    it names the body the roadmap was agreed with (:func:`roadmap_approver`). Without such a
    roadmap the order is refused, with a link to draw one up.

    The Положение is not approved here (the order approving it does, ``OrderRegulationSpec``):
    item 7 refers to it with that order's date and number once registered, else charges the
    curator with drawing it up and submitting it for approval within
    ``REGULATION_DRAFT_DAYS`` days.
    """

    kind = DocumentKind.ORDER_IMPLEMENTATION
    subject = Subject.ORGANIZATION
    numbered = True
    params_form = OrderImplementationForm
    source = "seed 002 §10; seed 004 §1.6.1; seed 000 §4.1.1–4.1.3; seed 001 §4.4.3–4.4.4"
    package_folder = ORDERS_FOLDER

    def initial_params(self, organization, subject) -> dict[str, Any]:
        """The period of the organization's approved roadmap that has not ended (the earliest
        such), else from today to 31 May of the school year (of the next one when fewer than
        three months remain); the entry monitoring a month after the start, the final one two
        weeks before the end; no logistics person (it must be chosen)."""
        from nastavnik.roadmaps.choices import RoadmapStatus
        from nastavnik.roadmaps.models import Roadmap

        today = timezone.localdate()
        roadmap = (
            Roadmap.objects.filter(owner=organization, status=RoadmapStatus.APPROVED, ends_on__gte=today)
            .order_by("starts_on", "pk")
            .first()
        )
        if roadmap is not None:
            starts_on, ends_on = roadmap.starts_on, roadmap.ends_on
        else:
            starts_on = today
            ends_on = dt.date(school_year_bounds(today)[1].year, 5, 31)
            if (ends_on - today).days < 90:
                ends_on = dt.date(ends_on.year + 1, 5, 31)
        return {
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "entry_monitoring_on": min(starts_on + dt.timedelta(days=30), ends_on).isoformat(),
            "final_monitoring_on": max(ends_on - dt.timedelta(days=15), starts_on).isoformat(),
            "logistics_person": None,
            "council_chair": None,
        }

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The address, the head and the curator with positions; a logistics person employed in
        the organization with a position (and the chair, when chosen); dates in order; an
        approved roadmap of the organization for the implementation period (the link draws one
        up, from a template if wished); the monitoring dates of the params inside the
        roadmap's period when the roadmap has no monitoring activities of its own."""
        items = organization_missing(organization, head=True, curator=True)
        url = issue_url(self.kind.value)
        for key, title, required in (
            ("logistics_person", "ответственного за материально-техническое обеспечение", True),
            ("council_chair", "руководителя методического объединения (совета) наставников", False),
        ):
            person_id = params.get(key)
            if not person_id:
                if required:
                    items.append(Missing(f"Выберите {title} программ наставничества.", url))
                continue
            person = _employee(organization, person_id)
            if person is None:
                items.append(Missing(f"Выберите {title} из работников организации.", url))
            elif item := position_missing(person, organization):
                items.append(item)
        dates = [parse_date(params.get(key)) for key in self._date_keys]
        errors = implementation_date_errors(*dates)
        items.extend(Missing(error, url) for error in errors)
        if errors:
            return items
        starts_on, ends_on = dates[:2]
        roadmap = implementation_roadmap(organization, starts_on, ends_on)
        if roadmap is None:
            approver = (
                "региональному оператору"
                if organization.parent is not None and organization.parent.level == Level.REGION
                else "в муниципалитет"
            )
            items.append(
                Missing(
                    "Нет утверждённой дорожной карты организации на период "
                    f"{date_short(starts_on)} – {date_short(ends_on)}: составьте её (можно по шаблону) "
                    f"и направьте на согласование {approver}.",
                    reverse("roadmaps:create") + f"?owner={organization.pk}",
                )
            )
            return items
        from nastavnik.roadmaps.selectors import roadmap_plan

        if None in roadmap_monitoring(roadmap_plan(roadmap)):
            for value, name in ((dates[2], "входного"), (dates[3], "итогового")):
                if not roadmap.starts_on <= value <= roadmap.ends_on:
                    items.append(
                        Missing(
                            f"Срок {name} мониторинга должен быть в пределах периода дорожной карты "
                            f"({date_short(roadmap.starts_on)} – {date_short(roadmap.ends_on)}), "
                            "по которому внедряется целевая модель.",
                            url,
                        )
                    )
        return items

    _date_keys = ("starts_on", "ends_on", "entry_monitoring_on", "final_monitoring_on")

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, ``curator``, ``logistics``, ``chair`` (``PersonForms`` or
        ``None``); ``starts``, ``ends`` — the roadmap's period in words; ``entry_monitoring``,
        ``final_monitoring`` (:func:`implementation_monitoring`, in words) and
        ``monitoring_from_params``; ``regulation_order`` (``date``, ``number`` of the registered
        order approving the Положение, or ``None``), ``regulation_title_ins``,
        ``regulation_title_acc``, ``regulation_due``; ``roadmap`` (``title``, ``starts``,
        ``ends``, ``approved`` — the dates in words —, ``approver`` in the instrumental case,
        ``rows`` of :func:`roadmap_rows`); ``acquainted``."""
        from nastavnik.roadmaps.selectors import roadmap_plan

        context = organization_context(organization)
        date = document.get("date") or timezone.localdate()
        logistics = person_forms(_employee(organization, params["logistics_person"]), organization)
        chair_person = _employee(organization, params.get("council_chair"))
        chair = person_forms(chair_person, organization) if chair_person else None
        plan = implementation_roadmap(
            organization, parse_date(params["starts_on"]), parse_date(params["ends_on"])
        )
        sections = roadmap_plan(plan)
        monitoring = implementation_monitoring(sections, params)
        roadmap = {
            "title": plan.title,
            "starts": date_long(plan.starts_on),
            "ends": date_long(plan.ends_on),
            "approved": date_long(timezone.localdate(plan.approved_at)) if plan.approved_at else "",
            "approver": roadmap_approver(plan),
            "rows": roadmap_rows(plan, sections),
        }
        context.update(
            logistics=logistics,
            chair=chair,
            starts=roadmap["starts"],
            ends=roadmap["ends"],
            entry_monitoring=date_long(monitoring.entry),
            final_monitoring=date_long(monitoring.final),
            monitoring_from_params=not monitoring.from_roadmap,
            regulation_order=_registered_regulation_order(organization, date),
            regulation_title_ins=regulation_title(organization, "ablt"),
            regulation_title_acc=regulation_title(organization, "accs"),
            regulation_due=date_long(working_day_before(date + dt.timedelta(days=REGULATION_DRAFT_DAYS))),
            roadmap=roadmap,
            acquainted=_acquainted([context["curator"], logistics, chair]),
        )
        return context

    def build(self, b) -> None:
        b.order_head("О внедрении целевой модели наставничества педагогических работников")
        b.para(
            LEGAL_BASE + ", в целях создания условий для непрерывного профессионального роста, "
            "профессионального самоопределения и закрепления в профессии педагогических работников "
            "{{ org.short.gen }}, включая молодых (начинающих) педагогов,"
        )
        b.para("ПРИКАЗЫВАЮ:", align="left", indent=False, bold=True, space_before=6, space_after=6)
        b.para(
            "1. Внедрить в {{ org.short.pre }} систему (целевую модель) наставничества педагогических "
            "работников (далее – целевая модель наставничества) в период с {{ starts }} по {{ ends }} "
            "в соответствии с дорожной картой (приложение)."
        )
        b.para(
            "2. Назначить куратором реализации программ наставничества {{ curator.name.acc }}, "
            "{{ curator.position.acc }}, и возложить на {% if curator.female %}неё{% else %}него{% endif %} "
            "следующие обязанности:"
        )
        b.items(CURATOR_DUTIES)
        b.para(
            "3. Назначить {% if logistics.female %}ответственной{% else %}ответственным{% endif %} за "
            "материально-техническое обеспечение программ наставничества {{ logistics.name.acc }}, "
            "{{ logistics.position.acc }}, и поручить "
            "{% if logistics.female %}ей{% else %}ему{% endif %} обеспечить:"
        )
        b.items(LOGISTICS_DUTIES)
        b.para(
            "4. Создать методическое объединение (совет) наставников{% if chair %} под руководством "
            "{{ chair.name.gen }}, {{ chair.position.gen }}{% endif %}, возложив на него следующие задачи:"
        )
        b.items(COUNCIL_DUTIES)
        b.tag("{%p if not chair %}")
        b.para(
            "Куратору реализации программ наставничества в течение месяца со дня издания настоящего "
            "приказа представить на утверждение состав методического объединения (совета) наставников."
        )
        b.tag("{%p endif %}")
        b.para(
            "5. Установить сроки проведения мониторинга эффективности программ наставничества: "
            "входной мониторинг (до вступления участников в программы наставничества) – не позднее "
            "{{ entry_monitoring }}; итоговый мониторинг (по итогам прохождения программ наставничества) – "
            "не позднее {{ final_monitoring }}"
        )
        b.para(
            "6. Утвердить дорожную карту (план мероприятий) внедрения целевой модели наставничества в "
            "{{ org.short.pre }}{% if roadmap.approved %}, согласованную с {{ roadmap.approver }} "
            "{{ roadmap.approved }}{% endif %} (приложение)."
        )
        b.tag("{%p if regulation_order %}")
        b.para(
            "7. Реализацию целевой модели наставничества осуществлять в соответствии с "
            "{{ regulation_title_ins }}, утверждённым приказом от {{ regulation_order.date }} "
            "№ {{ regulation_order.number }}."
        )
        b.tag("{%p else %}")
        b.para(
            "7. Куратору реализации программ наставничества {{ curator.name.dat }} разработать и "
            "представить на утверждение {{ regulation_title_acc }} в срок до {{ regulation_due }}"
        )
        b.tag("{%p endif %}")
        b.para("8. Определить планируемые результаты внедрения целевой модели наставничества:")
        b.items(PLANNED_RESULTS)
        b.para(
            "9. Общее руководство и контроль за организацией и реализацией целевой модели наставничества, "
            "утверждение наставников и наставляемых, организационное, учебно-методическое, "
            "материально-техническое и инфраструктурное обеспечение целевой модели наставничества, "
            "взаимодействие с организациями-партнёрами оставляю за собой."
        )
        b.para("10. Контроль исполнения настоящего приказа оставляю за собой.")
        b.signature("{{ head.position.capitalized }}", "{{ head.name.signature }}")
        _acquaintance_block(b)

        _landscape_section(b)
        _appendix_stamp(b, "Приложение")
        b.center("{{ roadmap.title }}", bold=True)
        b.keep_previous_with_next()
        b.center("в {{ org.short.pre }} на период с {{ roadmap.starts }} по {{ roadmap.ends }}", bold=True)
        b.keep_previous_with_next()
        b.center(
            "{% if roadmap.approved %}(согласована с {{ roadmap.approver }} {{ roadmap.approved }}){% endif %}",
            space_after=12,
        )
        b.keep_previous_with_next()
        b.table(
            ["№ п/п", "Мероприятие", "Срок", "Ответственный", "Результат, вид документа"],
            [
                "{{r row.number }}",
                "{{r row.activity }}",
                "{{ row.period }}",
                "{{ row.responsible }}",
                "{{ row.result }}",
            ],
            loop="for row in roadmap.rows",
            widths=list(ROADMAP_TABLE_WIDTHS),
            size=ROADMAP_TABLE_SIZE,
        )
        b.tag("{%p if monitoring_from_params %}")
        b.para(
            "Мониторинг эффективности программ наставничества (пункт 5 приказа): входной – не позднее "
            "{{ entry_monitoring }}, итоговый – не позднее {{ final_monitoring }}",
            size=ROADMAP_TABLE_SIZE,
        )
        b.tag("{%p endif %}")


#: The curator's duties (seed 000 §4.1.2; 001 §4.4.4; 002 §8.1).
CURATOR_DUTIES = (
    "разработка дорожной карты (плана мероприятий) по реализации Положения о системе наставничества "
    "педагогических работников;",
    "ведение банка (персонифицированного учёта) наставников и наставляемых, в том числе в цифровом формате;",
    "актуализация не реже одного раза в год сведений о педагогах, которых необходимо включить в "
    "наставническую деятельность в качестве наставляемых;",
    "организация отбора и обучения наставников, в том числе с привлечением экспертов;",
    "организация разработки персонализированных программ наставничества и контроль их реализации;",
    "формирование банка персонализированных программ наставничества и лучших практик наставничества;",
    "мониторинг эффективности и результативности реализации целевой модели наставничества, получение "
    "обратной связи от участников, подготовка итогового аналитического отчёта;",
    "внесение сведений о количестве участников программ наставничества в формы статистического наблюдения;",
    "наполнение раздела «Наставничество» на официальном сайте организации (совместно с системным "
    "администратором);",
    "решение организационных вопросов, возникающих в процессе реализации целевой модели наставничества.",
)

#: What the person responsible for logistics provides (seed 000 §3.3; 004 §4.3).
LOGISTICS_DUTIES = (
    "помещение для проведения индивидуальных и групповых встреч наставников и наставляемых;",
    "доску объявлений для размещения открытой информации о наставничестве педагогических работников "
    "(в том числе электронный ресурс);",
    "доступ к сети «Интернет» и средства для организации видео-конференц-связи;",
    "иные материально-технические ресурсы, необходимые для реализации персонализированных программ "
    "наставничества.",
)

#: The mentor council's tasks (seed 000 §4.1.3; 001 §4.4.5).
COUNCIL_DUTIES = (
    "участие в разработке локальных актов организации в сфере наставничества;",
    "учёт сведений о наставляемых и их наставниках, помощь в подборе и закреплении наставнических пар (групп);",
    "участие в разработке, апробации и реализации персонализированных программ наставничества;",
    "анализ результатов диагностики профессиональных затруднений и внесение корректировок в "
    "персонализированные программы наставничества;",
    "участие в мониторинге реализации персонализированных программ наставничества;",
    "участие в разработке системы поощрения наставников и формировании банка лучших практик наставничества.",
)

#: Planned results (seed 004 §1.6.1, §8.1; 000 §VI).
PLANNED_RESULTS = (
    "непрерывный профессиональный рост, личностное развитие и самореализация педагогических работников;",
    "рост числа закрепившихся в профессии молодых (начинающих) педагогов;",
    "развитие профессиональных перспектив педагогов старшего возраста в условиях цифровизации образования;",
    "методическое сопровождение системы наставничества организации;",
    "цифровая информационно-коммуникативная среда наставничества;",
    "обмен инновационным опытом в сфере практик наставничества педагогических работников.",
)
