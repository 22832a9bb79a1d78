"""The history of a personalized program as a user may read it."""

from __future__ import annotations

from django.db.models import Q

from nastavnik.mentoring.models import PairRequest, PersonalizedProgram


def program_history(program: PersonalizedProgram, user) -> list:
    """The events of ``program`` (``ProgramEvent``, oldest first, with ``author`` and its person) ``user`` may
    read: an event about a participant's request (its filing, withdrawal, decision, with the
    reason in ``comment``) only when the user may see that request by the same rule as the
    request's pages (``PairRequest.objects.for_user``): a mentee's request to replace their
    mentor is not shown to that mentor (seed 000 §5.1.1)."""
    visible = PairRequest.objects.for_user(user).filter(pair__program=program).values("pk")
    return list(
        program.events.filter(Q(request__isnull=True) | Q(request_id__in=visible)).select_related(
            "author__person"
        )
    )
