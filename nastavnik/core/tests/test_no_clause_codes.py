"""Users never see the developers' clause codes of the regulations («seed 001 §4.4.2»): what a page
or a file shows as a basis names the document and its point («Положение о наставничестве …,
п. 4.4.3», issue 15 item 8). Codes stay in docstrings and comments.

Checked at the root — every text of the data the pages print (the reference entries, in
``reference.data`` and as loaded into the database by the migrations; the built-in
questionnaires; the indicators; the roadmap templates) — and at the surface: the pages that
print a basis, fetched as the curator of school A, and the roadmap's exports.
"""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from django.apps import apps
from django.test import Client

from nastavnik.reference.citations import DOCUMENTS, cite, has_code

#: What the pages must not contain: the word «seed» before a file number or a clause sign.
PAGE_CODE_RE = re.compile(r"seed\s*\d{3}|seed\s*§|\bseed\s", re.IGNORECASE)


def _texts(obj, path: str = "") -> list[tuple[str, str]]:
    """``(path, text)`` of every string inside ``obj`` (dataclasses, dicts, tuples, lists)."""
    if isinstance(obj, str):
        return [(path, obj)]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        found = []
        for item in dataclasses.fields(obj):
            found += _texts(getattr(obj, item.name), f"{path}.{item.name}")
        return found
    if isinstance(obj, dict):
        return [text for key, value in obj.items() for text in _texts(value, f"{path}[{key!r}]")]
    if isinstance(obj, list | tuple):
        return [text for index, value in enumerate(obj) for text in _texts(value, f"{path}[{index}]")]
    return []


def _coded(texts: list[tuple[str, str]]) -> list[str]:
    return [f"{where}: {text[:120]}" for where, text in texts if has_code(text) or "§" in text]


# --- the detector and the citations ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["seed 001 §4.4.2", "основание: seed 000 §IV, п. 1", "SEED 004 §3.1", "seed 002", "(seed 003 §4.7)"],
)
def test_a_code_is_told(text):
    assert has_code(text)


@pytest.mark.parametrize(
    "text", ["Положение о наставничестве, п. 4.4.3", "ст. 75", "Seedling", "раздел VI, риск 2", ""]
)
def test_a_citation_is_not_a_code(text):
    assert not has_code(text)


def test_cite_names_every_document_and_the_clause():
    assert cite("seed 000 §2.3") == f"{DOCUMENTS['000']}, п. 2.3"
    assert cite("seed 004 §3.1, §3.1.1") == f"{DOCUMENTS['004']}, пп. 3.1, 3.1.1"
    assert cite("seed 000 §IV, п. 5") == f"{DOCUMENTS['000']}, раздел IV, п. 5"
    assert cite("seed 004 §3.1.1, подп. 2") == f"{DOCUMENTS['004']}, подп. 2 п. 3.1.1"
    assert cite("seed 000 §VI, риск 3") == f"{DOCUMENTS['000']}, раздел VI, риск 3"
    assert cite("002") == DOCUMENTS["002"]
    both = cite("seed 000 §2.3; 001 §3.1")
    assert both == f"{DOCUMENTS['000']}, п. 2.3; {DOCUMENTS['001']}, п. 3.1"
    for code in ("000", "000 App. 2", "001", "002", "003", "004"):
        assert not has_code(cite(f"{code} §1.1")), code


@pytest.mark.parametrize("code", ["seed 005 §1.1", "§2.3", "seed 000 §abc", "seed 000 §2.3, п. 1, §4", ""])
def test_cite_refuses_what_it_cannot_read(code):
    with pytest.raises(ValueError):
        cite(code)


# --- (a) the data the pages print ----------------------------------------------------------


def test_reference_data_carries_no_code():
    from nastavnik.reference.data import REFERENCE_DATA

    assert _coded(_texts(REFERENCE_DATA, "REFERENCE_DATA")) == []


@pytest.mark.django_db
def test_reference_rows_in_the_database_carry_no_code():
    """The migrations leave no code in any text of any reference row (the loader rewrote the
    rows that carried one), including rows added after the data module changed."""
    from nastavnik.reference.data import REFERENCE_DATA

    found = []
    for name in REFERENCE_DATA:
        model = apps.get_model("reference", name)
        text_fields = [
            field.name
            for field in model._meta.concrete_fields
            if field.get_internal_type() in ("CharField", "TextField") and field.name != "code"
        ]
        for row in model.objects.values("code", *text_fields):
            found += _coded([(f"{name}:{row['code']}.{key}", row[key] or "") for key in text_fields])
    assert found == []
    assert (
        apps.get_model("reference", "ProgramStage")
        .objects.filter(source__startswith=DOCUMENTS["000"])
        .count()
        == 7
    )


