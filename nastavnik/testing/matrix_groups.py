"""The personas of the persona matrix and their groups (``core/tests/test_persona_matrix.py``,
``testing.matrix_parts``): who keeps, who sees, who is in the pair."""

from __future__ import annotations

OP, CO, HD, CU, ME, MT, CB, CN, PS, TU, NA, CP = (
    "operator",
    "coordinator",
    "head_a",
    "curator_a",
    "mentor_a",
    "mentee_a",
    "curator_b",
    "council_a",
    "psychologist_a",
    "tutor_1",
    "national",
    "cnppm",
)
#: The expert of the regional contest (``Role.CONTEST_EXPERT`` on the region, on the panel of the
#: matrix world's contest as an expert of municipality 2; ``personas.add_contest_expert``). Not
#: among the matrix's personas: the contests' own tests run their pages as the expert.
EX = "expert_1"
#: Those who keep school A's data: its curator and head (seed 000 §4.1.2).
KEEP = frozenset({HD, CU})
#: Those above the school who see its data and keep none of it (the coordinator of the ЦНППМ on
#: the region among them: ``SUBTREE_ROLES``).
ABOVE = frozenset({OP, CO, CN, PS, TU, CP})
#: Those on the region who see school B as they see school A (the curator of B aside).
REGION = frozenset({OP, NA, CP})
SEE = KEEP | ABOVE
#: Those who read the monitoring of school A (``access.choices.MONITORING_ROLES``).
MONITOR = frozenset({OP, CO, HD, CU})
PAIR = frozenset({ME, MT})
#: The national operator on the federal root: watches the roadmaps and the monitoring of every
#: region through aggregates, reads no one's personal data (access.choices.NATIONAL_WATCHERS).
NAT = frozenset({NA})
SIGNED = SEE | PAIR | NAT
NONE: frozenset[str] = frozenset()
#: The status is not asserted (the request cannot tell: e.g. an empty POST that names nothing).
ANY = None
#: The personas who may see the person without a consent (152-ФЗ art. 9).
CONSENT_EXEMPT = frozenset({HD, CU})


def e(get: frozenset, post: frozenset = NONE) -> tuple[frozenset, frozenset]:
    """An expectation: ``(who may GET, who may POST)``."""
    return get, post
