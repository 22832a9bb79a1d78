"""A learner's kind and state agree with the sex in Russian (issue 20): «ученица 7 Б»,
«несовершеннолетняя», «выбыла»."""

from __future__ import annotations

import pytest

from nastavnik.people.choices import LearnerKind
from nastavnik.people.learners import Learner, learner_kind_noun
from nastavnik.people.models import Person


@pytest.mark.parametrize(
    ("kind", "sex", "noun"),
    [
        (LearnerKind.PUPIL, "M", "ученик"),
        (LearnerKind.PUPIL, "F", "ученица"),
        (LearnerKind.STUDENT, "M", "студент"),
        (LearnerKind.STUDENT, "F", "студентка"),
        (LearnerKind.PUPIL, "", "ученик"),
    ],
)
def test_the_kind_noun_agrees_with_the_sex(kind, sex, noun):
    assert learner_kind_noun(kind, sex) == noun


def test_a_girls_card_words_are_feminine():
    learner = Learner(person=Person(sex="F"), kind=LearnerKind.PUPIL, grade="7 Б")
    assert (learner.kind_noun, learner.minor_word, learner.left_word) == (
        "ученица",
        "несовершеннолетняя",
        "выбыла",
    )
    boy = Learner(person=Person(sex="M"), kind=LearnerKind.STUDENT, grade="ТМ-21")
    assert (boy.kind_noun, boy.minor_word, boy.left_word) == ("студент", "несовершеннолетний", "выбыл")
