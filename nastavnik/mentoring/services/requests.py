"""Requests of the participants of a pair and the decisions on them (seed 000 §5.1.1: the mentor
may «обращаться с заявлением к куратору и руководителю образовательной организации с просьбой о
сложении с него обязанностей наставника»; §5.2.1: the mentee may «обращаться к куратору и
руководителю образовательной организации с ходатайством о замене наставника»).

A request is submitted by the participant it belongs to, may be withdrawn while pending, and is
decided by the program's manager (curator or head). An approved request ends the pair; the
manager may at once give the mentee a new mentor in the same program. A program left without
any open pair is terminated. Every step writes an event into the program's history.

The services check their actor: a decision needs the program's right the decision is (the
``personalizedprogram`` rights, ``access.rules``), as the view asks; a request's kind follows
the side of the pair of its author, and only its author withdraws it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from nastavnik.access.rules import require_perm
from nastavnik.core.mail import greeting, letter, site_url
from nastavnik.mentoring import signals
from nastavnik.mentoring.choices import REQUEST_STEPS, EventKind, PairEndReason, RequestKind, RequestStatus
from nastavnik.mentoring.models import Pair, PairRequest
from nastavnik.mentoring.selectors.participants import manager_addresses
from nastavnik.mentoring.services.common import program_locked
from nastavnik.mentoring.services.events import program_event_write

logger = logging.getLogger("nastavnik.mentoring")

#: Request kind → the pair's end reason when it is approved.
END_REASONS = {
    RequestKind.CHANGE_MENTOR: PairEndReason.MENTOR_REPLACED,
    RequestKind.RELEASE_MENTOR: PairEndReason.MENTOR_RELEASED,
}

#: Request kind → how it is named in a sentence.
REQUEST_PHRASES = {
    RequestKind.CHANGE_MENTOR: "ходатайство наставляемого о замене наставника",
    RequestKind.RELEASE_MENTOR: "заявление наставника о сложении обязанностей",
}

PENDING_MESSAGE = "По этой паре уже есть заявление на рассмотрении."


#: Providers of the papers a decided request calls for (``request_papers``), registered by the
#: apps above mentoring at start-up (``documents``: the order replacing the mentor or ending
#: mentoring early), so that mentoring imports none of them.
_paper_providers: list[Callable] = []


def request_papers_register(provider: Callable) -> None:
    """Register ``provider(request, user) -> list`` of papers for a decided request: objects
    with a ``label`` and a ``url`` (a link on the request's page). Registering the same provider
    twice keeps one."""
    if provider not in _paper_providers:
        _paper_providers.append(provider)


def request_papers(request: PairRequest, user) -> list:
    """The papers every registered provider offers ``user`` for ``request`` (e.g. «Сформировать
    приказ о замене наставника» once it is approved, seed 000 §5.1.1, §5.2.1; 001 §4.4.3: the
    head's order), in the order of registration; each provider applies the rights itself."""
    papers: list = []
    for provider in _paper_providers:
        papers.extend(provider(request, user))
    return papers


def _person_id(user) -> int | None:
    from nastavnik.access.scope import get_scope

    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    return get_scope(user).person_id


def request_kind_for(pair: Pair, user) -> str | None:
    """The kind of request ``user`` may file on ``pair``: ``change_mentor`` for its mentee,
    ``release_mentor`` for its mentor, else ``None``."""
    person_id = _person_id(user)
    if person_id is None:
        return None
    if pair.mentee_id == person_id:
        return RequestKind.CHANGE_MENTOR
    if pair.mentor_id == person_id:
        return RequestKind.RELEASE_MENTOR
    return None


def _pair_label(pair: Pair) -> str:
    return f"{pair.mentor.full_name} → {pair.mentee.full_name}"


@transaction.atomic
def pair_request_submit(*, pair: Pair, by, kind: str, reason: str) -> PairRequest:
    """File a request of ``kind`` on ``pair``: ``change_mentor`` only by the pair's mentee,
    ``release_mentor`` only by its mentor (seed 000 §5.1.1, §5.2.1), with a ``reason``.

    The curators and the head of the organization with an e-mail are notified after the commit.

    Returns the pending request; writes a ``REQUEST`` event.

    Raises:
        PermissionDenied: ``by`` is not the participant the kind belongs to.
        ValidationError: an unknown kind; no reason; the pair has ended or has no program, or
            its program is completed or terminated; a request on the pair is already pending.
    """
    pair = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("mentor", "mentee", "program")
        .get(pk=pair.pk)
    )
    if kind not in RequestKind.values:
        raise ValidationError({"kind": "Выберите вид заявления."})
    if request_kind_for(pair, by) != kind:
        if kind == RequestKind.CHANGE_MENTOR:
            raise PermissionDenied("Ходатайство о замене наставника подаёт наставляемый этой пары.")
        raise PermissionDenied("Заявление о сложении обязанностей наставника подаёт наставник этой пары.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Изложите обоснование."})
    if pair.ended_on is not None:
        raise ValidationError("Пара уже завершена: заявление по ней не подаётся.")
    program = pair.program
    if program is None:
        raise ValidationError("У пары нет персонализированной программы: заявление подаётся по программе.")
    if not program.is_open:
        raise ValidationError(
            f"Программа {program.get_status_display().lower()}: заявления по ней больше не подаются."
        )
    if PairRequest.objects.filter(pair=pair, status=RequestStatus.PENDING).exists():
        raise ValidationError(PENDING_MESSAGE)
    request = PairRequest(pair=pair, kind=kind, reason=reason, author=by, submitted_at=timezone.now())
    request.full_clean()
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:  # a request filed at the same moment
        raise ValidationError(PENDING_MESSAGE) from None
    program_event_write(
        program=program,
        kind=EventKind.REQUEST,
        request=request,
        summary=f"Подано {REQUEST_PHRASES[kind]}: {_pair_label(pair)}",
        by=by,
        comment=reason,
    )
    transaction.on_commit(lambda: _notify_managers(request.pk))
    return request


