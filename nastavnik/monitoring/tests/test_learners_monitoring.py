"""Monitoring of the learners (issue 20; seed 002 §9): the contingent entered by the organization
and imported by the coordinator (all or nothing), the share of learners who completed the full
cycle (with and without a contingent, rolled up, by form and by year, on the municipality's
dashboard), the teachers' figures unchanged by learner pairs, and the federal figure split in
two (pedagogical workers, learners)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.bank.models import MenteeProfile
from nastavnik.mentoring.choices import PairEndReason, ProgramStatus
from nastavnik.mentoring.models import PersonalizedProgram
from nastavnik.monitoring import federal
from nastavnik.monitoring.choices import ContingentSource
from nastavnik.monitoring.indicators import all_indicators, get_indicator, rollup
from nastavnik.monitoring.indicators.learners import learners_by_form, learners_by_year
from nastavnik.monitoring.models import FederalStatisticsReport, LearnerContingent
from nastavnik.monitoring.periods import year_period
from nastavnik.monitoring.services.contingent import contingent_import, contingent_set
from nastavnik.monitoring.services.federal import federal_figure_confirm
from nastavnik.reference.models import MentoringForm
from nastavnik.testing import factories as f
from nastavnik.testing.minors import learner_person

pytestmark = pytest.mark.django_db


def this_year() -> int:
    return timezone.localdate().year


def client_for(client, user):
    client.force_login(user)
    return client


_counter = iter(range(1, 10_000))


def learner_completed(school, mentor, *, form_code: str = "teacher_pupil", on: dt.date | None = None):
    """A pupil of ``school`` who completed a program of the form ``form_code`` with ``mentor``
    ``on`` (today by default): the pair ended «Программа завершена» and the full-cycle mark in
    the bank of mentees. Returns the pupil's ``Person``."""
    on = on or timezone.localdate()
    n = next(_counter)
    pupil, _ = learner_person(school, (f"Ученикова{n}", "Дарья", "Олеговна"), age=15, sex="F")
    program = PersonalizedProgram.objects.create(
        organization=school,
        mentoring_form=MentoringForm.objects.get(code=form_code),
        direction="Проектная деятельность",
        goals="Подготовка проекта",
        starts_on=on - dt.timedelta(days=90),
        ends_on=on,
        status=ProgramStatus.COMPLETED,
        completed_on=on,
    )
    f.PairFactory(
        mentor=mentor,
        mentee=pupil,
        organization=school,
        program=program,
        started_on=on - dt.timedelta(days=90),
        ended_on=on,
        end_reason=PairEndReason.COMPLETED,
    )
    MenteeProfile.objects.create(person=pupil, organization=school, full_cycle_completed_on=on)
    return pupil


def teacher_completed(school, *, on: dt.date | None = None):
    """A teacher mentee of ``school`` whose pair ended by completing the program ``on``."""
    on = on or timezone.localdate()
    return f.PairFactory(
        organization=school,
        started_on=on - dt.timedelta(days=90),
        ended_on=on,
        end_reason=PairEndReason.COMPLETED,
    )


