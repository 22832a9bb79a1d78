"""The supplementary agreement to a mentor's employment contract: the additional work of
mentoring, its term and its pay (seed 004 §1.6.4; ТК РФ ст. 60.2, 72, 151)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Prefetch
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from nastavnik.core.language import date_long
from nastavnik.documents.builder import keep_together
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    MentorProfileSubject,
    organization_context,
    organization_missing,
    parse_date,
    people_with_positions,
    person_forms,
    position_missing,
)
from nastavnik.documents.specs.orders import issue_url
from nastavnik.documents.specs.personnel.common import (
    _date_widget,
    _issued,
    _mentees_phrase,
    _mentor_consent_missing,
    _open_pairs,
    _personal_data_missing,
    current_mentors,
    payment_order,
)
from nastavnik.documents.specs.personnel.pay import (
    PAY_KEYS,
    REGULATION_KEYS,
    PayForm,
    _pay_context,
    default_period,
    pay_errors,
    pay_regulation_missing,
)
from nastavnik.documents.specs.regulation import regulation_title


class AgreementPayForm(PayForm):
    """The employment contract the agreement supplements, the agreement's own number, the pay."""

    contract_date = forms.DateField(label="Трудовой договор от", widget=_date_widget())
    contract_number = forms.CharField(
        label="№ трудового договора", max_length=32, required=False, help_text="Пусто — строка для номера."
    )
    agreement_number = forms.CharField(
        label="№ дополнительного соглашения",
        max_length=32,
        required=False,
        help_text="Порядковый номер соглашения к этому трудовому договору; пусто — строка для номера.",
    )

    field_order = ["contract_date", "contract_number", "agreement_number", *PAY_KEYS, *REGULATION_KEYS]


#: The additional work of a mentor the agreement names (seed 000 §5.1.2; 004 §6.2.3; 003 §4.7).
MENTOR_WORK = (
    "разработка совместно с наставляемым персонализированной программы наставничества и сопровождение "
    "её выполнения",
    "проведение встреч с наставляемым (знакомство, планирование, серия рабочих встреч, итоговая встреча)",
    "оказание наставляемому методической и консультационной помощи в преодолении профессиональных "
    "затруднений",
    "представление куратору реализации программ наставничества отчёта о реализации персонализированной "
    "программы наставничества",
)


