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
