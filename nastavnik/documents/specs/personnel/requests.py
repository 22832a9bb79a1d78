"""The orders replacing a mentor and ending mentoring early, issued on the participants'
requests or a program's termination (seed 000 §5.1.1, §5.2.1; 001 §4.4.3; 004 §1.6.6), and the
links to them on a decided request's page (:func:`request_papers`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.language import date_long, date_short
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    PersonForms,
    organization_context,
    organization_missing,
    people_with_positions,
    person_forms,
    position_missing,
)
from nastavnik.documents.specs.orders import ORDERS_FOLDER, _acquaintance_block, _acquainted, issue_url
from nastavnik.documents.specs.personnel.common import (
    _issued,
    _mentor_consent_missing,
    _open_pairs,
    _personal_data_missing,
    _short_gen,
    _text,
    fixing_order,
    payment_order,
)
from nastavnik.documents.specs.regulation import regulation_title


def _ended_pairs(organization):
    from nastavnik.mentoring.models import Pair

    return Pair.objects.filter(organization=organization, ended_on__isnull=False).select_related(
        "mentor", "mentee", "program"
    )


def _approved(pair):
    """The approved request that ended ``pair`` (with its people loaded), or ``None``."""
    from nastavnik.mentoring.choices import RequestStatus
    from nastavnik.mentoring.models import PairRequest

    return (
        PairRequest.objects.filter(pair=pair, status=RequestStatus.APPROVED)
        .select_related("new_pair__mentor")
        .order_by("-decided_at", "-pk")
        .first()
    )


def request_context(request, mentor: PersonForms, mentee: PersonForms) -> dict[str, Any]:
    """``request``: how the order names the request it is issued on — ``acc`` («ходатайство
    Петровой Анны Сергеевны о замене наставника от 5 ноября 2026 г.»), ``basis`` (the same for
    «Основание:», with the short name and date), ``reason`` (the author's text), ``decided``
    (the date of the decision in words), ``comment`` (the decision's comment)."""
    from nastavnik.mentoring.choices import RequestKind

    submitted = timezone.localdate(request.submitted_at)
    decided = timezone.localdate(request.decided_at) if request.decided_at else None
    if request.kind == RequestKind.CHANGE_MENTOR:
        noun, author, about = "ходатайство", mentee, "о замене наставника"
    else:
        noun, author = "заявление", mentor
        about = f"о сложении с {'неё' if mentor.female else 'него'} обязанностей наставника"
    return {
        "acc": f"{noun} {author.name.gen} {about} от {date_long(submitted)}",
        "basis": f"{noun} {_short_gen(author.name)} {about} от {date_short(submitted)}",
        "noun_gen": "ходатайства" if noun == "ходатайство" else "заявления",
        "reason": _text(request.reason),
        "decided": date_short(decided) if decided else "",
        "comment": _text(request.decision_comment),
    }


class _PairOrderSpec(DocumentSpec):
    """An order about one ended pair of the organization (the subject), issued on the request
    that ended it or on the program's termination."""

    subject = Subject.PAIR
    numbered = True
    package_folder = ORDERS_FOLDER

    def subject_fields(self, subject) -> dict[str, Any]:
        return {"pair": subject}

    def subject_of(self, document):
        return document.pair

    def _people(self, pair) -> list:
        """The people the order names."""
        return [pair.mentor, pair.mentee]

    def _common_missing(self, organization, subject) -> list[Missing]:
        items = organization_missing(organization, head=True, curator=True)
        people = people_with_positions().in_bulk([p.pk for p in self._people(subject)])
        roles = dict(zip((p.pk for p in self._people(subject)), self._roles(), strict=False))
        for pk, person in people.items():
            if item := position_missing(person, organization, roles.get(pk, "")):
                items.append(item)
        items.extend(_personal_data_missing(people.values()))
        return items

    def _roles(self) -> tuple[str, ...]:
        return ("наставник", "наставляемый")

    def _base_context(self, organization, pair) -> dict[str, Any]:
        """``org``, ``head``, ``curator``, ``mentor``, ``mentee`` (``PersonForms``),
        ``ended`` (in words), ``ended_next`` (the next day, in words), ``program`` (``starts``,
        ``ends`` in words, or ``None``), ``fixing`` and ``payment`` (``IssuedOrder`` or ``None``:
        the order that fixed the pair, the payment order in force for the mentor on the day the
        pair ended), ``regulation_title_ins``."""
        context = organization_context(organization)
        people = people_with_positions().in_bulk([pair.mentor_id, pair.mentee_id])
        program = pair.program
        context.update(
            mentor=person_forms(people[pair.mentor_id], organization),
            mentee=person_forms(people[pair.mentee_id], organization),
            ended=date_long(pair.ended_on),
            ended_next=date_long(pair.ended_on + dt.timedelta(days=1)),
            program=(
                {"starts": date_long(program.starts_on), "ends": date_long(program.ends_on)}
                if program
                else None
            ),
            fixing=_issued(fixing_order(pair)),
            payment=_issued(payment_order(organization, pair.mentor_id, pair.ended_on)),
            regulation_title_ins=regulation_title(organization, "ablt"),
        )
        return context


class OrderMentorReplacementSpec(_PairOrderSpec):
    """«О замене наставника» (seed 000 §5.2.1: the mentee asks for another mentor; §5.1.1: a mentor
    asks to be released; 001 §4.4.3: the head fixes mentors by order; 004 §1.6.6: with the new
    mentor's written consent): issued on the approved request that ended the pair and gave the
    mentee a new mentor (``PairRequest.new_pair``). It releases the mentor, appoints the new one
    for the rest of the personalized program, amends the order that fixed the pair, stops the
    mentor's payment when an order set one, has the program's papers handed over, and states
    the request, its reason and the decision.

    Subject: the ended pair (``Document.pair``). Refused for a pair not replaced by an approved
    request, without the new mentor's written consent, without a position or a consent to
    personal-data processing of anyone named, without the head and the curator.
    """

    kind = DocumentKind.ORDER_MENTOR_REPLACEMENT
    source = "seed 000 §5.1.1, §5.2.1; seed 001 §4.4.3; seed 004 §1.6.6"

    def candidates(self, organization):
        """Ended pairs of ``organization`` whose approved request gave the mentee a new mentor,
        the latest first."""
        from nastavnik.mentoring.choices import RequestStatus

        return (
            _ended_pairs(organization)
            .filter(requests__status=RequestStatus.APPROVED, requests__new_pair__isnull=False)
            .order_by("-ended_on", "-pk")
            .distinct()
        )

    def subject_label(self, subject) -> str:
        request = _approved(subject)
        new = request.new_pair.mentor.short_name if request and request.new_pair else "…"
        return f"{subject.mentee.short_name}, {subject.mentor.short_name} → {new}"

    def _people(self, pair) -> list:
        request = _approved(pair)
        people = [pair.mentor, pair.mentee]
        if request is not None and request.new_pair is not None:
            people.append(request.new_pair.mentor)
        return people

    def _roles(self) -> tuple[str, ...]:
        return ("наставник", "наставляемый", "новый наставник")

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """An approved request that ended the pair with a new mentor; the new mentor's written
        consent; positions and consents to personal-data processing of the three people; the
        head, the curator, the address."""
        request = _approved(subject) if subject.organization_id == organization.pk else None
        if request is None or request.new_pair is None:
            return [
                Missing(
                    "Приказ о замене наставника издаётся по удовлетворённому ходатайству (заявлению), по "
                    "которому наставляемому назначен новый наставник: рассмотрите заявление и назначьте "
                    "наставника.",
                    reverse("mentoring:request_list"),
                )
            ]
        items = self._common_missing(organization, subject)
        if item := _mentor_consent_missing(request.new_pair.mentor):
            items.append(item)
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """:meth:`_base_context` and ``new`` (``PersonForms`` of the new mentor), ``new_started``
        (in words), ``request`` (:func:`request_context`), ``acquainted``."""
        context = self._base_context(organization, subject)
        request = _approved(subject)
        new_pair = request.new_pair
        new = person_forms(people_with_positions().get(pk=new_pair.mentor_id), organization)
        context.update(
            new=new,
            new_started=date_long(new_pair.started_on),
            request=request_context(request, context["mentor"], context["mentee"]),
            acquainted=_acquainted([context["curator"], context["mentor"], new, context["mentee"]]),
        )
        return context

    def build(self, b) -> None:
        b.order_head("О замене наставника")
        b.para(
            "В соответствии с {{ regulation_title_ins }}, рассмотрев {{ request.acc }}, с письменного "
            "согласия {{ new.name.gen }} на осуществление наставнической деятельности,"
        )
        b.para("ПРИКАЗЫВАЮ:", align="left", indent=False, bold=True, space_before=6, space_after=6)
        b.para(
            "1. Освободить {{ mentor.name.acc }}, {{ mentor.position.acc }}, от обязанностей наставника "
            "{{ mentee.name.gen }}, {{ mentee.position.gen }}, с {{ ended }}"
        )
        b.para(
            "2. Назначить {{ new.name.acc }}, {{ new.position.acc }}, наставником {{ mentee.name.gen }} "
            "с {{ new_started }}{% if program %} на оставшийся срок персонализированной программы "
            "наставничества (по {{ program.ends }}){% endif %}."
        )
        b.tag("{%p if fixing %}")
        b.para(
            "{{ 3 }}. Внести в приложение к приказу от {{ fixing.date }} № {{ fixing.number }} «О закреплении "
            "наставнических пар (групп)» изменение, указав наставником {{ mentee.name.gen }} "
            "{{ new.name.acc }} с {{ new_started }}."
        )
        b.tag("{%p endif %}")
        b.tag("{%p if payment %}")
        b.para(
            "{{ 4 if fixing else 3 }}. Прекратить выплату {{ mentor.name.dat }}, установленную приказом от "
            "{{ payment.date }} № {{ payment.number }}, с {{ ended_next }}"
        )
        b.tag("{%p endif %}")
        b.para(
            "{{ 3 + (1 if fixing else 0) + (1 if payment else 0) }}. {{ mentor.name.dat }} в течение трёх "
            "рабочих дней передать {{ new.name.dat }} материалы персонализированной программы наставничества "
            "и сведения о ходе её реализации."
        )
        b.para(
            "{{ 4 + (1 if fixing else 0) + (1 if payment else 0) }}. Куратору реализации программ "
            "наставничества {{ curator.name.dat }}, {{ curator.position.dat }}, внести изменения в банк "
            "наставников и наставляемых и ознакомить с настоящим приказом указанных в нём работников."
        )
        b.para(
            "{{ 5 + (1 if fixing else 0) + (1 if payment else 0) }}. Контроль исполнения настоящего приказа "
            "оставляю за собой."
        )
        b.para(
            "Основание: {{ request.basis }}{% if request.reason %} (обоснование: «{{ request.reason }}»)"
            "{% endif %}; решение об удовлетворении {{ request.noun_gen }} от {{ request.decided }}"
            "{% if request.comment %} («{{ request.comment }}»){% endif %}.",
            space_before=12,
        )
        b.signature("{{ head.position.capitalized }}", "{{ head.name.signature }}")
        _acquaintance_block(b)


class OrderMentoringEndSpec(_PairOrderSpec):
    """«О досрочном прекращении наставничества» (seed 000 §5.1.1: a mentor released at their
    request; §5.2.1: a mentee's request for another mentor approved with none named yet; a
    personalized program terminated before its end): ends the pair's mentoring on the day it
    ended, releasing the mentor, amends the order that fixed the pair, stops the mentor's
    payment when an order set one, charges the curator with the pair's results and, when the
    mentee is left without a mentor, with proposing another. States the request, its reason and
    the decision, or the program's termination and its reason.

    Subject: the ended pair (``Document.pair``): ended by an approved request without a new
    mentor, or by the termination of its program. Refused for another pair, without positions
    or consents to personal-data processing of the two people, the head and the curator.
    """

    kind = DocumentKind.ORDER_MENTORING_END
    source = "seed 000 §5.1.1, §5.2.1; seed 001 §4.4.3"

    def candidates(self, organization):
        """Ended pairs of ``organization`` ended early: by an approved request that named no new
        mentor, or by the termination of their program; the latest first."""
        from nastavnik.mentoring.choices import PairEndReason, RequestStatus

        by_request = Q(requests__status=RequestStatus.APPROVED, requests__new_pair__isnull=True)
        return (
            _ended_pairs(organization)
            .filter(by_request | Q(end_reason=PairEndReason.TERMINATED))
            .order_by("-ended_on", "-pk")
            .distinct()
        )

    def subject_label(self, subject) -> str:
        return f"{subject.mentor.short_name} — {subject.mentee.short_name}, с {date_short(subject.ended_on)}"

    def _ground(self, pair):
        """``("request", request)`` or ``("termination", program)`` or ``None``."""
        from nastavnik.mentoring.choices import PairEndReason

        if pair.ended_on is None:
            return None
        request = _approved(pair)
        if request is not None and request.new_pair_id is None:
            return ("request", request)
        if pair.end_reason == PairEndReason.TERMINATED and pair.program is not None:
            return ("termination", pair.program)
        return None

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """A pair of the organization ended early (by a request or the program's termination);
        positions and consents of the two people; the head, the curator, the address."""
        if subject.organization_id != organization.pk or self._ground(subject) is None:
            return [
                Missing(
                    "Приказ о досрочном прекращении наставничества издаётся по завершённой паре: по "
                    "удовлетворённому заявлению (ходатайству) участника без назначения нового наставника "
                    "или при прекращении персонализированной программы.",
                    reverse("mentoring:request_list"),
                )
            ]
        return self._common_missing(organization, subject)

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """:meth:`_base_context` and ``request`` (:func:`request_context`, or ``None``),
        ``termination`` (``date``, ``reason`` of the program's termination, or ``None``),
        ``mentee_alone`` (the mentee has no open pair left), ``acquainted``."""
        context = self._base_context(organization, subject)
        kind, ground = self._ground(subject)
        request = request_context(ground, context["mentor"], context["mentee"]) if kind == "request" else None
        termination = None
        if kind == "termination":
            termination = {
                "date": date_short(ground.terminated_on or subject.ended_on),
                "reason": _text(ground.termination_reason),
            }
        context.update(
            request=request,
            termination=termination,
            mentee_alone=not _open_pairs().filter(mentee_id=subject.mentee_id).exists(),
            acquainted=_acquainted([context["curator"], context["mentor"], context["mentee"]]),
        )
        return context

    def build(self, b) -> None:
        b.order_head("О досрочном прекращении наставничества")
        b.para(
            "В соответствии с {{ regulation_title_ins }}, {% if request %}рассмотрев {{ request.acc }}"
            "{% else %}в связи с прекращением персонализированной программы наставничества{% endif %},"
        )
        b.para("ПРИКАЗЫВАЮ:", align="left", indent=False, bold=True, space_before=6, space_after=6)
        b.para(
            "1. Прекратить досрочно с {{ ended }} наставничество {{ mentor.name.gen }}, "
            "{{ mentor.position.gen }}, в отношении {{ mentee.name.gen }}, {{ mentee.position.gen }}"
            "{% if program %}, осуществлявшееся по персонализированной программе наставничества на период "
            "с {{ program.starts }} по {{ program.ends }}{% endif %}, освободив {{ mentor.name.acc }} от "
            "обязанностей наставника."
        )
        b.tag("{%p if fixing %}")
        b.para(
            "2. Внести в приложение к приказу от {{ fixing.date }} № {{ fixing.number }} «О закреплении "
            "наставнических пар (групп)» изменение, исключив из него с {{ ended }} наставническую пару "
            "{{ mentor.name.short }} – {{ mentee.name.short }}."
        )
        b.tag("{%p endif %}")
        b.tag("{%p if payment %}")
        b.para(
            "{{ 3 if fixing else 2 }}. Прекратить выплату {{ mentor.name.dat }}, установленную приказом от "
            "{{ payment.date }} № {{ payment.number }}, с {{ ended_next }}"
        )
        b.tag("{%p endif %}")
        b.para(
            "{{ 2 + (1 if fixing else 0) + (1 if payment else 0) }}. Куратору реализации программ "
            "наставничества {{ curator.name.dat }}, {{ curator.position.dat }}, подвести итоги работы "
            "наставнической пары на дату прекращения наставничества, внести сведения в банк наставников и "
            "наставляемых{% if mentee_alone %} и в течение месяца внести предложение о закреплении за "
            "{{ mentee.name.ins }} другого наставника{% endif %}."
        )
        b.para(
            "{{ 3 + (1 if fixing else 0) + (1 if payment else 0) }}. Контроль исполнения настоящего приказа "
            "оставляю за собой."
        )
        b.tag("{%p if request %}")
        b.para(
            "Основание: {{ request.basis }}{% if request.reason %} (обоснование: «{{ request.reason }}»)"
            "{% endif %}; решение об удовлетворении {{ request.noun_gen }} от {{ request.decided }}"
            "{% if request.comment %} («{{ request.comment }}»){% endif %}.",
            space_before=12,
        )
        b.tag("{%p else %}")
        b.para(
            "Основание: решение о прекращении персонализированной программы наставничества от "
            "{{ termination.date }}{% if termination.reason %} («{{ termination.reason }}»){% endif %}.",
            space_before=12,
        )
        b.tag("{%p endif %}")
        b.signature("{{ head.position.capitalized }}", "{{ head.name.signature }}")
        _acquaintance_block(b)


@dataclass(frozen=True)
class RequestPaper:
    """A paper a decided request calls for: the ``label`` of the link and its ``url``."""

    label: str
    url: str


def request_papers(request, user) -> list:
    """The orders an approved ``request`` calls for, for its page (``mentoring.services.requests
    .request_papers``): «Сформировать приказ о замене наставника» (a new mentor was named) or «…
    о досрочном прекращении наставничества» (none was), leading to the documents' create page
    for that kind and the ended pair, and the orders of that kind already registered for the pair
    that ``user`` may read. Offered only to a user who may draw documents up in the organization
    (``document`` ``add``) and decide the request (``personalizedprogram`` ``change``); ``[]``
    for a request not approved."""
    from nastavnik.access.rules import has_perm
    from nastavnik.documents.models import Document
    from nastavnik.mentoring.choices import RequestStatus

    if request.status != RequestStatus.APPROVED:
        return []
    pair = request.pair
    organization = pair.organization
    if not (
        has_perm(user, "document", "add", organization)
        and has_perm(user, "personalizedprogram", "change", request)
    ):
        return []
    kind = DocumentKind.ORDER_MENTOR_REPLACEMENT if request.new_pair_id else DocumentKind.ORDER_MENTORING_END
    papers = [
        RequestPaper(
            f"Сформировать {kind.label[0].lower()}{kind.label[1:]}",
            issue_url(kind.value) + f"?organization={organization.pk}&subject={pair.pk}",
        )
    ]
    for document in (
        Document.objects.for_user(user, "view").filter(kind=kind, pair=pair).order_by("date", "pk")
    ):
        papers.append(RequestPaper(str(document), document.get_absolute_url()))
    return papers
