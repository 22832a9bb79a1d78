"""Who reaches a teacher's diagnoses, deficits, route and enrolments (issue 18; seed 000 §4.3.2,
§4.3.3; 152-ФЗ art. 9). The rights themselves are rows of ``access.choices.PERMISSIONS``
(``diagnosis``, ``individualroute``, ``enrollment``, ``tutorassignment``, ``course``); this module
narrows them to rows, in one function used by every model's ``scope_filter``:

* the roles over a subtree (the head and curator of the teacher's organization, the municipal
  coordinator, the regional operator, the ЦНППМ coordinator…) reach the rows of organizations
  in their subtree; all but the curator and the head only of teachers with a valid consent to
  personal-data processing;
* a tutor of the ЦНППМ reaches only the teachers assigned to them, one by one or through their
  organization (``TutorAssignment``), never the whole subtree their role sits on (seed 000
  §4.3.2: «персональное сопровождение»);
* the teacher reaches their own rows (``SELF_ACTIONS``: the teacher owns their route and
  diagnoses themselves);
* a mentor reaches the rows of their mentees through their active pairs (``PARTNER_ACTIONS``:
  a mentor reads the route, comments it and gives an expert diagnosis); a mentee never reaches
  their mentor's.
"""

from __future__ import annotations

from django.db.models import Q

from nastavnik.access.choices import CONSENT_EXEMPT_ROLES, PERMISSIONS, Role
from nastavnik.access.querysets import NOTHING, paths_q

#: Actions the teacher takes on their own rows, per model key.
SELF_ACTIONS: dict[str, frozenset[str]] = {
    "diagnosis": frozenset({"view", "add", "change"}),
    "individualroute": frozenset({"view", "add", "change", "start", "complete", "comment"}),
    "enrollment": frozenset({"view", "add", "change"}),
    "tutorassignment": frozenset({"view"}),
}

#: Actions a mentor takes on the rows of their mentees (through active pairs).
PARTNER_ACTIONS: dict[str, frozenset[str]] = {
    "diagnosis": frozenset({"view", "add"}),
    "individualroute": frozenset({"view", "comment"}),
}


def teacher_rows_q(
    scope, model: str, action: str, *, person: str = "person", organization: str = "organization"
) -> Q:
    """``Q`` over rows of a teacher's model (``person``: the field holding the teacher's person
    id path, ``organization``: the field holding the organization the row belongs to) that the
    user of ``scope`` may act on with ``action`` as the right ``model`` of ``PERMISSIONS`` says.
    Nothing for a user without any such grant."""
    from nastavnik.development.models import TutorAssignment
    from nastavnik.people.consent import consented_q

    granted = PERMISSIONS.get(model, {}).get(action, frozenset())
    # the tutor, the mentor and the mentee reach no subtree: only their own rows (below)
    others = frozenset(scope.roles) - CONSENT_EXEMPT_ROLES - {Role.TUTOR, Role.MENTOR, Role.MENTEE}
    exempt = scope.paths(model, action, roles=CONSENT_EXEMPT_ROLES)
    bound = scope.paths(model, action, roles=others)
    condition = NOTHING
    if exempt:
        condition |= paths_q(f"{organization}__path", exempt)
    if bound:
        condition |= paths_q(f"{organization}__path", bound) & consented_q(f"{person}_id")
    if Role.TUTOR in granted and scope.has_role(Role.TUTOR):
        assigned = TutorAssignment.objects.active().filter(tutor_id=scope.user_id)
        condition |= (
            Q(**{f"{person}_id__in": assigned.exclude(person=None).values("person_id")})
            | Q(**{f"{organization}_id__in": assigned.exclude(organization=None).values("organization_id")})
        ) & consented_q(f"{person}_id")
    if scope.person_id and action in SELF_ACTIONS.get(model, ()):
        condition |= Q(**{f"{person}_id": scope.person_id})
    if scope.person_id and action in PARTNER_ACTIONS.get(model, ()) and scope.has_role(Role.MENTOR):
        from nastavnik.people.partners import mentee_ids_q

        condition |= mentee_ids_q(scope.person_id, f"{person}_id") & consented_q(f"{person}_id")
    return condition
