"""Services of monitoring campaigns: scope of the launcher, who gets the questionnaires at launch
(exactly once), adding organizations, reminders and their once-a-day rule, finishing (seed 003
§5.2–5.3, 000 App. 2 §3.3–3.6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nastavnik.monitoring.choices import AssignmentStatus, CampaignStatus
from nastavnik.monitoring.models import Assignment, CampaignOrganization, Questionnaire
from nastavnik.monitoring.services import campaigns as services
from nastavnik.monitoring.tests.campaign_helpers import campaign_people, make_campaign
from nastavnik.organizations.choices import OrganizationKind
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def test_create_refuses_outside_the_launchers_territory(world):
    campaign_people(world)
    coordinator = world.users["coordinator"]
    with pytest.raises(PermissionDenied):
        make_campaign(world, owner=world.muni2, by=coordinator)
    with pytest.raises(PermissionDenied):
        make_campaign(world, owner=world.muni1, by=world.users["curator_a"])
    campaign = make_campaign(world, owner=world.muni1, by=coordinator)
    assert list(campaign.coverage.values_list("organization", flat=True)) == [world.school_a.pk]


def test_create_checks_the_period_the_owner_and_the_organizations(world):
    operator = world.users["operator"]
    with pytest.raises(ValidationError) as error:
        make_campaign(
            world, owner=world.region, by=operator, starts_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 1)
        )
    assert "раньше начала" in str(error.value)
    with pytest.raises(ValidationError) as error:
        make_campaign(world, owner=world.school_a, by=operator)
    assert "регион или муниципальное образование" in str(error.value)
    with pytest.raises(ValidationError) as error:
        make_campaign(world, owner=world.muni1, by=operator, organizations=[world.school_b])
    assert "не организации территории" in str(error.value)
    with pytest.raises(ValidationError) as error:
        make_campaign(world, owner=world.muni1, by=operator, questionnaires=[])
    assert "хотя бы одну анкету" in str(error.value)
    foreign = Questionnaire.objects.create(
        title="Анкета Нижневартовска", audience="mentee", phase="periodic", owner=world.muni2
    )
    with pytest.raises(ValidationError) as error:
        make_campaign(world, owner=world.muni1, by=operator, questionnaires=[foreign])
    assert "недоступны" in str(error.value)


def test_default_coverage_is_narrowed_by_municipality_and_kind(world):
    kindergarten = f.OrgUnitFactory(
        parent=world.muni1, full_name="МБДОУ «Детский сад № 5»", kind=OrganizationKind.KINDERGARTEN
    )
    f.OrgUnitFactory(
        parent=world.muni1, full_name="Управление образования", kind=OrganizationKind.MUNICIPAL_AUTHORITY
    )
    operator = world.users["operator"]
    everything = make_campaign(world, owner=world.region, by=operator, organizations=None)
    assert set(everything.coverage.values_list("organization", flat=True)) == {
        world.school_a.pk,
        world.school_b.pk,
        kindergarten.pk,
    }
    narrowed = make_campaign(
        world,
        owner=world.region,
        by=operator,
        organizations=None,
        municipalities=[world.muni1],
        kinds=[OrganizationKind.KINDERGARTEN],
    )
    assert list(narrowed.coverage.values_list("organization", flat=True)) == [kindergarten.pk]
    with pytest.raises(ValidationError) as error:
        make_campaign(
            world, owner=world.muni2, by=operator, organizations=None, kinds=[OrganizationKind.COLLEGE]
        )
    assert "хотя бы одну организацию" in str(error.value)


def test_launch_assigns_exactly_the_addressed_people_once(world):
    people = campaign_people(world)
    campaign = make_campaign(
        world, owner=world.region, by=world.users["operator"], organizations=[world.school_a, world.school_b]
    )
    created = services.campaign_launch(campaign=campaign, by=world.users["operator"])
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.RUNNING and campaign.launched_at is not None
    got = set(
        Assignment.objects.filter(campaign=campaign).values_list(
            "questionnaire__audience", "person_id", "organization_id"
        )
    )
    a, b = world.school_a.pk, world.school_b.pk
    assert got == {
        ("mentee", world.mentee_a.pk, a),
        ("mentor", world.mentor_a.pk, a),
        ("curator", people["curator_a"].pk, a),
        ("head", people["head_a"].pk, a),
        ("mentee", people["mentee_b"].pk, b),
    }
    assert created == 5
    # not the teacher without a bank card, nor the candidate mentor, nor the mentee who left
    assert not Assignment.objects.filter(
        person__in=[world.teacher_a, people["candidate"], people["left"]]
    ).exists()
    assert set(Assignment.objects.filter(campaign=campaign).values_list("due_on", flat=True)) == {
        campaign.ends_on
    }
    assert set(
        Assignment.objects.filter(campaign=campaign, questionnaire__audience="curator").values_list(
            "phase", flat=True
        )
    ) == {"periodic"}
    # idempotent: launching again adds nothing
    assert services.campaign_launch(campaign=campaign, by=world.users["operator"]) == 0
    assert Assignment.objects.filter(campaign=campaign).count() == 5


def test_launch_is_refused_to_others_and_after_the_deadline(world):
    campaign_people(world)
    campaign = make_campaign(world, owner=world.muni1, by=world.users["coordinator"])
    for persona in ("curator_a", "head_a", "curator_b", "mentor_a"):
        with pytest.raises(PermissionDenied):
            services.campaign_launch(campaign=campaign, by=world.users[persona])
    coordinator_2 = f.UserFactory(username="coordinator_2")
    f.RoleAssignmentFactory(user=coordinator_2, org_unit=world.muni2, role="municipal_coordinator")
    with pytest.raises(PermissionDenied):
        services.campaign_launch(campaign=campaign, by=coordinator_2)
    assert not Assignment.objects.exists()
    past = make_campaign(
        world,
        owner=world.muni1,
        by=world.users["coordinator"],
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2020, 2, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.campaign_launch(campaign=past, by=world.users["coordinator"])
    assert "Срок представления уже прошёл" in str(error.value)


def test_launch_is_a_few_queries_whatever_the_number_of_people(world, django_assert_max_num_queries):
    campaign_people(world)
    schools = [world.school_a]
    for n in range(10):
        school = f.OrgUnitFactory(parent=world.muni1, full_name=f"МБОУ «СОШ № {n + 10}»")
        for k in range(3):
            from nastavnik.matching.tests.bank import mentee as mentee_card

            mentee_card(f.staff_member(school, last_name=f"Учителева{n}{k}"), school)
        schools.append(school)
    campaign = make_campaign(world, owner=world.muni1, by=world.users["coordinator"], organizations=schools)
    with django_assert_max_num_queries(30):
        created = services.campaign_launch(campaign=campaign, by=world.users["coordinator"])
    assert created == 4 + 30


def test_running_campaign_edit_rules_and_adding_organizations(world):
    people = campaign_people(world)
    operator = world.users["operator"]
    campaign = make_campaign(world, owner=world.region, by=operator, organizations=[world.school_a])
    services.campaign_launch(campaign=campaign, by=operator)
    questionnaires = list(campaign.questionnaires.all())

    def update(**changes):
        values = dict(
            campaign=campaign,
            by=operator,
            title=campaign.title,
            starts_on=campaign.starts_on,
            ends_on=campaign.ends_on,
            questionnaires=questionnaires,
            organizations=[world.school_a],
        )
        values.update(changes)
        return services.campaign_update(**values)

    with pytest.raises(ValidationError) as error:
        update(starts_on=campaign.starts_on + dt.timedelta(days=1))
    assert "нельзя перенести на более позднюю" in str(error.value)
    with pytest.raises(ValidationError) as error:
        update(ends_on=campaign.starts_on - dt.timedelta(days=1))
    assert "раньше начала" in str(error.value)
    with pytest.raises(ValidationError) as error:
        update(questionnaires=questionnaires[:1])
    assert "набор анкет не меняется" in str(error.value)
    update(title="Мониторинг удовлетворённости, 2026", starts_on=campaign.starts_on - dt.timedelta(days=3))
    campaign.refresh_from_db()
    assert campaign.title == "Мониторинг удовлетворённости, 2026"
    with pytest.raises(ValidationError) as error:
        update(organizations=[world.school_b])
    assert "только добавить" in str(error.value)
    assert (
        services.campaign_add_organizations(
            campaign=campaign, by=operator, organizations=[world.school_a, world.school_b]
        )
        == 1
    )
    assert Assignment.objects.filter(campaign=campaign, person=people["mentee_b"]).count() == 1
    with pytest.raises(PermissionDenied):
        services.campaign_add_organizations(
            campaign=campaign, by=world.users["coordinator"], organizations=[world.school_b]
        )


def test_remind_writes_to_curators_and_pending_people_and_not_twice_a_day(world):
    people = campaign_people(world)
    operator = world.users["operator"]
    campaign = make_campaign(
        world, owner=world.region, by=operator, organizations=[world.school_a, world.school_b]
    )
    with pytest.raises(ValidationError) as error:
        services.campaign_remind(campaign=campaign, by=operator)
    assert "только по проводимому" in str(error.value)
    services.campaign_launch(campaign=campaign, by=operator)
    # school B has answered fully
    Assignment.objects.filter(organization=world.school_b).update(status=AssignmentStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.campaign_remind(campaign=campaign, by=world.users["curator_a"])
    with pytest.raises(ValidationError) as error:
        services.campaign_remind(campaign=campaign, by=operator, organizations=[world.school_b])
    assert "все уже ответили" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.campaign_remind(campaign=campaign, by=operator, organizations=[])
    assert "Выберите организацию" in str(error.value)
    mail.outbox.clear()
    result = services.campaign_remind(campaign=campaign, by=operator)
    assert (result.organizations, result.skipped) == (1, 0)
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(
        [
            world.mentee_a.email,
            world.mentor_a.email,
            people["curator_a"].email,
            people["head_a"].email,
            world.users["curator_a"].email,  # the curator's letter about the organization
        ]
    )
    assert recipients == expected and result.letters == len(expected)
    assert all(m.subject == f"Напоминание: мониторинг «{campaign.title}»" for m in mail.outbox)
    curator_letter = next(m for m in mail.outbox if "ещё не все ответили" in m.body)
    assert "СОШ № 1" in curator_letter.body and "Здравствуйте" in curator_letter.body
    coverage = CampaignOrganization.objects.get(campaign=campaign, organization=world.school_a)
    assert coverage.reminded_at is not None
    assert not Assignment.objects.filter(organization=world.school_a, reminded_at__isnull=True).exists()
    # twice within a day: refused with a Russian message, for one organization and for all
    with pytest.raises(ValidationError) as error:
        services.campaign_remind(campaign=campaign, by=operator, organizations=[world.school_a])
    assert "повторное напоминание" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.campaign_remind(campaign=campaign, by=operator)
    assert "повторное напоминание" in str(error.value)
    # a day later it is allowed again
    CampaignOrganization.objects.filter(pk=coverage.pk).update(
        reminded_at=timezone.now() - dt.timedelta(days=1, minutes=1)
    )
    assert (
        services.campaign_remind(campaign=campaign, by=operator, organizations=[world.school_a]).organizations
        == 1
    )


def test_finish_cancels_pending_assignments_and_keeps_answers(world):
    campaign_people(world)
    coordinator = world.users["coordinator"]
    campaign = make_campaign(world, owner=world.muni1, by=coordinator)
    with pytest.raises(ValidationError):
        services.campaign_finish(campaign=campaign, by=coordinator)
    services.campaign_launch(campaign=campaign, by=coordinator)
    answered = Assignment.objects.filter(campaign=campaign).first()
    Assignment.objects.filter(pk=answered.pk).update(status=AssignmentStatus.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.campaign_finish(campaign=campaign, by=world.users["head_a"])
    cancelled = services.campaign_finish(campaign=campaign, by=coordinator)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.FINISHED and campaign.finished_at is not None
    assert cancelled == Assignment.objects.filter(campaign=campaign).count() - 1
    assert Assignment.objects.get(pk=answered.pk).status == AssignmentStatus.SUBMITTED
    assert not Assignment.objects.filter(campaign=campaign, status=AssignmentStatus.PENDING).exists()
    with pytest.raises(ValidationError) as error:
        services.campaign_launch(campaign=campaign, by=coordinator)
    assert "завершён" in str(error.value)
