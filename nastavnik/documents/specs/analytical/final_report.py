"""The curator's final (or interim) analytical report on the target model of mentoring in the
organization for a period (seed 000 §4.1.2, §VI; 001 §4.4.4; 003 §4.8, §5.2; 004 §9; 002 §9).
Its rules are in :mod:`.final_rules`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Count, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.language import agree, date_long, date_short, lower_first
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.analytical.final_rules import (
    IndicatorRow,
    ReportFacts,
    final_report_title,
    indicator_rows,
    report_is_final,
    report_sections,
)
from nastavnik.documents.specs.analytical.monitoring_report import _lines
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    employments_prefetch,
    organization_context,
    organization_missing,
    parse_date,
    person_position,
    school_year_bounds,
)
from nastavnik.documents.specs.programs import (
    BLANK_DATE,
    DASH,
    _counted,
    _held,
    _paragraphs,
    _participants,
    _period,
    _signatures,
)
from nastavnik.mentoring.selectors.readiness import working_pairs


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


def _previous_label(start: dt.date, end: dt.date) -> str:
    """«с 01.09.2024 по 31.08.2025»: the period of the same length before ``start``–``end``
    (``monitoring.periods.Period.previous``), the indicators' comparison."""
    from nastavnik.monitoring.periods import range_period

    previous = range_period(start, end).previous()
    return f"с {date_short(previous.start)} по {date_short(previous.end)}"


#: The indicator that is a share of organizations: for one organization it says whether it
#: implements the target model, with the conditions it misses.
IMPLEMENTING_CODE = "implementing_organizations"


def _indicator_line(row: IndicatorRow, unmet: list[str] | None) -> dict:
    """A row of the table of indicators: ``title``, ``value``, ``previous``,
    ``meaning``. The share of organizations implementing the target model is, for one
    organization, «да» or «нет» with the conditions it misses (``unmet``)."""
    if row.code != IMPLEMENTING_CODE:
        return {
            "title": row.title,
            "value": row.text,
            "previous": row.previous_text,
            "meaning": row.meaning,
        }

    def said(value: float | None) -> str:
        return DASH if value is None else ("да" if value >= 100 else "нет")

    if unmet is None:
        meaning = "организация не относится к образовательным организациям, по которым считается показатель"
    elif unmet:
        meaning = "не выполнено: " + "; ".join(unmet)
    else:
        meaning = "выполнены все четыре условия реализации целевой модели"
    return {
        "title": "Организация реализует целевую модель наставничества",
        "value": said(row.value),
        "previous": said(row.previous),
        "meaning": meaning,
    }


def _unmet_conditions(organization, start: dt.date, end: dt.date) -> list[str] | None:
    """The conditions of implementing the target model that ``organization`` does not meet in
    the period, in Russian (``monitoring.indicators.implementing.CONDITIONS``, said as
    ``monitoring.reports.UNMET``); ``None`` when the indicator does not cover the organization
    (not an educational organization). One query."""
    from nastavnik.monitoring.indicators.implementing import CONDITIONS, organizations_with_conditions
    from nastavnik.monitoring.periods import range_period
    from nastavnik.monitoring.reports import UNMET

    row = (
        organizations_with_conditions(organization.path, range_period(start, end))
        .filter(pk=organization.pk)
        .first()
    )
    if row is None:
        return None
    return [UNMET.get(c.key, lower_first(c.label)) for c in CONDITIONS if not getattr(row, c.key)]