class MentorPaymentAgreementSpec(MentorProfileSubject, DocumentSpec):
    """«Дополнительное соглашение к трудовому договору» of one mentor (seed 004 §1.6.4; ТК РФ
    ст. 60.2: the content, the term and the volume of additional work are set with the worker's
    written consent; ст. 72: a change of the contract's terms is agreed in writing; ст. 151: the
    доплата is set by agreement): the additional work of mentoring the mentor's mentees of the
    organization's open pairs, its term and its pay, the right of either side to end it early
    (ст. 60.2 part 4). Made in two copies.

    Subject: the mentor's bank profile (``MentorProfile``) of a person employed in the
    organization with an open pair there. Params (``AgreementPayForm``): ``contract_date``,
    ``contract_number``, ``agreement_number`` and the pay of ``PayForm``; by default the pay of
    the latest payment order naming the mentor, the contract of the mentor's previous agreement
    or the date of hire.
    """

    kind = DocumentKind.MENTOR_PAYMENT_AGREEMENT
    subject = Subject.MENTOR
    params_form = AgreementPayForm
    source = "seed 004 §1.6.4; seed 000 §3.4; ТК РФ ст. 60.2, 72, 151"
    package_folder = "Дополнительные соглашения"

    def candidates(self, organization):
        """Bank profiles of the current mentors of ``organization`` (:func:`current_mentors`)."""
        return self.mentor_profiles(person__in=current_mentors(organization).values("pk"))

    def initial_params(self, organization, subject) -> dict[str, Any]:
        """The period of :func:`default_period`, a доплата in roubles; the contract dated the
        day of hire into the organization."""
        from nastavnik.people.models import Employment

        starts_on, ends_on = default_period()
        hired = (
            Employment.objects.current()
            .filter(person_id=subject.person_id, organization=organization)
            .values_list("started_on", flat=True)
            .first()
        )
        return {
            "contract_date": hired.isoformat() if hired else None,
            "contract_number": "",
            "agreement_number": "",
            "payment": "additional_work",
            "amount_kind": "rub",
            "amount": None,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "pay_regulation_date": None,
            "pay_regulation_number": "",
        }

    def default_params(self, organization, subject) -> dict[str, Any]:
        """:meth:`initial_params`, the contract of this mentor's previous agreement, the pay of
        the latest payment order naming the mentor (never another mentor's contract)."""
        from nastavnik.documents.models import Document

        params = self.initial_params(organization, subject)
        previous = (
            Document.objects.filter(organization=organization, kind=self.kind, person_id=subject.person_id)
            .order_by("-date", "-pk")
            .values_list("params", flat=True)
            .first()
        )
        if previous:
            params.update(
                {key: previous[key] for key in ("contract_date", "contract_number") if previous.get(key)}
            )
        order = payment_order(organization, subject.person_id)
        if order is not None:
            params.update(
                {key: order.params[key] for key in (*PAY_KEYS, *REGULATION_KEYS) if key in order.params}
            )
        return params

    def _pairs(self, organization, subject):
        from nastavnik.people.models import Employment

        employments = Employment.objects.select_related("position")
        return list(
            _open_pairs()
            .filter(organization=organization, mentor_id=subject.person_id)
            .select_related("mentee__position", "program")
            .prefetch_related(Prefetch("mentee__employments", queryset=employments))
        )

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The address and the head; the mentor employed in the organization with an open pair
        there, a written consent and a position; the contract's date; the pay and its period;
        the pay regulation's requisites."""
        url = issue_url(self.kind.value) + f"?organization={organization.pk}&subject={subject.pk}"
        items = organization_missing(organization, head=True)
        person = people_with_positions().filter(pk=subject.person_id).first()
        if not current_mentors(organization).filter(pk=subject.person_id).exists():
            items.append(
                Missing(
                    f"{person.full_name} не работает в организации или не наставник её действующих пар: "
                    "дополнительное соглашение заключается с работником-наставником.",
                    url,
                )
            )
        else:
            if item := _mentor_consent_missing(person):
                items.append(item)
            if item := position_missing(person, organization, "наставник"):
                items.append(item)
            items.extend(_personal_data_missing([person]))
        if parse_date(params.get("contract_date")) is None:
            items.append(Missing("Укажите дату трудового договора работника.", url))
        items.extend(Missing(error, url) for error in pay_errors(params))
        items.extend(pay_regulation_missing(params, url))
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, ``mentor`` (``PersonForms``), ``w`` (words agreed with the sex of
        the mentor and of the head), ``mentees`` (genitive), ``contract`` (``date``, ``number``),
        ``agreement_number``, ``pay``, ``pay_regulation``, ``order`` (the payment order naming the
        mentor, ``IssuedOrder`` or ``None``), ``regulation_title_ins``, ``work``."""
        context = organization_context(organization)
        person = people_with_positions().get(pk=subject.person_id)
        mentor = person_forms(person, organization)
        mentees = [person_forms(pair.mentee, organization) for pair in self._pairs(organization, subject)]
        mentees.sort(key=lambda p: (p.name.last_name, p.name.first_name, p.pk))
        head = context["head"]
        context.update(_pay_context(organization, params))
        context.update(
            mentor=mentor,
            mentees=_mentees_phrase(mentees, "gen"),
            w={
                "head_acting": "действующей" if head.female else "действующего",
                "named": "именуемая" if mentor.female else "именуемый",
            },
            contract={
                "date": date_long(parse_date(params["contract_date"])),
                "number": (params.get("contract_number") or "").strip() or "______",
            },
            agreement_number=(params.get("agreement_number") or "").strip() or "___",
            order=_issued(payment_order(organization, subject.person_id)),
            regulation_title_ins=regulation_title(organization, "ablt"),
            work=[f"– {line};" for line in MENTOR_WORK[:-1]] + [f"– {MENTOR_WORK[-1]}."],
        )
        return context

    def build(self, b) -> None:
        b.center("ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № {{ agreement_number }}", bold=True)
        b.center(
            "к трудовому договору от {{ contract.date }} № {{ contract.number }}", bold=True, space_after=12
        )
        b.two_columns("{{ org.place }}", "{{ date_long }}")
        b.para(
            "{{ org.full_name }} (далее – Работодатель) в лице {{ head.position.gen }} {{ head.name.gen }}, "
            "{{ w.head_acting }} на основании устава, с одной стороны, и {{ mentor.name.nom }}, "
            "{{ mentor.position.nom }}, {{ w.named }} в дальнейшем «Работник», с другой стороны, заключили "
            "настоящее дополнительное соглашение к трудовому договору о нижеследующем:",
            space_before=12,
        )
        b.para(
            "1. С письменного согласия Работника Работодатель поручает ему выполнение в течение установленной "
            "продолжительности рабочего дня наряду с работой, определённой трудовым договором, дополнительной "
            "работы наставника (статья 60.2 Трудового кодекса Российской Федерации): наставничества в "
            "отношении {{ mentees }}, в соответствии с {{ regulation_title_ins }}."
        )
        b.para("2. Содержание дополнительной работы:", keep_with_next=True)
        b.tag("{%p for line in work %}")
        b.para("{{ line }}")
        b.tag("{%p endfor %}")
        b.para("3. Срок выполнения дополнительной работы: с {{ pay.starts }} по {{ pay.ends }}")
        b.para(
            "4. За выполнение дополнительной работы Работнику устанавливается "
            "{% if pay.incentive %}стимулирующая выплата за важность выполняемой работы{% else %}доплата "
            "(статья 151 Трудового кодекса Российской Федерации){% endif %} в размере {{ pay.amount }} "
            "в соответствии с {{ pay_regulation }}{% if order %} и приказом от {{ order.date }} "
            "№ {{ order.number }}{% endif %}. Выплата производится ежемесячно пропорционально отработанному "
            "времени."
        )
        b.para(
            "5. Работник вправе досрочно отказаться от выполнения дополнительной работы, а Работодатель – "
            "досрочно отменить поручение о её выполнении, предупредив другую сторону в письменной форме не "
            "позднее чем за три рабочих дня (часть четвёртая статьи 60.2 Трудового кодекса Российской "
            "Федерации). Выплата прекращается со дня, следующего за днём прекращения дополнительной работы."
        )
        b.para(
            "6. Остальные условия трудового договора не изменяются. Настоящее дополнительное соглашение "
            "является неотъемлемой частью трудового договора и вступает в силу со дня его подписания "
            "сторонами."
        )
        b.para(
            "7. Настоящее дополнительное соглашение составлено в двух экземплярах, имеющих одинаковую "
            "юридическую силу, по одному для каждой из сторон (статья 72 Трудового кодекса Российской "
            "Федерации)."
        )
        b.keep_previous_with_next()
        b.heading("Подписи сторон")
        table = b.document.add_table(rows=1, cols=2)
        columns = (
            (
                "Работодатель:",
                "{{ org.full_name }}",
                "{{ org.address }}",
                "{{ head.position.capitalized }}",
                "____________ {{ head.name.signature }}",
                "М. П.",
            ),
            (
                "Работник:",
                "{{ mentor.name.nom }}",
                "{{ mentor.position.capitalized }}",
                "",
                "____________ {{ mentor.name.signature }}",
                "",
            ),
        )
        for cell, lines in zip(table.rows[0].cells, columns, strict=True):
            cell.paragraphs[0].text = lines[0]
            for run in cell.paragraphs[0].runs:
                run.bold = True
            for line in lines[1:]:
                paragraph = cell.add_paragraph(line)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                paragraph.paragraph_format.space_before = Pt(4)
        keep_together(table)
        b.para(
            "Экземпляр дополнительного соглашения получил(а): ____________ {{ mentor.name.signature }}    "
            "«___» ____________ 20___ г.",
            align="left",
            indent=False,
            space_before=12,
        )
