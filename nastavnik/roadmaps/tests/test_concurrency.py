"""Two keepers editing the same activity of a roadmap at once lose nothing (issue 17, build 7):
the first save wins, the second is refused with «Запись изменена другим пользователем», the page
shows both versions with the differences marked and keeps the second keeper's values in the
form. Marking the execution moves the activity's version on too."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from nastavnik.core.concurrency import ConcurrentEditError
from nastavnik.roadmaps import services
from nastavnik.roadmaps.choices import ItemStatus
from nastavnik.roadmaps.models import RoadmapItem
from nastavnik.testing.forms import opened_form_data

pytestmark = pytest.mark.django_db


def client_for(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_the_second_of_two_simultaneous_saves_is_refused_with_both_versions(world, school_roadmap):
    # given the curator and the head of school A open the same activity of the school's roadmap
    item = school_roadmap.items.order_by("pk").first()
    url = reverse("roadmaps:item_edit", args=[item.pk])
    curator, head = client_for(world, "curator_a"), client_for(world, "head_a")
    curator_form = curator.get(url).context["form"]
    head_form = head.get(url).context["form"]

    # when the curator saves a new result, then the head saves another result and executors
    first = curator.post(url, opened_form_data(curator_form, result="Приказ куратора"))
    second = head.post(
        url, opened_form_data(head_form, result="Протокол руководителя", responsible="Руководитель")
    )

    # then the curator's save is kept and the head's refused, nothing of it written
    assert first.status_code == 302
    assert second.status_code == 409
    item.refresh_from_db()
    assert item.result == "Приказ куратора"
    assert item.responsible != "Руководитель"
    assert "Запись изменена другим пользователем" in second.content.decode()
    # both versions side by side, the head's values kept in the form
    form = second.context["form"]
    assert (form["result"].value(), form["responsible"].value()) == ("Протокол руководителя", "Руководитель")
    rows = {row.name: row for row in second.context["conflict"]["rows"]}
    assert (rows["result"].mine, rows["result"].stored) == ("Протокол руководителя", "Приказ куратора")
    assert rows["responsible"].differs and not rows["period"].differs and not rows["section"].differs
    assert rows["section"].stored == str(item.section)
    assert form["version"].value() == str(item.version)

    # when the head saves again from the refused page, then the head's values are written
    again = head.post(url, {name: form.data.getlist(name) for name in form.data})
    assert again.status_code == 302
    item.refresh_from_db()
    assert (item.result, item.responsible) == ("Протокол руководителя", "Руководитель")


def test_an_activity_deleted_meanwhile_is_not_recreated(world, school_roadmap):
    # given an activity whose edit form the curator opened
    item = school_roadmap.items.order_by("pk").first()
    opened_at = item.version
    stale = RoadmapItem.objects.get(pk=item.pk)

    # when the head deletes it, then the curator's change arrives
    services.item_delete(item=item, by=world.users["head_a"])
    with pytest.raises(ConcurrentEditError) as refused:
        services.item_save(
            roadmap=school_roadmap,
            by=world.users["curator_a"],
            period=stale.period,
            item=stale,
            expected_version=opened_at,
            section=stale.section,
            number=stale.number,
            activity=stale.activity,
            result="Поздно",
            responsible=stale.responsible,
        )

    # then it is refused in Russian and nothing comes back
    assert refused.value.current is None
    assert "удалена другим пользователем" in refused.value.messages[0]
    assert not RoadmapItem.objects.filter(pk=item.pk).exists()


def test_marking_the_execution_moves_the_version_on(world, school_roadmap):
    # given an activity whose edit form is open
    item = school_roadmap.items.order_by("pk").first()
    opened_at = item.version

    # when its execution is marked (a write outside the edit form)
    services.item_report(item=item, by=world.users["head_a"], status=ItemStatus.IN_PROGRESS)

    # then the version moved on, and the form opened before is refused
    stored = RoadmapItem.objects.get(pk=item.pk)
    assert stored.version == opened_at + 1
    with pytest.raises(ConcurrentEditError):
        services.item_save(
            roadmap=school_roadmap,
            by=world.users["curator_a"],
            period=stored.period,
            item=stored,
            expected_version=opened_at,
            section=stored.section,
            number=stored.number,
            activity=stored.activity,
            result="Устаревшая форма",
            responsible=stored.responsible,
        )
