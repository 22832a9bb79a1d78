"""Pages of monitoring campaigns as each role uses them: creating, the live progress with its
filter, sorting, totals and reminders, the XLSX, the organization's task (names only for named
questionnaires), the curator's home block; scope (municipality 1 sees nothing of municipality 2);
garbage in forms and query strings; the number of queries of the progress page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.monitoring.choices import AssignmentStatus, CampaignStatus
from nastavnik.monitoring.models import Assignment, CampaignOrganization, MonitoringCampaign, Questionnaire
from nastavnik.monitoring.services import campaigns as services
from nastavnik.monitoring.tests.campaign_helpers import CODES, campaign_people, make_campaign
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def client_of(client, user):
    client.force_login(user)
    return client


def running(world, *, owner=None, by="operator", organizations=None):
    owner = owner or world.region
    user = world.users[by] if isinstance(by, str) else by
    campaign = make_campaign(
        world, owner=owner, by=user, organizations=organizations or [world.school_a, world.school_b]
    )
    services.campaign_launch(campaign=campaign, by=user)
    campaign.refresh_from_db()
    return campaign


def test_coordinator_creates_a_campaign_through_the_form(world, client):
    campaign_people(world)
    client_of(client, world.users["coordinator"])
    page = client.get(reverse("monitoring:campaign_create"))
    assert page.status_code == 200
    owners = list(page.context["form"].fields["owner"].queryset)
    assert owners == [world.muni1]  # not the region, not municipality 2
    today = timezone.localdate()
    questionnaires = list(Questionnaire.objects.filter(code__in=CODES).values_list("pk", flat=True))
    response = client.post(
        reverse("monitoring:campaign_create"),
        {
            "owner": world.muni1.pk,
            "title": "Мониторинг удовлетворённости наставляемых",
            "goal": "",
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(days=10)).isoformat(),
            "questionnaires": questionnaires,
        },
    )
    campaign = MonitoringCampaign.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "monitoring:campaign_detail", args=[campaign.pk]
    )
    assert campaign.owner == world.muni1 and campaign.status == CampaignStatus.DRAFT
    assert list(campaign.coverage.values_list("organization", flat=True)) == [world.school_a.pk]
    # municipality 2 is not a choice
    refused = client.post(
        reverse("monitoring:campaign_create"),
        {
            "owner": world.muni2.pk,
            "title": "Чужой мониторинг",
            "starts_on": today.isoformat(),
            "ends_on": today.isoformat(),
            "questionnaires": questionnaires,
        },
    )
    assert refused.status_code == 200 and "owner" in refused.context["form"].errors
    assert MonitoringCampaign.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {
            "owner": "²",
            "title": "x",
            "starts_on": "2026-13-40",
            "ends_on": "вчера",
            "questionnaires": ["abc"],
        },
        {"owner": "-1", "title": "", "starts_on": "", "ends_on": "", "questionnaires": ["99999999999"]},
        {
            "owner": "1e3",
            "title": "x" * 400,
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
            "kinds": ["space"],
        },
        {"owner": "", "municipalities": ["²"], "questionnaires": ["-5"]},
    ],
)
def test_garbage_in_the_form_gives_russian_errors(world, client, data):
    client_of(client, world.users["operator"])
    response = client.post(reverse("monitoring:campaign_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Исправьте ошибки" in response.content.decode()
    assert not MonitoringCampaign.objects.exists()


def test_edit_page_and_its_refusal_after_finish(world, client):
    campaign_people(world)
    campaign = running(world)
    client_of(client, world.users["operator"])
    page = client.get(reverse("monitoring:campaign_edit", args=[campaign.pk]))
    assert page.status_code == 200 and page.context["form"].fields["questionnaires"].disabled
    data = {
        "title": "Новое название",
        "goal": "",
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": (campaign.ends_on + dt.timedelta(days=5)).isoformat(),
        "organizations": [world.school_a.pk, world.school_b.pk],
    }
    saved = client.post(reverse("monitoring:campaign_edit", args=[campaign.pk]), data)
    assert saved.status_code == 302, saved.context["form"].errors
    campaign.refresh_from_db()
    assert campaign.title == "Новое название"
    assert set(Assignment.objects.filter(campaign=campaign).values_list("due_on", flat=True)) == {
        campaign.ends_on
    }
    data["organizations"] = [world.school_a.pk]
    removed = client.post(reverse("monitoring:campaign_edit", args=[campaign.pk]), data)
    assert removed.status_code == 200 and "только добавить" in removed.content.decode()
    services.campaign_finish(campaign=campaign, by=world.users["operator"])
    finished = client.get(reverse("monitoring:campaign_edit", args=[campaign.pk]))
    assert finished.status_code == 403
    assert client_of(client, world.users["curator_a"]).get(
        reverse("monitoring:campaign_edit", args=[campaign.pk])
    ).status_code in (403, 404)


def test_progress_table_live_counts_filter_sort_and_totals(world, client):
    campaign_people(world)
    campaign = running(world)
    Assignment.objects.filter(campaign=campaign, organization=world.school_b).update(
        status=AssignmentStatus.SUBMITTED
    )
    first_a = Assignment.objects.filter(campaign=campaign, organization=world.school_a).first()
    Assignment.objects.filter(pk=first_a.pk).update(status=AssignmentStatus.SUBMITTED)
    client_of(client, world.users["operator"])
    url = reverse("monitoring:campaign_detail", args=[campaign.pk])
    page = client.get(url)
    assert page.status_code == 200
    rows = {r.organization.pk: r for r in page.context["progress"].rows}
    assert (rows[world.school_a.pk].assigned, rows[world.school_a.pk].answered) == (4, 1)
    assert rows[world.school_a.pk].status_label == "в работе"
    assert (
        rows[world.school_b.pk].assigned,
        rows[world.school_b.pk].answered,
        rows[world.school_b.pk].share,
    ) == (
        1,
        1,
        100,
    )
    assert rows[world.school_b.pk].status_label == "завершено"
    text = page.content.decode()
    assert "Итого: организаций 2, ответили полностью 1" in text
    assert page.context["progress"].share == 40
    pending = client.get(url, {"pending": "1"})
    assert [r.organization.pk for r in pending.context["progress"].rows] == [world.school_a.pk]
    for column in ("municipality", "organization", "assigned", "answered", "share", "reminded", "status"):
        ascending = client.get(url, {"sort": column})
        descending = client.get(url, {"sort": f"-{column}"})
        assert ascending.status_code == descending.status_code == 200
    by_share = [r.organization.pk for r in client.get(url, {"sort": "-share"}).context["progress"].rows]
    assert by_share == [world.school_b.pk, world.school_a.pk]
    for garbage in ("²", "-", "--share", "share;drop", "x" * 500):
        response = client.get(url, {"sort": garbage, "pending": garbage})
        assert response.status_code == 200 and response.context["sort"] == ""


def test_remind_from_the_page_and_the_russian_refusal_of_a_second_one(world, client, mailoutbox):
    campaign_people(world)
    campaign = running(world)
    client_of(client, world.users["operator"])
    url = reverse("monitoring:campaign_remind", args=[campaign.pk])
    assert client.get(url).status_code == 405
    response = client.post(
        url, {"organization": world.school_a.pk, "pending": "1", "sort": "share"}, follow=True
    )
    assert response.redirect_chain[-1][0].endswith("?pending=1&sort=share")
    assert "Напоминание отправлено" in response.content.decode()
    assert mailoutbox
    assert CampaignOrganization.objects.get(campaign=campaign, organization=world.school_a).reminded_at
    again = client.post(url, {"organization": world.school_a.pk}, follow=True)
    assert "не раньше чем через сутки" in again.content.decode()
    for garbage in ("²", "-1", "abc", "99999999999", str(world.region.pk)):
        bad = client.post(url, {"organization": garbage}, follow=True)
        assert bad.status_code == 200
    everyone = client.post(url, {}, follow=True)  # B is left
    assert "организаций — 1" in everyone.content.decode()
    # the curator may not remind through the launcher's button
    assert client_of(client, world.users["curator_a"]).post(url, {}).status_code == 403


def test_launch_and_finish_from_the_page(world, client):
    campaign_people(world)
    coordinator = world.users["coordinator"]
    campaign = make_campaign(world, owner=world.muni1, by=coordinator)
    client_of(client, world.users["curator_a"])
    assert client.post(reverse("monitoring:campaign_launch", args=[campaign.pk])).status_code == 403
    client_of(client, coordinator)
    detail = client.get(reverse("monitoring:campaign_detail", args=[campaign.pk])).content.decode()
    assert 'data-testid="campaign-launch"' in detail and "data-confirm=" in detail
    response = client.post(reverse("monitoring:campaign_launch", args=[campaign.pk]), follow=True)
    assert "Мониторинг запущен. Назначено анкет: 4." in response.content.decode()
    response = client.post(reverse("monitoring:campaign_finish", args=[campaign.pk]), follow=True)
    assert "Мониторинг завершён" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.FINISHED
    again = client.post(reverse("monitoring:campaign_finish", args=[campaign.pk]), follow=True)
    assert "только проводимый" in again.content.decode()


def test_xlsx_of_the_progress(world, client):
    campaign_people(world)
    campaign = running(world)
    client_of(client, world.users["operator"])
    response = client.get(reverse("monitoring:campaign_export", args=[campaign.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == (
        "Муниципальное образование",
        "Организация",
        "Назначено анкет",
        "Ответов",
        "Доля ответивших, %",
    )
    assert {r[1] for r in rows[1:]} == {world.school_a.full_name, world.school_b.full_name}
    assert {r[6] for r in rows[1:]} == {"не начато"}


def test_coordinator_sees_nothing_of_municipality_2(world, client):
    campaign_people(world)
    coordinator_2 = f.UserFactory(username="coordinator_2")
    f.RoleAssignmentFactory(user=coordinator_2, org_unit=world.muni2, role="municipal_coordinator")
    theirs = running(world, owner=world.muni2, by=coordinator_2, organizations=[world.school_b])
    regional = running(world)
    client_of(client, world.users["coordinator"])
    for name in ("campaign_detail", "campaign_export", "campaign_edit"):
        assert client.get(reverse(f"monitoring:{name}", args=[theirs.pk])).status_code == 404
    for name in ("campaign_launch", "campaign_finish", "campaign_remind"):
        assert client.post(reverse(f"monitoring:{name}", args=[theirs.pk])).status_code == 404
    task_b = CampaignOrganization.objects.get(campaign=theirs)
    assert client.get(reverse("monitoring:campaign_task", args=[task_b.pk])).status_code == 404
    listing = client.get(reverse("monitoring:campaign_list"))
    assert [c.pk for c, *_ in listing.context["rows"]] == [regional.pk]
    # the regional campaign: only municipality 1's rows, and no buttons of the launcher
    page = client.get(reverse("monitoring:campaign_detail", args=[regional.pk]))
    assert [r.organization.pk for r in page.context["progress"].rows] == [world.school_a.pk]
    assert not page.context["can_remind"] and not page.context["can_finish"]
    assert "СОШ № 2" not in page.content.decode()
    regional_b = CampaignOrganization.objects.get(campaign=regional, organization=world.school_b)
    assert client.get(reverse("monitoring:campaign_task", args=[regional_b.pk])).status_code == 404


def test_curator_sees_only_their_organizations_task(world, client):
    people = campaign_people(world)
    campaign = running(world)
    client_of(client, world.users["curator_a"])
    listing = client.get(reverse("monitoring:campaign_list"))
    assert listing.status_code == 200
    assert [(c.pk, assigned) for c, assigned, *_ in listing.context["rows"]] == [(campaign.pk, 4)]
    detail = client.get(reverse("monitoring:campaign_detail", args=[campaign.pk]))
    assert [r.organization.pk for r in detail.context["progress"].rows] == [world.school_a.pk]
    assert 'data-testid="remind' not in detail.content.decode()
    task_a = CampaignOrganization.objects.get(campaign=campaign, organization=world.school_a)
    task_b = CampaignOrganization.objects.get(campaign=campaign, organization=world.school_b)
    assert client.get(reverse("monitoring:campaign_task", args=[task_b.pk])).status_code == 404
    assert client.get(reverse("monitoring:campaign_task", args=["99999999"])).status_code == 404
    # the letter to those who have not answered: named questionnaires only
    before = client.get(reverse("monitoring:campaign_task", args=[task_a.pk])).content.decode()
    assert world.mentee_a.email in before and world.mentor_a.email not in before
    # the mentee answers the named questionnaire, the mentor the anonymous one
    Assignment.objects.filter(campaign=campaign, person__in=[world.mentee_a, world.mentor_a]).update(
        status=AssignmentStatus.SUBMITTED
    )
    page = client.get(reverse("monitoring:campaign_task", args=[task_a.pk]))
    assert page.status_code == 200
    items = {i.questionnaire.code: i for i in page.context["items"]}
    assert items["mentee_difficulties_before"].answered_names == [world.mentee_a.full_name]
    assert items["curator_periodic"].pending_names == [people["curator_a"].full_name]
    anonymous = items["mentor_feedback_after"]
    assert (anonymous.assigned, anonymous.answered) == (1, 1)
    assert anonymous.answered_names == anonymous.pending_names == []
    text = page.content.decode()
    assert "Анкета анонимная: показывается только число ответивших." in text
    assert world.mentor_a.last_name not in text  # never who answered the anonymous questionnaire
    assert f"до {campaign.ends_on:%d.%m.%Y}" in text
    assert 'href="mailto:?bcc=' in text  # the letter to their own people who have not answered
    assert "curator_a" not in text  # no logins


def test_curator_home_shows_the_running_tasks(world, client):
    campaign_people(world)
    campaign = running(world)
    home = client_of(client, world.users["curator_a"]).get(reverse("core:home"))
    lists = {w.title: w for w in home.context["work_lists"]}
    assert "Мониторинги" in lists
    (item,) = lists["Мониторинги"].items
    assert item.text == campaign.title and f"до {campaign.ends_on:%d.%m.%Y}" in item.note
    assert "ответили 0 из 4" in item.note
    task = CampaignOrganization.objects.get(campaign=campaign, organization=world.school_a)
    assert item.url == reverse("monitoring:campaign_task", args=[task.pk])
    # not for the curator of B once B is finished... and not for the mentor
    mentor_home = client_of(client, world.users["mentor_a"]).get(reverse("core:home"))
    assert "Мониторинги" not in {w.title for w in mentor_home.context["work_lists"]}


@pytest.mark.parametrize("count", [3, 30])
def test_progress_page_queries_do_not_grow_with_organizations(
    world, client, count, django_assert_max_num_queries
):
    from nastavnik.matching.tests.bank import mentee as mentee_card

    schools = [world.school_a]
    for n in range(count - 1):
        school = f.OrgUnitFactory(
            parent=world.muni1 if n % 2 else world.muni2, full_name=f"МБОУ «Школа № {n + 100}»"
        )
        mentee_card(f.staff_member(school, last_name=f"Учителева{n}"), school)
        schools.append(school)
    campaign = running(world, organizations=schools)
    Assignment.objects.filter(campaign=campaign, organization__in=schools[::2]).update(
        status=AssignmentStatus.SUBMITTED
    )
    client_of(client, world.users["operator"])
    url = reverse("monitoring:campaign_detail", args=[campaign.pk])
    client.get(url)  # warm the session
    with django_assert_max_num_queries(16):
        page = client.get(url, {"sort": "-share"})
    assert len(page.context["progress"].rows) == count
    with django_assert_max_num_queries(12):
        assert client.get(reverse("monitoring:campaign_list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("monitoring:campaign_export", args=[campaign.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["operator", "coordinator", "head_a", "curator_a", "curator_b"])
def test_campaign_pages_show_correct_russian_and_only_links_that_open(world, client, persona):
    from django.contrib.auth import get_user_model

    from nastavnik.testing.crawl import crawl

    campaign_people(world)
    running(world)
    make_campaign(world, owner=world.muni1, by=world.users["coordinator"])  # a draft too
    client_of(client, world.users[persona])
    logins = set(get_user_model().objects.values_list("username", flat=True))
    result = crawl(
        client, role=persona, logins=logins, max_pages=40, start=reverse("monitoring:campaign_list")
    )
    opened = [url for url in result.pages if url.startswith("/monitoring/campaigns/")]
    assert len(opened) >= 2, result.pages
    ours = [
        o for o in result.offences if o.url.startswith("/monitoring/campaigns/") or o.kind.startswith("link")
    ]
    assert not ours, "\n".join(str(o) for o in ours)
