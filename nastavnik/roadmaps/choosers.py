"""Type-ahead choosers of the roadmap forms (``core.autocomplete``; issue 16): the organizations
and municipalities responsible for an activity of a municipality's or the region's roadmap —
every unit below its owner, a thousand at the size of a region."""

from __future__ import annotations

from nastavnik.organizations.choosers import unit_chooser
from nastavnik.organizations.models import OrgUnit


def responsible_units(user, roadmap: int):
    """The units below the owner of roadmap ``roadmap`` (an id) at the levels that keep roadmaps,
    when ``user`` may change that roadmap (the right of the activity's form); none otherwise."""
    from nastavnik.roadmaps.models import ROADMAP_LEVELS, Roadmap

    owner = Roadmap.objects.for_user(user, "change").filter(pk=roadmap).values_list("owner_id", "owner__path")
    owner = owner.first()
    if owner is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path__startswith=owner[1], level__in=ROADMAP_LEVELS).exclude(pk=owner[0])


RESPONSIBLE_UNITS = unit_chooser("roadmap-responsible-units", responsible_units, params=("roadmap",))
