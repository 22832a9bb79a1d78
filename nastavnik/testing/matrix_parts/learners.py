"""The persona matrix of the learners' pages of issue 20 (see the package's docstring): in
school A and in school B a minor pupil with the primary legal representative and an adult student
with their own consent, none of them in a pair; the expectations written from
``PERMISSIONS["learner" | "legalrepresentative" | "menteeprofile" | "mentorprofile"]`` and the
privacy rule of ``people.consent`` (seed 002 §10): the curator and the head keep the learners and
their representatives; the roles above the school see the adult consented student and never the
minor; the participants of teachers' pairs and the national operator see no learner list."""

from __future__ import annotations

from nastavnik.testing.matrix import _labelled, _pk
from nastavnik.testing.matrix_groups import KEEP, SEE, e

_BY_AGE = {"minor": _pk("learner_minor"), "adult": _pk("learner_adult")}

PROVIDERS: dict = {
    "learners:detail": _labelled(**_BY_AGE),
    "learners:edit": _labelled(**_BY_AGE),
    "learners:leave": _pk("learner_adult"),
    "learners:account": _pk("learner_adult"),
    "learners:mentee_add": _pk("learner_minor"),
    "learners:mentor_add": _pk("learner_adult"),
    "learners:representative_add": _pk("learner_minor"),
    "learners:representative_edit": _pk("learner_representative"),
    "learners:representative_delete": _pk("learner_representative"),
}
QUERIES: dict = {
    "learners:list": {
        "xlsx": "export=xlsx",
        "minors": "minor=true&status=all",
        "garbage": "organization=%C2%B2&kind=zzz&minor=maybe&status=%00&grade=%00&page=last",
    },
}
BODIES: dict = {}
EXPECTED: dict = {
    "learners:list": e(SEE),
    "learners:add": e(KEEP, KEEP),
    "learners:import": e(KEEP, KEEP),
    "learners:import_template": e(KEEP),
    "learners:detail[minor]": e(KEEP),
    "learners:detail[adult]": e(SEE),
    "learners:edit[minor]": e(KEEP, KEEP),
    "learners:edit[adult]": e(KEEP, KEEP),
    "learners:leave": e(KEEP, KEEP),
    "learners:account": e(KEEP, KEEP),
    "learners:mentee_add": e(KEEP, KEEP),
    "learners:mentor_add": e(KEEP, KEEP),
    "learners:representative_add": e(KEEP, KEEP),
    "learners:representative_edit": e(KEEP, KEEP),
    "learners:representative_delete": e(KEEP, KEEP),
}
PUBLIC: set[str] = set()
REGIONAL: set[str] = set()


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """A minor pupil of 12 («Семиклассникова», with the primary representative) and an adult
    student of 19 («Выпускникова», with a valid consent) in each school, written by the system
    through the services (keys ``learner_minor``, ``learner_representative``, ``learner_adult``)."""
    from django.utils import timezone

    from nastavnik.bank.choices import ConsentPurpose
    from nastavnik.bank.services import pd_consent_record
    from nastavnik.learners.services import learner_create, representative_create

    today = timezone.localdate()

    def born(years: int):
        try:
            return today.replace(year=today.year - years, day=1)
        except ValueError:
            return today.replace(year=today.year - years, month=3, day=1)

    for variant, school in ((a, world.school_a), (b, world.school_b)):
        minor = learner_create(
            by=None,
            organization=school,
            last_name="Семиклассникова",
            first_name="Алёна",
            sex="F",
            birth_date=born(12),
            kind="pupil",
            grade="7 А",
        )
        variant["learner_minor"] = minor
        variant["learner_representative"] = representative_create(
            by=None, learner=minor, kind="mother", last_name="Семиклассникова", first_name="Ирина"
        )
        adult = learner_create(
            by=None,
            organization=school,
            last_name="Выпускникова",
            first_name="Дарья",
            sex="F",
            birth_date=born(19),
            kind="student",
            grade="ТМ-21",
        )
        pd_consent_record(person=adult.person, purposes=[ConsentPurpose.MENTORING_RECORD], given_on=today)
        variant["learner_adult"] = adult
