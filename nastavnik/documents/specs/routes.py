"""The individual educational route of a teacher as a document (ИОМ; seed 000 §4.3.3; issue 18,
Build 7): the seven steps of the route — self-determination, the diagnosis of achievements and
of deficits, the route's roadmap, its implementation, the corrections and the reflective
analysis — with the signatures of the teacher and the curator and, when a tutor of the ЦНППМ
accompanies the teacher (``development.TutorAssignment``, seed 000 §4.3.2), the tutor's
«СОГЛАСОВАНО».

The document is read by whoever sees the route (the ``individualroute`` ``view`` right): it is
generated on the fly for a download (:func:`route_document`), registered in the registry by the
curator like any other document (its route is kept in ``Document.params["route"]``, the teacher
in ``Document.person``), and put into the organization's package for the routes being carried
out or completed (:meth:`IndividualRouteSpec.candidates`).

Everything printed comes from the data; a missing piece refuses the document (``Missing``) with
the page where it is filled in, rather than leaving a blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.core.language import DeclinedName, agree, date_long, date_short, lower_first, upper_first
from nastavnik.documents.builder import keep_together
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    employments_prefetch,
    organization_context,
    organization_missing,
    people_with_positions,
    person_forms,
    person_position,
    position_missing,
)
from nastavnik.documents.specs.programs import (
    BLANK_DATE,
    DASH,
    _cell_text,
    _keyvalue_table,
    _lines,
    _paragraphs,
    _period,
    _set_widths,
)
from nastavnik.reference.citations import cite

#: The clause the route follows, as the document cites it (never the developers' code).
BASIS = cite("seed 000 §4.3.3")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


# --- reading the route ------------------------------------------------------------------------


def _route(subject):
    """``subject`` read again with everything the document prints: the teacher with positions,
    the organization, the activities with their deficits and courses, the corrections, the
    reflections with their deficits (a fixed number of queries)."""
    from nastavnik.development.models import (
        Deficit,
        IndividualRoute,
        RouteActivity,
        RouteCorrection,
        RouteReflection,
    )

    deficits = Deficit.objects.select_related("area").order_by("area__sort_order", "pk")
    return (
        IndividualRoute.objects.select_related("organization", "person__position")
        .prefetch_related(
            employments_prefetch("person__employments"),
            Prefetch(
                "activities",
                queryset=RouteActivity.objects.select_related("course")
                .prefetch_related(Prefetch("deficits", queryset=deficits))
                .order_by("starts_on", "sort_order", "pk"),
            ),
            Prefetch(
                "corrections",
                queryset=RouteCorrection.objects.select_related("activity").order_by("made_at", "pk"),
            ),
            Prefetch(
                "reflections",
                queryset=RouteReflection.objects.select_related("deficit__area").order_by(
                    "deficit__area__sort_order", "deficit__level", "pk"
                ),
            ),
        )
        .get(pk=subject.pk)
    )


def route_diagnosis(route):
    """The diagnosis the document prints as steps 2–3: the latest of the route's own, else the
    teacher's latest one (made before the route was drawn up); its results and deficits with
    their areas loaded. ``None`` when the teacher was never diagnosed."""
    from nastavnik.development.models import Deficit, Diagnosis, DiagnosisResult

    diagnoses = Diagnosis.objects.select_related("expert__person").prefetch_related(
        Prefetch("results", queryset=DiagnosisResult.objects.select_related("area")),
        Prefetch("deficits", queryset=Deficit.objects.select_related("area")),
    )
    latest = ("-conducted_on", "-pk")
    return (
        diagnoses.filter(route=route).order_by(*latest).first()
        or diagnoses.filter(person_id=route.person_id).order_by(*latest).first()
    )


def route_tutor(route, on: dt.date | None = None):
    """The tutor of the ЦНППМ accompanying the route's teacher on ``on`` (today by default): the
    teacher's own assignment before their organization's, the latest first
    (``development.TutorAssignment``, seed 000 §4.3.2). A ``User`` or ``None``."""
    from nastavnik.development.models import TutorAssignment

    assignment = (
        TutorAssignment.objects.active(on)
        .filter(Q(person_id=route.person_id) | Q(organization_id=route.organization_id))
        .select_related("tutor")
        .order_by(F("person_id").asc(nulls_last=True), "-starts_on", "-pk")
        .first()
    )
    return assignment.tutor if assignment else None


@dataclass(frozen=True)
class TutorForms:
    """The tutor as the document names them: ``name`` (a ``DeclinedName``), ``position`` (their
    job title, "" when unknown or a mere «тьютор», which the role says already)."""

    name: DeclinedName
    position: str


def tutor_forms(user) -> TutorForms | None:
    """The ``TutorForms`` of the tutor ``user``: from their person card when there is one, else
    from the account's first and last name; ``None`` when neither names them."""
    person = people_with_positions().filter(user_id=user.pk).first()
    if person is not None:
        position = person_position(person)
        if position.strip().lower() == "тьютор":
            position = ""  # the role «Тьютор ЦНППМ» says it already
        return TutorForms(name=person_forms(person).name, position=position)
    if user.last_name.strip() and user.first_name.strip():
        return TutorForms(
            name=DeclinedName(
                last_name=user.last_name.strip(),
                first_name=user.first_name.strip(),
                middle_name="",
                female=False,
            ),
            position="",
        )
    return None


