"""The papers of a personalized program: the personalized mentoring program itself (seed 000
§1.3, 001 §1.3, 004 §1.3, §6.2.3; 003 §4.7) and the mentor's report on it (seed 002 §10, 003
§4.8, 004 §6.2.3, §9). The curator's final report on the year is in ``specs.analytical``.

Everything printed comes from the data; a missing piece refuses the document (``Missing``)
rather than leaving a blank. What a program itself lacks is the one rule of its approval
(``mentoring.selectors.readiness.program_lacks``, issue 15 item 8).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from nastavnik.core.language import agree, date_long, date_short, lower_first
from nastavnik.documents.builder import keep_together
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    employments_prefetch,
    organization_context,
    organization_missing,
    person_forms,
)
from nastavnik.mentoring.selectors.readiness import Lack, program_lacks, working_pairs

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


def _felt(score) -> bool:
    """Whether a self-assessed difficulty was felt: a score above 1 («затруднений нет»)."""
    return score is not None and score > 1


def _change(value) -> str:
    """A change of the self-assessed difficulty in points: «+2», «0», «−1»; «—» when unknown."""
    if value is None:
        return DASH
    return f"{value:+d}".replace("-", "−") if value else "0"


def _pairs_queryset():
    from nastavnik.mentoring.models import Pair

    return (
        Pair.objects.select_related("mentor__position", "mentee__position")
        .prefetch_related(
            employments_prefetch("mentor__employments"), employments_prefetch("mentee__employments")
        )
        .order_by("mentee__last_name", "mentee__first_name", "mentee__middle_name", "pk")
    )


def _labelled_pairs() -> Prefetch:
    """The pairs with their people, for ``_program_label`` over many programs (one query)."""
    from nastavnik.mentoring.models import Pair

    return Prefetch("pairs", queryset=Pair.objects.select_related("mentor", "mentee"))


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


def _lacks_missing(lacks: list[Lack]) -> list[Missing]:
    """The ``Missing`` items of what a program lacks (``mentoring.selectors.readiness.Lack``):
    its instruction and the page where it is filled in."""
    return [Missing(lack.action, reverse(lack.url_name, args=lack.url_args)) for lack in lacks]


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
    ``name``): the role and position on the left, a line, the name on the right. The block never
    splits across pages and stays with the paragraph above it (``builder.keep_together``, issue
    15 item 4)."""
    size = size or b.size
    b.keep_previous_with_next()
    table = b.document.add_table(rows=3, cols=3)
    _cell_text(table.rows[0].cells[0], f"{{%tr {loop} %}}", size=size)
    row = table.rows[1].cells
    _cell_text(row[0], "{{ s.role }}{% if s.position %}, {{ s.position }}{% endif %}", size=size)
    _cell_text(row[1], "____________", size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell_text(row[2], "{{ s.name }}", size=size, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _cell_text(table.rows[2].cells[0], "{%tr endfor %}", size=size)
    _set_widths(table, [8.5, 4, 4])
    keep_together(table)


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
        from nastavnik.development.models import Deficit
        from nastavnik.mentoring.models import ActivityPlanItem, Meeting, PersonalizedProgram

        return (
            PersonalizedProgram.objects.select_related(
                "organization", "mentoring_form", "interaction_model", "stage", "curator__position"
            )
            .prefetch_related(
                "kinds",
                employments_prefetch("curator__employments"),
                Prefetch("pairs", queryset=_pairs_queryset()),
                Prefetch(
                    "deficits",
                    queryset=Deficit.objects.select_related("area", "person").order_by(
                        "area__sort_order", "area__name", "person__last_name", "diagnosed_on", "pk"
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
        """The organization's address and head, then what the program lacks by the one rule its
        approval also follows (``mentoring.selectors.readiness.program_lacks``, issue 15 item 8),
        each with the page where it is filled in."""
        return organization_missing(organization, head=True) + _lacks_missing(program_lacks(subject))

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        from nastavnik.mentoring.choices import MeetingStatus

        program = self._program(subject)
        context = organization_context(organization)
        context.update(self._program_basics(program, organization))
        context["approval_date"] = date_long(program.approved_on) if program.approved_on else BLANK_DATE
        context["difficulties"] = [
            {
                "area": d.area.name,
                "mentee": d.person.short_name,
                "diagnosed": f"{d.get_source_display()}, {date_short(d.diagnosed_on)}",
                "description": d.description.strip() or DASH,
            }
            for d in program.deficits.all()
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
                "{{ head.position.capitalized }} {{ org.short.gen }}",
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
    ``plan`` (done of total, rows), ``assessments`` (mentee, area, before, after, change; the areas where a difficulty was felt), ``assessments_other`` (other areas were assessed),
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
        items += _lacks_missing(program_lacks(program, codes=("curator", "participants", "position")))
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
            status = lower_first(program.get_status_display())
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
            if _felt(row["before"]) or _felt(row["after"])
        ]
        context["assessments_other"] = any(
            row["before"] is not None or row["after"] is not None
            for assessment in assessments
            for row in assessment.rows
            if not (_felt(row["before"]) or _felt(row["after"]))
        )

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
        b.tag("{%p if assessments_other %}")
        b.para("В остальных областях затруднений ни до, ни после программы не отмечено.")
        b.tag("{%p endif %}")
        b.tag("{%p elif assessments_other %}")
        b.para("По самооценке {{ mentee_gen }} затруднений ни до, ни после программы не отмечено.")
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
