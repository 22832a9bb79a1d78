"""Who a participant of mentoring is (issue 20; seed 003 §4.2, §4.5): the kind a form of
mentoring names for each side of a pair (``reference.ParticipantKind``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from nastavnik.people.choices import LearnerKind
from nastavnik.reference.models import ParticipantKind


def participant_kinds(person_ids: Iterable[int], *, on: dt.date | None = None) -> dict[int, str]:
    """``{person id: ParticipantKind value}`` for ``person_ids``, in three queries at most.

    A learner (studying on ``on``, today by default) is a pupil or a student by their
    ``Learner.kind``; otherwise a person with a current employment is a pedagogical worker; a
    person tied to an organization only as a participant outside its staff
    (``NonStaffParticipant``) is ``non_staff``; anyone else counts as a worker (the bank of
    teachers, the only contour before issue 20).
    """
    from nastavnik.people.models import Employment, Learner, NonStaffParticipant

    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return {}
    on = on or timezone.localdate()
    kinds: dict[int, str] = {}
    for person_id, kind in (
        Learner.objects.current(on).filter(person_id__in=ids).values_list("person_id", "kind")
    ):
        kinds[person_id] = ParticipantKind.STUDENT if kind == LearnerKind.STUDENT else ParticipantKind.PUPIL
    rest = ids - kinds.keys()
    if rest:
        employed = set(
            Employment.objects.current(on).filter(person_id__in=rest).values_list("person_id", flat=True)
        )
        non_staff = set(
            NonStaffParticipant.objects.current(on)
            .filter(person_id__in=rest - employed)
            .values_list("person_id", flat=True)
        )
        for person_id in rest:
            kinds[person_id] = ParticipantKind.NON_STAFF if person_id in non_staff else ParticipantKind.WORKER
    return kinds


def participant_kind(person, *, on: dt.date | None = None) -> str:
    """The ``ParticipantKind`` value of one ``person`` (see :func:`participant_kinds`)."""
    return participant_kinds([person.pk], on=on)[person.pk]


def form_pair_error(form, mentor_kind: str, mentee_kind: str) -> str | None:
    """The Russian message why a mentor of ``mentor_kind`` may not guide a mentee of
    ``mentee_kind`` in the form of mentoring ``form`` (``reference.MentoringForm``), or ``None``
    (issue 20: the form decides which participants may be paired; seed 003 §4.2)."""
    if form is None or form.allows(mentor_kind, mentee_kind):
        return None
    labels = dict(ParticipantKind.choices)
    return (
        f"В форме «{form.name}» {form.participants_label()}; "
        f"выбраны наставник — {labels.get(mentor_kind, mentor_kind)}, "
        f"наставляемый — {labels.get(mentee_kind, mentee_kind)}."
    )
