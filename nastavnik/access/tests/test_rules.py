"""The one rights function (``access.rules.has_perm`` / ``require_perm``), the workflow rights of
every role (roadmaps: seed 002 §6, 000 §4.2, App. 2 п. 1.2, 1.4, 001 §4.4.3–4.4.4; the bank:
000 §4.1.2), the one «units where the user may do X» (``UserScope.unit_ids``) and the services
that check their actor themselves."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from nastavnik.access.choices import PERMISSIONS, Action
from nastavnik.access.rules import has_perm, require_perm
from nastavnik.access.scope import clear_scope_cache, get_scope
from nastavnik.bank import services as bank_services
from nastavnik.roadmaps import services as roadmap_services
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import Roadmap
from nastavnik.roadmaps.rules import TRANSITIONS, available_transitions, transition_refusal
from nastavnik.roadmaps.tests.conftest import SMALL_PLAN, plan_of
from nastavnik.testing.personas import ALL_PERSONAS, extend_world

pytestmark = pytest.mark.django_db

KEEP = (Action.CHANGE, Action.REPORT, Action.SUBMIT, Action.WITHDRAW, Action.REOPEN)
APPROVE = (Action.APPROVE, Action.RETURN)
EVERY = (Action.VIEW, *KEEP, *APPROVE, Action.COMMENT)
#: (the coordinator of the ЦНППМ, on the region, sees as the other roles over a subtree: issue 18)
STAFF = {"operator", "coordinator", "head_a", "curator_a", "council_a", "psychologist_a", "tutor_1", "cnppm"}

#: owner → action → the personas (of ``ALL_PERSONAS``) holding it over that owner's roadmap.
#: The keepers act on their own unit's roadmap; an organization's roadmap is approved by its
#: municipality's coordinator, a municipality's by its coordinator, the region's by its operator.
ROADMAP_RIGHTS = {
    "school_a": {
        Action.VIEW: STAFF | {"national"},
        **dict.fromkeys(KEEP, frozenset({"head_a", "curator_a"})),
        **dict.fromkeys(APPROVE, frozenset({"coordinator"})),
        Action.COMMENT: {"head_a", "curator_a", "coordinator"},
    },
    "muni1": {
        Action.VIEW: STAFF | {"national"},
        **dict.fromkeys(KEEP, frozenset({"coordinator"})),
        **dict.fromkeys(APPROVE, frozenset({"coordinator"})),
        Action.COMMENT: {"coordinator"},
    },
    "region": {
        Action.VIEW: STAFF | {"curator_b", "national"},
        **dict.fromkeys(KEEP, frozenset({"operator"})),
        **dict.fromkeys(APPROVE, frozenset({"operator"})),
        Action.COMMENT: {"operator"},
    },
}


def make_roadmap(owner) -> Roadmap:
    """A draft roadmap of ``owner`` made by the system (no actor to check)."""
    import datetime as dt

    return roadmap_services.roadmap_create(
        owner=owner,
        title="План",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2030, 12, 31),
        by=None,
        sections=plan_of(SMALL_PLAN),
    )


@pytest.fixture
def big_world(world):
    return extend_world(world)


@pytest.mark.parametrize("owner", ROADMAP_RIGHTS)
def test_the_roadmap_rights_of_every_role_come_from_one_function(big_world, owner):
    # given a roadmap of the owner
    roadmap = make_roadmap(getattr(big_world, owner))

    # then has_perm over it and for_user over the roadmaps agree with the table, for every action
    for action in EVERY:
        holders = {p for p in ALL_PERSONAS if has_perm(big_world.users[p], "roadmap", action, roadmap)}
        assert holders == ROADMAP_RIGHTS[owner][action], action
        listed = {
            p
            for p in ALL_PERSONAS
            if Roadmap.objects.for_user(big_world.users[p], action).filter(pk=roadmap.pk).exists()
        }
        assert listed == holders, action


def test_an_organization_of_regional_subordination_is_approved_by_the_operator(world):
    from nastavnik.testing import factories as f

    college = f.OrgUnitFactory(parent=world.region, full_name="БУ «Колледж»")
    roadmap = make_roadmap(college)
    assert has_perm(world.users["operator"], "roadmap", Action.APPROVE, roadmap)
    assert not has_perm(world.users["coordinator"], "roadmap", Action.APPROVE, roadmap)
    assert not has_perm(world.users["operator"], "roadmap", Action.CHANGE, roadmap)


def test_without_an_object_has_perm_says_whether_the_right_is_held_anywhere(big_world):
    users = big_world.users
    assert has_perm(users["coordinator"], "roadmap", Action.APPROVE)
    assert not has_perm(users["curator_a"], "roadmap", Action.APPROVE)
    assert has_perm(users["curator_a"], "bank", Action.CONFIRM)
    assert not has_perm(users["head_a"], "bank", Action.CONFIRM)
    assert not has_perm(users["mentor_a"], "roadmap", Action.VIEW)
    # every row of PERMISSIONS is answered the same way: a role of the user is among its holders
    for persona in ALL_PERSONAS:
        user = users[persona]
        roles = set(get_scope(user).roles) if user.is_authenticated else set()
        for model, actions in PERMISSIONS.items():
            for action, holders in actions.items():
                assert has_perm(user, model, action) == bool(roles & holders), (persona, model, action)


def test_anonymous_and_inactive_users_may_nothing_a_superuser_everything(world):
    roadmap = make_roadmap(world.school_a)
    root = get_user_model().objects.create_superuser("root", "root@example.org", "pass12345")
    curator = world.users["curator_a"]
    curator.is_active = False
    for action in EVERY:
        assert has_perm(root, "roadmap", action, roadmap)
        assert not has_perm(world.users["anonymous"], "roadmap", action, roadmap)
        assert not has_perm(curator, "roadmap", action, roadmap)
        assert not has_perm(None, "roadmap", action)


def test_the_bank_is_confirmed_by_the_curator_of_the_organization_only(world):
    users = world.users
    assert has_perm(users["curator_a"], "bank", Action.CONFIRM, world.school_a)
    assert not has_perm(users["curator_a"], "bank", Action.CONFIRM, world.school_b)
    for persona in ("operator", "coordinator", "head_a", "mentor_a", "curator_b"):
        assert not has_perm(users[persona], "bank", Action.CONFIRM, world.school_a), persona


def test_require_perm_refuses_in_russian_and_lets_the_system_act(world):
    roadmap = make_roadmap(world.school_a)
    with pytest.raises(PermissionDenied, match="Нет прав на это действие"):
        require_perm(world.users["operator"], "roadmap", Action.CHANGE, roadmap)
    with pytest.raises(PermissionDenied, match="Только куратор"):
        require_perm(world.users["operator"], "roadmap", Action.CHANGE, roadmap, message="Только куратор.")
    require_perm(None, "roadmap", Action.CHANGE, roadmap)  # the system
    require_perm(world.users["curator_a"], "roadmap", Action.CHANGE, roadmap)


def test_units_where_the_user_may_do_x_are_answered_by_one_function(big_world):
    users, w = big_world.users, big_world
    assert get_scope(users["curator_a"]).unit_ids("bank", Action.CONFIRM) == {w.school_a.pk}
    assert get_scope(users["head_a"]).unit_ids("bank", Action.CONFIRM) == set()
    assert get_scope(users["head_a"]).unit_ids("roadmap", Action.CHANGE) == {w.school_a.pk}
    assert get_scope(users["coordinator"]).unit_ids("roadmap", Action.APPROVE) == {w.muni1.pk}
    assert get_scope(users["operator"]).unit_ids("roadmap", Action.APPROVE) == {w.region.pk}
    assert get_scope(users["tutor_1"]).unit_ids("roadmap", Action.CHANGE) == set()
    assert get_scope(users["mentor_a"]).unit_ids(roles=frozenset({"mentor"})) == {w.school_a.pk}


def test_the_scope_reads_the_users_person_without_the_people_models(world):
    scope = get_scope(world.users["mentor_a"])
    assert scope.person_id == world.mentor_a.pk
    tutor = get_user_model().objects.create_user("nobody", password="pass12345")
    clear_scope_cache(tutor)
    assert get_scope(tutor).person_id is None


# --- the workflow: declared once, read by the page, the services and the rights -----------------


def test_every_step_of_the_roadmap_workflow_is_a_right_of_permissions():
    for action, transition in TRANSITIONS.items():
        assert action == transition.action
        assert action in Action.values
        assert PERMISSIONS["roadmap"][action], action


def test_the_page_lists_the_steps_the_user_may_take_now(world):
    users = world.users
    school = make_roadmap(world.school_a)
    muni = make_roadmap(world.muni1)

    def steps(persona, roadmap):
        roadmap.refresh_from_db()
        return [t.action for t in available_transitions(users[persona], roadmap)]

    assert steps("curator_a", school) == [Action.SUBMIT]
    assert steps("coordinator", school) == []
    assert steps("coordinator", muni) == [Action.APPROVE]
    roadmap_services.roadmap_submit(roadmap=school, by=users["curator_a"])
    assert steps("curator_a", school) == [Action.WITHDRAW]
    assert steps("coordinator", school) == [Action.RETURN, Action.APPROVE]
    assert steps("operator", school) == []
    roadmap_services.roadmap_approve(roadmap=school, by=users["coordinator"])
    assert steps("curator_a", school) == [Action.REOPEN]
    # and the reason a step is unavailable: the right first, then the status
    assert transition_refusal(users["operator"], school, Action.REOPEN) == "Нет прав на это действие."
    assert transition_refusal(users["curator_a"], school, Action.SUBMIT).startswith(
        "Направить на согласование"
    )


@pytest.mark.parametrize(
    ("persona", "step"),
    [
        ("curator_a", "approve"),  # the keeper does not approve
        ("operator", "approve"),  # the region does not approve a municipality's organization
        ("coordinator", "withdraw"),  # the approver does not withdraw
        ("curator_b", "return"),
        ("mentor_a", "approve"),
    ],
)
def test_the_roadmap_services_check_their_actor(world, persona, step):
    # given a submitted school roadmap
    roadmap = make_roadmap(world.school_a)
    roadmap_services.roadmap_submit(roadmap=roadmap, by=world.users["curator_a"])
    events = roadmap.events.count()
    call = {
        "approve": lambda by: roadmap_services.roadmap_approve(roadmap=roadmap, by=by),
        "return": lambda by: roadmap_services.roadmap_return(roadmap=roadmap, by=by, comment="Нет"),
        "withdraw": lambda by: roadmap_services.roadmap_withdraw(roadmap=roadmap, by=by),
    }[step]

    # when someone without the right calls the service directly (an API, a job), it is refused
    with pytest.raises(PermissionDenied):
        call(world.users[persona])

    # and nothing changed
    roadmap.refresh_from_db()
    assert (roadmap.status, roadmap.events.count()) == (RoadmapStatus.SUBMITTED, events)


def test_plan_execution_comments_and_creation_services_check_their_actor(world):
    users = world.users
    roadmap = make_roadmap(world.school_a)
    item = roadmap.items.first()
    with pytest.raises(PermissionDenied):
        roadmap_services.item_report(item=item, by=users["coordinator"], status="in_progress")
    with pytest.raises(PermissionDenied):
        roadmap_services.item_delete(item=item, by=users["operator"])
    with pytest.raises(PermissionDenied):
        roadmap_services.comment_add(roadmap=roadmap, by=users["mentor_a"], text="Замечание")
    with pytest.raises(PermissionDenied):
        roadmap_services.roadmap_create_from_blueprint(
            owner=world.school_a, code="organization_002", year=2026, by=users["coordinator"]
        )
    # the keeper and the approver do what is theirs
    roadmap_services.item_report(item=item, by=users["curator_a"], status="in_progress")
    roadmap_services.comment_add(roadmap=roadmap, by=users["coordinator"], text="Замечание")


def test_the_bank_confirmation_service_checks_its_actor(world):
    with pytest.raises(PermissionDenied, match="куратор"):
        bank_services.bank_confirm(organization=world.school_a, by=world.users["head_a"])
    assert bank_services.bank_confirm(organization=world.school_a, by=world.users["curator_a"]).pk


# --- personalized programs: the same one function, the workflow declared once ---------------------


def test_the_program_workflow_is_declared_once_and_each_step_is_a_right():
    from nastavnik.mentoring.choices import PROGRAM_STEPS, PROGRAM_TRANSITIONS, ProgramStatus

    for action, step in PROGRAM_STEPS.items():
        assert action == step.action and action in Action.values
        assert PERMISSIONS["personalizedprogram"][action] == PERMISSIONS["personalizedprogram"][Action.CHANGE]
    assert PROGRAM_TRANSITIONS[ProgramStatus.DRAFT] == {ProgramStatus.APPROVED, ProgramStatus.TERMINATED}
    assert PROGRAM_TRANSITIONS[ProgramStatus.COMPLETED] == frozenset()


@pytest.mark.parametrize("action", ["approve", "return", "start", "complete", "terminate"])
def test_program_steps_belong_to_the_curator_and_the_head_of_its_organization(big_world, action):
    from nastavnik.mentoring.tests.helpers import draft_program

    program = draft_program(big_world)
    holders = {
        p for p in ALL_PERSONAS if has_perm(big_world.users[p], "personalizedprogram", action, program)
    }
    assert holders == {"curator_a", "head_a"}


def test_the_program_services_check_their_actor(world):
    from nastavnik.mentoring.choices import ProgramStatus
    from nastavnik.mentoring.selectors.participants import program_roles
    from nastavnik.mentoring.services import programs as program_services
    from nastavnik.mentoring.tests.helpers import draft_program
    from nastavnik.mentoring.views.programs import program_actions

    program = draft_program(world)
    for persona in ("mentor_a", "mentee_a", "coordinator", "curator_b"):
        with pytest.raises(PermissionDenied):
            program_services.program_terminate(program=program, by=world.users[persona], reason="Так")
    program.refresh_from_db()
    assert program.status == ProgramStatus.DRAFT
    # the page offers the manager the steps of the declaration, and nobody else any
    labels = [
        label
        for label, _url, _style in program_actions(program, program_roles(world.users["head_a"], program))
    ]
    assert labels == ["Редактировать", "Утвердить", "Прекратить"]
    assert program_actions(program, program_roles(world.users["mentor_a"], program)) == []
    program_services.program_terminate(program=program, by=world.users["head_a"], reason="Пара не сложилась")
    program.refresh_from_db()
    assert program.status == ProgramStatus.TERMINATED


def test_a_request_is_decided_only_by_the_managers_of_its_program(world):
    from nastavnik.mentoring.choices import REQUEST_STEPS, RequestKind, RequestStatus
    from nastavnik.mentoring.services import requests as request_services
    from nastavnik.mentoring.tests.helpers import draft_program

    program = draft_program(world)
    pair = program.pairs.get()
    request = request_services.pair_request_submit(
        pair=pair, by=world.users["mentee_a"], kind=RequestKind.CHANGE_MENTOR, reason="Не сложилось"
    )
    for persona in ("mentor_a", "mentee_a", "coordinator", "operator", "curator_b"):
        with pytest.raises(PermissionDenied):
            request_services.pair_request_decide(
                request=request, by=world.users[persona], approve=False, comment="Нет"
            )
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    request_services.pair_request_decide(
        request=request, by=world.users["head_a"], approve=False, comment="Нет"
    )
    request.refresh_from_db()
    assert request.status == REQUEST_STEPS["reject"][1] == RequestStatus.REJECTED
