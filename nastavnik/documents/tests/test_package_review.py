"""The whole model package of a school, a kindergarten and a college, read as a school head, a
lawyer and a Russian editor would read it (issue 15, «Done when»).

The demo region is loaded once for the module (a small load: the three organizations get their
heads, curators, approved roadmaps, pairs with programs, consents and a mentor's report whatever
the load, ``demo.accounts.SHOWCASE``); the package of each is built as the package page builds it
(``package.package_build``, DOCX only) and every document is reviewed by
``documents.review.review_docx``. Then the checks themselves, each on a crafted document: every
rule catches its defect and lets the correct wording pass.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from docx.shared import Pt

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.demo.testing import demo_loaded
from nastavnik.documents.builder import TemplateBuilder, keep_together
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.package import package_build
from nastavnik.documents.review import position_patterns, review_docx
from nastavnik.documents.specs import SPECS
from nastavnik.organizations.choices import OrganizationKind

#: A small demo: the three organizations have their whole package at any load.
TEACHERS = 300
#: The heads of the three organizations (``demo.accounts``).
HEADS = {"school": "head", "kindergarten": "head_dou", "college": "head_spo"}
#: Kinds of the registry that are not in the model package: the analytical report is written on
#: the monitoring pages for a period (``AnalyticalReportSpec.candidates`` is empty).
NOT_IN_PACKAGE = {DocumentKind.ANALYTICAL_REPORT.value}
#: Papers about learners (issue 20): in the package of an organization that has such learners.
LEARNER_KINDS = (DocumentKind.LEARNER_CONSENT.value, DocumentKind.MINOR_DATA_CONSENT.value)


def _read_package(result) -> dict[str, bytes]:
    with default_storage.open(result.file) as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    return {name: archive.read(name) for name in archive.namelist() if name.endswith(".docx")}


@pytest.fixture(scope="module")
def packages(django_db_setup, django_db_blocker):
    """``{kind of organization: (organization, {ZIP entry: DOCX}, refused, kinds generated)}`` of
    the demo's school A, kindergarten A and college A, in a transaction rolled back after the
    module."""
    with django_db_blocker.unblock(), demo_loaded(teachers=TEACHERS):
        kind_of_index = {index: kind for index, kind in enumerate(SPECS, start=1)}
        found = {}
        for kind, login in HEADS.items():
            organization = RoleAssignment.objects.get(user__username=login, role=Role.HEAD).org_unit
            assert organization.kind == kind
            result = package_build(organization=organization, include_pdf=False)
            documents = _read_package(result)
            kinds = {kind_of_index[int(name.rsplit("/", 1)[-1][:2])] for name in documents}
            found[kind] = (organization, documents, result.refused, kinds)
        yield found


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(HEADS))
def test_no_kind_of_the_model_package_is_refused(packages, kind):
    # given the package of the demo's school, kindergarten or college
    organization, documents, refused, kinds = packages[kind]

    # then nothing was refused, and every kind of the model package is in it
    problems = [f"не сформирован: {entry['title']}: {'; '.join(entry['items'])}" for entry in refused]
    # (the learners' papers only where there are learners: minors for the representative's consent)
    absent = set(NOT_IN_PACKAGE)
    for learner_kind in LEARNER_KINDS:
        if not list(SPECS[learner_kind].candidates(organization)):
            absent.add(learner_kind)
    problems += [f"нет ни одного документа вида {kind}" for kind in sorted(set(SPECS) - absent - kinds)]
    assert not problems, f"{organization}:\n" + "\n".join(problems)
    assert len(documents) >= len(SPECS) - len(absent)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(HEADS))
def test_no_document_of_the_package_has_a_defect(packages, kind):
    # given every document of the package of the demo's school, kindergarten or college
    organization, documents, _refused, _kinds = packages[kind]
    patterns = position_patterns()

    # when each is reviewed
    defects = [
        f"{name}: {defect}"
        for name, content in sorted(documents.items())
        for defect in review_docx(content, organization=organization, positions=patterns)
    ]

    # then none has a defect of the classes of issue 15
    assert documents
    assert not defects, f"{organization}: {len(defects)} недочётов:\n" + "\n".join(defects[:150])


# --- the checks, each on a crafted document -----------------------------------------------------


SCHOOL_NAME = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»"


@pytest.fixture
def school(db):
    from nastavnik.testing.factories import OrgUnitFactory, federal, municipality, region

    town = municipality(region(federal()), "Город Сургут")
    return OrgUnitFactory(
        parent=town, kind=OrganizationKind.SCHOOL, full_name=SCHOOL_NAME, short_name="МБОУ «СОШ № 7»"
    )


def _docx(*paragraphs: str, signature: bool = True) -> bytes:
    """A document as the builder writes it: the letterhead, ``paragraphs``, a signature block."""
    b = TemplateBuilder()
    b.center(SCHOOL_NAME.upper(), bold=True)
    b.center("ПРИКАЗ", bold=True)
    for text in paragraphs:
        b.para(text)
    if signature:
        b.signature("Директор", "Е. В. Соколова")
    buffer = io.BytesIO()
    b.document.save(buffer)
    return buffer.getvalue()


def _found(content: bytes, organization) -> list[str]:
    return review_docx(content, organization=organization)


@pytest.mark.parametrize(
    "text",
    [
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7» "
        "(далее — Учреждение), в лице директора Соколовой Елены Викторовны, действующей на основании устава.",
        "Утвердить Положение о системе наставничества педагогических работников в муниципальном бюджетном "
        "общеобразовательном учреждении «Средняя общеобразовательная школа № 7».",
        "Организация: Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
        "школа № 7».",
        "Назначить заместителя директора по УВР Кузнецова И. С. куратором; развивать ИКТ-компетенции "
        "(Федеральный закон от 29.12.2012 № 273-ФЗ), обучение в ЦНППМ.",
        "Наставники награждаются знаком отличия Ханты-Мансийского автономного округа — Югры и нагрудным "
        "знаком «Почётный наставник»; опыт коллег из Волгоградской области изучен.",
        "Приказ от 2 декабря 2026 г. № 15-о вступает в силу 02.12.2026; «___» __________ 20__ г.",
        "Период с 1 сентября по 31 мая, 2026–2027 учебный год — первый год.",
    ],
)
def test_a_correct_document_has_no_defect(school, text):
    assert _found(_docx(text), school) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Я, Антонова Яна Александровна, учитель Муниципальное бюджетное общеобразовательное учреждение "
            "«Средняя общеобразовательная школа № 7», даю согласие.",
            "в именительном падеже",
        ),
        (
            "Директору Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная "
            "школа № 7»",
            "в именительном падеже",
        ),
        (
            "Положение о наставничестве в Муниципальном бюджетном общеобразовательном учреждении «Средняя "
            "общеобразовательная школа № 7» утвердить.",
            "с прописной буквы",
        ),
        ("Назначить приказом директора (заведующий, начальник) куратора.", "номенклатуры"),
        (
            "Согласовать с заместителем директора (заведующего, начальника) образовательной организации.",
            "номенклатуры",
        ),
        ("Директор (заведующий, начальник) образовательной организации подписывает приказ.", "номенклатуры"),
        ("Развивать икт-компетенции наставляемых.", "строчными"),
        ("В соответствии с Федеральным законом № 273-фз об образовании.", "строчными"),
        ("Обучение наставников в цнппм.", "строчными"),
        (
            "Наставники награждаются знаком отличия Волгоградской области «Почётный наставник».",
            "другого региона",
        ),
        ("Директору {{ org.name.dat }} от учителя.", "остаток шаблона"),
        ("Наставник: None.", "пустое значение"),
        ("Приказ от 2 декабря 2026 г. № , вступает в силу.", "«№» без номера"),
        ("Закрепить  наставника.", "двойной пробел"),
        ("Тема:: адаптация.", "двойное двоеточие"),
        ("Приказ от «02» декабря 2026 г.", "Дата не по ГОСТ"),
        ("Приказ от 02 декабря 2026 г.", "Дата не по ГОСТ"),
    ],
)
def test_each_rule_catches_its_defect(school, text, expected):
    found = _found(_docx(text), school)
    assert len(found) == 1 and expected in found[0], found


def test_the_dash_written_two_ways_is_a_defect(school):
    found = _found(_docx("Наставник — опытный педагог.", "Наставляемый – молодой специалист."), school)
    assert len(found) == 1 and "двумя способами" in found[0], found


def test_a_signature_table_that_may_split_is_a_defect(school):
    # given a signature table whose rows may split and whose text above does not keep with it
    b = TemplateBuilder()
    b.para("Контроль исполнения приказа оставляю за собой.")
    table = b.document.add_table(rows=2, cols=3)
    table.rows[0].cells[0].paragraphs[0].text = "Директор"
    table.rows[0].cells[1].paragraphs[0].text = "____________"
    table.rows[1].cells[1].paragraphs[0].text = "(подпись)"
    buffer = io.BytesIO()
    b.document.save(buffer)

    # then each of the three ways it may split is named
    found = _found(buffer.getvalue(), school)
    assert len(found) == 3, found
    assert any("cantSplit" in f for f in found)
    assert any("между строками" in f for f in found)
    assert any("без текста над ней" in f for f in found)

    # and once kept together, with the text above it, it passes
    keep_together(table)
    b.document.paragraphs[-1].paragraph_format.keep_with_next = True
    buffer = io.BytesIO()
    b.document.save(buffer)
    assert _found(buffer.getvalue(), school) == []


def test_a_number_blank_and_a_stamp_are_not_signature_tables(school):
    # given an order's date and number line with the number left blank, and an appendix stamp
    b = TemplateBuilder()
    b.two_columns("2 декабря 2026 г.", "№ ______")
    b.page_break()
    b.approval_stamp(["Приложение к приказу", "от 2 декабря 2026 г. № ______"])
    b.para("Текст приложения.")
    for run in b.document.paragraphs[-1].runs:
        run.font.size = Pt(14)
    buffer = io.BytesIO()
    b.document.save(buffer)

    # then neither is taken for a signature block
    assert _found(buffer.getvalue(), school) == []


def test_a_file_that_is_not_a_docx_is_refused(school):
    with pytest.raises(ValueError, match="DOCX"):
        _found(b"%PDF-1.4 not a document", school)
