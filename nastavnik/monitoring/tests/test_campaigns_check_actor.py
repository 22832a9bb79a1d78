"""Each campaign service checks its actor (CONTRIBUTING: «Сервис, действующий за пользователя,
проверяет право сам»): the curator and the head of school A, the mentor, the curator of school B
and the coordinator of municipality 2 are refused and change nothing; the launcher is served."""

from __future__ import annotations

import pytest

from nastavnik.monitoring.models import Assignment, CampaignOrganization, MonitoringCampaign
from nastavnik.monitoring.services import campaigns as services
from nastavnik.monitoring.tests.campaign_helpers import campaign_people, make_campaign
from nastavnik.testing import factories as f
from nastavnik.testing.actors import assert_refused_then_served

pytestmark = pytest.mark.django_db

REFUSED = ("curator_a", "head_a", "mentor_a", "curator_b", "coordinator_2")


@pytest.fixture
def users(world):
    campaign_people(world)
    coordinator_2 = f.UserFactory(username="coordinator_2")
    f.RoleAssignmentFactory(user=coordinator_2, org_unit=world.muni2, role="municipal_coordinator")
    return {**world.users, "coordinator_2": coordinator_2}


def campaigns_state():
    return list(MonitoringCampaign.objects.order_by("pk").values_list("pk", "title", "status", "ends_on"))


def coverage_state():
    return list(
        CampaignOrganization.objects.order_by("pk").values_list("pk", "organization_id", "reminded_at")
    )


def assignments_state():
    return list(Assignment.objects.order_by("pk").values_list("pk", "status", "reminded_at"))


def test_create_checks_the_actor(world, users):
    assert_refused_then_served(
        lambda user: make_campaign(world, owner=world.muni1, by=user),
        users=users,
        refused=REFUSED,
        allowed="coordinator",
        state=campaigns_state,
    )


def test_update_and_add_organizations_check_the_actor(world, users):
    campaign = make_campaign(world, owner=world.region, by=users["operator"])

    def update(user):
        services.campaign_update(
            campaign=campaign,
            by=user,
            title="Изменённое название",
            starts_on=campaign.starts_on,
            ends_on=campaign.ends_on,
            questionnaires=list(campaign.questionnaires.all()),
            organizations=[world.school_a],
        )

    assert_refused_then_served(
        update, users=users, refused=(*REFUSED, "coordinator"), allowed="operator", state=campaigns_state
    )
    assert_refused_then_served(
        lambda user: services.campaign_add_organizations(
            campaign=campaign, by=user, organizations=[world.school_b]
        ),
        users=users,
        refused=(*REFUSED, "coordinator"),
        allowed="operator",
        state=coverage_state,
    )


def test_launch_remind_and_finish_check_the_actor(world, users):
    campaign = make_campaign(world, owner=world.muni1, by=users["coordinator"])
    assert_refused_then_served(
        lambda user: services.campaign_launch(campaign=campaign, by=user),
        users=users,
        refused=REFUSED,
        allowed="coordinator",
        state=assignments_state,
    )
    assert_refused_then_served(
        lambda user: services.campaign_remind(campaign=campaign, by=user),
        users=users,
        refused=REFUSED,
        allowed="coordinator",
        state=coverage_state,
    )
    assert_refused_then_served(
        lambda user: services.campaign_finish(campaign=campaign, by=user),
        users=users,
        refused=REFUSED,
        allowed="coordinator",
        state=campaigns_state,
    )