class FinalReportSpec(DocumentSpec):
    """The curator's analytical report on the implementation of the target model of mentoring in
    the organization for a reporting period (seed 000 §4.1.2, 004 §6.2.2: «формирует итоговый
    аналитический отчет»; 001 §4.4.4; 003 §4.8: results of the pairs and of the school, best
    practices, incentives; 003 §5.2: «аналитическая справка»; 004 §9, 000 §VI: monitoring; 002 §9:
    participation counts only a full cycle).

    It is «итоговый» only once its period has ended, else «промежуточный» (:func:`report_is_final`:
    its title, file name and text). Its figures are the monitoring indicators of the organization
    for the period (:func:`indicator_rows`), shown with what they are made of and beside the
    previous period, and its conclusions, recommendations and management decisions are written by
    rules from those figures and the organization's counts (:data:`FINAL_RULES`).

    ``params``: ``period_start``, ``period_end`` (ISO dates; by default the current school year).
    The personalized programs of the period are those of
    ``mentoring.selectors.organization.period_programs`` for :func:`organization_period_program`;
    the completed ones, the growth of self-assessment by area and the mentors proposed for
    incentives come from ``mentoring_program_results``.

    Context: ``report`` (``final``, ``kind_upper``), ``period``, ``indicators``, ``own_program``,
    ``bank``, ``pairs``, ``programs``, ``meetings``, ``completed``, ``full_cycle``, ``areas``,
    ``trainings``, ``incentives``, ``conclusions``, ``recommendations``, ``decisions``,
    ``sections`` (numbers), ``curator_signer`` and ``head_signer``.

    Refused without the organization's address, head and curator (with positions), without a
    period or with its end before its start, and when the period holds no pair and no program.
    """

    kind = DocumentKind.FINAL_REPORT
    subject = Subject.ORGANIZATION
    numbered = False
    params_form = FinalReportParamsForm
    source = "seed 000 §4.1.2, §VI; 001 §4.4.4; 003 §4.8, §5.2; 004 §9; 002 §9"
    package_folder = ""
    page = {"landscape": False, "size": 13}

    def document_title(self, subject, *, params: dict, date: dt.date) -> str:
        """:func:`final_report_title` of the period in ``params`` on ``date``."""
        start, end = _period_params(params or {})
        if start is None or end is None:
            return self.title(subject)
        return final_report_title(start, end, date)

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
        from nastavnik.mentoring.choices import (
            OPEN_PROGRAM_STATUSES,
            ActivityStatus,
            MeetingStatus,
            PairEndReason,
            ProgramFormat,
            ProgramStatus,
        )
        from nastavnik.mentoring.models import ActivityPlanItem, Meeting, MentorReport, Pair
        from nastavnik.mentoring.selectors.organization import mentoring_program_results, period_programs
        from nastavnik.monitoring.indicators.cycle import completed_pairs
        from nastavnik.monitoring.periods import range_period
        from nastavnik.reference.models import MeetingType, MenteeCategory

        start, end = _period_params(params)
        today = document.get("date") or timezone.localdate()
        as_of = min(end, today)
        final = report_is_final(end, today)
        own, standin = organization_period_program(organization, start, end)
        programs = period_programs(standin)
        context = organization_context(organization)
        context["report"] = {
            "final": final,
            "kind_upper": "ИТОГОВЫЙ" if final else "ПРОМЕЖУТОЧНЫЙ",
            "title": final_report_title(start, end, today),
        }

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
            .prefetch_related(employments_prefetch("person__employments"))
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
        prefetch_related_objects(incentive_people, "position", employments_prefetch())
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

        # Past their dates without a mark: planned meetings and activities of the open programs,
        # programs whose term has passed without the mentor's report.
        overdue_meetings = Meeting.objects.filter(
            program__in=programs,
            program__status__in=OPEN_PROGRAM_STATUSES,
            status=MeetingStatus.PLANNED,
            starts_at__date__lt=as_of,
        ).count()
        overdue_items = ActivityPlanItem.objects.filter(
            program__in=programs,
            program__status__in=OPEN_PROGRAM_STATUSES,
            status__in=[ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS],
            ends_on__lt=as_of,
        ).count()
        unreported = (
            Pair.objects.filter(
                program__in=programs.filter(
                    status__in=[ProgramStatus.ACTIVE, ProgramStatus.COMPLETED], ends_on__lt=as_of
                ).exclude(pk__in=MentorReport.objects.values("program_id"))
            )
            .select_related("mentor")
            .order_by("mentor__last_name", "mentor__first_name", "pk")
        )
        unreported_mentors = list(dict.fromkeys(p.mentor.short_name for p in unreported))

        indicators = indicator_rows(organization, start, end)
        unmet = _unmet_conditions(organization, start, end)
        context["indicators"] = [_indicator_line(row, unmet) for row in indicators.values()]
        context["previous_label"] = _previous_label(start, end)

        context["period"] = {
            "text": _period(start, end),
            "start": date_long(start),
            "end": date_long(end),
            "as_of": date_long(as_of),
            "partial": not final,
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
        facts = ReportFacts(
            indicators=indicators,
            final=final,
            unmet=unmet,
            programs_total=programs_total,
            completed=len(completed_rows),
            participants=len(participants),
            full=len(full_profiles),
            worked=worked,
            reported=reported,
            unreported_mentors=unreported_mentors,
            overdue_meetings=overdue_meetings,
            overdue_items=overdue_items,
            mentors_active=mentors_total - mentors_left,
            trained=len(trained_people),
            areas=results["areas"],
            incentives=len(context["incentives"]),
        )
        context.update(report_sections(facts))
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
            "best": 10 if best else None,
            "conclusions": 10 + best,
            "recommendations": 11 + best,
            "decisions": 12 + best,
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

    def build(self, b) -> None:
        b.letterhead()
        b.center("{{ report.kind_upper }} АНАЛИТИЧЕСКИЙ ОТЧЁТ КУРАТОРА", bold=True)
        b.center(
            "о реализации системы (целевой модели) наставничества педагогических работников",
            bold=True,
        )
        b.center("за период {{ period.text }}", bold=True, space_after=12)
        b.two_columns("{{ date_long }}", "")
        b.blank()

        b.heading("1. Общие сведения")
        b.para(
            "Отчёт подготовлен куратором реализации программ наставничества {{ curator.name.ins }}, "
            "{{ curator.position.ins }}, по итогам мониторинга реализации системы (целевой модели) "
            "наставничества педагогических работников в {{ org.short.pre }} за отчётный период."
        )
        b.tag("{%p if period.partial %}")
        b.para(
            "Отчётный период ещё не завершён (он оканчивается {{ period.end }}): отчёт промежуточный, "
            "итоговый составляется после окончания периода; сведения приведены по состоянию на "
            "{{ period.as_of }}"
        )
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

        b.heading("2. Показатели мониторинга")
        b.para(
            "Показатели рассчитаны системой по первичным данным так же, как в разделе «Мониторинг», за "
            "отчётный период и за предыдущий период той же длительности ({{ previous_label }}); в "
            "последней графе — из чего складывается значение.",
            keep_with_next=True,
        )
        b.table(
            ["Показатель", "Значение", "Предыдущий период", "Из чего складывается"],
            ["{{ r.title }}", "{{ r.value }}", "{{ r.previous }}", "{{ r.meaning }}"],
            loop="for r in indicators",
            widths=[4.6, 2.1, 2.8, 7.0],
            size=10,
        )

        b.heading("3. Банк наставников и наставляемых")
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

        b.heading("4. Наставнические пары и группы")
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

        b.heading("5. Персонализированные программы наставничества")
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

        b.heading("6. Встречи наставников и наставляемых")
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

        b.heading("7. Завершённые программы и полный цикл наставничества")
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

        b.heading("8. Динамика профессиональных затруднений наставляемых")
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

        b.heading("9. Обучение наставников")
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

        b.heading("{{ sections.recommendations }}. Рекомендации")
        _paragraphs(b, "for line in recommendations")

        b.heading("{{ sections.decisions }}. Управленческие решения")
        _paragraphs(b, "for line in decisions")
        b.tag("{%p if incentives %}")
        b.para("Наставники, предлагаемые к поощрению:", indent=False, keep_with_next=True)
        b.table(
            ["№ п/п", "Наставник", "Должность", "Завершено программ", "Наставляемых"],
            ["{{ r.number }}", "{{ r.name }}", "{{ r.position }}", "{{ r.programs }}", "{{ r.mentees }}"],
            loop="for r in incentives",
            widths=[1, 4.8, 4.5, 2.9, 3.3],
            size=11,
        )
        b.tag("{%p endif %}")

        b.blank()
        _signatures(b, "for s in curator_signer")
        b.para("С отчётом {{ acquainted }}:", indent=False, space_before=12)
        _signatures(b, "for s in head_signer")
        b.para(BLANK_DATE, align="right", indent=False)