def xlsx(rows: list[tuple]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ИНН организации", "Полное наименование организации", "Год", "Численность обучающихся"])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the contingent: entry and rights ---------------------------------------------------------


def test_curator_enters_the_contingent_of_her_school_only(world, client):
    # given the curator of school A
    curator = client_for(client, world.users["curator_a"])
    year = this_year()

    # when she enters 512 learners for the year on the page
    url = reverse("monitoring:contingent_edit", args=[world.school_a.pk])
    response = curator.post(url, {"year": year, "learners": 512})

    # then it is saved with who entered it, and the table shows it
    assert response.status_code == 302
    row = LearnerContingent.objects.get(organization=world.school_a, year=year)
    assert (row.learners, row.source, row.entered_by) == (
        512,
        ContingentSource.ENTERED,
        world.users["curator_a"],
    )
    page = curator.get(reverse("monitoring:contingent"), {"year": year}).content.decode()
    assert "512" in page and world.school_a.full_name in page
    # school B is out of her reach: a 404, nothing saved
    other = curator.post(
        reverse("monitoring:contingent_edit", args=[world.school_b.pk]), {"year": year, "learners": 9}
    )
    assert other.status_code == 404
    assert not LearnerContingent.objects.filter(organization=world.school_b).exists()
    # and the service refuses her too
    with pytest.raises(PermissionDenied):
        contingent_set(organization=world.school_b, year=year, learners=9, by=world.users["curator_a"])


def test_contingent_form_errors_are_russian_and_nothing_is_saved(world, client):
    curator = client_for(client, world.users["curator_a"])
    url = reverse("monitoring:contingent_edit", args=[world.school_a.pk])
    response = curator.post(url, {"year": "abc", "learners": "-3"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Число не может быть отрицательным." in text
    assert not LearnerContingent.objects.exists()
    with pytest.raises(ValidationError):
        contingent_set(organization=world.school_a, year=1990, learners=5, by=world.users["curator_a"])
    with pytest.raises(ValidationError):
        contingent_set(organization=world.muni1, year=this_year(), learners=5, by=None)


def test_the_coordinator_sees_the_missing_organizations_and_a_mentor_is_refused(world, client):
    # given school A entered its contingent and school B did not
    contingent_set(organization=world.school_a, year=this_year(), learners=400, by=None)
    # when the operator opens the table of the region
    operator = client_for(client, world.users["operator"])
    page = operator.get(reverse("monitoring:contingent"), {"year": this_year()}).content.decode()
    # then both schools are listed, B marked as missing
    assert world.school_a.full_name in page and world.school_b.full_name in page
    assert page.count('data-testid="contingent-missing"') == 1
    # the XLSX has both, B without a number
    export = operator.get(reverse("monitoring:contingent"), {"year": this_year(), "export": "xlsx"})
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name[world.school_a.full_name][4] == 400
    assert by_name[world.school_b.full_name][4] is None
    assert by_name[world.school_b.full_name][5] == "не внесено"
    # a mentor has no right to the page; garbage in the query string is no 500
    client.force_login(world.users["mentor_a"])
    assert client.get(reverse("monitoring:contingent")).status_code == 403
    client.force_login(world.users["operator"])
    assert client.get(reverse("monitoring:contingent"), {"unit": "x²", "year": "20ab"}).status_code == 200
    assert client.get(reverse("monitoring:contingent"), {"unit": "99999999"}).status_code == 404


# --- the import ---------------------------------------------------------------------------------


def test_coordinator_imports_for_her_municipality_all_or_nothing(world, client):
    year = this_year()
    coordinator = world.users["coordinator"]
    # a school of municipality 2 in the file: the whole file is refused, nothing saved
    bad = xlsx(
        [
            (world.school_a.inn, "", year, 420),
            (world.school_b.inn, "", year, 300),
            ("", "Нет такой школы", year, 10),
            (world.school_a.inn, "", "двадцать", -1),
        ]
    )
    with pytest.raises(ValidationError) as error:
        contingent_import(unit=world.muni1, data=bad, by=coordinator)
    messages = error.value.messages
    assert messages[0].startswith("Строка 3: организация с ИНН")
    assert messages[1].startswith("Строка 4: организация «Нет такой школы» не найдена")
    assert messages[2].startswith("Строка 5: год не указан или указан не числом")
    assert not LearnerContingent.objects.exists()

    # a right file (school A by its full name) is saved whole
    good = xlsx(
        [("", world.school_a.full_name.upper(), year, 420), (world.school_a.inn, "", year - 1, "390")]
    )
    result = contingent_import(unit=world.muni1, data=good, by=coordinator)
    assert (result.created, result.updated) == (2, 0)
    row = LearnerContingent.objects.get(organization=world.school_a, year=year)
    assert (row.learners, row.source, row.entered_by) == (420, ContingentSource.IMPORTED, coordinator)
    # importing again updates
    again = contingent_import(
        unit=world.muni1, data=xlsx([(world.school_a.inn, "", year, 430)]), by=coordinator
    )
    assert (again.created, again.updated) == (0, 1)

    # the coordinator may not import for the region nor municipality 2; the curator not at all
    with pytest.raises(PermissionDenied):
        contingent_import(unit=world.muni2, data=good, by=coordinator)
    with pytest.raises(PermissionDenied):
        contingent_import(unit=world.region, data=good, by=coordinator)
    client.force_login(world.users["curator_a"])
    assert client.get(reverse("monitoring:contingent_import")).status_code == 403


def test_import_page_lists_the_errors_by_row_and_a_broken_file(world, client):
    coordinator = client_for(client, world.users["coordinator"])
    url = reverse("monitoring:contingent_import") + f"?unit={world.muni1.pk}"
    assert coordinator.get(url).status_code == 200
    bad = io.BytesIO(xlsx([(world.school_b.inn, "", this_year(), 5)]))
    bad.name = "kontingent.xlsx"
    page = coordinator.post(url, {"file": bad}).content.decode()
    assert "Строка 2: организация с ИНН" in page and "ничего не сохранено" in page
    broken = io.BytesIO(b"not a workbook")
    broken.name = "kontingent.xlsx"
    page = coordinator.post(url, {"file": broken}).content.decode()
    assert "Файл не читается" in page
    assert not LearnerContingent.objects.exists()
    # the template lists the municipality's schools only
    template = coordinator.get(reverse("monitoring:contingent_template"), {"unit": world.muni1.pk})
    rows = list(openpyxl.load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == [world.school_a.full_name]
    good = io.BytesIO(xlsx([(world.school_a.inn, "", this_year(), 77)]))
    good.name = "kontingent.xlsx"
    assert coordinator.post(url, {"file": good}).status_code == 302
    assert LearnerContingent.objects.get(organization=world.school_a).learners == 77


# --- the indicator ---------------------------------------------------------------------------


def test_the_share_of_learners_with_and_without_a_contingent(world):
    indicator = get_indicator("learners_full_cycle")
    period = year_period(this_year())
    learner_completed(world.school_a, world.mentor_a)
    learner_completed(world.school_a, world.mentor_a)
    learner_completed(world.school_b, world.teacher_b)
    # without a contingent: no data, not 0 % nor a division error
    assert indicator.compute(world.region.path, period) == {}
    figure = rollup(indicator, world.school_a, period).total
    assert figure.value is None and indicator.format(figure.value) == "нет данных"
    # school A enters 400: 2 of 400 = 0,5 %
    contingent_set(organization=world.school_a, year=this_year(), learners=400, by=None)
    assert indicator.compute(world.school_a.path, period) == {world.school_a.pk: (2, 400)}
    assert indicator.format(rollup(indicator, world.school_a, period).total.value) == "0,5 %"
    # the region: school B (no contingent) counts in neither part
    region = rollup(indicator, world.region, period)
    assert tuple(region.total.parts) == (2, 400)
    children = {child.unit.pk: child for child in region.children}
    assert children[world.muni2.pk].value is None
    # school B enters 100: the region is (2 + 1) / (400 + 100)
    contingent_set(organization=world.school_b, year=this_year(), learners=100, by=None)
    region = rollup(indicator, world.region, period)
    assert tuple(region.total.parts) == (3, 500)
    assert indicator.format(region.total.value) == "0,6 %"
    assert tuple(rollup(indicator, world.muni1, period).total.parts) == (2, 400)
    # last year's marks do not count this year
    assert indicator.compute(world.school_a.path, year_period(this_year() - 1)) == {}


def test_breakdown_by_form_and_by_year(world):
    period = year_period(this_year())
    learner_completed(world.school_a, world.mentor_a, form_code="teacher_pupil")
    learner_completed(world.school_a, world.mentor_a, form_code="teacher_pupil")
    peer, _ = learner_person(world.school_a, ("Старостин", "Глеб", "Ильич"), age=16, sex="M")
    learner_completed(world.school_a, peer, form_code="pupil_pupil")
    learner_completed(world.school_b, world.teacher_b)  # school B: no contingent
    last = dt.date(this_year() - 1, 6, 1)
    learner_completed(world.school_a, world.mentor_a, on=last)
    contingent_set(organization=world.school_a, year=this_year(), learners=300, by=None)
    contingent_set(organization=world.school_a, year=this_year() - 1, learners=250, by=None)
    forms = dict(learners_by_form(world.region, period))
    assert forms == {
        MentoringForm.objects.get(code="teacher_pupil").name: 2,
        MentoringForm.objects.get(code="pupil_pupil").name: 1,
    }
    years = learners_by_year(world.region, [this_year(), this_year() - 1, this_year() - 2])
    assert years == [
        (this_year(), 3, 300, 1.0),
        (this_year() - 1, 1, 250, 0.4),
        (this_year() - 2, 0, 0, None),
    ]


def test_the_teachers_figures_are_not_changed_by_learner_pairs(world):
    period = year_period(this_year())
    teacher_completed(world.school_a)
    teachers = [i for i in all_indicators() if i.code != "learners_full_cycle"]
    before = {i.code: i.compute(world.region.path, period) for i in teachers}
    # when pupils complete programs with the school's mentor and a pupil mentors peers
    learner_completed(world.school_a, world.mentor_a)
    peer, _ = learner_person(world.school_a, ("Старостин", "Глеб", "Ильич"), age=16, sex="M")
    for i in range(3):
        younger, _ = learner_person(world.school_a, (f"Младший{i}", "Иван", "Петрович"), age=12, sex="M")
        f.PairFactory(
            mentor=peer, mentee=younger, organization=world.school_a, started_on=timezone.localdate()
        )
    # then no teachers' indicator moves
    after = {i.code: i.compute(world.region.path, period) for i in teachers}
    assert after == before
    assert get_indicator("full_cycle").compute(world.region.path, period) == {world.school_a.pk: (1,)}


def test_the_indicator_is_on_the_municipality_dashboard_and_its_page(world, client):
    learner_completed(world.school_a, world.mentor_a)
    contingent_set(organization=world.school_a, year=this_year(), learners=200, by=None)
    coordinator = client_for(client, world.users["coordinator"])
    page = coordinator.get(reverse("monitoring:unit", args=[world.muni1.pk]), {"period": str(this_year())})
    text = page.content.decode()
    assert "Доля обучающихся, прошедших полный цикл программы наставничества" in text
    assert "0,5 %" in text
    detail = coordinator.get(
        reverse("monitoring:indicator", args=["learners_full_cycle"]),
        {"unit": world.muni1.pk, "period": str(this_year())},
    ).content.decode()
    assert 'data-testid="learners-by-form"' in detail and 'data-testid="contingent-link"' in detail


# --- the federal figure ------------------------------------------------------------------------


def test_the_federal_figure_is_counted_and_confirmed_apart_for_teachers_and_learners(world, client):
    year = this_year()
    teacher_completed(world.school_a)
    teacher_completed(world.school_a)
    learner_completed(world.school_a, world.mentor_a)
    learner_completed(world.school_b, world.teacher_b)
    # the live figures
    assert federal.live_figure(world.school_a, year) == 2
    assert federal.live_learner_figure(world.school_a, year) == 1
    # the curator confirms both
    report = federal_figure_confirm(organization=world.school_a, year=year, by=world.users["curator_a"])
    assert (report.figure, report.learners_figure) == (2, 1)
    # a learner more: the line differs and says so for the learners
    learner_completed(world.school_a, world.mentor_a)
    line = federal.organization_figure(world.school_a, year)
    assert line.status == federal.STATUS_DIFFERS
    assert line.difference_text == "обучающиеся: подтверждено 1, по данным сейчас 2: +1"
    # a confirmation against a stale learners' figure is refused
    with pytest.raises(ValidationError):
        federal_figure_confirm(
            organization=world.school_a,
            year=year,
            by=world.users["curator_a"],
            expected=2,
            expected_learners=1,
        )
    # the region sums both
    rolled = federal.federal_rollup(world.region, year)
    assert (rolled.total, rolled.learners_total) == (2, 3)
    table = federal.federal_table(world.users["operator"], world.region, year)
    assert (table.overall.live, table.overall.live_learners) == (2, 3)
    assert (table.overall.confirmed, table.overall.confirmed_learners) == (2, 1)
    national_user = f.UserFactory(username="national_watcher")
    f.RoleAssignmentFactory(user=national_user, org_unit=world.region.parent, role=Role.NATIONAL_OPERATOR)
    national = federal.federal_table(national_user, world.region.parent, year)
    assert (national.overall.live_learners, national.overall.confirmed_learners) == (3, 1)
    # the pages show both
    curator = client_for(client, world.users["curator_a"])
    confirm = curator.get(reverse("monitoring:federal_confirm", args=[world.school_a.pk]), {"year": year})
    text = confirm.content.decode()
    assert 'data-testid="live-learners">2<' in text
    assert "обучающиеся: подтверждено 1, по данным сейчас 2: +1" in text
    posted = curator.post(
        reverse("monitoring:federal_confirm", args=[world.school_a.pk]),
        {"year": year, "expected": 2, "expected_learners": 2},
    )
    assert posted.status_code == 302
    assert FederalStatisticsReport.objects.get(organization=world.school_a, year=year).learners_figure == 2
    client.force_login(world.users["operator"])
    listing = client.get(reverse("monitoring:federal"), {"year": year}).content.decode()
    assert 'data-testid="overall-live-learners">3<' in listing