# --- wording ----------------------------------------------------------------------------------


def _span(start: dt.date, end: dt.date) -> str:
    """The length of ``start``–``end`` (both days included) in years, months and days agreed
    with their nouns: «4 года», «1 год 6 месяцев», «2 года 3 месяца 5 дней»."""
    from nastavnik.mentoring.periods import add_months

    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    while months > 0 and add_months(start, months) > after:
        months -= 1
    days = (after - add_months(start, months)).days
    years, months = divmod(months, 12)
    parts = [
        agree(value, noun) for value, noun in ((years, "год"), (months, "месяц"), (days, "день")) if value
    ]
    return " ".join(parts)


def _dates(start: dt.date, end: dt.date) -> str:
    """«01.02.2027 – 15.02.2027», or one date when the activity takes one day."""
    return date_short(start) if start == end else f"{date_short(start)} – {date_short(end)}"


def _status(route) -> str:
    """«реализуется с 1 сентября 2026 г.», «завершён 30 июня 2030 г.», «составляется»…"""
    from nastavnik.development.choices import RouteStatus

    if route.status == RouteStatus.ACTIVE and route.started_on:
        return f"реализуется с {date_long(route.started_on)}"
    if route.status == RouteStatus.COMPLETED and route.completed_on:
        return f"завершён {date_long(route.completed_on)}"
    return lower_first(route.get_status_display())


def _deficit(deficit, *, description: bool = False) -> str:
    """«Методические (выраженный)»: the area and the level of a deficit; with ``description``
    its description after a colon when there is one."""
    text = f"{deficit.area.name} ({deficit.get_level_display()})"
    if description and deficit.description.strip():
        text += f": {lower_first(deficit.description.strip())}"
    return text


def diagnosis_rows(diagnosis) -> list[dict]:
    """The table of steps 2–3: one row per area with a result or a deficit, in the order of the
    areas, ``{"area", "level", "achievements", "deficits"}`` — the level of competence «3
    (уверенный)», the achievements, the deficits of the area with their level and description
    («выраженный: затруднения в …»), «не выявлены» when none."""
    from nastavnik.development.choices import CompetenceLevel

    areas: dict[int, dict] = {}
    for result in diagnosis.results.all():
        row = areas.setdefault(result.area_id, {"area": result.area, "result": None, "deficits": []})
        row["result"] = result
    for deficit in diagnosis.deficits.all():
        row = areas.setdefault(deficit.area_id, {"area": deficit.area, "result": None, "deficits": []})
        row["deficits"].append(deficit)
    rows = []
    for row in sorted(areas.values(), key=lambda r: (r["area"].sort_order, r["area"].name)):
        result = row["result"]
        level = DASH
        if result is not None:
            label = CompetenceLevel(result.level).label.split("—", 1)[-1].strip()
            level = f"{result.level} ({label})"
        deficits = [
            d.get_level_display()
            + (f": {lower_first(d.description.strip())}" if d.description.strip() else "")
            for d in sorted(row["deficits"], key=lambda d: (-d.level, d.pk))
        ]
        rows.append(
            {
                "area": row["area"].name,
                "level": level,
                "achievements": (result.achievements.strip() if result else "") or DASH,
                "deficits": upper_first("\n".join(deficits)) if deficits else "Не выявлены",
            }
        )
    return rows


