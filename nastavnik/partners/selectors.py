"""Reads of the registry of partners (issue 20): the rows of the list with their counts, shared
by the page and its XLSX export."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from nastavnik.organizations.models import Partner, PartnerAgreement
from nastavnik.people.models import NonStaffParticipant


def _count(queryset) -> Subquery:
    return Coalesce(
        Subquery(
            queryset.order_by().values("partner_id").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def in_force_q(on: dt.date, prefix: str = "") -> Q:
    """``Q`` over agreements (``prefix`` — the path to them) in force on ``on``."""
    return Q(**{f"{prefix}starts_on__lte": on}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": on})
    )


def with_counts(queryset, on: dt.date | None = None):
    """``queryset`` of partners annotated with ``agreements_in_force`` (agreements in force on
    ``on``, today by default) and ``mentors_count`` (participants outside the staff from the
    partner taking part on that day): numbers, no one named. One query, correlated subqueries."""
    on = on or timezone.localdate()
    agreements = PartnerAgreement.objects.filter(in_force_q(on), partner_id=OuterRef("pk"))
    mentors = NonStaffParticipant.objects.current(on).filter(partner_id=OuterRef("pk"))
    return queryset.annotate(agreements_in_force=_count(agreements), mentors_count=_count(mentors))


def partner_list(user):
    """The partners ``user`` sees, with their unit and counts (:func:`with_counts`)."""
    return with_counts(Partner.objects.for_user(user).select_related("unit__municipality"))
