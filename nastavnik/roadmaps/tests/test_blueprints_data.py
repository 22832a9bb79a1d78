"""The roadmap templates (seed 000 App. 2, 003, 002 §10) as data: numbering, clean texts and
periods that the period parser reads. Plain data, no database."""

import importlib
import re

import pytest

from nastavnik.roadmaps.blueprints import BLUEPRINTS
from nastavnik.roadmaps.blueprints.municipal import MUNICIPAL
from nastavnik.roadmaps.blueprints.organization import ORGANIZATION
from nastavnik.roadmaps.blueprints.regional import REGIONAL

_MONTH = "(?:январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)"
_DATE = r"\d{2}\.\d{2}\.\d{4}"
_RECURRING = (
    "(?:постоянно|ежегодно|ежемесячно|по запросу|в течение года|в течение всего периода"
    "|на регулярной основе|в отчётный период)"
)
#: The period grammar of the templates (the first letter's case is free).
PERIOD_RE = re.compile(
    rf"^(?:{_MONTH} \d{{4}}"  # «Март 2022»
    rf"|{_MONTH} – {_MONTH} \d{{4}}"  # «Ноябрь – декабрь 2022»
    rf"|{_MONTH} \d{{4}} – {_MONTH} \d{{4}}"  # «Декабрь 2022 – май 2023»
    rf"|{_DATE}(?: – {_DATE})?"  # «01.04.2022», «01.03.2022 – 15.04.2022»
    rf"|до {_DATE}"  # «До 01.04.2022»
    rf"|{_RECURRING}(?:, [^\s,][^,]*)?"  # «Постоянно», «Постоянно, ежегодная актуализация»
    r")$"
)

ALL = (REGIONAL, MUNICIPAL, ORGANIZATION)


def _items(blueprint):
    return [item for section in blueprint.sections for item in section.items]


def _texts(blueprint):
    yield "title", blueprint.title
    yield "source", blueprint.source
    for section in blueprint.sections:
        yield f"section {section.number}", section.number
        yield f"section {section.number}", section.title
        for item in section.items:
            for field in ("number", "activity", "period", "responsible", "result"):
                yield f"{item.number} {field}", getattr(item, field)


def _lower_first(text):
    return text[:1].lower() + text[1:]


def test_the_registry_holds_the_three_templates_by_code():
    assert BLUEPRINTS == {
        "regional_000": REGIONAL,
        "municipal_003": MUNICIPAL,
        "organization_002": ORGANIZATION,
    }
    assert [bp.level for bp in ALL] == ["region", "municipality", "organization"]
    assert all(bp.base_year == 2022 for bp in ALL)


@pytest.mark.parametrize("blueprint", ALL, ids=lambda bp: bp.code)
def test_item_and_section_numbers_are_unique(blueprint):
    numbers = [item.number for item in _items(blueprint)]
    assert len(numbers) == len(set(numbers))
    sections = [section.number for section in blueprint.sections]
    assert len(sections) == len(set(sections))
    assert all(section.items for section in blueprint.sections)


@pytest.mark.parametrize("blueprint", ALL, ids=lambda bp: bp.code)
def test_items_are_numbered_within_their_section(blueprint):
    for section in blueprint.sections:
        prefixes = {item.number.split(".")[0] for item in section.items}
        assert len(prefixes) == 1, section.number
        tails = [int(item.number.split(".")[1]) for item in section.items]
        assert tails == list(range(1, len(tails) + 1)), section.number


def test_regional_has_every_item_of_seed_000_appendix_2():
    assert [section.number for section in REGIONAL.sections] == ["I", "II", "III"]
    assert REGIONAL.item_count == 25
    expected = (
        [f"1.{n}" for n in range(1, 8)] + [f"2.{n}" for n in range(1, 13)] + [f"3.{n}" for n in range(1, 7)]
    )
    assert [item.number for item in _items(REGIONAL)] == expected


def test_regional_cells_broken_by_the_extraction_are_rejoined():
    items = {item.number: item for item in _items(REGIONAL)}
    assert items["1.1"].responsible.endswith("(далее – АУ «Институт развития образования»)")
    assert "Департаменту образования и молодежной политики" in items["1.3"].result
    assert items["2.4"].activity.endswith(
        "педагогических работников образовательных организаций ХМАО – Югры»"
    )
    assert items["2.6"].result.endswith("педагогических работников ОО ХМАО – Югры")
    assert items["2.8"].responsible.endswith("Департамент культуры и спорта")
    assert items["2.12"].result.endswith("в исследовательскую и аналитическую деятельность")
    assert items["3.2"].period == "В течение всего периода"
    assert "(В рамках ежегодного регионального конкурса" in items["3.5"].activity
    assert items["1.2"].responsible == "Департамент, АУ «Институт развития образования»"


def test_municipal_has_every_item_of_seed_003():
    assert [section.number for section in MUNICIPAL.sections] == ["1.", "2.", "3.", "4.", "5.", "6."]
    expected = (
        [f"1.{n}" for n in range(1, 4)]
        + [f"2.{n}" for n in range(1, 4)]
        + [f"3.{n}" for n in range(1, 7)]
        + [f"4.{n}" for n in range(1, 9)]
        + [f"5.{n}" for n in range(1, 5)]
        + [f"6.{n}" for n in range(1, 3)]
    )
    assert [item.number for item in _items(MUNICIPAL)] == expected


def test_municipal_names_no_particular_district_or_region():
    text = " ".join(value for _, value in _texts(MUNICIPAL))
    for name in ("Пиров", "Красноярск", "2022– 2023", "гг."):
        assert name not in text
    assert "регионального центра наставничества (РЦН)" in text


def test_organization_covers_the_parts_seed_002_p10_requires():
    assert 20 <= ORGANIZATION.item_count <= 30
    titles = [section.title for section in ORGANIZATION.sections]
    assert "Сроки реализации этапов программы наставничества" in titles
    assert "Информирование педагогического и родительского сообществ" in titles
    assert "Привлечение наставников" in titles
    stages = ORGANIZATION.sections[titles.index("Сроки реализации этапов программы наставничества")]
    assert len(stages.items) == 7  # seed 000 §IV
    periods = [item.period for item in _items(ORGANIZATION)]
    assert "До 20.01.2023" in periods  # seed 002 §9


@pytest.mark.parametrize("blueprint", ALL, ids=lambda bp: bp.code)
def test_texts_are_clean(blueprint):
    for where, text in _texts(blueprint):
        assert text, where
        assert text == text.strip(), where
        assert "  " not in text, where
        assert not re.search(r"[\t\n\r]", text), where
        assert text.count("«") == text.count("»"), where
        assert text.count("(") == text.count(")"), where


@pytest.mark.parametrize("blueprint", ALL, ids=lambda bp: bp.code)
def test_periods_follow_the_grammar(blueprint):
    for item in _items(blueprint):
        assert PERIOD_RE.match(_lower_first(item.period)), (item.number, item.period)


@pytest.mark.parametrize("blueprint", ALL, ids=lambda bp: bp.code)
def test_period_parser_reads_every_period(blueprint):
    try:
        periods = importlib.import_module("nastavnik.roadmaps.periods")
    except ImportError:
        pytest.skip("nastavnik.roadmaps.periods is not written yet")
    for item in _items(blueprint):
        parsed = periods.period_parse(item.period)
        if parsed.starts_on is not None or parsed.ends_on is not None:
            assert parsed.ends_on.year in (blueprint.base_year, blueprint.base_year + 1), item.number
