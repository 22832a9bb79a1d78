"""The papers of a personalized program and of the year's results: the personalized mentoring
program itself (seed 000 §1.3, 001 §1.3, 004 §1.3, §6.2.3; 003 §4.7), the mentor's report on it
(seed 002 §10, 003 §4.8, 004 §6.2.3, §9) and the curator's final analytical report on the target
model in the organization (seed 000 §4.1.2, 001 §4.4.4, 003 §4.8, §5.2, 004 §9, 002 §9).

Everything printed comes from the data; a missing piece refuses the document (``Missing``)
rather than leaving a blank.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from nastavnik.core.language import agree, date_long, date_short, lower_first
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    organization_context,
    organization_missing,
    parse_date,
    people_with_positions,
    person_forms,
    person_position,
    position_missing,
    school_year_bounds,
)

BLANK_DATE = "«___» ____________ 20___ г."
DASH = "—"

# --- shared helpers -----------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """The non-empty lines of a text field, each a paragraph of the document."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _period(start: dt.date, end: dt.date) -> str:
    """«с «01» февраля 2026 г. по «31» октября 2026 г.»"""
    return f"с {date_long(start)} по {date_long(end)}"


def _duration(start: dt.date, end: dt.date) -> str:
    """The length of the period ``start``–``end`` (both days included) in calendar months and
    days, agreed with the nouns: «9 месяцев», «3 месяца 5 дней»."""
    from nastavnik.mentoring.periods import add_months

    after = end + dt.timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    while months > 0 and add_months(start, months) > after:
        months -= 1
    days = (after - add_months(start, months)).days
    parts = [agree(months, "месяц")] if months else []
    if days:
        parts.append(agree(days, "день"))
    return " ".join(parts)


def _dates(start: dt.date, end: dt.date) -> str:
    """«01.02.2026 – 15.02.2026», or one date when the activity takes one day."""
    if start == end:
        return date_short(start)
    return f"{date_short(start)} – {date_short(end)}"


def _moment(value: dt.datetime) -> str:
    """«12.03.2026, 15:00» in local time."""
    local = timezone.localtime(value)
    return f"{local:%d.%m.%Y}, {local:%H:%M}"


def _percent(part: int, total: int) -> str:
    """«67 %» (rounded; a no-break space before the sign)."""
    return f"{round(100 * part / total)}\u00a0%" if total else "0\u00a0%"


def _counted(n: int, noun: str, one: str, many: str, none: str) -> str:
    """A count with its verb and noun agreed: ``one`` after 1, 21… («проведена 1 встреча»),
    ``many`` otherwise («проведено 6 встреч»), ``none`` for zero («встречи не проводились»)."""
    if not n:
        return none
    verb = one if n % 10 == 1 and n % 100 != 11 else many
    return f"{verb} {agree(n, noun)}"


def _held(n: int) -> str:
    """«проведена 1 встреча», «проведено 6 встреч», «встречи не проводились»."""
    return _counted(n, "встреча", "проведена", "проведено", "встречи не проводились")


def _score(value) -> str:
    return DASH if value is None else str(value)


def _change(value) -> str:
    """A change of the self-assessed difficulty in points: «+2», «0», «−1»; «—» when unknown."""
    if value is None:
        return DASH
    return f"{value:+d}".replace("-", "−") if value else "0"


def _pairs_queryset():
    from nastavnik.mentoring.models import Pair

    return (
        Pair.objects.select_related("mentor__position", "mentee__position")
        .prefetch_related("mentor__employments__position", "mentee__employments__position")
        .order_by("mentee__last_name", "mentee__first_name", "mentee__middle_name", "pk")
    )


def _labelled_pairs() -> Prefetch:
    """The pairs with their people, for ``_program_label`` over many programs (one query)."""
    from nastavnik.mentoring.models import Pair

    return Prefetch("pairs", queryset=Pair.objects.select_related("mentor", "mentee"))


def working_pairs(pairs) -> list:
    """The pairs that carry a program (``pairs``: all its pairs, loaded): those not ended; when
    all have ended (a completed or terminated program), those that ended with the program;
    failing that, all of them."""
    from nastavnik.mentoring.choices import PairEndReason

    pairs = list(pairs)
    current = [p for p in pairs if p.ended_on is None]
    if current:
        return current
    ended_with_program = [
        p for p in pairs if p.end_reason in (PairEndReason.COMPLETED, PairEndReason.TERMINATED)
    ]
    return ended_with_program or pairs


def _participants(pairs) -> tuple[list, list]:
    """(mentors, mentees) of ``pairs``, each person once, in the pairs' order."""
    mentors: dict[int, Any] = {}
    mentees: dict[int, Any] = {}
    for pair in pairs:
        mentors.setdefault(pair.mentor_id, pair.mentor)
        mentees.setdefault(pair.mentee_id, pair.mentee)
    return list(mentors.values()), list(mentees.values())


def _program_label(program) -> str:
    """«№ 12: Наставникова М. П. – Молодцова М. П.» (the program's working pairs; prefetch
    ``pairs__mentor`` and ``pairs__mentee`` when labelling many, as ``candidates`` does)."""
    mentors, mentees = _participants(working_pairs(program.pairs.all()))
    names = ", ".join(m.short_name for m in mentors)
    if mentees:
        names += " – " + ", ".join(m.short_name for m in mentees)
    return f"№ {program.pk}: {names}" if names else f"№ {program.pk}"


def _positions_missing(people, organization, role: str) -> list[Missing]:
    """``common.position_missing`` for each person of ``people``."""
    return [item for person in people if (item := position_missing(person, organization, role))]


def _signer(role: str, forms_) -> dict:
    """A signature line: «Наставник, учитель математики ____ М. П. Наставникова»."""
    return {"role": role, "position": forms_.position.nom, "name": forms_.name.signature}


def plan_stages(items) -> list[dict]:
    """The activities of a plan (ordered by stage) grouped by stage (seed 004 §6.2.3): each
    ``{"name", "items"}``, an item ``{"number", "title", "dates", "product", "status"}`` with
    the mark of its execution and its comment («Выполнено: протокол ШМО № 2»)."""
    stages: list[dict] = []
    for number, item in enumerate(items, 1):
        if not stages or stages[-1]["pk"] != item.stage_id:
            stages.append({"pk": item.stage_id, "name": item.stage.name, "items": []})
        status = item.get_status_display()
        if item.evidence_note:
            status += f": {item.evidence_note}"
        stages[-1]["items"].append(
            {
                "number": number,
                "title": item.title,
                "dates": _dates(item.starts_on, item.ends_on),
                "product": item.expected_product or DASH,
                "status": status,
            }
        )
    return stages


# --- template pieces the builder does not have ------------------------------------------------


