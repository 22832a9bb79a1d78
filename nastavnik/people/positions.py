"""The title of a job as the staff schedule writes it, derived from a position of the national
list when none is given (issue 15 item 2).

The national nomenclature of positions (Постановление Правительства РФ от 21.02.2022 № 225)
names a position for every kind of organization at once: «Директор (заведующий, начальник)
образовательной организации». A document names the position of the organization that issues it:
«директор» of a school, «заведующий» of a kindergarten.
"""

from __future__ import annotations

import re

_ALTERNATIVES = re.compile(r"^(?P<head>.*?)\s*\((?P<alternatives>[^)]*)\)\s*(?P<tail>.*)$")
_GENERIC_TAIL = re.compile(r"\s*образовательной организации\s*$")

#: Kinds of organization whose head is «заведующий», not «директор» (seed 002 §1).
_HEADED_BY_MANAGER = {"kindergarten"}


def default_job_title(position_name: str, organization_kind: str = "") -> str:
    """The staff-schedule title of ``position_name`` in an organization of
    ``organization_kind`` (``organizations.choices.OrganizationKind`` value, "" — unknown), in
    lower case as it goes on inside a sentence: «Директор (заведующий, начальник) образовательной
    организации» → «директор» (school), «заведующий» (kindergarten); «Заместитель директора
    (заведующего, начальника) образовательной организации» → «заместитель директора» /
    «заместитель заведующего»; «Учитель» → «учитель». "" for an empty name."""
    name = " ".join(position_name.split())
    if not name:
        return ""
    match = _ALTERNATIVES.match(name)
    if match:
        head_words = match["head"].split(" ")
        alternatives = [a.strip() for a in match["alternatives"].split(",") if a.strip()]
        replaced = head_words[-1]
        if organization_kind in _HEADED_BY_MANAGER:
            replaced = next((a for a in alternatives if a.lower().startswith("заведующ")), replaced)
        name = " ".join([*head_words[:-1], replaced, match["tail"]]).strip()
    name = _GENERIC_TAIL.sub("", name).strip()
    if len(name) > 1 and not name[1].isupper():
        name = name[:1].lower() + name[1:]
    return name
