"""Requests for a mentor sent from the public open bank and their answers (issue 19, item 2;
seed 001 §7.1.1 «открытое наставничество»: the bank is «доступный для взаимодействия педагогов …
вне зависимости от их места работы»).

A teacher of any organization asks for a public mentor through a form without sign-in; the
request is kept for the mentor's organization and reaches its curators by e-mail; the curator
or the head answers, and the answer goes to the requester by e-mail. The requester's data are
seen only by the curator and the head of the mentor's organization
(``MentorRequest.scope_filter``) and kept only to answer (152-ФЗ art. 9).
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.access.rules import require_perm
from nastavnik.core.mail import Mail, greeting, letter, send_each, site_url
from nastavnik.mentoring.selectors.participants import contact_email
from nastavnik.openness.choices import MentorRequestStatus
from nastavnik.openness.models import MentorRequest
from nastavnik.openness.selectors.public_mentors import public_mentors

logger = logging.getLogger("nastavnik.openness")

#: The fields of the form a requester fills in.
REQUEST_FIELDS = ("full_name", "email", "phone", "workplace", "position", "message", "consent")


def curator_addresses(organization_id: int) -> list[str]:
    """E-mails of the active curators of the organization, each once; of its head when no
    curator has an address (seed 000 §4.1.2: the curator keeps the organization's mentoring).
    One query."""
    holders = (
        RoleAssignment.objects.filter(
            org_unit_id=organization_id, role__in=[Role.CURATOR, Role.HEAD], user__is_active=True
        )
        .select_related("user__person")
        .order_by("pk")
    )
    by_role: dict[str, list[str]] = {Role.CURATOR: [], Role.HEAD: []}
    for holder in holders:
        address = contact_email(user=holder.user)
        if address:
            by_role[holder.role].append(address)
    return list(dict.fromkeys(by_role[Role.CURATOR] or by_role[Role.HEAD]))


def _request_letter(request: MentorRequest, *, base_url: str) -> tuple[str, str]:
    mentor = request.mentor.person.full_name
    lines = [
        f"Через открытый банк наставников поступило обращение к наставнику {mentor} "
        f"({request.organization}).",
        "",
        f"От кого: {request.full_name}, {request.workplace}"
        + (f", {request.position}" if request.position else ""),
        f"Электронная почта: {request.email}",
    ]
    if request.phone:
        lines.append(f"Телефон: {request.phone}")
    lines += [
        "",
        "С чем нужна помощь наставника:",
        request.message,
        "",
        f"Ответить на обращение: {base_url}{reverse('public_bank:request_detail', args=[request.pk])}",
    ]
    return f"Обращение к наставнику {mentor}", letter(greeting(), lines)


def mentor_request_create(*, mentor_id: int, data: dict, base_url: str | None = None) -> MentorRequest:
    """Keep a request for the public mentor ``mentor_id`` (:func:`public_mentors`) from the form's
    ``data`` (the keys of :data:`REQUEST_FIELDS`) for the mentor's organization, then e-mail it to
    the organization's curators (:func:`curator_addresses`; a failed delivery is logged, the
    request stays). Returns the saved request.

    Raises:
        ValidationError: the mentor is not public (any more), the consent to processing is not
            given, or a field is invalid (Russian messages by field).
    """
    with transaction.atomic():
        mentor = public_mentors().select_related("person", "organization").filter(pk=mentor_id).first()
        if mentor is None:
            raise ValidationError("Наставник не найден в открытом банке: обращение не отправлено.")
        if not data.get("consent"):
            raise ValidationError(
                {
                    "consent": "Без согласия на обработку персональных данных обращение не может быть отправлено."
                }
            )
        request = MentorRequest(
            mentor=mentor,
            organization=mentor.organization,
            status=MentorRequestStatus.NEW,
            **{name: data.get(name) or ("" if name != "consent" else False) for name in REQUEST_FIELDS},
        )
        request.full_clean()
        request.save()
    subject, body = _request_letter(request, base_url=site_url(base_url))
    send_each(
        (
            Mail(address, subject, body, about=(request.pk,))
            for address in curator_addresses(mentor.organization_id)
        ),
        logger=logger,
        log_what="mentor request %s to the curator",
    )
    return request


def _locked(request: MentorRequest, by) -> MentorRequest:
    require_perm(
        by,
        "mentorrequest",
        "change",
        request,
        message="Отвечать на обращение может только куратор или руководитель организации наставника.",
    )
    return (
        MentorRequest.objects.select_for_update()
        .select_related("mentor__person", "organization")
        .get(pk=request.pk)
    )


def mentor_request_answer(
    *, request: MentorRequest, answer: str, by, base_url: str | None = None
) -> MentorRequest:
    """Answer ``request``: keep the ``answer`` text, who and when, the status «дан ответ», and
    e-mail the answer to the requester. A request already answered may be answered again (the new
    answer replaces the old and is sent too); a closed one may not.

    Raises:
        PermissionDenied: ``by`` is not the curator or the head of the mentor's organization.
        ValidationError: the answer is empty, or the request is closed.
    """
    answer = (answer or "").strip()
    with transaction.atomic():
        fresh = _locked(request, by)
        if fresh.status == MentorRequestStatus.CLOSED:
            raise ValidationError("Обращение закрыто: ответить на него нельзя.")
        if not answer:
            raise ValidationError({"answer": "Напишите ответ."})
        fresh.answer = answer
        fresh.status = MentorRequestStatus.ANSWERED
        fresh.answered_by = by
        fresh.answered_at = timezone.now()
        fresh.full_clean()
        fresh.save(update_fields=["answer", "status", "answered_by", "answered_at"])
    lines = [
        f"Вы обращались через открытый банк наставников к наставнику {fresh.mentor.person.full_name} "
        f"({fresh.organization}).",
        "",
        "Ответ куратора:",
        answer,
    ]
    send_each(
        [
            Mail(
                fresh.email,
                "Ответ на обращение к наставнику",
                letter(greeting(fresh.full_name), lines),
                about=(fresh.pk,),
            )
        ],
        logger=logger,
        log_what="answer to mentor request %s",
    )
    return fresh


def mentor_request_close(*, request: MentorRequest, by) -> MentorRequest:
    """Close ``request`` (answered or not: e.g. a request sent by mistake); nothing is sent.

    Raises:
        PermissionDenied: ``by`` is not the curator or the head of the mentor's organization.
        ValidationError: the request is closed already.
    """
    with transaction.atomic():
        fresh = _locked(request, by)
        if fresh.status == MentorRequestStatus.CLOSED:
            raise ValidationError("Обращение уже закрыто.")
        fresh.status = MentorRequestStatus.CLOSED
        fresh.save(update_fields=["status"])
    return fresh