def _cell_text(cell, text: str, *, size: float, bold: bool = False, align=None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.text = text
    if align is not None:
        paragraph.alignment = align
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.bold = bold


def _repeat_header(row) -> None:
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _set_widths(table, widths: list[float] | None) -> None:
    """Column widths in cm, written both on the cells and on the table grid (LibreOffice reads
    the grid), with automatic fitting off."""
    if not widths:
        return
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if index < len(widths):
                cell.width = Cm(widths[index])


def _keyvalue_table(b, loop: str, key: str, value: str, *, widths=(6, 10.5), size: float = 11) -> None:
    """A bordered two-column table without a header row: one row per item of ``loop``, the
    key in bold on the left (a passport of a program)."""
    table = b.document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_text(table.rows[0].cells[0], f"{{%tr {loop} %}}", size=size)
    _cell_text(table.rows[1].cells[0], key, size=size, bold=True)
    _cell_text(table.rows[1].cells[1], value, size=size)
    _cell_text(table.rows[2].cells[0], "{%tr endfor %}", size=size)
    _set_widths(table, list(widths))
    b.blank()


def _grouped_table(
    b,
    headers: list[str],
    group: str,
    outer: str,
    inner: str,
    cells: list[str],
    *,
    widths: list[float] | None = None,
    size: float = 11,
) -> None:
    """A bordered table whose rows come in groups: for each item of ``outer`` a row spanning
    all columns with ``group`` (in bold), then one row per item of ``inner`` with ``cells``."""
    table = b.document.add_table(rows=7, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell, text, size=size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _repeat_header(table.rows[0])
    _cell_text(table.rows[1].cells[0], f"{{%tr {outer} %}}", size=size)
    _set_widths(table, widths)
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[-1])
    _cell_text(merged, group, size=size, bold=True)
    _cell_text(table.rows[3].cells[0], f"{{%tr {inner} %}}", size=size)
    for cell, text in zip(table.rows[4].cells, cells, strict=True):
        _cell_text(cell, text, size=size)
    _cell_text(table.rows[5].cells[0], "{%tr endfor %}", size=size)
    _cell_text(table.rows[6].cells[0], "{%tr endfor %}", size=size)
    b.blank()


def _plan_table(b, outer: str) -> None:
    """The plan of activities as a table grouped by stage (the items of :func:`plan_stages`)."""
    _grouped_table(
        b,
        ["№ п/п", "Мероприятие", "Сроки", "Ожидаемый продукт (результат)", "Отметка о выполнении"],
        "{{ stage.name }}",
        outer,
        "for item in stage['items']",
        [
            "{{ item.number }}",
            "{{ item.title }}",
            "{{ item.dates }}",
            "{{ item.product }}",
            "{{ item.status }}",
        ],
        widths=[1, 5.5, 3, 4, 3],
    )


def _signatures(b, loop: str = "for s in signers", *, size: float | None = None) -> None:
    """Signature lines without borders, one per item of ``loop`` (``role``, ``position``,
    ``name``): the role and position on the left, a line, the name on the right."""
    size = size or b.size
    table = b.document.add_table(rows=3, cols=3)
    _cell_text(table.rows[0].cells[0], f"{{%tr {loop} %}}", size=size)
    row = table.rows[1].cells
    _cell_text(row[0], "{{ s.role }}{% if s.position %}, {{ s.position }}{% endif %}", size=size)
    _cell_text(row[1], "____________", size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell_text(row[2], "{{ s.name }}", size=size, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _cell_text(table.rows[2].cells[0], "{%tr endfor %}", size=size)
    _set_widths(table, [8.5, 4, 4])


def _paragraphs(b, loop: str, text: str = "{{ line }}") -> None:
    """One justified paragraph per item of ``loop``."""
    b.tag(f"{{%p {loop} %}}")
    b.para(text)
    b.tag("{%p endfor %}")


# --- the subject: a personalized program ------------------------------------------------------


class _ProgramSubject(DocumentSpec):
    """A document about one ``mentoring.PersonalizedProgram`` (``Document.program``)."""

    subject = Subject.PROGRAM

    def subject_fields(self, subject) -> dict[str, Any]:
        return {"program": subject}

    def subject_of(self, document):
        return document.program

    def subject_label(self, subject) -> str:
        return _program_label(subject)

    def _program(self, subject):
        """``subject`` read again with everything the document prints: the reference entries, the
        curator, the pairs with their people and positions, the difficulties, the plan, the
        meetings (a fixed number of queries)."""
        from nastavnik.bank.models import Difficulty
        from nastavnik.mentoring.models import ActivityPlanItem, Meeting, PersonalizedProgram

        return (
            PersonalizedProgram.objects.select_related(
                "organization", "mentoring_form", "interaction_model", "stage", "curator__position"
            )
            .prefetch_related(
                "kinds",
                "curator__employments__position",
                Prefetch("pairs", queryset=_pairs_queryset()),
                Prefetch(
                    "difficulties",
                    queryset=Difficulty.objects.select_related("area", "mentee__person").order_by(
                        "area__sort_order", "area__name", "mentee__person__last_name", "diagnosed_on", "pk"
                    ),
                ),
                Prefetch(
                    "plan_items",
                    queryset=ActivityPlanItem.objects.select_related("stage").order_by(
                        "stage__sort_order", "starts_on", "pk"
                    ),
                ),
                Prefetch(
                    "meetings",
                    queryset=Meeting.objects.select_related("meeting_type").order_by("starts_at", "pk"),
                ),
            )
            .get(pk=subject.pk)
        )

    def _program_basics(self, program, organization) -> dict[str, Any]:
        """The common part of the context: the program's passport, its people as ``PersonForms``."""
        from nastavnik.mentoring.choices import ProgramFormat

        pairs = working_pairs(program.pairs.all())
        mentors, mentees = _participants(pairs)
        group = program.format == ProgramFormat.GROUP or len(mentees) > 1
        mentor_forms = [person_forms(m, organization) for m in mentors]
        mentee_forms = [person_forms(m, organization) for m in mentees]
        curator = person_forms(program.curator, organization) if program.curator_id else None
        kinds = "; ".join(
            lower_first(k.name) for k in sorted(program.kinds.all(), key=lambda k: k.sort_order)
        )
        passport = [
            {"label": "Образовательная организация", "value": organization.full_name},
            {"label": "Направление наставнической деятельности", "value": program.direction},
            {"label": "Форма наставничества", "value": f"«{program.mentoring_form.name}»"},
        ]
        if program.interaction_model_id:
            passport.append(
                {"label": "Модель взаимодействия", "value": f"«{program.interaction_model.name}»"}
            )
        if kinds:
            passport.append({"label": "Виды наставничества", "value": kinds})
        passport.append(
            {"label": "Формат", "value": "наставническая группа" if group else "наставническая пара"}
        )
        passport.append(
            {
                "label": "Срок реализации",
                "value": f"{_period(program.starts_on, program.ends_on)} "
                f"({_duration(program.starts_on, program.ends_on)})",
            }
        )
        if curator:
            passport.append(
                {
                    "label": "Куратор",
                    "value": f"{curator.name.nom}, {curator.position.nom}",
                }
            )
        passport.append(
            {
                "label": "Наставники" if len(mentor_forms) > 1 else "Наставник",
                "value": "\n".join(f"{m.name.nom}, {m.position.nom}" for m in mentor_forms),
            }
        )
        passport.append(
            {
                "label": "Наставляемые" if len(mentee_forms) > 1 else "Наставляемый",
                "value": "\n".join(f"{m.name.nom}, {m.position.nom}" for m in mentee_forms),
            }
        )
        return {
            "program": {
                "pk": program.pk,
                "direction": program.direction,
                "period": _period(program.starts_on, program.ends_on),
                "duration": _duration(program.starts_on, program.ends_on),
                "group": group,
                "status": program.get_status_display(),
            },
            "unit_gen": "наставнической группы" if group else "наставнической пары",
            "several": len(mentees) > 1,
            "mentee_gen": "наставляемых" if len(mentees) > 1 else "наставляемого",
            "passport": passport,
            "mentors": mentor_forms,
            "mentees": mentee_forms,
            "mentor": mentor_forms[0] if mentor_forms else None,
            "program_curator": curator,
        }

    def _participants_missing(self, program, organization) -> list[Missing]:
        pairs = working_pairs(program.pairs.select_related("mentor__position", "mentee__position"))
        if not pairs:
            return [
                Missing(
                    "В программе нет ни одного участника: сформируйте пару (группу) с наставником.",
                    reverse("mentoring:program_detail", args=[program.pk]),
                )
            ]
        mentors, mentees = _participants(pairs)
        prefetch_related_objects([*mentors, *mentees], "employments__position")
        return _positions_missing(mentors, organization, "наставник") + _positions_missing(
            mentees, organization, "наставляемый"
        )


# --- 1. The personalized program ---------------------------------------------------------------


class PersonalizedProgramSpec(_ProgramSubject):
    """The personalized mentoring program as a paper approved by the head (seed 000 §1.3, 001
    §1.3, 004 §1.3: forms and kinds, participants, direction, the list of activities aimed at the
    mentee's diagnosed difficulties; 004 §6.2.3: the five stages of the plan; 003 §4.7: the
    meetings of the pair or group).

    Context: ``org``, ``head`` (the approval block), ``program`` (``direction``, ``period``,
    ``duration``, ``group``), ``approval_date`` (the date of approval or a blank line),
    ``passport`` (label/value rows), ``difficulties``, ``goals`` and ``expected`` (paragraphs),
    ``stages`` (each with its ``items``), ``meetings``, ``signers``.

    Refused (``missing``) without the organization's address and head (with a position), a
    curator of the program, goals, expected results, addressed difficulties, an activity of the
    plan, participants with positions.
    """

    kind = DocumentKind.PERSONALIZED_PROGRAM
    source = "seed 000 §1.3; 001 §1.3; 004 §1.3, §6.2.3; 003 §4.7"
    package_folder = "Персонализированные программы"
    page = {"landscape": False, "size": 12}

    def candidates(self, organization):
        """The organization's programs that were not terminated."""
        from nastavnik.mentoring.choices import ProgramStatus
        from nastavnik.mentoring.models import PersonalizedProgram

        return (
            PersonalizedProgram.objects.filter(organization=organization)
            .exclude(status=ProgramStatus.TERMINATED)
            .prefetch_related(_labelled_pairs())
            .order_by("pk")
        )

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        program = subject
        edit = reverse("mentoring:program_edit", args=[program.pk])
        items = organization_missing(organization, head=True)
        if not program.curator_id:
            items.append(Missing("Назначьте куратора персонализированной программы.", edit))
        if not program.goals.strip():
            items.append(Missing("Укажите цели и задачи персонализированной программы.", edit))
        if not program.expected_results.strip():
            items.append(Missing("Укажите ожидаемые результаты персонализированной программы.", edit))
        if not program.difficulties.exists():
            items.append(
                Missing(
                    "Укажите профессиональные затруднения наставляемых, на устранение которых "
                    "направлена программа.",
                    edit,
                )
            )
        if not program.plan_items.exists():
            items.append(
                Missing(
                    "Добавьте в план программы хотя бы одно мероприятие.",
                    reverse("mentoring:plan_item_add", args=[program.pk]),
                )
            )
        items += self._participants_missing(program, organization)
        if program.curator_id:
            curator = people_with_positions().get(pk=program.curator_id)
            items += _positions_missing([curator], organization, "куратор программы")
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        from nastavnik.mentoring.choices import MeetingStatus

        program = self._program(subject)
        context = organization_context(organization)
        context.update(self._program_basics(program, organization))
        context["approval_date"] = date_long(program.approved_on) if program.approved_on else BLANK_DATE
        context["difficulties"] = [
            {
                "area": d.area.name,
                "mentee": d.mentee.person.short_name,
                "diagnosed": f"{d.get_source_display()}, {date_short(d.diagnosed_on)}",
                "description": d.description.strip() or DASH,
            }
            for d in program.difficulties.all()
        ]
        context["goals"] = _lines(program.goals)
        context["expected"] = _lines(program.expected_results)
        context["stages"] = plan_stages(program.plan_items.all())
        context["meetings"] = [
            {
                "number": index,
                "type": meeting.meeting_type.name,
                "when": _moment(meeting.starts_at),
                "format": meeting.get_format_display(),
                "status": meeting.get_status_display(),
            }
            for index, meeting in enumerate(
                (m for m in program.meetings.all() if m.status != MeetingStatus.CANCELLED), 1
            )
        ]
        signers = [_signer("Наставник", m) for m in context["mentors"]]
        signers += [_signer("Наставляемый", m) for m in context["mentees"]]
        signers.append(_signer("Куратор", context["program_curator"]))
        context["signers"] = signers
        return context

    def build(self, b) -> None:
        b.letterhead()
        b.approval_stamp(
            [
                "УТВЕРЖДАЮ",
                "{{ head.position.capitalized }} {{ org.short_name }}",
                "____________ {{ head.name.signature }}",
                "{{ approval_date }}",
            ]
        )
        b.center("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", bold=True)
        b.center("{{ unit_gen }}", bold=True)
        b.center("по направлению «{{ program.direction }}»", bold=True, space_after=12)

        b.heading("1. Паспорт программы")
        _keyvalue_table(b, "for row in passport", "{{ row.label }}", "{{ row.value }}")

        b.heading(
            "2. Профессиональные затруднения {{ mentee_gen }}, на устранение которых направлена программа"
        )
        b.para(
            "Программа направлена на устранение профессиональных затруднений {{ mentee_gen }}, "
            "выявленных в ходе диагностики, и на поддержку {{ 'их' if several else 'его' }} "
            "сильных сторон."
        )
        b.table(
            [
                "Область профессиональных затруднений",
                "Наставляемый",
                "Источник и дата диагностики",
                "Описание",
            ],
            ["{{ d.area }}", "{{ d.mentee }}", "{{ d.diagnosed }}", "{{ d.description }}"],
            loop="for d in difficulties",
            widths=[4.5, 3.5, 4, 4.5],
            size=11,
        )

        b.heading("3. Цели и задачи программы")
        _paragraphs(b, "for line in goals")

        b.heading("4. Ожидаемые результаты")
        _paragraphs(b, "for line in expected")

        b.heading("5. План мероприятий по реализации программы")
        b.para(
            "Мероприятия плана распределены по этапам реализации программы: подготовительному, "
            "проектировочному, реализационному, рефлексивно-аналитическому и результативному."
        )
        _plan_table(b, "for stage in stages")

        b.heading("6. Встречи наставника и {{ mentee_gen }}")
        b.para(
            "Работа {{ unit_gen }} включает встречу-знакомство, пробную рабочую встречу, "
            "встречу-планирование, комплекс последовательных встреч и итоговую встречу."
        )
        b.tag("{%p if meetings %}")
        b.para("Запланированные и проведённые встречи:", keep_with_next=True)
        b.table(
            ["№ п/п", "Вид встречи", "Дата и время", "Формат", "Отметка"],
            ["{{ m.number }}", "{{ m.type }}", "{{ m.when }}", "{{ m.format }}", "{{ m.status }}"],
            loop="for m in meetings",
            widths=[1, 5.5, 3.5, 3.5, 3],
            size=11,
        )
        b.tag("{%p else %}")
        b.para(
            "Даты встреч согласуются наставником и {{ 'наставляемыми' if several else 'наставляемым' }} "
            "и вносятся в журнал встреч программы."
        )
        b.tag("{%p endif %}")

        b.para("С программой ознакомлены, обязуются её выполнять:", indent=False, space_before=12)
        _signatures(b)


# --- 2. The mentor's report -------------------------------------------------------------------


class MentorReportSpec(_ProgramSubject):
    """The mentor's report on the implementation of a personalized program (seed 002 §10: «формы
    и сроки отчетности наставника»; 004 §6.2.3: «подготовка наставником отчета о реализации
    программы сопровождения»; 003 §4.8: the results of each pair or group; 004 §9.2: the
    self-assessment before and after).

    Context: the program's passport (as for the program), ``report`` (``date``, ``work_done``,
    ``results``, ``products``, ``recommendations`` as paragraphs, section numbers of the optional
    ones), ``meetings_total`` («проведено 6 встреч»), ``meeting_rows`` (type, count, dates),
    ``plan`` (done of total, rows), ``assessments`` (mentee, area, before, after, change),
    ``mentor_signers`` and ``curator_signer``.

    Refused without the mentor's report (filled on the program page), a curator of the program,
    the organization's address, participants with positions.
    """

    kind = DocumentKind.MENTOR_REPORT
    source = "seed 002 §10; 003 §4.8; 004 §6.2.3, §9"
    package_folder = "Отчёты наставников"
    page = {"landscape": False, "size": 12}

    def candidates(self, organization):
        """The organization's programs whose mentor has submitted the report."""
        from nastavnik.mentoring.models import PersonalizedProgram

        return (
            PersonalizedProgram.objects.filter(organization=organization, mentor_report__isnull=False)
            .prefetch_related(_labelled_pairs())
            .order_by("pk")
        )

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        from nastavnik.mentoring.models import MentorReport

        program = subject
        items = organization_missing(organization, head=False)
        if not MentorReport.objects.filter(program=program).exists():
            items.append(
                Missing(
                    "Наставник не представил отчёт о реализации программы: заполните его на странице программы.",
                    reverse("mentoring:mentor_report", args=[program.pk]),
                )
            )
        if not program.curator_id:
            items.append(
                Missing(
                    "Назначьте куратора персонализированной программы: он принимает отчёт.",
                    reverse("mentoring:program_edit", args=[program.pk]),
                )
            )
        items += self._participants_missing(program, organization)
        if program.curator_id:
            curator = people_with_positions().get(pk=program.curator_id)
            items += _positions_missing([curator], organization, "куратор программы")
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        from nastavnik.mentoring.choices import ActivityStatus, MeetingStatus, ProgramStatus
        from nastavnik.mentoring.models import MentorReport
        from nastavnik.mentoring.selectors.completion import mentee_assessments

        program = self._program(subject)
        report = MentorReport.objects.get(program=program)
        context = organization_context(organization)
        context.update(self._program_basics(program, organization))
        if program.status == ProgramStatus.COMPLETED and program.completed_on:
            status = f"завершена {date_long(program.completed_on)}"
        elif program.status == ProgramStatus.TERMINATED and program.terminated_on:
            status = f"прекращена {date_long(program.terminated_on)}"
        else:
            status = program.get_status_display().lower()
        context["passport"].append({"label": "Состояние программы", "value": status})
        if program.approved_on:
            context["passport"].append({"label": "Дата утверждения", "value": date_long(program.approved_on)})

        mentors = context["mentors"]
        if len(mentors) == 1:
            context["mentors_gen"] = f"наставника {mentors[0].name.gen}, {mentors[0].position.gen},"
        else:
            names = [f"{m.name.gen} ({m.position.gen})" for m in mentors]
            context["mentors_gen"] = f"наставников {', '.join(names[:-1])} и {names[-1]}"

        held = [m for m in program.meetings.all() if m.status == MeetingStatus.HELD]
        by_type: dict[int, dict] = {}
        for meeting in sorted(held, key=lambda m: (m.meeting_type.sort_order, m.starts_at)):
            row = by_type.setdefault(
                meeting.meeting_type_id, {"type": meeting.meeting_type.name, "count": 0, "dates": []}
            )
            row["count"] += 1
            row["dates"].append(timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y"))
        context["meetings_total"] = _held(len(held))
        context["meeting_rows"] = [{**row, "dates": ", ".join(row["dates"])} for row in by_type.values()]

        items = list(program.plan_items.all())
        done = sum(1 for i in items if i.status == ActivityStatus.DONE)
        cancelled = sum(1 for i in items if i.status == ActivityStatus.CANCELLED)
        context["plan"] = {
            "total": len(items),
            "done": done,
            "cancelled": cancelled,
            "share": _percent(done, len(items)),
            "stages": plan_stages(items),
        }

        # the self-assessment of difficulties before and after (monitoring's questionnaires)
        assessments = mentee_assessments(program, working_pairs(program.pairs.all()))
        context["assessments"] = [
            {
                "mentee": assessment.mentee.short_name,
                "area": row["area"].name,
                "before": _score(row["before"]),
                "after": _score(row["after"]),
                "change": _change(row["change"]),
            }
            for assessment in assessments
            for row in assessment.rows
            if row["before"] is not None or row["after"] is not None
        ]

        number = 6
        products = _lines(report.products)
        recommendations = _lines(report.recommendations)
        context["report"] = {
            "date": date_long(report.submitted_on),
            "work_done": _lines(report.work_done),
            "results": _lines(report.results),
            "products": products,
            "products_no": number + 1 if products else None,
            "recommendations": recommendations,
            "recommendations_no": number + 1 + bool(products) if recommendations else None,
        }
        context["mentor_signers"] = [_signer("Наставник", m) for m in mentors]
        context["curator_signer"] = [_signer("Куратор", context["program_curator"])]
        return context

    def build(self, b) -> None:
        b.letterhead()
        b.center("ОТЧЁТ", bold=True)
        b.center("о реализации персонализированной программы наставничества", bold=True)
        b.center("по направлению «{{ program.direction }}»", bold=True, space_after=12)
        b.two_columns("{{ report.date }}", "")
        b.blank()
        b.para(
            "Отчёт {{ mentors_gen }} подготовлен по итогам реализации персонализированной программы "
            "наставничества {{ unit_gen }} (срок реализации — {{ program.period }}) и представляется "
            "куратору программы."
        )

        b.heading("1. Сведения о программе")
        _keyvalue_table(b, "for row in passport", "{{ row.label }}", "{{ row.value }}")

        b.heading("2. Проделанная работа")
        _paragraphs(b, "for line in report.work_done")

        b.heading("3. Встречи наставника и {{ mentee_gen }}")
        b.para("За период реализации программы {{ meetings_total }}.")
        b.tag("{%p if meeting_rows %}")
        b.table(
            ["Вид встречи", "Количество", "Даты проведения"],
            ["{{ m.type }}", "{{ m.count }}", "{{ m.dates }}"],
            loop="for m in meeting_rows",
            widths=[6, 3, 7.5],
            size=11,
        )
        b.tag("{%p endif %}")

        b.heading("4. Выполнение плана мероприятий")
        b.para(
            "Выполнено мероприятий плана: {{ plan.done }} из {{ plan.total }} ({{ plan.share }})"
            "{% if plan.cancelled %}; отменено: {{ plan.cancelled }}{% endif %}."
        )
        _plan_table(b, "for stage in plan.stages")

        b.heading("5. Результаты самооценки {{ mentee_gen }}")
        b.tag("{%p if assessments %}")
        b.para(
            "Самооценка {{ mentee_gen }} по областям профессиональных затруднений до начала и по "
            "итогам программы (по шкале от 1 — затруднений нет — до 10 — очень серьёзные "
            "затруднения; отрицательное изменение означает снижение затруднений):",
            keep_with_next=True,
        )
        b.table(
            ["Наставляемый", "Область затруднений", "До программы", "После программы", "Изменение"],
            ["{{ a.mentee }}", "{{ a.area }}", "{{ a.before }}", "{{ a.after }}", "{{ a.change }}"],
            loop="for a in assessments",
            widths=[3.8, 5.2, 2.5, 2.5, 2.5],
            size=11,
        )
        b.tag("{%p else %}")
        b.para("Самооценка {{ mentee_gen }} по программе не проводилась.")
        b.tag("{%p endif %}")

        b.heading("6. Достигнутые результаты")
        _paragraphs(b, "for line in report.results")

        b.tag("{%p if report.products %}")
        b.heading("{{ report.products_no }}. Продукты деятельности {{ mentee_gen }}")
        _paragraphs(b, "for line in report.products")
        b.tag("{%p endif %}")

        b.tag("{%p if report.recommendations %}")
        b.heading("{{ report.recommendations_no }}. Рекомендации")
        _paragraphs(b, "for line in report.recommendations")
        b.tag("{%p endif %}")

        b.blank()
        _signatures(b, "for s in mentor_signers")
        b.para("{{ report.date }}", align="right", indent=False)
        b.para("Отчёт принят:", indent=False, bold=True, space_before=12)
        _signatures(b, "for s in curator_signer")
        b.para(BLANK_DATE, align="right", indent=False)


# --- 3. The curator's final analytical report --------------------------------------------------


class FinalReportParamsForm(ParamsForm):
    """The reporting period of the final report (by default the current school year)."""

    period_start = forms.DateField(
        label="Начало отчётного периода", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(
        label="Окончание отчётного периода", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Окончание отчётного периода не может быть раньше его начала.")
        return data


def organization_period_program(organization, start: dt.date, end: dt.date):
    """(the organization's own ``MentoringProgram`` for the period or ``None``, the program the
    selectors of ``mentoring.selectors.organization`` are given).

    The selectors take the programs of an organization's program: those linked to it, and those
    linked to none that overlap its period. The second value is an unsaved ``MentoringProgram``
    spanning exactly ``start``–``end`` and bearing the id of the organization's own program for
    the period (the one that overlaps it, the latest when several do), so that its linked
    programs count; with no own program the id is 0, which no row bears, so only the unlinked
    programs overlapping the period count. It is never saved.
    """
    from nastavnik.mentoring.models import MentoringProgram

    own = (
        MentoringProgram.objects.filter(organization=organization, starts_on__lte=end, ends_on__gte=start)
        .order_by("-starts_on", "-pk")
        .first()
    )
    standin = MentoringProgram(
        pk=own.pk if own else 0, organization=organization, title="", starts_on=start, ends_on=end
    )
    return own, standin


def _period_params(params: dict) -> tuple[dt.date | None, dt.date | None]:
    return parse_date(params.get("period_start")), parse_date(params.get("period_end"))


class FinalReportSpec(DocumentSpec):
    """The curator's final analytical report on the implementation of the target model of
    mentoring in the organization for a reporting period (seed 000 §4.1.2, 004 §6.2.2: «формирует
    итоговый аналитический отчет»; 001 §4.4.4; 003 §4.8: results of the pairs and of the school,
    best practices, incentives; 003 §5.2: «аналитическая справка»; 004 §9: monitoring; 002 §9:
    participation counts only a full cycle).

    ``params``: ``period_start``, ``period_end`` (ISO dates; by default the current school year).
    The personalized programs of the period are those of
    ``mentoring.selectors.organization.period_programs`` for :func:`organization_period_program`;
    the completed ones, the growth of self-assessment by area and the mentors proposed for
    incentives come from ``mentoring_program_results``.

    Context: ``period``, ``as_of``, ``own_program``, ``bank`` (mentors by status, mentees by
    category), ``pairs`` (rows), ``programs`` (by status), ``meetings``, ``completed``,
    ``full_cycle``, ``areas``, ``trainings``, ``incentives``, ``conclusions`` (sentences that
    follow from the numbers), ``curator`` and ``head`` signers.

    Refused without the organization's address, head and curator (with positions), without a
    period or with its end before its start, and when the period holds no pair and no program.
    """

    kind = DocumentKind.FINAL_REPORT
    subject = Subject.ORGANIZATION
    numbered = False
    params_form = FinalReportParamsForm
    source = "seed 000 §4.1.2; 001 §4.4.4; 003 §4.8, §5.2; 004 §9; 002 §9"
    package_folder = ""
    page = {"landscape": False, "size": 13}

    def initial_params(self, organization, subject) -> dict[str, Any]:
        start, end = school_year_bounds()
        return {"period_start": start.isoformat(), "period_end": end.isoformat()}

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        from nastavnik.mentoring.selectors.organization import period_programs

        items = organization_missing(organization, head=True, curator=True)
        start, end = _period_params(params)
        if start is None or end is None:
            items.append(Missing("Укажите начало и окончание отчётного периода."))
            return items
        if end < start:
            items.append(
                Missing(
                    f"Окончание отчётного периода ({date_short(end)}) раньше его начала "
                    f"({date_short(start)}): исправьте период."
                )
            )
            return items
        _, standin = organization_period_program(organization, start, end)
        has_programs = period_programs(standin).exists()
        if not has_programs and not self._pairs(organization, start, end).exists():
            items.append(
                Missing(
                    f"За период с {date_short(start)} по {date_short(end)} в организации нет ни "
                    "наставнических пар, ни персонализированных программ: отчёт не из чего составить. "
                    "Выберите другой отчётный период или сформируйте пары и программы.",
                    reverse("mentoring:program_list"),
                )
            )
        return items

    @staticmethod
    def _pairs(organization, start: dt.date, end: dt.date):
        """The organization's pairs that worked at some time in ``start``–``end``."""
        from nastavnik.mentoring.models import Pair

        return Pair.objects.filter(organization=organization, started_on__lte=end).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=start)
        )

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        from nastavnik.bank.choices import MentorStatus
        from nastavnik.bank.models import MenteeProfile, MentorProfile, MentorTraining
        from nastavnik.mentoring.choices import MeetingStatus, PairEndReason, ProgramFormat, ProgramStatus
        from nastavnik.mentoring.models import Meeting, MentorReport, Pair
        from nastavnik.mentoring.selectors.organization import mentoring_program_results, period_programs
        from nastavnik.monitoring.indicators.cycle import completed_pairs
        from nastavnik.monitoring.periods import range_period
        from nastavnik.reference.models import MeetingType, MenteeCategory

        start, end = _period_params(params)
        today = document.get("date") or timezone.localdate()
        as_of = min(end, today)
        own, standin = organization_period_program(organization, start, end)
        programs = period_programs(standin)
        context = organization_context(organization)

        # The bank (as of the report's date: the bank keeps the current state).
        mentor_counts = dict(
            MentorProfile.objects.filter(organization=organization)
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        mentor_rows = [
            {"label": label[:1].upper() + label[1:], "count": mentor_counts[value]}
            for value, label in MentorStatus.choices
            if mentor_counts.get(value)
        ]
        mentors_total = sum(mentor_counts.values())
        mentors_left = mentor_counts.get(MentorStatus.LEFT, 0)
        mentees = MenteeProfile.objects.filter(organization=organization)
        mentees_total = mentees.count()
        category_rows = self._category_rows(mentees, MenteeCategory)
        context["bank"] = {
            "mentors": mentor_rows,
            "mentors_total": mentors_total,
            "mentees": category_rows,
            "mentees_total": mentees_total,
            "summary": f"{agree(mentors_total, 'наставник')} и {agree(mentees_total, 'наставляемый')}",
        }

        # Pairs and groups.
        org_pairs = Pair.objects.filter(organization=organization)
        formed = org_pairs.filter(started_on__range=(start, end))
        formed_count = formed.count()
        formed_in_groups = formed.filter(program__format=ProgramFormat.GROUP).count()
        active = org_pairs.active(as_of).count()
        ended = dict(
            org_pairs.filter(ended_on__range=(start, end))
            .values_list("end_reason")
            .annotate(n=Count("pk"))
            .values_list("end_reason", "n")
        )
        ended_total = sum(ended.values())
        pair_rows = [
            {"label": "Сформировано наставнических пар «наставник – наставляемый»", "count": formed_count},
            {"label": "в том числе в составе наставнических групп", "count": formed_in_groups},
            {"label": f"Действуют на {date_short(as_of)}", "count": active},
            {"label": "Завершено пар", "count": ended_total},
        ]
        pair_rows += [
            {"label": f"в том числе: {lower_first(label)}", "count": ended[value]}
            for value, label in PairEndReason.choices
            if ended.get(value)
        ]
        groups = programs.filter(format=ProgramFormat.GROUP).count()
        context["pairs"] = {
            "rows": pair_rows,
            "formed": _counted(
                formed_count, "пара", "сформирована", "сформировано", "новые пары не формировались"
            ),
            "groups": groups,
        }

        # Personalized programs of the period by status.
        status_counts = dict(
            programs.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
        )
        programs_total = sum(status_counts.values())
        worked = status_counts.get(ProgramStatus.ACTIVE, 0) + status_counts.get(ProgramStatus.COMPLETED, 0)
        reported = (
            programs.filter(status__in=[ProgramStatus.ACTIVE, ProgramStatus.COMPLETED])
            .filter(pk__in=MentorReport.objects.values("program_id"))
            .count()
        )
        context["programs"] = {
            "rows": [
                {"label": label, "count": status_counts.get(value, 0)}
                for value, label in ProgramStatus.choices
            ],
            "total": programs_total,
            "total_text": agree(programs_total, "программа"),
            "as_of": date_long(today),
        }

        # Meetings held in the period.
        held = (
            Meeting.objects.filter(
                program__organization=organization,
                status=MeetingStatus.HELD,
                starts_at__date__range=(start, end),
            )
            .values("meeting_type_id")
            .annotate(n=Count("pk"))
        )
        held_by_type = {row["meeting_type_id"]: row["n"] for row in held}
        meetings_total = sum(held_by_type.values())
        context["meetings"] = {
            "rows": [
                {"label": t.name, "count": held_by_type[t.pk]}
                for t in MeetingType.objects.filter(pk__in=held_by_type).order_by("sort_order", "name")
            ],
            "total": meetings_total,
            "text": _held(meetings_total),
        }

        # Completed programs, the self-assessment by area, the mentors for incentives.
        results = mentoring_program_results(standin)
        completed_rows = []
        for index, program in enumerate(results["programs"], 1):
            pairs = working_pairs(program.pairs.all())
            mentors, program_mentees = _participants(pairs)
            completed_rows.append(
                {
                    "number": index,
                    "mentors": ", ".join(m.short_name for m in mentors),
                    "mentees": ", ".join(m.short_name for m in program_mentees),
                    "period": f"{date_short(program.starts_on)} – {date_short(program.ends_on)}",
                    "completed": date_short(program.completed_on),
                    "growth": program.growth_display,
                }
            )
        participants = set(Pair.objects.filter(program__in=programs).values_list("mentee_id", flat=True))
        # The full cycle is the monitoring indicator's (seed 002 §9): the same selection as the
        # federal figure and the analytical report, so that the documents never differ.
        full_profiles = list(
            MenteeProfile.objects.filter(
                person_id__in=completed_pairs(organization.path, range_period(start, end)).values("mentee_id")
            )
            .select_related("person__position")
            .prefetch_related("person__employments__position")
            .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
        )
        context["completed"] = {"rows": completed_rows, "text": agree(len(completed_rows), "программа")}
        context["full_cycle"] = {
            "rows": [
                {
                    "number": index,
                    "name": profile.person.full_name,
                    "position": person_position(profile.person, organization) or DASH,
                    "date": date_short(profile.full_cycle_completed_on) or DASH,
                }
                for index, profile in enumerate(full_profiles, 1)
            ],
            "count": len(full_profiles),
            "participants": len(participants),
            "text": _counted(
                len(full_profiles),
                "наставляемый",
                "прошёл",
                "прошли",
                "не прошёл ни один наставляемый",
            ),
        }
        context["areas"] = [
            {
                "name": row["area__name"],
                "mentees": row["mentees"],
                "before": row["before_display"],
                "after": row["after_display"],
                "growth": row["growth_display"],
            }
            for row in results["areas"]  # the areas where a difficulty was felt (1 is «none»)
        ]
        incentive_people = results["mentors"]
        prefetch_related_objects(incentive_people, "position", "employments__position")
        context["incentives"] = [
            {
                "number": index,
                "name": person.full_name,
                "position": person_position(person, organization) or DASH,
                "programs": person.completed_programs,
                "mentees": person.mentees_count,
            }
            for index, person in enumerate(incentive_people, 1)
        ]

        # Training of mentors in the period.
        trainings = list(
            MentorTraining.objects.filter(mentor__organization=organization, completed_on__range=(start, end))
            .select_related("mentor__person")
            .order_by("completed_on", "mentor__person__last_name", "pk")
        )
        trained_people = {t.mentor_id for t in trainings}
        context["trainings"] = {
            "rows": [
                {
                    "number": index,
                    "name": t.mentor.person.short_name,
                    "title": t.title,
                    "provider": t.provider or DASH,
                    "hours": t.hours or DASH,
                    "date": date_short(t.completed_on),
                }
                for index, t in enumerate(trainings, 1)
            ],
            "text": _counted(len(trained_people), "наставник", "прошёл", "прошли", ""),
        }

        context["period"] = {
            "text": _period(start, end),
            "start": date_long(start),
            "end": date_long(end),
            "as_of": date_long(as_of),
            "partial": as_of < end,
        }
        context["own_program"] = (
            {
                "title": own.title,
                "period": _period(own.starts_on, own.ends_on),
                "approved": date_long(own.approved_on) if own.approved_on else "",
                "results": _lines(own.results),
                "best_practices": _lines(own.best_practices),
            }
            if own
            else None
        )
        context["conclusions"] = self._conclusions(
            programs_total=programs_total,
            completed=len(completed_rows),
            full=len(full_profiles),
            participants=len(participants),
            areas=results["areas"],
            worked=worked,
            reported=reported,
            mentors_active=mentors_total - mentors_left,
            trained=len(trained_people),
            replaced=ended.get(PairEndReason.MENTOR_REPLACED, 0)
            + ended.get(PairEndReason.MENTOR_RELEASED, 0),
            terminated=status_counts.get(ProgramStatus.TERMINATED, 0),
        )
        curator, head = context["curator"], context["head"]
        context["curator_signer"] = [
            {
                "role": curator.position.capitalized,
                "position": "куратор реализации программ наставничества",
                "name": curator.name.signature,
            }
        ]
        best = bool(own and (own.best_practices.strip() or own.results.strip()))
        context["sections"] = {
            "best": 9 if best else None,
            "conclusions": 9 + best,
            "incentives": 10 + best,
        }
        context["head_signer"] = [
            {"role": head.position.capitalized, "position": "", "name": head.name.signature}
        ]
        context["acquainted"] = "ознакомлена" if head.female else "ознакомлен"
        return context

    @staticmethod
    def _category_rows(mentees, MenteeCategory) -> list[dict]:
        """Mentees of the bank by category (a mentee may be in several)."""
        through = mentees.model.categories.through
        counts = dict(
            through.objects.filter(menteeprofile__in=mentees)
            .values_list("menteecategory_id")
            .annotate(n=Count("menteeprofile_id", distinct=True))
            .values_list("menteecategory_id", "n")
        )
        return [
            {"label": category.name, "count": counts[category.pk]}
            for category in MenteeCategory.objects.filter(pk__in=counts).order_by("sort_order", "name")
        ]

    @staticmethod
    def _conclusions(
        *,
        programs_total: int,
        completed: int,
        full: int,
        participants: int,
        areas: list[dict],
        worked: int,
        reported: int,
        mentors_active: int,
        trained: int,
        replaced: int,
        terminated: int,
    ) -> list[str]:
        """Statements that follow from the numbers only (no judgement the data do not hold)."""
        from nastavnik.mentoring.selectors.organization import format_growth

        lines = []
        if programs_total:
            lines.append(
                f"Доля завершённых персонализированных программ от числа программ отчётного периода — "
                f"{_percent(completed, programs_total)} ({completed} из {programs_total})."
            )
        if participants:
            lines.append(
                "Доля наставляемых, прошедших полный цикл программы наставничества, от числа "
                f"участвовавших в программах отчётного периода — {_percent(full, participants)} "
                f"({full} из {participants})."
            )
        measured = [a for a in areas if a["growth"] is not None]
        if measured:
            grown = [a for a in measured if a["growth"] > 0]
            best = max(measured, key=lambda a: a["growth"])
            if len(grown) == len(measured):
                lines.append(
                    "По самооценке наставляемых затруднения по итогам завершённых программ снизились во "
                    "всех областях, в которых они отмечались."
                )
            elif not grown:
                lines.append(
                    "По самооценке наставляемых затруднения по итогам завершённых программ не снизились "
                    "ни в одной из областей, в которых они отмечались."
                )
            else:
                names = ", ".join(f"«{a['area__name']}»" for a in measured if a["growth"] <= 0)
                lines.append(
                    f"По самооценке наставляемых затруднения снизились в {len(grown)} из {len(measured)} "
                    f"областей; не снизились в областях: {names}."
                )
            if best["growth"] > 0:
                top = [f"«{a['area__name']}»" for a in measured if a["growth"] == best["growth"]]
                where = f"в области {top[0]}" if len(top) == 1 else f"в областях {', '.join(top)}"
                lines.append(
                    f"Наибольшее среднее снижение затруднений ({format_growth(best['growth'])} балла) — {where}."
                )
        if worked:
            lines.append(
                "Отчёты наставников представлены по реализуемым и завершённым программам: "
                f"{reported} из {worked} ({_percent(reported, worked)})."
            )
        if mentors_active:
            lines.append(
                "Доля наставников банка (без выбывших), прошедших обучение в отчётном периоде, — "
                f"{_percent(min(trained, mentors_active), mentors_active)} ({min(trained, mentors_active)} "
                f"из {mentors_active})."
            )
        if replaced:
            lines.append(
                "Пар, завершённых досрочно по заявлению наставника или ходатайству наставляемого: "
                f"{replaced}."
            )
        if terminated:
            lines.append(f"Прекращено персонализированных программ: {terminated}.")
        return lines

    def build(self, b) -> None:
        b.letterhead()
        b.center("АНАЛИТИЧЕСКАЯ СПРАВКА", bold=True)
        b.center("(итоговый аналитический отчёт куратора)", bold=True)
        b.center(
            "о реализации системы (целевой модели) наставничества педагогических работников",
            bold=True,
        )
        b.center("за период {{ period.text }}", bold=True, space_after=12)
        b.two_columns("{{ date_long }}", "")
        b.blank()

        b.heading("1. Общие сведения")
        b.para(
            "Справка подготовлена куратором реализации программ наставничества {{ curator.name.ins }}, "
            "{{ curator.position.ins }}, по итогам мониторинга реализации системы (целевой модели) "
            "наставничества педагогических работников в {{ org.short_name }} за отчётный период."
        )
        b.tag("{%p if period.partial %}")
        b.para("Отчётный период не завершён: сведения приведены по состоянию на {{ period.as_of }}")
        b.tag("{%p endif %}")
        b.tag("{%p if own_program %}")
        b.para(
            "Программа наставничества организации: «{{ own_program.title }}» (на период "
            "{{ own_program.period }}{% if own_program.approved %}, утверждена {{ own_program.approved }}"
            "{% endif %})."
        )
        b.tag("{%p endif %}")
        b.para(
            "Сведения сформированы по данным персонифицированного учёта наставников и наставляемых, "
            "персонализированных программ наставничества, журналов встреч, самооценки наставляемых "
            "и отчётов наставников."
        )

        b.heading("2. Банк наставников и наставляемых")
        b.para("В банке наставников и наставляемых на {{ date_long }} — {{ bank.summary }}.")
        b.tag("{%p if bank.mentors %}")
        b.para("Наставники по статусу:", indent=False, keep_with_next=True)
        b.table(
            ["Статус наставника", "Количество"],
            ["{{ r.label }}", "{{ r.count }}"],
            loop="for r in bank.mentors",
            widths=[12, 4.5],
            size=11,
        )
        b.tag("{%p endif %}")
        b.tag("{%p if bank.mentees %}")
        b.para(
            "Наставляемые по категориям (наставляемый может относиться к нескольким категориям):",
            indent=False,
            keep_with_next=True,
        )
        b.table(
            ["Категория наставляемых", "Количество"],
            ["{{ r.label }}", "{{ r.count }}"],
            loop="for r in bank.mentees",
            widths=[12, 4.5],
            size=11,
        )
        b.tag("{%p endif %}")

        b.heading("3. Наставнические пары и группы")
        b.para(
            "Наставнические пары «наставник – наставляемый»: в отчётном периоде {{ pairs.formed }}. "
            "Наставническая группа учитывается как пары наставника с каждым из наставляемых группы; "
            "наставнических групп среди программ отчётного периода — {{ pairs.groups }}."
        )
        b.table(
            ["Показатель", "Количество"],
            ["{{ r.label }}", "{{ r.count }}"],
            loop="for r in pairs.rows",
            widths=[12, 4.5],
            size=11,
        )

        b.heading("4. Персонализированные программы наставничества")
        b.para(
            "Отчётный период охватывает {{ programs.total_text }} наставничества (включая начатые до "
            "его начала и завершаемые после его окончания); их состояние на {{ programs.as_of }}:",
            keep_with_next=True,
        )
        b.table(
            ["Состояние программы", "Количество"],
            ["{{ r.label }}", "{{ r.count }}"],
            loop="for r in programs.rows",
            widths=[12, 4.5],
            size=11,
        )

        b.heading("5. Встречи наставников и наставляемых")
        b.para("Встречи наставников с наставляемыми: в отчётном периоде {{ meetings.text }}.")
        b.tag("{%p if meetings.rows %}")
        b.table(
            ["Вид встречи", "Проведено"],
            ["{{ r.label }}", "{{ r.count }}"],
            loop="for r in meetings.rows",
            widths=[12, 4.5],
            size=11,
        )
        b.tag("{%p endif %}")

        b.heading("6. Завершённые программы и полный цикл наставничества")
        b.tag("{%p if completed.rows %}")
        b.para("Завершено персонализированных программ: {{ completed.rows|length }}.", keep_with_next=True)
        b.table(
            [
                "№ п/п",
                "Наставник",
                "Наставляемые",
                "Срок реализации",
                "Дата завершения",
                "Снижение затруднений, баллов",
            ],
            [
                "{{ r.number }}",
                "{{ r.mentors }}",
                "{{ r.mentees }}",
                "{{ r.period }}",
                "{{ r.completed }}",
                "{{ r.growth }}",
            ],
            loop="for r in completed.rows",
            widths=[1, 3.2, 3.2, 2.7, 2.7, 3.7],
            size=10,
        )
        b.tag("{%p else %}")
        b.para("В отчётном периоде завершённых персонализированных программ нет.")
        b.tag("{%p endif %}")
        b.para(
            "Участием в программе наставничества считается прохождение полного цикла программы. "
            "Из наставляемых, участвовавших в программах отчётного периода ({{ full_cycle.participants }}), "
            "полный цикл {{ full_cycle.text }}."
        )
        b.tag("{%p if full_cycle.rows %}")
        b.table(
            ["№ п/п", "Наставляемый", "Должность", "Дата отметки о полном цикле"],
            ["{{ r.number }}", "{{ r.name }}", "{{ r.position }}", "{{ r.date }}"],
            loop="for r in full_cycle.rows",
            widths=[1.2, 6, 5.8, 3.5],
            size=11,
        )
        b.tag("{%p endif %}")

        b.heading("7. Динамика профессиональных затруднений наставляемых")
        b.tag("{%p if areas %}")
        b.para(
            "Средняя самооценка профессиональных затруднений наставляемых завершённых программ до и "
            "после программы по областям, в которых затруднения отмечались (шкала от 1 — затруднений "
            "нет — до 10 — очень серьёзные затруднения):",
            keep_with_next=True,
        )
        b.table(
            ["Область затруднений", "Наставляемых", "До программы", "После программы", "Снижение, баллов"],
            ["{{ r.name }}", "{{ r.mentees }}", "{{ r.before }}", "{{ r.after }}", "{{ r.growth }}"],
            loop="for r in areas",
            widths=[4.8, 3.4, 2.8, 2.8, 2.7],
            size=11,
        )
        b.tag("{%p else %}")
        b.para(
            "По самооценке до и после завершённых программ отчётного периода профессиональных затруднений "
            "у наставляемых не отмечено или самооценка не проводилась."
        )
        b.tag("{%p endif %}")

        b.heading("8. Обучение наставников")
        b.tag("{%p if trainings.rows %}")
        b.para("Обучение в отчётном периоде {{ trainings.text }}.", keep_with_next=True)
        b.table(
            ["№ п/п", "Наставник", "Программа обучения", "Организация", "Объём, ч", "Дата окончания"],
            [
                "{{ r.number }}",
                "{{ r.name }}",
                "{{ r.title }}",
                "{{ r.provider }}",
                "{{ r.hours }}",
                "{{ r.date }}",
            ],
            loop="for r in trainings.rows",
            widths=[1.1, 3.2, 4.6, 3.6, 1.6, 2.4],
            size=10,
        )
        b.tag("{%p else %}")
        b.para("Сведений об обучении наставников в отчётном периоде нет.")
        b.tag("{%p endif %}")

        b.tag("{%p if sections.best %}")
        b.heading("{{ sections.best }}. Лучшие наставнические практики и итоги программы организации")
        _paragraphs(b, "for line in own_program.best_practices")
        _paragraphs(b, "for line in own_program.results")
        b.tag("{%p endif %}")

        b.heading("{{ sections.conclusions }}. Выводы")
        _paragraphs(b, "for line in conclusions")

        b.heading("{{ sections.incentives }}. Предложения о поощрении наставников")
        b.tag("{%p if incentives %}")
        b.para(
            "Предлагается рассмотреть вопрос о поощрении наставников, завершивших реализацию "
            "персонализированных программ наставничества в отчётном периоде:",
            keep_with_next=True,
        )
        b.table(
            ["№ п/п", "Наставник", "Должность", "Завершено программ", "Наставляемых"],
            ["{{ r.number }}", "{{ r.name }}", "{{ r.position }}", "{{ r.programs }}", "{{ r.mentees }}"],
            loop="for r in incentives",
            widths=[1, 4.8, 4.5, 2.9, 3.3],
            size=11,
        )
        b.tag("{%p else %}")
        b.para(
            "Наставников, завершивших персонализированные программы в отчётном периоде, нет; "
            "предложения о поощрении не формируются."
        )
        b.tag("{%p endif %}")

        b.blank()
        _signatures(b, "for s in curator_signer")
        b.para("С аналитической справкой {{ acquainted }}:", indent=False, space_before=12)
        _signatures(b, "for s in head_signer")
        b.para(BLANK_DATE, align="right", indent=False)