def _notify_managers(request_pk: int) -> None:
    """E-mail the organization's curators and head about a submitted request; failures are logged."""
    request = (
        PairRequest.objects.select_related("pair__mentor", "pair__mentee", "pair__program")
        .filter(pk=request_pk)
        .first()
    )
    if request is None:
        return
    program = request.pair.program
    addresses = manager_addresses(program.organization_id)
    if not addresses:
        return
    from django.urls import reverse

    body = letter(
        greeting(),
        [
            f"Поступило {REQUEST_PHRASES[request.kind]}.",
            "",
            f"Пара: {_pair_label(request.pair)}",
            f"Программа: {program}",
            f"Подано: {timezone.localtime(request.submitted_at):%d.%m.%Y %H:%M}",
            "",
            "Обоснование:",
            request.reason,
            "",
            f"Рассмотреть: {site_url()}{reverse('mentoring:request_decide', args=[request.pk])}",
        ],
    )
    subject = f"{REQUEST_PHRASES[request.kind].capitalize()}: {request.pair.mentee.full_name}"
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    except Exception:  # the request is filed whether or not the mail goes
        logger.exception("notification of request %s failed", request.pk)


@transaction.atomic
def pair_request_withdraw(*, request: PairRequest, by) -> PairRequest:
    """Withdraw a pending request; only its author may.

    Raises:
        PermissionDenied: ``by`` is not the author.
        ValidationError: the request is no longer pending.
    """
    request = (
        PairRequest.objects.select_for_update(of=("self",))
        .select_related("pair__mentor", "pair__mentee", "pair__program")
        .get(pk=request.pk)
    )
    if not getattr(by, "is_authenticated", False) or request.author_id != by.pk:
        raise PermissionDenied("Отозвать заявление может только тот, кто его подал.")
    sources, target, _who = REQUEST_STEPS["withdraw"]
    if request.status not in sources:
        raise ValidationError(
            f"Заявление уже рассмотрено ({request.get_status_display().lower()}): отозвать его нельзя."
        )
    request.status = target
    request.decided_at = timezone.now()
    request.full_clean()
    request.save()
    program_event_write(
        program=request.pair.program,
        kind=EventKind.REQUEST,
        request=request,
        summary=f"Отозвано {REQUEST_PHRASES[request.kind]}: {_pair_label(request.pair)}",
        by=by,
    )
    return request