def _diagnosis_title(diagnosis) -> str:
    """«самодиагностика от 12 января 2027 г.» or «экспертная диагностика (тьютор ЦНППМ
    Иванова И. И.) от …»."""
    from nastavnik.development.choices import DiagnosisKind

    title = lower_first(diagnosis.get_kind_display())
    if diagnosis.kind != DiagnosisKind.SELF:
        who = diagnosis.get_source_display()
        expert = getattr(diagnosis.expert, "person", None) if diagnosis.expert_id else None
        if expert is not None:
            who += f" {expert.short_name}"
        title += f" ({who})"
    return f"{title} от {date_long(diagnosis.conducted_on)}"


def _activity_title(activity) -> str:
    """The activity's name, with its course of further education when it is one."""
    title = activity.title
    if activity.course_id:
        course = activity.course
        title += f"\n(программа «{course.title}», {agree(course.hours, 'час')}, {course.provider})"
    return title


def _activity_result(activity) -> str:
    """The product and the mark of execution: «Методические рекомендации: «…»», the link or
    the file, «Выполнено 12.03.2027» or the status."""
    from nastavnik.development.choices import ActivityStatus

    lines = []
    if activity.product_title.strip():
        product = activity.product_title.strip()
        if activity.product_kind:
            product = f"{upper_first(activity.get_product_kind_display())}: {lower_first(product)}"
        lines.append(product)
    elif activity.product_kind:
        lines.append(upper_first(activity.get_product_kind_display()))
    if activity.product_url:
        lines.append(activity.product_url)
    elif activity.product_file:
        lines.append("Файл продукта размещён в системе")
    if activity.status == ActivityStatus.DONE and activity.done_on:
        lines.append(f"Выполнено {date_short(activity.done_on)}")
    else:
        lines.append(upper_first(activity.get_status_display()))
    return "\n".join(lines)


def _correction_change(correction) -> str:
    text = correction.description.strip()
    if correction.activity_id:
        text = f"Мероприятие «{correction.activity.title}»: {lower_first(text)}"
    return text


def _correction_reason(correction) -> str:
    reason = upper_first(correction.get_reason_display())
    explanation = correction.explanation.strip()
    return f"{reason}: {lower_first(explanation)}" if explanation else reason


