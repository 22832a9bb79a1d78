"""The persona matrix of the minors' privacy (issue 20 «Done when»; seed 002 §10, 152-ФЗ art. 9):
no page, export, chooser or public section names a minor learner, or their legal
representative, to anyone but the curator and the head of the learner's organization and the
participants of the learner's pair.

School A gets (``testing.minors.minor_in_pair``) a pupil of 13 with the primary legal
representative, the consent the representative gave, the card in the bank of mentees and a
draft «учитель – ученик» program (its pair working) whose mentor is ``mentor_a`` (a persona: the pair's
participant); and an adult pupil with their own consent, whom the roles above the school see as
they see a teacher. ``SECRETS`` tells the matrix which texts only some personas may read: the
matrix looks for them in every response (pages, exports read inside, choosers, public pages) of
every other persona. The pages about the minor themselves (their card, program, consent) are
walked by ``core/tests/test_minors_privacy.py`` with the objects under the ``"minor_*"`` keys.
"""

from __future__ import annotations

from nastavnik.testing.matrix_groups import KEEP, ME
from nastavnik.testing.minors import MINOR_STEM, REPRESENTATIVE_STEM

#: text → the personas who may read it (everyone else must not, in any response).
SECRETS: dict[str, frozenset[str]] = {
    MINOR_STEM: KEEP | {ME},
    REPRESENTATIVE_STEM: KEEP,
}


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """The minor of school A in a pair with ``mentor_a``, and the adult pupil (keys ``minor``,
    ``minor_learner``, ``minor_representative``, ``minor_consent``, ``minor_mentee_profile``,
    ``minor_program``, ``minor_pair``, ``adult_learner_person``, ``adult_learner``)."""
    from django.db.models import F

    from nastavnik.bank.models import MentorProfile
    from nastavnik.testing.minors import minor_in_pair

    # the curator gives mentor_a one more place for the pupil: the matrix world's other tests form
    # pairs with mentor_a up to the capacity they knew
    MentorProfile.objects.filter(person=world.mentor_a, capacity__isnull=False).update(
        capacity=F("capacity") + 1
    )
    made = minor_in_pair(school=world.school_a, mentor=world.mentor_a, keeper=world.users["curator_a"])
    a.update(
        minor=made.person,
        minor_learner=made.learner,
        minor_representative=made.representative,
        minor_consent=made.consent,
        minor_mentee_profile=made.mentee_profile,
        minor_program=made.program,
        minor_pair=made.pair,
        adult_learner_person=made.adult,
        adult_learner=made.adult_learner,
    )
