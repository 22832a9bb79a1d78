"""The demo monitoring (issue 14, «Demo»): answers before and after the programs, a finished and
a running campaign, the federal figure confirmed and missing, risks — and the demo accounts'
pages show them: every level's dashboard has figures, the campaign pages both states, the
federal page confirmed and missing organizations."""

from __future__ import annotations

from statistics import mean

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.models import RoleAssignment
from nastavnik.demo.monitoring import federal_demo_year
from nastavnik.demo.testing import demo_loaded
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.monitoring.choices import AssignmentStatus, CampaignStatus, Measure, Phase
from nastavnik.monitoring.models import (
    ANONYMITY_THRESHOLD,
    Answer,
    AnswerItem,
    Assignment,
    FederalStatisticsReport,
    MonitoringCampaign,
    Risk,
)
from nastavnik.organizations.models import OrgUnit

TEACHERS = 1500


def _unit(login: str) -> OrgUnit:
    return RoleAssignment.objects.select_related("org_unit").get(user__username=login).org_unit


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo region loaded once for the module, in a transaction rolled back after it."""
    with django_db_blocker.unblock(), demo_loaded(teachers=TEACHERS) as region:
        yield region


def _client(login: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=login))
    return client


def _scores(answers, measure: str) -> list[int]:
    return list(
        AnswerItem.objects.filter(
            answer__in=answers, question__measure=measure, scale__isnull=False
        ).values_list("scale", flat=True)
    )


@pytest.mark.django_db
def test_every_started_program_has_its_answers_before_and_the_completed_ones_after(demo):
    # given the demo's started programs
    started = PersonalizedProgram.objects.filter(
        organization__path__startswith=demo.path, status__in=(ProgramStatus.ACTIVE, ProgramStatus.COMPLETED)
    )
    completed = started.filter(status=ProgramStatus.COMPLETED)
    assert started.count() > 20 and completed.exists()

    # then every mentee of a started program answered the self-assessment «before» by name (a
    # learner answers none of a teacher's professional difficulties)
    for pair in Pair.objects.filter(program__in=started, mentee__learner__isnull=True):
        answer = Answer.objects.get(program=pair.program, person_id=pair.mentee_id, phase=Phase.BEFORE)
        assert answer.questionnaire.code == "mentee_difficulties_before"
        assert answer.items.filter(question__measure=Measure.DIFFICULTY).count() == 8
    # and every mentor has the expectations «before», answered or still owed
    for program in started:
        mentor_id = program.pairs.values_list("mentor_id", flat=True).first()
        assert Assignment.objects.filter(
            program=program, person_id=mentor_id, questionnaire__code="mentor_expectations_before"
        ).exists()
    # and the completed ones the self-assessment «after», with difficulties that went down
    after = Answer.objects.filter(program__in=completed, questionnaire__code="mentee_difficulties_after")
    before = Answer.objects.filter(program__in=completed, questionnaire__code="mentee_difficulties_before")
    teachers = Pair.objects.filter(program__in=completed, mentee__learner__isnull=True)
    assert after.count() == before.count() == teachers.count()
    assert mean(_scores(after, Measure.DIFFICULTY)) < mean(_scores(before, Measure.DIFFICULTY))

    # and the demo mentor still owes an answer (what the home page lists)
    mentor = RoleAssignment.objects.get(user__username="mentor").user.person
    assert Assignment.objects.filter(person=mentor, status=AssignmentStatus.PENDING).exists()


@pytest.mark.django_db
def test_anonymous_answers_keep_no_person_and_come_in_groups(demo):
    # given the anonymous answers of the demo
    anonymous = Answer.objects.filter(organization__path__startswith=demo.path, questionnaire__anonymous=True)

    # then there are many, tied to no person, program or moment
    assert anonymous.count() >= 50
    assert not anonymous.filter(person__isnull=False).exists()
    assert not anonymous.filter(program__isnull=False).exists()
    assert not anonymous.filter(submitted_at__isnull=False).exists()
    assert not AnswerItem.objects.filter(answer__in=anonymous).exclude(text="").exists()
    # and some organization has a group of at least five for one questionnaire and month
    from django.db.models import Count

    groups = anonymous.values("organization_id", "questionnaire_id", "month").annotate(n=Count("pk"))
    assert max(g["n"] for g in groups) >= ANONYMITY_THRESHOLD


@pytest.mark.django_db
def test_each_level_dashboard_has_figures(demo):
    from nastavnik.monitoring.indicators.base import get_indicator, rollup
    from nastavnik.monitoring.periods import year_period

    period = year_period(timezone.localdate().year)
    region, municipality, school = demo, _unit("coordinator"), _unit("curator")

    # the figures behind the dashboards: the region and the municipality have every kind of figure
    for unit in (region, municipality):
        for code in (
            "teachers_as_mentors",
            "teachers_as_mentees",
            "satisfaction_mentees",
            "satisfaction_mentors",
        ):
            figure = rollup(get_indicator(code), unit, period).total
            assert figure.value, (unit, code, figure)
    # the self-assessed difficulties before and after: the parts say they went down (the value
    # itself needs five answers «after»: the default demo of 8000 teachers has them)
    sum_after, n_after, sum_before, n_before, *_ = rollup(
        get_indicator("difficulty_change"), region, period
    ).total.parts
    assert n_after and n_before and sum_after / n_after < sum_before / n_before
    cycle = rollup(get_indicator("full_cycle"), region, year_period(federal_demo_year(timezone.localdate())))
    assert cycle.total.value
    # the school's mentors and mentees
    assert rollup(get_indicator("teachers_as_mentors"), school, period).total.value

    # and each level's page opens for its account and shows its unit's figures
    for login, unit in (
        ("operator", region),
        ("coordinator", municipality),
        ("curator", school),
        ("head", school),
    ):
        response = _client(login).get(reverse("monitoring:unit", args=[unit.pk]))
        assert response.status_code == 200, login
        text = response.content.decode()
        mentors = rollup(get_indicator("teachers_as_mentors"), unit, period).total
        assert get_indicator("teachers_as_mentors").format(mentors.value) in text, login


@pytest.mark.django_db
def test_campaigns_finished_and_running(demo):
    from nastavnik.monitoring.campaigns import DONE, IN_PROGRESS, NOT_STARTED, campaign_progress

    today = timezone.localdate()
    finished = MonitoringCampaign.objects.get(owner=demo)
    running = MonitoringCampaign.objects.get(owner=_unit("coordinator"))

    # the region's campaign of last year is finished; the municipality's is running, due later
    assert finished.status == CampaignStatus.FINISHED and finished.ends_on.year == today.year - 1
    assert finished.finished_at and finished.answers.exists()
    assert not finished.assignments.filter(status=AssignmentStatus.PENDING).exists()
    assert running.status == CampaignStatus.RUNNING and running.ends_on > today

    # the running one: some organizations answered fully, some partly, some not at all
    coordinator = RoleAssignment.objects.get(user__username="coordinator").user
    states = {row.status for row in campaign_progress(running, coordinator).rows}
    assert {DONE, IN_PROGRESS, NOT_STARTED} <= states

    # the list shows both states to the operator, the coordinator sees the running one
    text = _client("operator").get(reverse("monitoring:campaign_list")).content.decode()
    assert finished.title in text and CampaignStatus.FINISHED.label in text
    text = (
        _client("coordinator").get(reverse("monitoring:campaign_detail", args=[running.pk])).content.decode()
    )
    assert running.title in text and CampaignStatus.RUNNING.label in text
    # and the demo curator has the task with its deadline, answered partly
    school = _unit("curator")
    task = running.coverage.get(organization=school)
    response = _client("curator").get(reverse("monitoring:campaign_task", args=[task.pk]))
    assert response.status_code == 200
    assert f"{running.ends_on:%d.%m.%Y}" in response.content.decode()
    assert running.assignments.filter(organization=school, status=AssignmentStatus.SUBMITTED).exists()
    assert running.assignments.filter(organization=school, status=AssignmentStatus.PENDING).exists()


@pytest.mark.django_db
def test_federal_figures_confirmed_differing_and_missing(demo):
    from nastavnik.monitoring.federal import STATUS_CONFIRMED, STATUS_DIFFERS, STATUS_MISSING, federal_table

    year = federal_demo_year(timezone.localdate())
    operator = RoleAssignment.objects.get(user__username="operator").user

    # most organizations confirmed, one differs from the data now, some are missing
    table = federal_table(operator, demo, year)
    counts = table.status_counts
    assert counts[STATUS_CONFIRMED] > counts[STATUS_MISSING] > 0
    assert counts[STATUS_DIFFERS] == 1
    assert table.overall.live > 0
    # the demo curator's school has not confirmed yet; the second curator's has, by that curator
    assert not FederalStatisticsReport.objects.filter(organization=_unit("curator"), year=year).exists()
    curator2 = RoleAssignment.objects.get(user__username="curator2")
    report = FederalStatisticsReport.objects.filter(organization=curator2.org_unit, year=year).first()
    assert report is None or report.confirmed_by == curator2.user

    # and the operator's page shows both
    text = _client("operator").get(reverse("monitoring:federal"), {"year": year}).content.decode()
    from nastavnik.monitoring.federal import STATUS_LABELS

    assert STATUS_LABELS[STATUS_CONFIRMED] in text and STATUS_LABELS[STATUS_MISSING] in text


@pytest.mark.django_db
def test_risks_in_the_registers(demo):
    school, municipality = _unit("curator"), _unit("coordinator")
    assert Risk.objects.filter(unit=school).count() >= 2
    assert Risk.objects.filter(unit=municipality).exists()
    response = _client("curator").get(reverse("monitoring:risks"), {"unit": school.pk})
    assert response.status_code == 200
    assert Risk.objects.filter(unit=school).first().description[:40] in response.content.decode()


def _independent_implementing(region, period) -> tuple[int, int]:
    """``(implementing, organizations)`` of ``region`` counted without the indicator's code: a
    set of organization ids per condition, intersected."""
    from nastavnik.access.choices import Role
    from nastavnik.documents.choices import DocumentKind, DocumentStatus
    from nastavnik.documents.models import Document
    from nastavnik.organizations.choices import EDUCATIONAL_KINDS, Level
    from nastavnik.roadmaps.choices import RoadmapStatus
    from nastavnik.roadmaps.models import Roadmap

    orgs = set(
        OrgUnit.objects.filter(
            path__startswith=region.path, level=Level.ORGANIZATION, kind__in=list(EDUCATIONAL_KINDS)
        ).values_list("pk", flat=True)
    )

    def signed(*kinds):
        return set(
            Document.objects.filter(
                kind__in=kinds, status=DocumentStatus.SIGNED, signed_on__lte=period.end
            ).values_list("organization_id", flat=True)
        )

    documents = signed(DocumentKind.REGULATION, DocumentKind.ORDER_REGULATION) & signed(
        DocumentKind.ORDER_IMPLEMENTATION
    )
    curators = set(
        RoleAssignment.objects.filter(role=Role.CURATOR, user__is_active=True).values_list(
            "org_unit_id", flat=True
        )
    )
    roadmaps = {
        r.owner_id
        for r in Roadmap.objects.filter(status=RoadmapStatus.APPROVED)
        if r.starts_on <= period.end and r.ends_on >= period.start
    }
    programs = {
        p.organization_id
        for p in PersonalizedProgram.objects.exclude(starts_on__isnull=True)
        if p.starts_on <= period.end
        and (
            p.status == ProgramStatus.ACTIVE
            or (p.status == ProgramStatus.COMPLETED and p.completed_on and p.completed_on >= period.start)
        )
    }
    return len(orgs & documents & curators & roadmaps & programs), len(orgs)


@pytest.mark.django_db
def test_the_region_implements_the_target_model_in_part(demo):
    from nastavnik.documents.choices import DocumentKind, DocumentStatus
    from nastavnik.documents.models import Document
    from nastavnik.monitoring.indicators.base import get_indicator, rollup
    from nastavnik.monitoring.periods import year_period

    period = year_period(timezone.localdate().year)

    # given the demo region: most organizations' founding documents signed, with their scans
    signed = Document.objects.filter(organization__path__startswith=demo.path, status=DocumentStatus.SIGNED)
    with_orders = set(
        signed.filter(kind=DocumentKind.ORDER_IMPLEMENTATION).values_list("organization_id", flat=True)
    )
    implementing, organizations = _independent_implementing(demo, period)
    assert 0.7 * organizations < len(with_orders) < organizations
    assert all(d.scan and d.file and d.signed_on >= d.date for d in signed)
    drafts = Document.objects.filter(
        organization__path__startswith=demo.path,
        kind=DocumentKind.ORDER_IMPLEMENTATION,
        status=DocumentStatus.DRAFT,
    )
    assert drafts.exists()

    # when the indicator is rolled up over the region
    figure = rollup(get_indicator("implementing_organizations"), demo, period).total

    # then its share is neither none nor all, and equals the independent count
    assert 0 < figure.value < 100
    assert figure.parts[:2] == (implementing, organizations)
    assert figure.value == pytest.approx(100 * implementing / organizations, abs=0.05)
    # and the demo curator's school, whose conditions are all met, is among the implementing
    school = _unit("curator")
    assert school.pk in with_orders


@pytest.mark.django_db
def test_the_demo_curator_sees_the_signed_documents_in_the_registry(demo):
    from nastavnik.documents.choices import DocumentKind
    from nastavnik.documents.models import Document

    # given the demo curator's school's signed implementation order
    school = _unit("curator")
    order = Document.objects.get(organization=school, kind=DocumentKind.ORDER_IMPLEMENTATION)
    client = _client("curator")

    # when the curator opens the registry and the document
    listing = client.get(reverse("documents:list")).content.decode()
    detail = client.get(order.get_absolute_url())
    scan = client.get(reverse("documents:scan", args=[order.pk]))
    docx = client.get(reverse("documents:docx", args=[order.pk]))

    # then the registry lists it with its number, and its scan (a PDF) and DOCX download
    assert f"№ {order.number}" in listing or order.number in listing
    assert detail.status_code == 200 and "подписан" in detail.content.decode()
    assert scan.status_code == 200 and b"".join(scan.streaming_content).startswith(b"%PDF-")
    assert docx.status_code == 200 and b"".join(docx.streaming_content).startswith(b"PK")
