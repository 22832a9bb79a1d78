"""The organization's orders: implementing the target model (with the organization's approved
roadmap), approving the Положение, fixing mentoring pairs and groups (seed 002 §10, 004 §1.6.1,
§1.6.5, §1.6.6; 001 §4.4.2–4.4.4; 000 §4.1.1–4.1.3).

The Положение is approved once, by the order approving it (``OrderRegulationSpec``); the
implementation order and the order fixing pairs cite it with that order's date and number
once it is in the registry (``common.registered_document``), and before that the
implementation order charges the curator with drawing it up (issue 15 item 5)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.language import DeclinedName, DeclinedPhrase, agree, date_long, date_short
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    PersonForms,
    organization_context,
    organization_missing,
    parse_date,
    people_with_positions,
    person_forms,
    person_position,
    position_missing,
    registered_document,
    school_year_bounds,
    working_day_before,
)
from nastavnik.documents.specs.regulation import regulation_title
from nastavnik.organizations.choices import Level, OrganizationKind

ORDERS_FOLDER = "Приказы"

#: The statutes every order of the model package is issued on (seed 000, preamble of the
#: regional order; 001 §1.2; 004 §1.1).
LEGAL_BASE = (
    "В соответствии с Федеральным законом от 29 декабря 2012 г. № 273-ФЗ «Об образовании в Российской "
    "Федерации», распоряжением Правительства Российской Федерации от 31 декабря 2019 г. № 3273-р "
    "«Об утверждении основных принципов национальной системы профессионального роста педагогических "
    "работников Российской Федерации, включая национальную систему учительского роста», методическими "
    "рекомендациями по разработке и внедрению системы (целевой модели) наставничества педагогических "
    "работников в образовательных организациях (письмо Министерства просвещения Российской Федерации "
    "от 21 декабря 2021 г. № АЗ-1128/08 и Общероссийского Профсоюза образования от 21 декабря 2021 г. "
    "№ 657)"
)


def issue_url(kind: str) -> str:
    """The page where a document of ``kind`` is drawn up (its parameters are chosen there)."""
    return reverse("documents:issue", args=[kind])


def _employee(organization, person_id):
    """The person ``person_id`` currently employed in ``organization`` (with positions loaded),
    or ``None``."""

    if not person_id:
        return None
    return people_with_positions().employed_in(organization).filter(pk=person_id).first()


@dataclass(frozen=True)
class Acquainted:
    """A row of «С приказом ознакомлены»: ``pk``, ``name`` (``DeclinedName``: ``{{ p.name.short }}``
    → «Иванова М. П.») and ``position`` (``DeclinedPhrase``: ``{{ p.position.nom }}``) as the
    staff schedule writes it, with the organization for a person of another one («учитель
    математики МБОУ «СОШ № 21»»)."""

    pk: int
    name: DeclinedName
    position: DeclinedPhrase


def _acquainted(people: list[PersonForms | None], suffixes: dict[int, str] | None = None) -> list[Acquainted]:
    """The persons for «С приказом ознакомлены», each once, in the given order; ``suffixes``:
    the organization (in the genitive) to add after the position of a person of another
    organization, by person id."""
    seen: set[int] = set()
    result = []
    for person in people:
        if person is not None and person.pk not in seen:
            seen.add(person.pk)
            suffix = (suffixes or {}).get(person.pk, "")
            position = DeclinedPhrase(f"{person.position.nom} {suffix}") if suffix else person.position
            result.append(Acquainted(person.pk, person.name, position))
    return result


def _acquaintance_block(b, *, space_before: float = 12) -> None:
    """«С приказом ознакомлены»: one row per person of ``acquainted`` (``Acquainted``) with
    places for the signature and the date; the caption stays with the table."""
    b.para(
        "С приказом ознакомлены:", align="left", indent=False, space_before=space_before, keep_with_next=True
    )
    b.table(
        ["Фамилия, инициалы", "Должность", "Подпись", "Дата"],
        ["{{ p.name.short }}", "{{ p.position.nom }}", "", ""],
        loop="for p in acquainted",
        widths=[4.5, 6, 3, 3],
    )


def _appendix_stamp(b, title: str) -> None:
    """The top-right requisite of an order's appendix, kept together: «Приложение 1 к приказу
    МБОУ «СОШ № 1» от 2 декабря 2026 г. № 45-о»."""
    b.approval_stamp([title, "к приказу {{ org.short.gen }}", "от {{ date_long }} № {{ number }}"])


def _registered_regulation_order(organization, on: dt.date | None) -> dict[str, str] | None:
    """The order approving the Положение as the other orders cite it: ``{"date": "15 сентября
    2026 г.", "number": "99-о"}`` of the latest one in the registry with a number, dated no
    later than ``on`` (:func:`common.registered_document`); ``None`` when there is none."""
    order = registered_document(organization, DocumentKind.ORDER_REGULATION, on=on)
    if order is None:
        return None
    return {"date": date_long(order.date), "number": order.number}


class _EmployeeField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        position = person_position(obj)
        return f"{obj.full_name} ({position})" if position else obj.full_name


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --------------------------------------------------------------------------------------------
# The order implementing the target model
# --------------------------------------------------------------------------------------------


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


def _landscape_section(b) -> None:
    """Start a new landscape page section (the wide table of an appendix), numbered from its
    first page, with the margins of the portrait pages."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = b.document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.different_first_page_header_footer = False


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


# --------------------------------------------------------------------------------------------
# The order approving the Положение
# --------------------------------------------------------------------------------------------


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

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The address, the head and the curator; a Положение in the registry; the date and the
        number of days."""
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
        if parse_date(params.get("effective_from")) is None:
            items.append(Missing("Укажите дату, с которой Положение вводится в действие.", url))
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
        b.para("1. Утвердить {{ regulation_title_acc }} (далее – Положение) (приложение).")
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


# --------------------------------------------------------------------------------------------
# The order fixing pairs and groups
# --------------------------------------------------------------------------------------------
#: Up to this many rows the order names every mentor in its body; beyond, it refers to the appendix.
NAMED_IN_BODY = 3


def _open_pairs(organization):
    from nastavnik.mentoring.models import Pair

    return Pair.objects.filter(organization=organization, ended_on__isnull=True)


class _PairsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.mentor.full_name} → {obj.mentee.full_name} (с {obj.started_on:%d.%m.%Y})"


class OrderPairsForm(ParamsForm):
    """The open pairs of the organization the order fixes."""

    pairs = _PairsField(label="Закрепляемые пары", queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from nastavnik.mentoring.models import Pair

        pairs = Pair.objects.none()
        if self.organization is not None:
            pairs = (
                _open_pairs(self.organization)
                .select_related("mentor", "mentee")
                .order_by("mentor__last_name", "mentor__first_name", "mentee__last_name", "pk")
            )
        self.fields["pairs"].queryset = pairs


def _pairs_queryset(organization, ids):
    """The open pairs ``ids`` of ``organization`` with everything the order prints and checks
    loaded in a fixed number of queries: people, positions, profiles, programs and forms."""
    from nastavnik.people.models import Employment

    employments = Employment.objects.select_related("position", "organization")
    return (
        _open_pairs(organization)
        .filter(pk__in=ids)
        .select_related(
            "mentor__position",
            "mentee__position",
            "mentor__mentor_profile__organization",
            "mentee__mentee_profile",
            "program__mentoring_form",
        )
        .prefetch_related(
            Prefetch("mentor__employments", queryset=employments),
            Prefetch("mentee__employments", queryset=employments),
        )
    )


def _profile(person, attribute: str):
    """The reverse one-to-one ``attribute`` of ``person`` (a bank profile), ``None`` when absent."""
    try:
        return getattr(person, attribute)
    except ObjectDoesNotExist:
        return None


def _sort_key(person) -> tuple:
    return (person.last_name, person.first_name, person.middle_name, person.pk)


def mentor_organization(mentor, organization):
    """Where ``mentor`` works, for an order of ``organization``: ``organization`` itself when
    the mentor is currently employed there; else the organization of their current place of
    work (the main one first); else that of their mentor's card; else ``organization``. Reads
    the prefetched employments (with organizations) and profile of :func:`_pairs_queryset`."""
    current = [e for e in mentor.employments.all() if e.ended_on is None]
    if any(e.organization_id == organization.pk for e in current):
        return organization
    if current:
        return min(current, key=lambda e: (not e.is_primary, e.pk)).organization
    profile = _profile(mentor, "mentor_profile")
    return profile.organization if profile is not None else organization


def external_basis(mentor) -> str:
    """On what basis a mentor of another organization mentors in this one (seed 001 §7.1.1,
    «открытое наставничество»; 000 §4.1.2: mentors of other organizations): «из открытого банка
    наставников» when their card is published in the open bank, else «на основании согласия
    наставника и руководителя организации по месту его (её) работы» (no agreement between
    organizations is recorded in the system, and the regulations require none)."""
    profile = _profile(mentor, "mentor_profile")
    if profile is not None and profile.publish_in_open_bank:
        return "из открытого банка наставников (открытое наставничество)"
    pronoun = "её" if mentor.sex == "F" else "его"
    return f"на основании согласия наставника и руководителя организации по месту {pronoun} работы"


class OrderPairsSpec(DocumentSpec):
    """«О закреплении наставнических пар (групп)» (seed 001 §4.4.2–4.4.3, 004 §1.6.6, 000 §1.3,
    §4.1): with the written consent of the participants, the head fixes the pairs and groups of
    the appendix table (the mentor, the mentee or mentees with positions, the form of mentoring,
    the period of the personalized program, or from the pair's start when it has none), appoints
    the mentors and charges the curator with the control of the personalized programs. A group
    (one mentor, several mentees in one program) is one row.

    A mentor employed in another organization is named with it («учитель математики МБОУ «СОШ
    № 21»», :func:`mentor_organization`) and the order states the basis of their mentoring
    (:func:`external_basis`). A pair or group whose period started before the order's date is
    fixed from the order's date, and the appendix shows that date as its start (issue 15 item
    5): the order does not backdate.

    Params (``OrderPairsForm``): ``pairs`` — ids of open pairs of the organization; by default
    those not fixed by any order yet. Refused for a pair whose mentor or mentee has no written
    consent or no valid consent to personal-data processing (one item per person, linking to
    the card where to record it). The pairs and their people are loaded in a fixed number of
    queries, whatever their count.
    """

    kind = DocumentKind.ORDER_PAIRS
    subject = Subject.ORGANIZATION
    numbered = True
    params_form = OrderPairsForm
    source = "seed 001 §4.4.2–4.4.3; seed 004 §1.6.6; seed 000 §1.3, §4.1"
    package_folder = ORDERS_FOLDER

    def initial_params(self, organization, subject) -> dict[str, Any]:
        """The open pairs of the organization no order has fixed yet."""
        ids = _open_pairs(organization).filter(fixing_orders__isnull=True).values_list("pk", flat=True)
        return {"pairs": sorted(ids)}

    def default_params(self, organization, subject) -> dict[str, Any]:
        """Always :meth:`initial_params`: the pairs of the previous order are fixed already."""
        return self.initial_params(organization, subject)

    def fixed_pairs(self, params: dict) -> list[int]:
        return list(params.get("pairs") or [])

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """No pair chosen, or a chosen pair ended or of another organization; per person: the
        mentor's or the mentee's written consent, the consent to personal-data processing, the
        position; the address, the head and the curator."""
        from nastavnik.people.consent import consented_person_ids

        items: list[Missing] = []
        ids = self.fixed_pairs(params)
        url = issue_url(self.kind.value)
        if not ids:
            if _open_pairs(organization).exists():
                text = "Выберите наставнические пары, которые закрепляет приказ (все действующие пары уже закреплены приказами)."
            else:
                text = "В организации нет действующих наставнических пар: сначала сформируйте пары."
            items.append(Missing(text, url))
        pairs = list(_pairs_queryset(organization, ids)) if ids else []
        if len(pairs) != len(set(ids)):
            items.append(
                Missing(
                    "Часть выбранных пар завершена или относится к другой организации: выберите пары заново.",
                    url,
                )
            )
        people = {}
        for pair in pairs:
            people.setdefault(pair.mentor_id, pair.mentor)
            people.setdefault(pair.mentee_id, pair.mentee)
        consented = set(
            consented_person_ids().filter(person_id__in=list(people)).values_list("person_id", flat=True)
        )
        reported: set[tuple[int, str]] = set()

        def report(person, what: str, missing: Missing) -> None:
            if (person.pk, what) not in reported:
                reported.add((person.pk, what))
                items.append(missing)

        for pair in sorted(pairs, key=lambda p: (_sort_key(p.mentor), _sort_key(p.mentee))):
            mentor, mentee = pair.mentor, pair.mentee
            profile = _profile(mentor, "mentor_profile")
            if profile is None:
                report(
                    mentor,
                    "mentor",
                    Missing(
                        f"{mentor.full_name} не внесен{'а' if mentor.sex == 'F' else ''} в банк наставников: "
                        "добавьте работника в банк и укажите дату письменного согласия быть наставником.",
                        reverse("bank:mentor_add") + f"?person={mentor.pk}",
                    ),
                )
            elif not profile.consent_given_on:
                report(
                    mentor,
                    "mentor",
                    Missing(
                        f"Нет письменного согласия наставника ({mentor.full_name}): укажите дату согласия "
                        "в профиле наставника.",
                        reverse("bank:mentor_edit", args=[profile.pk]),
                    ),
                )
            mentee_profile = _profile(mentee, "mentee_profile")
            if mentee_profile is None:
                report(
                    mentee,
                    "mentee",
                    Missing(
                        f"{mentee.full_name} не внесен{'а' if mentee.sex == 'F' else ''} в банк наставляемых: "
                        "добавьте работника в банк и укажите дату письменного согласия наставляемого.",
                        reverse("bank:mentee_add") + f"?person={mentee.pk}",
                    ),
                )
            elif not mentee_profile.consent_given_on:
                report(
                    mentee,
                    "mentee",
                    Missing(
                        f"Нет письменного согласия наставляемого ({mentee.full_name}): укажите дату согласия "
                        "в профиле наставляемого.",
                        reverse("bank:mentee_edit", args=[mentee_profile.pk]),
                    ),
                )
            for person in (mentor, mentee):
                if person.pk not in consented:
                    report(
                        person,
                        "pd",
                        Missing(
                            f"Нет действующего согласия на обработку персональных данных ({person.full_name}): "
                            "внесите согласие в карточке работника.",
                            reverse("bank:consent_record", args=[person.pk]),
                        ),
                    )
                home = mentor_organization(person, organization) if person is mentor else organization
                if item := position_missing(person, home):
                    report(person, "position", item)
        items.extend(organization_missing(organization, head=True, curator=True))
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, ``curator``; ``rows`` of the appendix (``number``, ``mentor``
        — ``PersonForms`` —, ``mentor_org`` — « МБОУ «СОШ № 21»» for a mentor of another
        organization, else "" —, ``mentees`` — ``PersonForms`` list —, ``mentor_cell``,
        ``mentees_cell``, ``mentees_acc``, ``form``, ``period``, ``group``); ``named`` — the
        rows named in the body (all of them up to ``NAMED_IN_BODY``, else none); ``count``
        («2 пары, 1 группа»); ``many_mentors``; ``external`` — «Сидорова Петра Ивановича,
        учителя математики МБОУ «СОШ № 21», – из открытого банка наставников…» per mentor of
        another organization, joined by «; » ("" when none) — and ``external_many``;
        ``backdated`` — whether a row started before the order's date (it is fixed from that
        date); ``regulation_title_ins``, ``regulation_order``; ``acquainted``."""
        context = organization_context(organization)
        date = document.get("date") or timezone.localdate()
        pairs = list(_pairs_queryset(organization, self.fixed_pairs(params)))
        forms_cache: dict[int, PersonForms] = {}

        def forms_of(person, home=organization) -> PersonForms:
            if person.pk not in forms_cache:
                forms_cache[person.pk] = person_forms(person, home)
            return forms_cache[person.pk]

        grouped: dict[tuple, list] = {}
        for pair in pairs:
            key = ("program", pair.program_id) if pair.program_id else ("pair", pair.pk)
            grouped.setdefault(key, []).append(pair)
        rows = []
        external: dict[int, str] = {}
        suffixes: dict[int, str] = {}
        backdated = False
        for members in grouped.values():
            mentor = members[0].mentor
            program = members[0].program
            mentees = sorted({pair.mentee_id: pair.mentee for pair in members}.values(), key=_sort_key)
            starts_on = program.starts_on if program is not None else min(pair.started_on for pair in members)
            backdated = backdated or starts_on < date
            starts_on = max(starts_on, date)
            if program is not None:
                period = f"{date_short(starts_on)} – {date_short(program.ends_on)}"
                form = f"«{program.mentoring_form.name}»"
            else:
                period = f"с {date_short(starts_on)}"
                form = "определяется персонализированной программой наставничества"
            home = mentor_organization(mentor, organization)
            mentor_forms = forms_of(mentor, home)
            mentor_org = ""
            if home.pk != organization.pk:
                mentor_org = home.name_in("gent", short=True)
                suffixes[mentor.pk] = mentor_org
                external.setdefault(
                    mentor.pk,
                    f"{mentor_forms.name.acc}, {mentor_forms.position.acc} {mentor_org}, – "
                    f"{external_basis(mentor)}",
                )
            mentee_forms = [forms_of(person) for person in mentees]
            suffix = f" {mentor_org}" if mentor_org else ""
            rows.append(
                {
                    "sort": _sort_key(mentor),
                    "mentor": mentor_forms,
                    "mentor_org": suffix,
                    "mentees": mentee_forms,
                    "mentor_cell": f"{mentor_forms.name.nom}, {mentor_forms.position.nom}{suffix}",
                    "mentees_cell": "; ".join(f"{p.name.nom}, {p.position.nom}" for p in mentee_forms),
                    "mentees_acc": "; ".join(f"{p.name.acc}, {p.position.acc}" for p in mentee_forms),
                    "form": form,
                    "period": period,
                    "group": len(mentee_forms) > 1,
                }
            )
        rows.sort(key=lambda row: row["sort"])
        for number, row in enumerate(rows, start=1):
            row["number"] = number
            del row["sort"]
        groups = sum(1 for row in rows if row["group"])
        singles = len(rows) - groups
        count = ", ".join(
            part
            for part in (agree(singles, "пара") if singles else "", agree(groups, "группа") if groups else "")
            if part
        )
        acquainted = [context["curator"]]
        for row in rows:
            acquainted.append(row["mentor"])
            acquainted.extend(row["mentees"])
        external_rows = [
            external[pk] for pk in dict.fromkeys(row["mentor"].pk for row in rows) if pk in external
        ]
        context.update(
            regulation_title_ins=regulation_title(organization, "ablt"),
            regulation_order=_registered_regulation_order(organization, date),
            rows=rows,
            named=rows if len(rows) <= NAMED_IN_BODY else [],
            count=count,
            many_mentors=len({row["mentor"].pk for row in rows}) > 1,
            external="; ".join(external_rows),
            external_many=len(external_rows) > 1,
            backdated=backdated,
            acquainted=_acquainted(acquainted, suffixes),
        )
        return context

    def build(self, b) -> None:
        b.order_head("О закреплении наставнических пар (групп)")
        b.para(
            "В соответствии с Федеральным законом от 29 декабря 2012 г. № 273-ФЗ «Об образовании в "
            "Российской Федерации», {{ regulation_title_ins }}{% if regulation_order %}, утверждённым "
            "приказом от {{ regulation_order.date }} № {{ regulation_order.number }}{% endif %}, на "
            "основании письменного согласия наставников и наставляемых на возложение на них "
            "дополнительных обязанностей, связанных с наставнической деятельностью,"
        )
        b.para("ПРИКАЗЫВАЮ:", align="left", indent=False, bold=True, space_before=6, space_after=6)
        b.para(
            "1. Закрепить наставнические пары (группы) педагогических работников {{ org.short.gen }} "
            "согласно приложению к настоящему приказу (всего – {{ count }}).{% if backdated %} Пары "
            "(группы), начавшие работу до издания настоящего приказа, закрепить с {{ date_long }}"
            "{% endif %}"
        )
        b.tag("{%p if named %}")
        b.para("2. С письменного согласия работников:")
        b.tag("{%p for row in named %}")
        b.para(
            "2.{{ row.number }}. Назначить наставником {{ row.mentor.name.acc }}, "
            "{{ row.mentor.position.acc }}{{ row.mentor_org }}, закрепив за "
            "{% if row.mentor.female %}ней{% else %}ним{% endif %} "
            "{% if row.group %}наставническую группу: {% endif %}{{ row.mentees_acc }}"
            "."
        )
        b.tag("{%p endfor %}")
        b.tag("{%p else %}")
        b.para(
            "2. Назначить наставниками педагогических работников, указанных в приложении к настоящему "
            "приказу, с их письменного согласия."
        )
        b.tag("{%p endif %}")
        b.tag("{%p if external %}")
        b.para(
            "Привлечь к наставнической деятельности "
            "{% if external_many %}работников других организаций{% else %}работника другой организации"
            "{% endif %}: {{ external }}."
        )
        b.tag("{%p endif %}")
        b.para(
            "3. Установить срок наставничества для каждой пары (группы) на период реализации её "
            "персонализированной программы наставничества (от трёх месяцев до одного года) согласно "
            "приложению к настоящему приказу."
        )
        b.para(
            "4. {{ 'Наставникам' if many_mentors else 'Наставнику' }} совместно с наставляемыми "
            "разработать (актуализировать) персонализированные программы наставничества, реализовать "
            "их в установленные сроки и представлять отчёты об их реализации в порядке и сроки, "
            "установленные Положением о системе наставничества педагогических работников."
        )
        b.para(
            "5. Куратору реализации программ наставничества {{ curator.name.dat }}, "
            "{{ curator.position.dat }}, организовать разработку и утверждение персонализированных "
            "программ наставничества закреплённых пар (групп), осуществлять контроль их реализации и "
            "вносить сведения о наставнических парах (группах) в банк наставников и наставляемых."
        )
        b.para("6. Контроль исполнения настоящего приказа оставляю за собой.")
        b.signature("{{ head.position.capitalized }}", "{{ head.name.signature }}")
        _acquaintance_block(b)

        b.page_break()
        _appendix_stamp(b, "Приложение")
        b.center("Наставнические пары (группы) педагогических работников", bold=True, space_after=12)
        b.keep_previous_with_next()
        b.table(
            [
                "№",
                "Наставник (ФИО, должность)",
                "Наставляемый (наставляемые)",
                "Форма наставничества",
                "Срок наставничества",
            ],
            [
                "{{ row.number }}",
                "{{ row.mentor_cell }}",
                "{{ row.mentees_cell }}",
                "{{ row.form }}",
                "{{ row.period }}",
            ],
            loop="for row in rows",
            widths=[0.9, 4.3, 4.3, 3.9, 3.1],
            size=11,
        )