def _signatures(b, loop: str = "for s in signers") -> None:
    """Signature lines across the landscape page, one per item of ``loop`` (``role``,
    ``position``, ``name``): the role and position on the left, a line, the name flush right
    under the page's edge like the date below it; the block never splits across pages and stays
    with the paragraph above it (as ``specs.programs`` signs a program)."""
    b.keep_previous_with_next()
    table = b.document.add_table(rows=3, cols=3)
    _cell_text(table.rows[0].cells[0], f"{{%tr {loop} %}}", size=b.size)
    row = table.rows[1].cells
    _cell_text(row[0], "{{ s.role }}{% if s.position %}, {{ s.position }}{% endif %}", size=b.size)
    _cell_text(row[1], "____________", size=b.size, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell_text(row[2], "{{ s.name }}", size=b.size, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _cell_text(table.rows[2].cells[0], "{%tr endfor %}", size=b.size)
    _set_widths(table, [13, 5, 7.2])
    keep_together(table)


# --- the spec ---------------------------------------------------------------------------------


class IndividualRouteSpec(DocumentSpec):
    """The individual educational route of a teacher (seed 000 §4.3.3; issue 18, Build 7).

    Subject: a ``development.IndividualRoute``; a registered document names the teacher
    (``Document.person``) and keeps the route's id in its parameters (``{"route": id}``).

    Context: ``org`` (the letterhead), ``basis`` (the citation of the Положение), ``teacher``
    (``PersonForms``), ``route`` (``title``, ``period``, ``span``, ``status``), ``passport``
    (label/value rows), ``image`` (step 1, paragraphs), ``diagnosis`` (``title``, ``rows`` of
    :func:`diagnosis_rows`, ``comment`` paragraphs), ``activities`` (step 4: ``number``,
    ``title``, ``kind``, ``dates``, ``deficits``, ``result``), ``implementation`` (step 5:
    ``done``, ``total``, ``assessments``), ``corrections`` (step 6: ``date``, ``reason``,
    ``change``), ``reflections`` (step 7 per deficit: ``deficit``, ``outcome``, ``analysis``),
    ``summary`` (paragraphs), ``signers`` (the teacher and the curator), ``tutor_signers``
    (the tutor of the ЦНППМ under «СОГЛАСОВАНО», empty without one).

    Refused (``missing``) without the organization's address and curator (with a position), the
    teacher's position, the desired image (step 1), a diagnosis (steps 2–3), an activity of the
    roadmap (step 4), a named tutor when one is assigned.
    """

    kind = DocumentKind.INDIVIDUAL_ROUTE
    subject = Subject.ROUTE
    source = "seed 000 §4.3.2, §4.3.3"
    package_folder = "Индивидуальные образовательные маршруты"
    #: landscape: the roadmap has six columns, and no word of an area or a product may break
    page = {"landscape": True, "size": 12}

    # --- subjects ---------------------------------------------------------------------------

    def candidates(self, organization):
        """The routes of ``organization``'s teachers being carried out or completed, by the
        teacher's name."""
        from nastavnik.development.choices import RouteStatus
        from nastavnik.development.models import IndividualRoute

        return (
            IndividualRoute.objects.filter(
                organization=organization, status__in=[RouteStatus.ACTIVE, RouteStatus.COMPLETED]
            )
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "person__middle_name", "starts_on", "pk")
        )

    def subject_fields(self, subject) -> dict[str, Any]:
        return {"person": subject.person}

    def subject_of(self, document):
        """The route named in the document's parameters (``None`` when it was deleted)."""
        from nastavnik.development.models import IndividualRoute

        key = (document.params or {}).get("route")
        if not isinstance(key, int):
            return None
        return IndividualRoute.objects.select_related("person").filter(pk=key).first()

    def subject_label(self, subject) -> str:
        """«Молодцова М. П., 2026–2030»."""
        return f"{subject.person.short_name}, {subject.starts_on.year}–{subject.ends_on.year}"

    def default_params(self, organization, subject) -> dict[str, Any]:
        """``{"route": id}``: the route itself; nothing is taken from the organization's other
        routes."""
        return self.initial_params(organization, subject)

    def initial_params(self, organization, subject) -> dict[str, Any]:
        return {"route": subject.pk} if subject is not None and subject is not organization else {}

    # --- content ----------------------------------------------------------------------------

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        from nastavnik.development.models import IndividualRoute

        if not isinstance(subject, IndividualRoute):
            return [Missing("Индивидуальный образовательный маршрут удалён: документ сформировать нельзя.")]
        route = subject
        page = route.get_absolute_url()
        items = organization_missing(organization, head=False, curator=True)
        if item := position_missing(route.person, organization, "педагог"):
            items.append(item)
        if not route.desired_image.strip():
            items.append(
                Missing(
                    "Опишите желаемый образ себя как профессионала (шаг 1 маршрута «Самоопределение»).", page
                )
            )
        if route_diagnosis(route) is None:
            items.append(
                Missing(
                    "Проведите диагностику достижений и профессиональных затруднений (шаги 2–3 маршрута).",
                    page,
                )
            )
        if not route.activities.exists():
            items.append(Missing("Внесите мероприятия в дорожную карту маршрута (шаг 4).", page))
        tutor = route_tutor(route, on)
        if tutor is not None and tutor_forms(tutor) is None:
            items.append(
                Missing(
                    "Укажите фамилию и имя тьютора ЦНППМ, сопровождающего педагога, в его учётной записи."
                )
            )
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        from nastavnik.development.choices import ActivityStatus, RouteStatus

        route = _route(subject)
        context = organization_context(organization)
        teacher = person_forms(route.person, organization)
        curator = context["curator"]
        tutor_user = route_tutor(route, document.get("date"))
        tutor = tutor_forms(tutor_user) if tutor_user is not None else None

        passport = [
            {"label": "Педагог", "value": f"{teacher.name.nom}, {teacher.position.nom}"},
            {"label": "Образовательная организация", "value": organization.full_name},
            {"label": "Тема маршрута", "value": route.title},
            {
                "label": "Срок реализации",
                "value": f"{_period(route.starts_on, route.ends_on)} ({_span(route.starts_on, route.ends_on)})",
            },
            {"label": "Состояние", "value": upper_first(_status(route))},
            {"label": "Куратор", "value": f"{curator.name.nom}, {curator.position.nom}"},
        ]
        if tutor is not None:
            value = tutor.name.nom + (f", {tutor.position}" if tutor.position else "")
            passport.append({"label": "Тьютор ЦНППМ", "value": value})

        diagnosis = route_diagnosis(route)
        activities = list(route.activities.all())
        numbers = {activity.pk: number for number, activity in enumerate(activities, 1)}
        live = [a for a in activities if a.status != ActivityStatus.CANCELLED]
        done = [a for a in live if a.status == ActivityStatus.DONE]
        reflections = list(route.reflections.all())
        signers = [
            {"role": "Педагог", "position": teacher.position.nom, "name": teacher.name.signature},
            {"role": "Куратор", "position": curator.position.nom, "name": curator.name.signature},
        ]
        tutor_signers = []
        if tutor is not None:
            tutor_signers.append(
                {"role": "Тьютор ЦНППМ", "position": tutor.position, "name": tutor.name.signature}
            )

        context.update(
            basis=BASIS,
            teacher=teacher,
            route={
                "title": route.title,
                "period": _period(route.starts_on, route.ends_on),
                "span": _span(route.starts_on, route.ends_on),
                "status": _status(route),
                "completed": route.status == RouteStatus.COMPLETED,
            },
            passport=passport,
            image=_lines(route.desired_image),
            diagnosis={
                "title": _diagnosis_title(diagnosis),
                "rows": diagnosis_rows(diagnosis),
                "comment": _lines(diagnosis.comment),
            },
            activities=[
                {
                    "number": numbers[activity.pk],
                    "title": _activity_title(activity),
                    "kind": upper_first(activity.get_kind_display()),
                    "dates": _dates(activity.starts_on, activity.ends_on),
                    "deficits": "\n".join(_deficit(d) for d in activity.deficits.all()) or DASH,
                    "result": _activity_result(activity),
                }
                for activity in activities
            ],
            implementation={
                "done": len(done),
                "total": len(live),
                "assessments": [
                    {
                        "number": numbers[activity.pk],
                        "title": activity.title,
                        "text": activity.self_assessment.strip(),
                    }
                    for activity in activities
                    if activity.self_assessment.strip()
                ],
            },
            corrections=[
                {
                    "date": date_short(timezone.localtime(correction.made_at).date()),
                    "reason": _correction_reason(correction),
                    "change": _correction_change(correction),
                }
                for correction in route.corrections.all()
            ],
            reflections=[
                {
                    "deficit": _deficit(reflection.deficit, description=True),
                    "outcome": upper_first(reflection.get_outcome_display()),
                    "analysis": reflection.analysis.strip() or DASH,
                }
                for reflection in reflections
            ],
            summary=_lines(route.reflection_summary),
            signers=signers,
            tutor_signers=tutor_signers,
            blank_date=BLANK_DATE,
        )
        return context

    def build(self, b) -> None:
        b.letterhead()
        b.center("ИНДИВИДУАЛЬНЫЙ ОБРАЗОВАТЕЛЬНЫЙ МАРШРУТ", bold=True)
        b.center("{{ teacher.position.gen }} {{ teacher.name.gen }}", bold=True)
        b.center("«{{ route.title }}»", bold=True, space_after=12)
        b.para(
            "Индивидуальный образовательный маршрут – долгосрочная образовательная программа "
            "профессионального самосовершенствования педагогического работника, реализуемая на основе "
            "мотивированного выбора образовательных альтернатив. Маршрут составлен на срок "
            "{{ route.span }} по алгоритму из семи шагов: самоопределение, диагностика достижений, "
            "диагностика профессиональных затруднений и дефицитов, составление дорожной карты, её "
            "реализация, корректировка и рефлексивный анализ."
        )
        b.para("Основание: {{ basis }}.")

        b.heading("Общие сведения")
        _keyvalue_table(b, "for row in passport", "{{ row.label }}", "{{ row.value }}", widths=(7, 18.2))

        b.heading("1. Самоопределение педагога")
        b.para("Желаемый образ себя как состоявшегося профессионала:", keep_with_next=True)
        _paragraphs(b, "for line in image")

        b.heading("2–3. Диагностика достижений и профессиональных затруднений (дефицитов)")
        b.para("Вид и дата диагностики: {{ diagnosis.title }}", keep_with_next=True)
        b.para(
            "Уровень сформированности компетенций оценивается от 1 (начальный) до 5 (экспертный); "
            "выраженность дефицита: незначительный, выраженный или критический.",
            keep_with_next=True,
        )
        b.table(
            [
                "Область профессиональных компетенций",
                "Уровень",
                "Достижения, достоинства и ресурсы",
                "Затруднения и дефициты",
            ],
            ["{{ r.area }}", "{{ r.level }}", "{{ r.achievements }}", "{{ r.deficits }}"],
            loop="for r in diagnosis.rows",
            widths=[6, 3.2, 8, 8],
            size=11,
        )
        b.tag("{%p if diagnosis.comment %}")
        b.para("Выводы:", keep_with_next=True)
        _paragraphs(b, "for line in diagnosis.comment")
        b.tag("{%p endif %}")

        b.heading("4. Дорожная карта маршрута")
        b.table(
            [
                "№ п/п",
                "Мероприятие",
                "Вид",
                "Сроки",
                "Затруднения, на которые направлено",
                "Продукт (результат)",
            ],
            [
                "{{ a.number }}",
                "{{ a.title }}",
                "{{ a.kind }}",
                "{{ a.dates }}",
                "{{ a.deficits }}",
                "{{ a.result }}",
            ],
            loop="for a in activities",
            widths=[1.2, 6.8, 4.4, 3.2, 4.6, 5],
            size=11,
        )

        b.heading("5. Реализация дорожной карты")
        b.para(
            "Выполнено мероприятий дорожной карты: {{ implementation.done }} из "
            "{{ implementation.total }}. Достижения педагога по мероприятиям зафиксированы в виде "
            "педагогических продуктов (графа «Продукт (результат)» дорожной карты)."
        )
        b.tag("{%p if implementation.assessments %}")
        b.para("Отношение педагога к достигнутым результатам:", keep_with_next=True)
        b.table(
            ["№ п/п", "Мероприятие", "Отношение к достигнутому результату"],
            ["{{ s.number }}", "{{ s.title }}", "{{ s.text }}"],
            loop="for s in implementation.assessments",
            widths=[1.2, 9, 15],
            size=11,
        )
        b.tag("{%p endif %}")

        b.heading("6. Корректировка дорожной карты")
        b.tag("{%p if corrections %}")
        b.table(
            ["Дата", "Причина", "Что изменено"],
            ["{{ c.date }}", "{{ c.reason }}", "{{ c.change }}"],
            loop="for c in corrections",
            widths=[2.6, 10, 12.6],
            size=11,
        )
        b.tag("{%p else %}")
        b.para("Корректировки в дорожную карту маршрута не вносились.")
        b.tag("{%p endif %}")

        b.heading("7. Рефлексивный анализ эффективности маршрута")
        b.tag("{%p if reflections or summary %}")
        b.tag("{%p if reflections %}")
        b.para("Рефлексия достигнутых результатов по каждому из дефицитов:", keep_with_next=True)
        b.table(
            ["Затруднение (дефицит)", "Итог", "Анализ"],
            ["{{ f.deficit }}", "{{ f.outcome }}", "{{ f.analysis }}"],
            loop="for f in reflections",
            widths=[7, 3, 15.2],
            size=11,
        )
        b.tag("{%p endif %}")
        b.tag("{%p if summary %}")
        b.para("Степень приближения к желаемому образу педагога-профессионала:", keep_with_next=True)
        _paragraphs(b, "for line in summary")
        b.tag("{%p endif %}")
        b.tag("{%p else %}")
        b.para("Рефлексивный анализ проводится по завершении реализации маршрута.")
        b.tag("{%p endif %}")

        b.para("С маршрутом ознакомлены:", indent=False, space_before=12)
        _signatures(b)
        b.para("{{ blank_date }}", align="right", indent=False)
        b.tag("{%p if tutor_signers %}")
        b.para("СОГЛАСОВАНО", indent=False, bold=True, space_before=12)
        _signatures(b, "for s in tutor_signers")
        b.para("{{ blank_date }}", align="right", indent=False)
        b.tag("{%p endif %}")


# --- the download from the route's page ---------------------------------------------------------


@dataclass(frozen=True)
class RouteFile:
    """A route's document ready to send: ``content`` (bytes), ``filename`` (Russian, with the
    extension) and ``content_type``."""

    content: bytes
    filename: str
    content_type: str


def route_document(*, route, by, fmt: str = "docx") -> RouteFile:
    """The document of ``route`` generated now from the current data, as DOCX or PDF (``fmt``),
    for a download from the route's page; nothing is stored. Whoever sees the route may have it
    (the ``individualroute`` ``view`` right; ``by=None`` is the system).

    Raises:
        PermissionDenied: ``by`` may not see ``route``.
        MissingData: the data to fill in first.
        render.PdfError: ``fmt="pdf"`` and LibreOffice is missing or failed (Russian message).
        ValueError: ``fmt`` is neither ``"docx"`` nor ``"pdf"``.
    """
    from nastavnik.documents.render import convert_to_pdf
    from nastavnik.documents.services import document_render, safe_filename

    if fmt not in ("docx", "pdf"):
        raise ValueError(f"Unknown format {fmt!r}")
    require_perm(by, "individualroute", Action.VIEW, route)
    today = timezone.localdate()
    content = document_render(
        kind=DocumentKind.INDIVIDUAL_ROUTE, organization=route.organization, subject=route, date=today
    )
    spec = IndividualRouteSpec()
    base = safe_filename(f"{spec.title(route)} от {today:%d.%m.%Y}")
    if fmt == "pdf":
        content = convert_to_pdf({"document.docx": content})["document.docx"]
        return RouteFile(content, f"{base}.pdf", PDF)
    return RouteFile(content, f"{base}.docx", DOCX)


__all__ = [
    "BASIS",
    "IndividualRouteSpec",
    "RouteFile",
    "diagnosis_rows",
    "route_diagnosis",
    "route_document",
    "route_tutor",
    "tutor_forms",
]
