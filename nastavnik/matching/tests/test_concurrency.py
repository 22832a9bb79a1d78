"""Two workers confirming the same pairs at once form them once (issue 17, build 7): the mentors'
profiles are locked, so the second confirmation waits and is refused in Russian; the database's
«one open pair of a mentor and a mentee» holds even for a writer that got past the check."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from nastavnik.matching import services
from nastavnik.matching.selectors import pool_facts
from nastavnik.matching.services import ALREADY_CONFIRMED, pair_suggestions_confirm, pool_assign
from nastavnik.matching.tests.bank import two_pair_pool
from nastavnik.mentoring.models import Pair, PersonalizedProgram


def suggested(world):
    """The two suggested pairs of school A's pool."""
    two_pair_pool(world)
    pool = pool_facts(unit=world.school_a)
    assignment = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    assert len(assignment.pairs) == 2
    return assignment.pairs


def formed(suggestions) -> list[int]:
    """How many open pairs each suggested couple has."""
    return [
        Pair.objects.filter(
            mentor_id=s.mentor.person_id, mentee_id=s.mentee.person_id, ended_on__isnull=True
        ).count()
        for s in suggestions
    ]


@pytest.mark.django_db
def test_confirming_the_same_pairs_again_is_refused_naming_them(world):
    # given the pairs of the pool confirmed once
    suggestions = suggested(world)
    pair_suggestions_confirm(suggestions=suggestions, by=world.users["curator_a"])
    programs = PersonalizedProgram.objects.count()

    # when the same proposal is confirmed again (a second click, a second curator)
    with pytest.raises(ValidationError) as refused:
        pair_suggestions_confirm(suggestions=suggestions, by=world.users["curator_a"])

    # then nothing more is formed and each couple is named as already working
    assert formed(suggestions) == [1, 1]
    assert PersonalizedProgram.objects.count() == programs
    assert len(refused.value.messages) == 2
    assert all("уже работают в паре" in message for message in refused.value.messages)


@pytest.mark.django_db
def test_a_writer_past_the_check_is_stopped_by_the_database_and_told_in_russian(world, monkeypatch):
    # given the pairs checked while none was formed yet
    suggestions = suggested(world)
    checked = services.pairs_check([(s.mentor.person_id, s.mentee.person_id) for s in suggestions])
    pair_suggestions_confirm(suggestions=suggestions, by=world.users["curator_a"])
    programs = PersonalizedProgram.objects.count()

    # when a confirmation acts on that stale check (as if it had gone around the lock) and its
    # rows pass their own validation (as two transactions that validate before either writes)
    monkeypatch.setattr(services, "pairs_check", lambda couples, **kwargs: checked)
    monkeypatch.setattr(Pair, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as refused:
        pair_suggestions_confirm(suggestions=suggestions, by=world.users["curator_a"])

    # then the constraint refuses it, the message is Russian, nothing is written
    assert refused.value.messages == [ALREADY_CONFIRMED]
    assert formed(suggestions) == [1, 1]
    assert PersonalizedProgram.objects.count() == programs


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_confirming_the_same_pairs_at_once_form_them_once(world):
    # given the pool's two suggested pairs, and two workers ready to confirm them
    suggestions = suggested(world)
    curator = world.users["curator_a"]
    barrier = threading.Barrier(2)
    outcomes: list[tuple[str, list[str]]] = []

    def worker():
        barrier.wait()
        try:
            with transaction.atomic():
                programs = pair_suggestions_confirm(suggestions=suggestions, by=curator)
            outcomes.append(("confirmed", [str(p.pk) for p in programs]))
        except ValidationError as exc:
            outcomes.append(("refused", exc.messages))
        finally:
            connection.close()

    # when both confirm at the same moment
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    # then one formed the pairs with their programs, the other was refused in Russian
    assert sorted(kind for kind, _ in outcomes) == ["confirmed", "refused"]
    refusal = next(messages for kind, messages in outcomes if kind == "refused")
    assert refusal and all("уже работают в паре" in m or m == ALREADY_CONFIRMED for m in refusal)
    assert formed(suggestions) == [1, 1]
    assert PersonalizedProgram.objects.count() == 2
