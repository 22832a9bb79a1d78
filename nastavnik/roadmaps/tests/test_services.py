"""Writes to roadmaps (``roadmaps.services``): creating one empty or from a template of the
regulations, the plan while it is a draft, the execution and its evidence, the approval workflow
with its history (seed 000 App. 2 and §4.2, 003, 002 §6 and §10), and the progress read for control."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.roadmaps import services
from nastavnik.roadmaps.blueprints import BLUEPRINTS
from nastavnik.roadmaps.choices import ItemStatus, PeriodKind, Recurrence, RoadmapEventKind, RoadmapStatus
from nastavnik.roadmaps.models import Roadmap, RoadmapEvent, RoadmapItem, RoadmapSection
from nastavnik.roadmaps.periods import period_parse
from nastavnik.roadmaps.selectors import Progress, progress_for
from nastavnik.roadmaps.tests.conftest import ROADMAP_YEAR, SMALL_PLAN, plan_of

pytestmark = pytest.mark.django_db

D = dt.date


def messages_of(error: ValidationError) -> list[str]:
    return list(error.messages)


# --- creating ------------------------------------------------------------------------------------


def test_roadmap_create_saves_the_plan_and_one_event(world, roadmap_maker):
    # when the curator creates a roadmap of school A with a small plan
    roadmap = roadmap_maker(world.school_a)

    # then it is a draft of the school with its section and items in order, roles inferred
    assert (roadmap.status, roadmap.level, roadmap.owner) == (
        RoadmapStatus.DRAFT,
        "organization",
        world.school_a,
    )
    assert roadmap.created_by == world.users["curator_a"]
    items = list(roadmap.items.order_by("sort_order"))
    assert [i.number for i in items] == ["1.1", "1.2", "1.3"]
    assert [i.period_text for i in items] == ["Март 2025", "Май – июнь 2030", "Ежемесячно"]
    assert items[0].responsible_roles == [Role.HEAD]
    assert items[2].responsible_roles == [Role.CURATOR, Role.MENTOR]
    assert roadmap.sections.get().title == "Организационные мероприятия"

    # and the history has one «created» event by the curator
    event = roadmap.events.get()
    assert (event.kind, event.author) == (RoadmapEventKind.CREATED, world.users["curator_a"])
    assert event.summary.startswith("Создана дорожная карта (3 ")


def test_counts_of_activities_in_the_history_agree_with_the_number(world, roadmap_maker):
    roadmap = roadmap_maker(world.school_a)
    assert roadmap.events.get().summary == "Создана дорожная карта (3 мероприятия)"
    services.section_delete(section=roadmap.sections.get(), by=None)
    assert (
        roadmap.events.latest("pk").summary == "Удалён раздел «Организационные мероприятия» (3 мероприятия)"
    )


def test_roadmap_create_refuses_a_reversed_period(world):
    with pytest.raises(ValidationError) as error:
        services.roadmap_create(
            owner=world.school_a, title="План", starts_on=D(2027, 6, 30), ends_on=D(2026, 9, 1), by=None
        )
    assert messages_of(error.value) == ["Окончание периода не может быть раньше его начала."]
    assert not Roadmap.objects.exists()


def test_roadmap_create_refuses_a_period_longer_than_six_years(world):
    with pytest.raises(ValidationError) as error:
        services.roadmap_create(
            owner=world.school_a, title="План", starts_on=D(2020, 1, 1), ends_on=D(2027, 1, 1), by=None
        )
    assert messages_of(error.value) == ["Период дорожной карты — не больше шести лет."]


def test_roadmap_create_names_the_items_outside_the_period(world):
    # given a plan whose 1.1 is in 2025 and whose 1.3 is recurring, for a roadmap of 2030 only
    with pytest.raises(ValidationError) as error:
        services.roadmap_create(
            owner=world.school_a,
            title="План",
            starts_on=D(2030, 1, 1),
            ends_on=D(2030, 12, 31),
            by=world.users["curator_a"],
            sections=plan_of(SMALL_PLAN),
        )

    # then the activity outside is named by its number, the recurring one is never outside
    assert messages_of(error.value) == [
        "Сроки мероприятий 1.1 выходят за период дорожной карты (01.01.2030 – 31.12.2030): "
        "измените их или период."
    ]
    assert not Roadmap.objects.exists() and not RoadmapItem.objects.exists()


def test_roadmap_create_refuses_an_empty_title_and_an_activity_without_executors(world):
    rows = (("2.1", "Совещание", "Март 2025", " "),)
    with pytest.raises(ValidationError) as error:
        services.roadmap_create(
            owner=world.school_a,
            title="  ",
            starts_on=D(2025, 1, 1),
            ends_on=D(2025, 12, 31),
            by=None,
            sections=plan_of(rows),
        )
    assert messages_of(error.value) == [
        "Укажите наименование дорожной карты.",
        "Мероприятие 2.1: укажите его и ответственных.",
    ]
    assert not Roadmap.objects.exists()


def test_roadmap_create_refuses_a_unit_of_another_level(world):
    federal = world.region.parent
    with pytest.raises(ValidationError) as error:
        services.roadmap_create(
            owner=federal, title="План", starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31), by=None
        )
    assert messages_of(error.value) == [
        "Дорожную карту ведут регион, муниципальное образование или организация."
    ]


@pytest.mark.parametrize(
    ("code", "owner", "items", "sections", "starts_on", "ends_on"),
    [
        ("regional_000", "region", 25, 3, D(2026, 3, 1), D(2026, 12, 31)),
        ("municipal_003", "muni1", 26, 6, D(2026, 11, 1), D(2027, 7, 31)),
        ("organization_002", "school_a", 28, 5, D(2026, 9, 1), D(2027, 6, 30)),
    ],
)
def test_roadmap_from_each_template_has_all_its_items_moved_to_the_year(
    world, code, owner, items, sections, starts_on, ends_on
):
    # when a roadmap is made from the template for 2026 by the unit's keeper
    keeper = {"region": "operator", "muni1": "coordinator", "school_a": "curator_a"}[owner]
    roadmap = services.roadmap_create_from_blueprint(
        owner=getattr(world, owner), code=code, year=ROADMAP_YEAR, by=world.users[keeper]
    )

    # then it holds every item of the template, in its sections, over the shifted period
    blueprint = BLUEPRINTS[code]
    assert roadmap.items.count() == blueprint.item_count == items
    assert roadmap.sections.count() == len(blueprint.sections) == sections
    assert (roadmap.starts_on, roadmap.ends_on) == (starts_on, ends_on)
    assert (roadmap.title, roadmap.source, roadmap.blueprint) == (blueprint.title, blueprint.source, code)

    # and every item's period is the template's moved by four years, roles recognized from its text
    shift = ROADMAP_YEAR - blueprint.base_year
    source = {i.number: i for s in blueprint.sections for i in s.items}
    for item in roadmap.items.all():
        assert item.period == period_parse(source[item.number].period).shifted(shift), item.number
        assert item.activity == source[item.number].activity
    assert roadmap.events.get().summary == (
        f"Создана по шаблону «{blueprint.source}» на 2026 год ({items} мероприятий)"
    )


def test_school_template_dates_and_roles(world, school_roadmap):
    items = {i.number: i for i in school_roadmap.items.all()}
    # «Сентябрь 2022» → September 2026; «Ноябрь 2022 – май 2023» → November 2026 – May 2027
    assert items["1.1"].period_text == "Сентябрь 2026"
    assert (items["2.6"].starts_on, items["2.6"].ends_on) == (D(2026, 11, 1), D(2027, 5, 31))
    # «До 20.01.2023» → the deadline 20 January 2027; «В течение года» stays recurring
    assert (items["5.5"].starts_on, items["5.5"].ends_on) == (None, D(2027, 1, 20))
    assert (items["4.3"].period_kind, items["4.3"].recurrence) == (
        PeriodKind.RECURRING,
        Recurrence.DURING_YEAR,
    )
    # roles from «Куратор, Педагог-психолог», «Руководитель образовательной организации, Куратор»
    assert items["2.2"].responsible_roles == [Role.CURATOR, Role.PSYCHOLOGIST]
    assert items["1.2"].responsible_roles == [Role.HEAD, Role.CURATOR]


@pytest.mark.parametrize(
    ("code", "year", "message"),
    [
        ("nonexistent", 2026, "Такого шаблона нет."),
        ("municipal_003", 2026, "Шаблон «{title}» предназначен для уровня «Муниципальное образование»."),
        ("organization_002", 1999, "Укажите год от 2000 до 2100."),
        ("organization_002", 2101, "Укажите год от 2000 до 2100."),
    ],
)
def test_roadmap_from_template_refuses_a_wrong_template_or_year(world, code, year, message):
    with pytest.raises(ValidationError) as error:
        services.roadmap_create_from_blueprint(owner=world.school_a, code=code, year=year, by=None)
    title = BLUEPRINTS[code].title if code in BLUEPRINTS else ""
    assert messages_of(error.value) == [message.format(title=title)]
    assert not Roadmap.objects.exists()


def test_a_school_roadmap_is_linked_to_its_municipality_and_that_to_the_region(world, region_roadmap):
    # given the region's roadmap; when the municipality and the school make theirs
    muni = services.roadmap_create_from_blueprint(
        owner=world.muni1, code="municipal_003", year=ROADMAP_YEAR, by=world.users["coordinator"]
    )
    school = services.roadmap_create_from_blueprint(
        owner=world.school_a, code="organization_002", year=ROADMAP_YEAR, by=world.users["curator_a"]
    )

    # then each is linked to the roadmap of the level above
    assert muni.parent == region_roadmap
    assert school.parent == muni
    assert region_roadmap.parent is None


def test_the_parent_is_an_approved_roadmap_of_the_level_above_first(world, roadmap_maker):
    # given two roadmaps of the municipality over the same years: an approved one, then a newer draft
    approved = roadmap_maker(world.muni1, starts_on=D(2025, 1, 1))
    services.roadmap_approve(roadmap=approved, by=world.users["coordinator"])
    roadmap_maker(world.muni1, starts_on=D(2025, 2, 1))

    # when the school makes its roadmap, then it answers to the approved one
    assert roadmap_maker(world.school_a).parent == approved


def test_a_roadmap_of_another_period_is_not_the_parent(world, roadmap_maker):
    roadmap_maker(world.muni1, rows=(), starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31))
    assert roadmap_maker(world.school_a).parent is None


def test_approving_a_municipality_roadmap_adopts_the_parentless_school_roadmaps(world, roadmap_maker):
    # given school A's roadmap made before the municipality had one, and school B's in another municipality
    school_a = roadmap_maker(world.school_a)
    school_b = roadmap_maker(world.school_b)
    assert school_a.parent is None

    # when the municipality makes and approves its roadmap
    muni = roadmap_maker(world.muni1)
    school_a.refresh_from_db()
    assert school_a.parent is None  # creating links only the new roadmap upwards
    services.roadmap_approve(roadmap=muni, by=world.users["coordinator"])

    # then school A's roadmap answers to it, school B's does not
    school_a.refresh_from_db()
    school_b.refresh_from_db()
    assert school_a.parent == muni
    assert school_b.parent is None


def test_approving_keeps_an_existing_parent(world, roadmap_maker):
    # given a school roadmap already linked to the municipality's first roadmap
    first = roadmap_maker(world.muni1)
    school = roadmap_maker(world.school_a)
    assert school.parent == first

    # when another municipal roadmap over the same period is approved
    second = roadmap_maker(world.muni1, starts_on=D(2025, 2, 1))
    services.roadmap_approve(roadmap=second, by=world.users["coordinator"])

    # then the school keeps its link
    school.refresh_from_db()
    assert school.parent == first


# --- the plan while it is a draft -----------------------------------------------------------------


def test_item_save_adds_and_changes_an_activity_of_a_draft(world, roadmap_maker):
    roadmap = roadmap_maker(world.school_a)
    section = roadmap.sections.get()
    curator = world.users["curator_a"]

    # when the curator adds an activity at the end of the section
    item = services.item_save(
        roadmap=roadmap,
        by=curator,
        period=period_parse("01.09.2026 – 15.09.2026"),
        section=section,
        number="1.4",
        activity="  Педагогический совет  ",
        result="Протокол",
        responsible="Руководитель организации, Куратор",
    )

    # then it is saved after the others, trimmed, with the roles from the text and an event
    assert item.sort_order == 4 and item.activity == "Педагогический совет"
    assert item.responsible_roles == [Role.HEAD, Role.CURATOR]
    assert (item.starts_on, item.ends_on) == (D(2026, 9, 1), D(2026, 9, 15))
    assert roadmap.events.latest("pk").summary == "Добавлено мероприятие 1.4 «Педагогический совет»"

    # when it is changed with explicit roles
    services.item_save(
        roadmap=roadmap,
        by=curator,
        item=item,
        period=period_parse("Постоянно"),
        section=section,
        number="1.4",
        activity="Педагогический совет",
        responsible="Куратор",
        responsible_roles=[Role.MENTOR],
    )
    item.refresh_from_db()
    assert item.period_text == "Постоянно" and item.responsible_roles == [Role.MENTOR]
    assert roadmap.events.latest("pk").summary == "Изменено мероприятие 1.4 «Педагогический совет»"


def test_item_save_refuses_a_period_outside_the_roadmap_and_saves_nothing(world, roadmap_maker):
    roadmap = roadmap_maker(world.school_a)
    with pytest.raises(ValidationError) as error:
        services.item_save(
            roadmap=roadmap,
            by=world.users["curator_a"],
            period=period_parse("Март 2031"),
            section=roadmap.sections.get(),
            activity="Семинар",
            responsible="Куратор",
        )
    assert error.value.message_dict == {
        "period": ["Срок выходит за период дорожной карты (01.01.2025 – 31.12.2030)."]
    }
    assert roadmap.items.count() == 3


def test_item_save_refuses_a_section_of_another_roadmap_and_an_empty_activity(world, roadmap_maker):
    roadmap = roadmap_maker(world.school_a)
    other = roadmap_maker(world.school_b)
    with pytest.raises(ValidationError) as error:
        services.item_save(
            roadmap=roadmap,
            by=None,
            period=period_parse("Март 2026"),
            section=other.sections.get(),
            activity="Семинар",
            responsible="Куратор",
        )
    assert messages_of(error.value) == ["Раздел принадлежит другой дорожной карте."]
    with pytest.raises(ValidationError) as error:
        services.item_save(
            roadmap=roadmap,
            by=None,
            period=period_parse("Март 2026"),
            section=roadmap.sections.get(),
            activity=" ",
            responsible="Куратор",
        )
    assert messages_of(error.value) == ["Укажите мероприятие и ответственных исполнителей."]
    with pytest.raises(TypeError):
        services.item_save(
            roadmap=roadmap, by=None, period=period_parse("Март 2026"), section=None, colour="red"
        )


def test_section_save_and_delete_in_a_draft(world, roadmap_maker):
    roadmap = roadmap_maker(world.school_a)
    curator = world.users["curator_a"]

    # a new section goes to the end; renaming keeps its place
    section = services.section_save(roadmap=roadmap, by=curator, number="2.", title="Мониторинг")
    assert section.sort_order == 2
    services.section_save(
        roadmap=roadmap, by=curator, number="2.", title="Мониторинг и контроль", section=section
    )
    assert RoadmapSection.objects.get(pk=section.pk).title == "Мониторинг и контроль"
    with pytest.raises(ValidationError):
        services.section_save(roadmap=roadmap, by=curator, number="3.", title=" ")

    # deleting the first section takes its activities with it
    services.section_delete(section=roadmap.sections.get(number="1."), by=curator)
    assert roadmap.items.count() == 0
    assert roadmap.events.latest("pk").summary.startswith("Удалён раздел «Организационные мероприятия» (3 ")

    # deleting an activity
    item = services.item_save(
        roadmap=roadmap,
        by=curator,
        period=period_parse("Май 2026"),
        section=section,
        activity="А",
        responsible="Куратор",
    )
    services.item_delete(item=item, by=curator)
    assert not roadmap.items.exists()


PLAN_CHANGES = {
    "item_save": lambda r, by: services.item_save(
        roadmap=r,
        by=by,
        item=r.items.first(),
        period=period_parse("Октябрь 2026"),
        section=r.sections.first(),
        activity="Изменено",
        responsible="Куратор",
    ),
    "item_add": lambda r, by: services.item_save(
        roadmap=r,
        by=by,
        period=period_parse("Октябрь 2026"),
        section=r.sections.first(),
        activity="Новое",
        responsible="Куратор",
    ),
    "item_delete": lambda r, by: services.item_delete(item=r.items.first(), by=by),
    "section_add": lambda r, by: services.section_save(roadmap=r, by=by, number="9.", title="Новый"),
    "section_rename": lambda r, by: services.section_save(
        roadmap=r, by=by, number="1.", title="Иначе", section=r.sections.first()
    ),
    "section_delete": lambda r, by: services.section_delete(section=r.sections.first(), by=by),
    "header": lambda r, by: services.roadmap_update(
        roadmap=r, by=by, title="Иначе", starts_on=r.starts_on, ends_on=r.ends_on, source=""
    ),
    "replace_plan": lambda r, by: services.roadmap_replace_plan(
        roadmap=r, sections=[], by=by, summary="Файл"
    ),
}


@pytest.mark.parametrize("status", ["submitted", "approved"])
@pytest.mark.parametrize("change", PLAN_CHANGES)
def test_the_plan_of_a_submitted_or_approved_roadmap_does_not_change(world, school_roadmap, status, change):
    # given the school's roadmap submitted (or approved)
    services.roadmap_submit(roadmap=school_roadmap, by=world.users["curator_a"])
    if status == "approved":
        services.roadmap_approve(roadmap=school_roadmap, by=world.users["coordinator"])
    before = (
        list(RoadmapItem.objects.values()),
        list(RoadmapSection.objects.values()),
        list(Roadmap.objects.values()),
        RoadmapEvent.objects.count(),
    )

    # when the plan is changed, then it is refused in Russian and nothing changes
    with pytest.raises(ValidationError) as error:
        PLAN_CHANGES[change](school_roadmap, world.users["curator_a"])
    label = "На согласовании" if status == "submitted" else "Утверждена"
    assert messages_of(error.value)[0].startswith(
        f"Дорожная карта в статусе «{label}»: план меняется только в проекте или после возврата на доработку."
    )
    after = (
        list(RoadmapItem.objects.values()),
        list(RoadmapSection.objects.values()),
        list(Roadmap.objects.values()),
        RoadmapEvent.objects.count(),
    )
    assert after == before


def test_the_plan_of_a_returned_roadmap_changes(world, submitted_school_roadmap):
    services.roadmap_return(
        roadmap=submitted_school_roadmap, by=world.users["coordinator"], comment="Уточните"
    )
    item = PLAN_CHANGES["item_save"](submitted_school_roadmap, world.users["curator_a"])
    assert item.activity == "Изменено"


def test_roadmap_update_changes_the_header_and_refuses_a_period_leaving_items_out(world, roadmap_maker):
    roadmap = roadmap_maker(world.school_a)
    curator = world.users["curator_a"]
    services.roadmap_update(
        roadmap=roadmap,
        by=curator,
        title="Новый план",
        starts_on=D(2025, 1, 1),
        ends_on=D(2030, 12, 31),
        source="Приказ",
    )
    roadmap.refresh_from_db()
    assert (roadmap.title, roadmap.source) == ("Новый план", "Приказ")
    assert roadmap.events.latest("pk").summary == "Изменено: наименование, основание"

    with pytest.raises(ValidationError) as error:
        services.roadmap_update(
            roadmap=roadmap,
            by=curator,
            title="Новый план",
            starts_on=D(2026, 1, 1),
            ends_on=D(2030, 12, 31),
            source="",
        )
    assert "Сроки мероприятий 1.1 выходят за период дорожной карты" in messages_of(error.value)[0]


# --- execution and evidence ---------------------------------------------------------------------


def test_item_report_records_the_execution_with_an_event(world, approved_school_roadmap):
    # given an approved roadmap: execution is reported in any status
    item = approved_school_roadmap.items.get(number="1.1")
    curator = world.users["curator_a"]

    # when an item is reported done without a date
    services.item_report(item=item, by=curator, status=ItemStatus.DONE, comment="Приказ № 12")

    # then it is done today, with the event naming the change and the comment
    item.refresh_from_db()
    assert (item.status, item.completed_on) == (ItemStatus.DONE, timezone.localdate())
    event = approved_school_roadmap.events.latest("pk")
    assert (event.kind, event.item, event.author, event.comment) == (
        RoadmapEventKind.ITEM,
        item,
        curator,
        "Приказ № 12",
    )
    assert event.summary == "Мероприятие 1.1: Запланировано → Выполнено"


def test_item_report_accepts_a_past_completion_date(world, school_roadmap):
    item = school_roadmap.items.get(number="1.1")
    services.item_report(item=item, by=None, status=ItemStatus.DONE, completed_on=D(2026, 9, 20))
    item.refresh_from_db()
    assert item.completed_on == D(2026, 9, 20)


@pytest.mark.parametrize(
    ("status", "completed_on", "comment", "errors"),
    [
        (ItemStatus.DONE, "tomorrow", "", {"completed_on": ["Дата выполнения не может быть в будущем."]}),
        (
            ItemStatus.IN_PROGRESS,
            "yesterday",
            "",
            {"completed_on": ["Дата выполнения указывается только для выполненного мероприятия."]},
        ),
        (ItemStatus.CANCELLED, None, " ", {"comment": ["Укажите, почему мероприятие отменено."]}),
    ],
)
def test_item_report_refuses_impossible_execution(
    world, school_roadmap, status, completed_on, comment, errors
):
    item = school_roadmap.items.get(number="1.1")
    day = {
        "tomorrow": timezone.localdate() + dt.timedelta(days=1),
        "yesterday": timezone.localdate() - dt.timedelta(days=1),
    }
    events = RoadmapEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.item_report(
            item=item, by=None, status=status, completed_on=day.get(completed_on), comment=comment
        )
    assert error.value.message_dict == errors
    item.refresh_from_db()
    assert (item.status, item.completed_on) == (ItemStatus.PLANNED, None)
    assert RoadmapEvent.objects.count() == events


def test_item_report_refuses_an_unknown_status_and_cancels_with_a_comment(world, school_roadmap):
    item = school_roadmap.items.get(number="1.1")
    with pytest.raises(ValidationError) as error:
        services.item_report(item=item, by=None, status="lost")
    assert messages_of(error.value) == ["Выберите состояние исполнения."]

    services.item_report(item=item, by=None, status=ItemStatus.CANCELLED, comment="Приказ уже издан")
    item.refresh_from_db()
    assert item.status == ItemStatus.CANCELLED


def test_evidence_add_attaches_the_file_with_an_event(world, school_roadmap):
    item = school_roadmap.items.get(number="1.1")
    upload = SimpleUploadedFile("prikaz-12.pdf", b"%PDF-1.4 order", content_type="application/pdf")

    evidence = services.evidence_add(item=item, by=world.users["curator_a"], file=upload)

    assert evidence.title == "prikaz-12.pdf" and evidence.uploaded_by == world.users["curator_a"]
    assert evidence.file.read() == b"%PDF-1.4 order"
    assert school_roadmap.events.latest("pk").summary == "Мероприятие 1.1: загружен документ «prikaz-12.pdf»"

    services.evidence_delete(evidence=evidence, by=world.users["curator_a"])
    assert not item.evidence.exists()
    assert school_roadmap.events.latest("pk").summary == "Мероприятие 1.1: удалён документ «prikaz-12.pdf»"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("empty.pdf", b""), "Выберите непустой файл."),
        (None, "Выберите непустой файл."),
        (SimpleUploadedFile("huge.pdf", b"0" * (services.EVIDENCE_MAX_BYTES + 1)), "Файл больше 20 МБ."),
    ],
    ids=["empty", "none", "over-20-MB"],
)
def test_evidence_add_refuses_an_empty_or_too_big_file(world, school_roadmap, upload, message):
    item = school_roadmap.items.get(number="1.1")
    with pytest.raises(ValidationError) as error:
        services.evidence_add(item=item, by=None, file=upload)
    assert error.value.message_dict == {"file": [message]}
    assert not item.evidence.exists()


def test_comment_add_keeps_the_remark_in_the_history(world, school_roadmap):
    item = school_roadmap.items.get(number="2.2")
    event = services.comment_add(
        roadmap=school_roadmap, by=world.users["coordinator"], text="  Добавьте сроки  ", item=item
    )
    assert (event.kind, event.summary, event.comment) == (
        RoadmapEventKind.COMMENT,
        "Комментарий к мероприятию 2.2",
        "Добавьте сроки",
    )
    with pytest.raises(ValidationError) as error:
        services.comment_add(roadmap=school_roadmap, by=None, text=" ")
    assert error.value.message_dict == {"text": ["Напишите комментарий."]}


# --- the workflow ---------------------------------------------------------------------------------


def status_events(roadmap) -> list[tuple]:
    """The status steps of the history: (author's username, from, to, comment)."""
    return [
        (e.author.username if e.author else None, e.from_status, e.to_status, e.comment)
        for e in roadmap.events.filter(kind=RoadmapEventKind.STATUS).order_by("pk")
    ]


def test_the_full_workflow_of_a_school_roadmap_writes_one_event_per_step(world, school_roadmap):
    curator, coordinator = world.users["curator_a"], world.users["coordinator"]

    # submit
    count = school_roadmap.events.count()
    services.roadmap_submit(roadmap=school_roadmap, by=curator)
    assert school_roadmap.status == RoadmapStatus.SUBMITTED and school_roadmap.submitted_at is not None
    assert school_roadmap.events.count() == count + 1

    # withdraw, submit again
    services.roadmap_withdraw(roadmap=school_roadmap, by=curator)
    assert school_roadmap.status == RoadmapStatus.DRAFT
    services.roadmap_submit(roadmap=school_roadmap, by=curator)

    # return with remarks, then submit again
    services.roadmap_return(
        roadmap=school_roadmap, by=coordinator, comment="  Уточните сроки информирования родителей "
    )
    assert school_roadmap.status == RoadmapStatus.RETURNED
    services.roadmap_submit(roadmap=school_roadmap, by=curator)

    # approve
    services.roadmap_approve(roadmap=school_roadmap, by=coordinator, comment="Согласовано")
    assert school_roadmap.status == RoadmapStatus.APPROVED
    assert school_roadmap.approved_by == coordinator and school_roadmap.approved_at is not None

    # reopen
    services.roadmap_reopen(roadmap=school_roadmap, by=curator, comment="Новый срок педсовета")
    assert school_roadmap.status == RoadmapStatus.DRAFT
    assert school_roadmap.approved_at is None and school_roadmap.approved_by is None

    # then the history has exactly one status event per step, with its author, statuses and comment
    assert status_events(school_roadmap) == [
        ("curator_a", "draft", "submitted", ""),
        ("curator_a", "submitted", "draft", ""),
        ("curator_a", "draft", "submitted", ""),
        ("coordinator", "submitted", "returned", "Уточните сроки информирования родителей"),
        ("curator_a", "returned", "submitted", ""),
        ("coordinator", "submitted", "approved", "Согласовано"),
        ("curator_a", "approved", "draft", "Новый срок педсовета"),
    ]
    assert [e.summary for e in school_roadmap.events.filter(kind=RoadmapEventKind.STATUS).order_by("pk")] == [
        "Направлена на согласование",
        "Отозвана с согласования",
        "Направлена на согласование",
        "Возвращена на доработку",
        "Направлена на согласование",
        "Утверждена",
        "Открыта для внесения изменений",
    ]
    assert school_roadmap.events.count() == count + 7


def test_a_municipality_roadmap_is_approved_from_its_draft(world, muni_roadmap):
    services.roadmap_approve(roadmap=muni_roadmap, by=world.users["coordinator"])
    assert muni_roadmap.status == RoadmapStatus.APPROVED
    assert status_events(muni_roadmap) == [("coordinator", "draft", "approved", "")]


@pytest.mark.parametrize(
    ("setup", "step", "message"),
    [
        # submit
        ([], "submit_empty", "В дорожной карте нет ни одного мероприятия."),
        ([], "submit_muni", "Дорожная карта муниципалитета или региона утверждается без согласования."),
        (["submit"], "submit", "Направить на согласование можно только проект или дорожную карту, возвращённую на доработку."),
        (["submit", "approve"], "submit", "Направить на согласование можно только проект или дорожную карту, возвращённую на доработку."),
        # withdraw
        ([], "withdraw", "Отозвать можно только дорожную карту, направленную на согласование."),
        # return
        ([], "return", "Вернуть на доработку можно только дорожную карту на согласовании."),
        (["submit"], "return_silent", "Укажите, что нужно доработать."),
        # approve
        ([], "approve", "Дорожная карта организации утверждается после того, как она направлена на согласование."),
        (["submit", "return"], "approve", "Дорожная карта организации утверждается после того, как она направлена на согласование."),
        (["submit", "approve"], "approve", "Дорожная карта организации утверждается после того, как она направлена на согласование."),
        ([], "approve_empty_muni", "В дорожной карте нет ни одного мероприятия."),
        # reopen
        ([], "reopen", "Вносить изменения через этот шаг можно только в утверждённую дорожную карту."),
        (["submit", "approve"], "reopen_silent", "Укажите, какие изменения вносятся и почему."),
    ],
)  # fmt: skip
def test_invalid_steps_are_refused_in_russian_and_change_nothing(
    world, school_roadmap, roadmap_maker, setup, step, message
):
    curator, coordinator = world.users["curator_a"], world.users["coordinator"]
    steps = {
        "submit": lambda: services.roadmap_submit(roadmap=school_roadmap, by=curator),
        "submit_empty": lambda: services.roadmap_submit(
            roadmap=roadmap_maker(world.school_a, rows=()), by=curator
        ),
        "submit_muni": lambda: services.roadmap_submit(roadmap=roadmap_maker(world.muni1), by=coordinator),
        "withdraw": lambda: services.roadmap_withdraw(roadmap=school_roadmap, by=curator),
        "return": lambda: services.roadmap_return(
            roadmap=school_roadmap, by=coordinator, comment="Исправьте"
        ),
        "return_silent": lambda: services.roadmap_return(
            roadmap=school_roadmap, by=coordinator, comment="  "
        ),
        "approve": lambda: services.roadmap_approve(roadmap=school_roadmap, by=coordinator),
        "approve_empty_muni": lambda: services.roadmap_approve(
            roadmap=roadmap_maker(world.muni1, rows=()), by=coordinator
        ),
        "reopen": lambda: services.roadmap_reopen(roadmap=school_roadmap, by=curator, comment="Изменения"),
        "reopen_silent": lambda: services.roadmap_reopen(roadmap=school_roadmap, by=curator, comment=""),
    }
    for name in setup:
        steps[name]()
    school_roadmap.refresh_from_db()
    status, events = school_roadmap.status, school_roadmap.events.count()

    with pytest.raises(ValidationError) as error:
        steps[step]()

    assert messages_of(error.value) == [message]
    school_roadmap.refresh_from_db()
    assert (school_roadmap.status, school_roadmap.events.count()) == (status, events)


def test_only_a_never_submitted_draft_is_deleted(world, school_roadmap, roadmap_maker):
    curator = world.users["curator_a"]
    message = "Удалить можно только проект, который ни разу не направлялся на согласование и не утверждался."

    # a draft made by mistake goes with its plan and history
    mistake = roadmap_maker(world.school_a)
    services.roadmap_delete(roadmap=mistake, by=curator)
    assert not Roadmap.objects.filter(pk=mistake.pk).exists()
    assert not RoadmapItem.objects.filter(roadmap_id=mistake.pk).exists()

    # a submitted one stays, and so does a draft that was once submitted and withdrawn
    services.roadmap_submit(roadmap=school_roadmap, by=curator)
    with pytest.raises(ValidationError) as error:
        services.roadmap_delete(roadmap=school_roadmap, by=curator)
    assert messages_of(error.value) == [message]
    services.roadmap_withdraw(roadmap=school_roadmap, by=curator)
    with pytest.raises(ValidationError) as error:
        services.roadmap_delete(roadmap=school_roadmap, by=curator)
    assert messages_of(error.value) == [message]
    assert Roadmap.objects.filter(pk=school_roadmap.pk).exists()


def test_submit_refuses_a_plan_with_an_item_outside_the_period(world, roadmap_maker):
    # given a draft whose period was narrowed in the database behind the services' back
    roadmap = roadmap_maker(world.school_a)
    Roadmap.objects.filter(pk=roadmap.pk).update(starts_on=D(2026, 1, 1))
    roadmap.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        services.roadmap_submit(roadmap=roadmap, by=world.users["curator_a"])
    assert messages_of(error.value) == [
        "Сроки мероприятий 1.1 выходят за период дорожной карты (01.01.2026 – 31.12.2030): измените их или период."
    ]


# --- progress and overdue -------------------------------------------------------------------------

TODAY = D(2026, 11, 21)

PROGRESS_ROWS = (
    ("1", "Приказ", "Март 2026", "Руководитель организации"),  # done
    ("2", "Положение", "До 01.04.2026", "Руководитель организации"),  # overdue
    (
        "3",
        "Совет наставников",
        "01.10.2026 – 20.11.2026",
        "Руководитель организации",
    ),  # overdue (ended yesterday)
    ("4", "Сайт", "Ноябрь 2026", "Куратор"),  # ends 30.11: not yet
    ("5", "Новости", "Ежемесячно", "Куратор"),  # recurring: never overdue
    ("6", "Анкетирование", "Май 2026", "Куратор"),  # cancelled: not overdue
    ("7", "Отчёт", "21.11.2026", "Куратор"),  # today: not yet
)


@pytest.fixture
def progress_roadmap(world, roadmap_maker):
    roadmap = roadmap_maker(
        world.school_a, rows=PROGRESS_ROWS, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31)
    )
    items = {i.number: i for i in roadmap.items.all()}
    RoadmapItem.objects.filter(pk=items["1"].pk).update(status=ItemStatus.DONE, completed_on=D(2026, 3, 20))
    RoadmapItem.objects.filter(pk=items["6"].pk).update(status=ItemStatus.CANCELLED)
    RoadmapItem.objects.filter(pk=items["5"].pk).update(status=ItemStatus.IN_PROGRESS)
    return roadmap