@pytest.mark.django_db
def test_the_loader_rewrites_a_row_stored_with_a_code():
    """A database loaded before the citations (its rows hold «seed …») is rewritten by the
    loader the migration runs: the source and a description that cited a code."""
    from nastavnik.reference.loading import load_reference_data

    Risk = apps.get_model("reference", "Risk")
    Stage = apps.get_model("reference", "ProgramStage")
    Risk.objects.filter(code="high_workload").update(source="seed 000 §VI, риск 2")
    Stage.objects.filter(code="completion").update(description="Итоги (seed 003 §4.8).")
    load_reference_data()
    assert Risk.objects.get(code="high_workload").source == cite("seed 000 §VI, риск 2")
    assert not has_code(Stage.objects.get(code="completion").description)


def test_reference_fields_explain_themselves_without_a_code():
    """The admin's help under «источник» is an example of a citation, not of a code."""
    found = []
    for name in ("MentoringForm", "AwardKind", "Risk", "Position"):
        for field in apps.get_model("reference", name)._meta.get_fields():
            for attr in ("verbose_name", "help_text"):
                text = str(getattr(field, attr, "") or "")
                if has_code(text):
                    found.append(f"{name}.{field.name}.{attr}: {text}")
    assert found == []


def test_builtin_questionnaires_carry_no_code():
    from nastavnik.monitoring.builtin import BUILTIN

    assert BUILTIN
    assert _coded(_texts(list(BUILTIN), "BUILTIN")) == []


def test_indicators_carry_no_code():
    """Every text an indicator shows (title, terms, source, rule…); ``clause`` is the developers'
    reference and is never printed (checked on the pages below)."""
    from nastavnik.monitoring.indicators.base import all_indicators

    indicators = all_indicators()
    assert indicators
    texts = [
        (f"{indicator.code}.{item.name}", getattr(indicator, item.name))
        for indicator in indicators
        for item in dataclasses.fields(indicator)
        if item.name not in ("code", "clause") and isinstance(getattr(indicator, item.name), str)
    ]
    assert _coded(texts) == []


def test_roadmap_blueprints_carry_no_code():
    from nastavnik.roadmaps.blueprints import BLUEPRINTS

    assert BLUEPRINTS
    assert _coded(_texts(list(BLUEPRINTS.values()), "BLUEPRINTS")) == []


# --- (b) the pages that print a basis, as the curator of school A ------------------------------


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _no_code(content: str, url: str) -> None:
    found = PAGE_CODE_RE.search(content)
    assert found is None, f"{url}: …{content[max(0, found.start() - 80) : found.end() + 80]}…"


@pytest.fixture
def curator(world):
    client = Client()
    client.force_login(world.users["curator_a"])
    return client


@pytest.mark.django_db
def test_roadmap_page_and_exports_cite_by_name(world, curator):
    from nastavnik.roadmaps.services import roadmap_create_from_blueprint

    roadmap = roadmap_create_from_blueprint(
        owner=world.school_a, code="organization_002", year=2026, by=world.users["curator_a"]
    )
    url = roadmap.get_absolute_url()
    content = _page(curator, url)
    assert "Основание:" in content and roadmap.source[:40] in content
    _no_code(content, url)
    for ext in ("docx", "xlsx"):
        response = curator.get(f"{url}export.{ext}")
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        _no_code(_file_text(content, ext), f"{url}export.{ext}")


def _file_text(content: bytes, ext: str) -> str:
    if ext == "docx":
        from nastavnik.documents.testing import docx_text

        return docx_text(content)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None)


@pytest.mark.django_db
def test_questionnaire_page_cites_by_name(curator):
    from nastavnik.monitoring.builtin import BUILTIN, builtin_questionnaire

    for spec in BUILTIN:
        questionnaire = builtin_questionnaire(spec.code)
        url = f"/monitoring/questionnaires/{questionnaire.pk}/"
        content = _page(curator, url)
        assert "Основание:" in content
        _no_code(content, url)


@pytest.mark.django_db
def test_indicator_pages_cite_by_name(world, curator):
    from nastavnik.monitoring.indicators.base import all_indicators

    for indicator in all_indicators():
        url = f"/monitoring/indicators/{indicator.code}/?unit={world.school_a.pk}"
        content = _page(curator, url)
        assert 'data-testid="indicator-source"' in content
        _no_code(content, url)


@pytest.mark.django_db
def test_regulation_page_lists_choices_without_codes(world, curator):
    """The page of a new Положение lists the forms, kinds, models and incentives of the
    reference."""
    from nastavnik.reference.models import AwardKind

    url = f"/documents/new/regulation/?organization={world.school_a.pk}"
    content = _page(curator, url)
    assert AwardKind.objects.filter(is_active=True).first().name[:30] in content
    _no_code(content, url)


@pytest.mark.django_db
def test_document_pages_cite_no_code(world, curator):
    """The registry, the package and the page of a new document of every kind (whose spec keeps
    its clauses for developers in ``DocumentSpec.source``) show no code."""
    from nastavnik.documents.choices import DocumentKind

    urls = ["/documents/", "/documents/package/"]
    urls += [f"/documents/new/{kind}/?organization={world.school_a.pk}" for kind in DocumentKind.values]
    for url in urls:
        _no_code(_page(curator, url), url)
