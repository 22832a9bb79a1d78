"""The order fixing mentoring pairs and groups (seed 001 §4.4.2–4.4.3; 004 §1.6.6; 000 §1.3,
§4.1)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.language import DeclinedPhrase, agree, date_short
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    PersonForms,
    organization_context,
    organization_missing,
    person_forms,
    position_missing,
)
from nastavnik.documents.specs.orders.common import (
    ORDERS_FOLDER,
    _acquaintance_block,
    _acquainted,
    _appendix_stamp,
    _registered_regulation_order,
    issue_url,
)
from nastavnik.documents.specs.regulation import regulation_title

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


def learner_positions(people) -> dict[int, str]:
    """``{person id: «ученица 7 Б класса»}`` of the learners among ``people`` (issue 20): in the
    order a learner stands where a worker's position does. One query."""
    from nastavnik.documents.specs.consents.learners import learner_words
    from nastavnik.people.models import Learner

    by_id = {person.pk: person for person in people}
    return {
        learner.person_id: learner_words(learner, by_id[learner.person_id].sex == "F")["nom"]
        for learner in Learner.objects.filter(person_id__in=list(by_id))
    }


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
        # A valid consent, a minor's given by the representative (issue 20): the order stays in
        # the organization, where the curator and the head read a minor's data.
        from nastavnik.people.consent import valid_consent_person_ids

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
            valid_consent_person_ids().filter(person_id__in=list(people)).values_list("person_id", flat=True)
        )
        learning = learner_positions(people.values())
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
                if person.pk in learning:
                    continue  # a learner is named by the class or group (issue 20)
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

        learning = learner_positions([person for pair in pairs for person in (pair.mentor, pair.mentee)])

        def forms_of(person, home=organization) -> PersonForms:
            if person.pk not in forms_cache:
                forms_cache[person.pk] = person_forms(person, home)
                if person.pk in learning:
                    forms_cache[person.pk] = dataclasses.replace(
                        forms_cache[person.pk], position=DeclinedPhrase(learning[person.pk])
                    )
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
            widths=[0.9, 4.1, 4.1, 3.7, 3.7],
            size=11,
        )
