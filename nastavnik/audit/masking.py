"""How a sensitive value (СНИЛС, passport, address) appears in the journal: the entry says the
field changed, never what it held (152-ФЗ art. 19: the log must not become a second copy of the
data it protects). ``AUDITLOG_INCLUDE_TRACKING_MODELS`` names this function as ``mask_callable``."""

#: What the journal shows instead of a sensitive value.
HIDDEN_VALUE = "значение скрыто"


def hide_value(value: str) -> str:
    """``HIDDEN_VALUE`` for a value that was set, ``""`` for an empty one (auditlog writes
    ``"None"`` for a null), so that «set», «changed» and «cleared» stay distinguishable."""
    return "" if value in ("", "None") else HIDDEN_VALUE