@transaction.atomic
def pair_request_decide(
    *, request: PairRequest, by, approve: bool, comment: str = "", new_mentor=None
) -> PairRequest:
    """Decide a pending request as the program's manager (curator or head: the
    ``personalizedprogram`` ``change`` right over it, checked here; ``by=None`` is the system).

    Rejected: a ``comment`` is required. Approved: the pair ends today with the reason «mentor
    replaced» or «mentor released» (seed 000 §5.1.1, §5.2.1); with ``new_mentor`` (a
    ``people.Person`` who is an active mentor with a free place, checked by
    :func:`nastavnik.matching.services.pairs_check`) a new pair of the mentee starts today in the
    same program and is linked as ``request.new_pair`` (``signals.program_pair_added`` is sent: the
    newcomer gets the questionnaires the program has opened). A program left without an open pair
    is terminated, and its planned meetings are cancelled.

    Returns the decided request; writes ``REQUEST``, ``PAIR_ENDED``, ``MENTOR_REPLACED`` and, when
    the program ends, ``STATUS`` events.

    Raises:
        PermissionDenied: ``by`` does not manage the request's program.
        ValidationError: the request is not pending; a rejection without a comment; a new
            mentor on a rejection, the same mentor again, one ``pairs_check`` refuses, or one
            the program's form of mentoring does not admit (issue 20).
    """
    from nastavnik.matching.services import pairs_check

    request = (
        PairRequest.objects.select_for_update(of=("self",))
        .select_related("pair__mentor", "pair__mentee")
        .get(pk=request.pk)
    )
    pair = (
        Pair.objects.select_for_update(of=("self",))
        .select_related("mentor", "mentee", "program")
        .get(pk=request.pair_id)
    )
    program = program_locked(pair.program)
    step = "approve" if approve else "reject"
    sources, _target, right = REQUEST_STEPS[step]
    require_perm(by, "personalizedprogram", right, request)
    if request.status not in sources:
        raise ValidationError(f"Заявление уже {request.get_status_display().lower()}.")
    comment = (comment or "").strip()
    today = timezone.localdate()
    label = _pair_label(pair)
    phrase = REQUEST_PHRASES[request.kind]

    if not approve:
        if new_mentor is not None:
            raise ValidationError(
                {"new_mentor": "Новый наставник назначается только при удовлетворении заявления."}
            )
        if not comment:
            raise ValidationError({"comment": "Укажите, почему заявление отклонено."})
        _decide(request, by, REQUEST_STEPS["reject"][1], comment)
        program_event_write(
            program=program,
            kind=EventKind.REQUEST,
            request=request,
            summary=f"Отклонено {phrase}: {label}",
            by=by,
            comment=comment,
        )
        return request

    if new_mentor is not None and new_mentor.pk == pair.mentor_id:
        raise ValidationError({"new_mentor": "Новый наставник должен быть другим человеком."})
    if new_mentor is not None and new_mentor.pk == pair.mentee_id:
        raise ValidationError({"new_mentor": "Нельзя быть наставником самому себе."})
    if pair.ended_on is not None:
        raise ValidationError("Пара уже завершена.")
    if new_mentor is not None:
        _approved, errors = pairs_check([(new_mentor.pk, pair.mentee_id)], today=today)
        if not errors:
            from nastavnik.mentoring.services.pairs import couples_form_errors

            errors = couples_form_errors(program.mentoring_form, [(new_mentor, pair.mentee)])
        if errors:
            raise ValidationError({"new_mentor": errors})
    pair.ended_on = max(today, pair.started_on)
    pair.end_reason = END_REASONS[request.kind]
    pair.full_clean()
    pair.save()
    _decide(request, by, REQUEST_STEPS["approve"][1], comment)
    program_event_write(
        program=program,
        kind=EventKind.REQUEST,
        request=request,
        summary=f"Удовлетворено {phrase}: {label}",
        by=by,
        comment=comment,
    )
    program_event_write(
        program=program,
        kind=EventKind.PAIR_ENDED,
        summary=f"Пара завершена: {label} — {pair.get_end_reason_display().lower()}",
        by=by,
    )

    if new_mentor is not None:
        new_pair = Pair(
            mentor=new_mentor,
            mentee=pair.mentee,
            organization_id=program.organization_id,
            program=program,
            started_on=today,
        )
        new_pair.full_clean()
        new_pair.save()
        request.new_pair = new_pair
        request.save(update_fields=["new_pair"])
        signals.send(signals.program_pair_added, program, by, pair=new_pair)
        program_event_write(
            program=program,
            kind=EventKind.MENTOR_REPLACED,
            summary=(
                f"Заменён наставник: {pair.mentee.full_name} — вместо {pair.mentor.full_name} "
                f"наставник {new_mentor.full_name}"
            ),
            by=by,
        )

    if not program.pairs.filter(ended_on__isnull=True).exists() and program.is_open:
        from nastavnik.mentoring.services.programs import program_terminate

        program_terminate(
            program=program,
            by=by,
            reason=f"В программе не осталось действующих пар: пара «{label}» завершена по заявлению участника.",
        )
    return request


def _decide(request: PairRequest, by, status: str, comment: str) -> None:
    request.status = status
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_comment = comment
    request.full_clean()
    request.save()


def pair_requests_close(*, pairs, by, comment: str) -> int:
    """Close the pending requests of ``pairs`` that ended with their program (terminated or
    completed): nothing is left to decide. Status «Закрыто: пара завершена», the decision by
    ``by`` now with ``comment``. Returns how many were closed. Call inside the transaction that
    ends the pairs."""
    author = by if getattr(by, "is_authenticated", False) else None
    sources, target, _who = REQUEST_STEPS["close"]
    return PairRequest.objects.filter(pair__in=pairs, status__in=sources).update(
        status=target, decided_by=author, decided_at=timezone.now(), decision_comment=comment
    )
