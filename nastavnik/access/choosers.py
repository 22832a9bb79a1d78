"""Type-ahead choosers of the role assignment form (``core.autocomplete``; issue 16)."""

from __future__ import annotations

from nastavnik.access.services import assignable_units
from nastavnik.organizations.choosers import unit_chooser

#: Units (organizations and territories) where the user may assign some role.
ROLE_UNITS = unit_chooser("role-units", assignable_units)
