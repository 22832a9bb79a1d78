"""What fits the organization a Положение is written for: its region, the incentives it may list
and the forms of mentoring offered to its kind by default (issue 15 item 5)."""

from __future__ import annotations


def organization_region_name(organization) -> str:
    """The full name of the region (``OrgUnit`` of level «субъект Российской Федерации») above
    ``organization``, "" when it hangs under none. One query."""
    from nastavnik.organizations.choices import Level

    return (
        organization.ancestors().filter(level=Level.REGION).values_list("full_name", flat=True).first() or ""
    )


def applicable_awards(organization, queryset=None):
    """The active ``reference.AwardKind`` entries an organization may list (issue 15 item 5):
    the federal ones and the organization's own incentives, and the regional awards of its own
    region only (``AwardKind.applies_in``) — never «знак отличия Волгоградской области» in a
    school of Yugra. ``queryset``: the entries to choose from (default: every active one).
    Returns a queryset ordered as the reference."""
    from nastavnik.reference.models import AwardKind

    queryset = AwardKind.objects.filter(is_active=True) if queryset is None else queryset
    region = organization_region_name(organization)
    keep = [award.pk for award in queryset if award.applies_in(region)]
    return queryset.filter(pk__in=keep).order_by("sort_order", "name")


def default_mentoring_forms(organization) -> list[int]:
    """Ids of the active forms of mentoring of pedagogical workers offered by default to an
    organization of its kind (``MentoringForm.applies_to``: no «работодатель – студент» in a
    school or a kindergarten; seed 001 §3.1, issue 15 item 5)."""
    from nastavnik.reference.models import MentoringForm

    forms_ = MentoringForm.objects.filter(is_active=True, audience="teachers")
    return sorted(form.pk for form in forms_ if form.applies_to(organization.kind))


def learner_forms(organization) -> list:
    """The forms of mentoring of learners (audience «обучающиеся») the organization applies, for
    its Положение's part on learners (issue 20; seed 003 §4.2, 002 §10): the active ones offered
    to its kind (``MentoringForm.applies_to``: «ученик – ученик» in a school, none in a
    kindergarten) and those of the programs of its pairs with a learner. ``MentoringForm``
    entries in the reference's order; empty — the Положение speaks of pedagogical workers only.
    Two queries."""
    from django.db.models import Q

    from nastavnik.mentoring.models import Pair
    from nastavnik.people.models import Learner
    from nastavnik.reference.models import Audience, MentoringForm

    learners = Learner.objects.values("person_id")
    used = set(
        Pair.objects.filter(organization=organization, program__mentoring_form__isnull=False)
        .filter(Q(mentee_id__in=learners) | Q(mentor_id__in=learners))
        .values_list("program__mentoring_form_id", flat=True)
    )
    found = MentoringForm.objects.filter(Q(is_active=True, audience=Audience.PUPILS) | Q(pk__in=used))
    return [
        form
        for form in found.order_by("sort_order", "name")
        if form.pk in used or (form.is_active and form.applies_to(organization.kind))
    ]