def test_progress_counts_done_cancelled_and_overdue(world, progress_roadmap, roadmap_maker):
    empty = roadmap_maker(world.school_b, rows=())

    progress = progress_for([progress_roadmap.pk, empty.pk], today=TODAY)

    assert progress[progress_roadmap.pk] == Progress(total=7, done=1, cancelled=1, overdue=2)
    # done among the activities not cancelled: 1 of 6
    assert progress[progress_roadmap.pk].share == 17
    # a roadmap without activities is simply absent; an empty Progress has no share
    assert empty.pk not in progress
    assert Progress().share is None


def test_progress_share_is_none_when_everything_is_cancelled_and_100_when_all_done():
    assert Progress(total=2, done=0, cancelled=2).share is None
    assert Progress(total=3, done=2, cancelled=1).share == 100
    assert Progress(total=3, done=1).share == 33


def test_overdue_queryset_and_is_overdue_agree(progress_roadmap):
    overdue = RoadmapItem.objects.filter(roadmap=progress_roadmap).overdue(TODAY)
    assert sorted(overdue.values_list("number", flat=True)) == ["2", "3"]
    flagged = sorted(i.number for i in progress_roadmap.items.all() if i.is_overdue(TODAY))
    assert flagged == ["2", "3"]
    # a year later the recurring activity still is never overdue
    later = RoadmapItem.objects.filter(roadmap=progress_roadmap).overdue(D(2027, 12, 31))
    assert sorted(later.values_list("number", flat=True)) == ["2", "3", "4", "7"]


def test_the_history_names_an_activity_without_a_number_by_its_text(world, school_roadmap):
    item = school_roadmap.items.get(number="1.1")
    item.number = ""
    item.save()
    services.item_report(item=item, by=world.users["curator_a"], status=ItemStatus.IN_PROGRESS)
    services.comment_add(roadmap=school_roadmap, by=world.users["curator_a"], text="Начали", item=item)
    summaries = list(school_roadmap.events.order_by("-pk").values_list("summary", flat=True)[:2])
    start = f"«{item.activity[:80]}»"
    assert summaries == [
        f"Комментарий: мероприятие {start}",
        f"Мероприятие {start}: Запланировано → Выполняется",
    ]
