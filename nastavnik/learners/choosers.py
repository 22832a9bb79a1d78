"""Type-ahead choosers of the learners' pages (``core.autocomplete``)."""

from __future__ import annotations

from nastavnik.organizations.choosers import unit_chooser
from nastavnik.organizations.models import OrgUnit


def organizations_for_learner_add(user):
    """Organizations where ``user`` may add learners (``learner`` ``add``: the curator and the
    head of the organization)."""
    return OrgUnit.objects.organizations().granted(user, "learner", "add")


#: The organization of a new learner and of an imported class.
LEARNER_ORGANIZATIONS = unit_chooser("learner-organizations", organizations_for_learner_add)
