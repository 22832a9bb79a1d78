"""Type-ahead chooser of the mentors whose incentives a user records (``core.autocomplete``): the
bank's mentor cards of the organizations where the user holds ``award`` ``add`` (the head and
the curator their organization's; the municipal coordinator and the regional operator their
subtree's, of mentors with a valid consent to personal-data processing only)."""

from __future__ import annotations

from nastavnik.core.autocomplete import Chooser, register_chooser
from nastavnik.core.search import contains_q
from nastavnik.people.choosers import search_people


def incentive_mentors(user, *, model: str = "award"):
    """``MentorProfile`` rows of the mentors ``user`` may record ``model``'s rows for (``add``)."""
    from nastavnik.access.scope import get_scope
    from nastavnik.bank.models import MentorProfile
    from nastavnik.development.rules import teacher_rows_q

    queryset = MentorProfile.objects.select_related("person", "organization")
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(teacher_rows_q(get_scope(user), model, "add"))


def mentor_label(profile) -> str:
    """«Фамилия Имя Отчество — организация»."""
    organization = profile.organization
    return f"{profile.person.full_name} — {organization.short_name or organization.full_name}"


MENTORS = register_chooser(
    Chooser(
        kind="incentive-mentors",
        rows=incentive_mentors,
        search=lambda queryset, term: search_people(queryset, term, prefix="person__"),
        label=mentor_label,
        order=("person__last_name", "person__first_name", "person__middle_name", "pk"),
        prepare=lambda queryset: queryset.select_related("person", "organization"),
        placeholder="Начните вводить фамилию наставника…",
    )
)


#: The registry's documents a payment may rest on: the order establishing the payment and the
#: supplementary agreement (seed 000 §3.4, 001 §6.2).
PAYMENT_DOCUMENT_KINDS = ("order_mentor_payment", "mentor_payment_agreement")


def _of_payment_keepers(queryset, user):
    """``queryset`` narrowed to the organizations where ``user`` records payments
    (``incentivepayment`` ``add``: the head and the curator their organization's)."""
    from nastavnik.access.scope import get_scope

    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(get_scope(user).units_q("incentivepayment", "add", field="organization__path"))


def payment_documents(user):
    """``Document`` rows of the payment kinds of the organizations where ``user`` records payments."""
    from nastavnik.documents.models import Document

    return _of_payment_keepers(Document.objects.filter(kind__in=PAYMENT_DOCUMENT_KINDS), user)


def document_label(document) -> str:
    """«Приказ об установлении доплаты … № 12 от 01.09.2026»."""
    return f"{document.get_kind_display()} № {document.number or 'б/н'} от {document.date:%d.%m.%Y}"


def payment_programs(user):
    """``PersonalizedProgram`` rows of the organizations where ``user`` records payments."""
    from nastavnik.mentoring.models import PersonalizedProgram

    return _of_payment_keepers(PersonalizedProgram.objects.all(), user)


def program_label(program) -> str:
    """«Направление» с дд.мм.гггг (the direction names nobody)."""
    return f"«{program.direction}» с {program.starts_on:%d.%m.%Y}"


PAYMENT_DOCUMENTS = register_chooser(
    Chooser(
        kind="incentive-payment-documents",
        rows=payment_documents,
        search=lambda queryset, term: queryset.filter(contains_q("number", term) | contains_q("title", term)),
        label=document_label,
        order=("-date", "-pk"),
        placeholder="Начните вводить номер приказа или соглашения…",
    )
)

PAYMENT_PROGRAMS = register_chooser(
    Chooser(
        kind="incentive-programs",
        rows=payment_programs,
        search=lambda queryset, term: queryset.filter(contains_q("direction", term)),
        label=program_label,
        order=("-starts_on", "-pk"),
        placeholder="Начните вводить направление программы…",
    )
)
