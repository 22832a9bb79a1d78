"""The regional contest of municipal models of mentoring (issue 19, item 5; seed 000 §4.3.1,
App. 2 §2.5): the services with their dates, statuses and rights, the refusal to score one's own
municipality, the score range, the ranking's maths (weights, means, ties, missing scores), the
publication, and the scopes of the operator, the coordinator and the expert."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nastavnik.contests.choices import ApplicationStatus, ContestEventKind, ContestStatus
from nastavnik.contests.models import Contest, ContestApplication, ContestScore
from nastavnik.contests.selectors.contests import missing_scores, public_contests, public_ranking, ranking
from nastavnik.contests.services import contests as services
from nastavnik.contests.testing import announced_contest, close_applications, pdf, submitted_application
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def third(world):
    """A third municipality of the region, with its own application later."""
    return f.municipality(world.region, "город Ханты-Мансийск")


def _score_all(cs, application, values: dict[str, tuple[int, int]]):
    """Each expert (by username) scores ``application``: (criterion 1, criterion 2)."""
    first, second = cs.criteria
    for username, (a, b) in values.items():
        services.scores_save(
            by=cs.experts[username].user,
            application=application,
            scores={first.pk: (a, ""), second.pk: (b, "")},
        )


# --- the contest and its call -----------------------------------------------------------------------


def test_operator_creates_a_draft_and_only_the_operator_may(world):
    # given the regional operator and the coordinator
    operator, coordinator = world.users["operator"], world.users["coordinator"]

    # when the operator creates a contest
    contest = services.contest_create(
        by=operator,
        owner=world.region,
        title="Конкурс 2026",
        year=today().year,
        applications_open_on=today(),
        applications_close_on=today() + dt.timedelta(days=10),
        scoring_ends_on=today() + dt.timedelta(days=20),
    )

    # then it is a draft with its history; the coordinator may not create one
    assert contest.status == ContestStatus.DRAFT
    assert contest.events.filter(kind=ContestEventKind.CREATED).exists()
    with pytest.raises(PermissionDenied):
        services.contest_create(
            by=coordinator,
            owner=world.region,
            title="Чужой конкурс",
            year=today().year,
            applications_open_on=today(),
            applications_close_on=today(),
            scoring_ends_on=today(),
        )


def test_dates_out_of_order_are_refused_in_russian(world):
    # when the close of the applications is before their opening
    with pytest.raises(ValidationError) as refused:
        services.contest_create(
            by=world.users["operator"],
            owner=world.region,
            title="Конкурс",
            year=today().year,
            applications_open_on=today(),
            applications_close_on=today() - dt.timedelta(days=1),
            scoring_ends_on=today(),
        )

    # then the refusal names the field in Russian and nothing is saved
    assert "раньше его начала" in str(refused.value.message_dict["applications_close_on"])
    assert not Contest.objects.exists()


def test_criteria_need_a_positive_weight_and_a_max_score_of_one(world):
    # given a draft contest
    contest = services.contest_create(
        by=None,
        owner=world.region,
        title="Конкурс",
        year=today().year,
        applications_open_on=today(),
        applications_close_on=today(),
        scoring_ends_on=today(),
    )
    operator = world.users["operator"]

    # then a zero weight and a zero maximum are refused, naming the criterion
    with pytest.raises(ValidationError, match="Критерий «Охват»: вес"):
        services.criteria_set(
            by=operator, contest=contest, criteria=[{"title": "Охват", "max_score": 5, "weight": "0"}]
        )
    with pytest.raises(ValidationError, match="максимальный балл"):
        services.criteria_set(
            by=operator, contest=contest, criteria=[{"title": "Охват", "max_score": 0, "weight": "1"}]
        )
    # and a contest without criteria is not announced
    with pytest.raises(ValidationError, match="хотя бы один критерий"):
        services.contest_announce(by=operator, contest=contest)

    # when valid criteria are set and changed (one kept, one dropped)
    kept, _dropped = services.criteria_set(
        by=operator,
        contest=contest,
        criteria=[
            {"title": "Охват", "max_score": 5, "weight": "1.5"},
            {"title": "Лишний", "max_score": 3, "weight": 1},
        ],
    )
    services.criteria_set(
        by=operator,
        contest=contest,
        criteria=[{"pk": kept.pk, "title": "Охват наставничеством", "max_score": 10, "weight": 2}],
    )

    # then the contest has the one criterion, changed in place
    assert [(c.pk, c.title, c.max_score, c.weight) for c in contest.criteria.all()] == [
        (kept.pk, "Охват наставничеством", 10, Decimal("2.00"))
    ]


def test_an_announced_contest_no_longer_changes(world):
    # given an announced contest
    cs = announced_contest(world, panel=False)

    # then its call and criteria are refused
    with pytest.raises(ValidationError, match="уже объявлен"):
        services.contest_update(by=world.users["operator"], contest=cs.contest, title="Другое")
    with pytest.raises(ValidationError, match="уже объявлен"):
        services.criteria_set(by=world.users["operator"], contest=cs.contest, criteria=[])


def test_the_panel_takes_only_contest_experts(world):
    # given a draft contest and a user without the expert's role
    cs = announced_contest(world)

    # when the operator seats the curator of A
    with pytest.raises(ValidationError) as refused:
        services.expert_add(by=world.users["operator"], contest=cs.contest, user=world.users["curator_a"])

    # then the refusal says who may sit on the panel
    assert "Эксперт конкурса" in str(refused.value)
    # and an expert seated twice is refused too
    with pytest.raises(ValidationError, match="уже входит"):
        services.expert_add(by=None, contest=cs.contest, user=cs.experts["expert_1"].user)


# --- applications -----------------------------------------------------------------------------------


def test_coordinator_applies_within_the_dates_and_withdraws(world):
    # given an announced contest and the coordinator of municipality 1
    cs = announced_contest(world)
    coordinator = world.users["coordinator"]

    # when the coordinator writes, files and submits the application
    application = services.application_create(
        by=coordinator,
        contest=cs.contest,
        municipality=world.muni1,
        title="Модель Сургута",
        description="Описание",
    )
    services.application_file_add(by=coordinator, application=application, title="Положение", file=pdf())
    services.application_submit(by=coordinator, application=application)

    # then it is submitted with its file and history
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.submitted_at
    assert application.files.count() == 1
    # a submitted application is not edited; it may be withdrawn and submitted again
    with pytest.raises(ValidationError, match="отзовите"):
        services.application_update(by=coordinator, application=application, title="X", description="Y")
    services.application_withdraw(by=coordinator, application=application, comment="Дополним")
    services.application_submit(by=coordinator, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    # a second application of the municipality is refused
    with pytest.raises(ValidationError, match="уже есть"):
        services.application_create(
            by=coordinator, contest=cs.contest, municipality=world.muni1, title="Ещё", description="Ещё"
        )


def test_coordinator_may_not_apply_for_another_municipality(world):
    # given an announced contest
    cs = announced_contest(world)

    # then the coordinator of municipality 1 may not apply for municipality 2 (nothing saved)
    with pytest.raises(PermissionDenied):
        services.application_create(
            by=world.users["coordinator"],
            contest=cs.contest,
            municipality=world.muni2,
            title="Чужая",
            description="Ч",
        )
    assert not ContestApplication.objects.exists()


def test_applications_are_refused_outside_the_dates(world):
    # given an announced contest whose applications open tomorrow
    cs = announced_contest(world)
    Contest.objects.filter(pk=cs.contest.pk).update(applications_open_on=today() + dt.timedelta(days=1))
    cs.contest.refresh_from_db()

    # then an application is refused, and after the close date too
    with pytest.raises(ValidationError, match="начнётся"):
        services.application_create(
            by=world.users["coordinator"],
            contest=cs.contest,
            municipality=world.muni1,
            title="М",
            description="О",
        )
    Contest.objects.filter(pk=cs.contest.pk).update(
        applications_open_on=today() - dt.timedelta(days=9),
        applications_close_on=today() - dt.timedelta(days=1),
    )
    cs.contest.refresh_from_db()
    with pytest.raises(ValidationError, match="окончен"):
        services.application_create(
            by=world.users["coordinator"],
            contest=cs.contest,
            municipality=world.muni1,
            title="М",
            description="О",
        )


def test_closing_before_the_close_date_is_refused(world):
    # given an announced contest still accepting applications
    cs = announced_contest(world)

    # then the operator may not close it before the close date
    with pytest.raises(ValidationError, match="закрыть его можно"):
        services.contest_close(by=world.users["operator"], contest=cs.contest)


def test_a_file_of_an_unknown_kind_is_refused(world):
    # given a draft application
    cs = announced_contest(world)
    application = services.application_create(
        by=None, contest=cs.contest, municipality=world.muni1, title="М", description="О"
    )
    from django.core.files.base import ContentFile

    # then an executable is refused on the field «file»
    with pytest.raises(ValidationError) as refused:
        services.application_file_add(
            by=world.users["coordinator"],
            application=application,
            title="Программа",
            file=ContentFile(b"MZ\x90\x00\x03\x00\x00\x00" * 10, name="x.exe"),
        )
    assert "file" in refused.value.message_dict


# --- scores -----------------------------------------------------------------------------------------


def test_an_expert_never_scores_their_own_municipality(world):
    # given applications of both municipalities in scoring
    cs = announced_contest(world)
    own = submitted_application(cs.contest, world.muni2)
    other = submitted_application(cs.contest, world.muni1)
    close_applications(cs.contest)
    first, second = cs.criteria
    expert = cs.experts["expert_1"]  # of municipality 2

    # when the expert scores their own municipality's application
    with pytest.raises(ValidationError) as refused:
        services.scores_save(by=expert.user, application=own, scores={first.pk: (5, "")})

    # then it is refused in Russian; the other municipality's is scored
    assert services.OWN_MUNICIPALITY_REFUSAL in refused.value.messages
    services.scores_save(
        by=expert.user, application=other, scores={first.pk: (7, "Хорошо"), second.pk: (3, "")}
    )
    assert ContestScore.objects.filter(expert=expert).count() == 2
    own.refresh_from_db()
    other.refresh_from_db()
    assert not services.can_score(expert.user, own) and services.can_score(expert.user, other)


def test_a_score_outside_the_range_is_refused(world):
    # given an application in scoring
    cs = announced_contest(world)
    application = submitted_application(cs.contest, world.muni1)
    close_applications(cs.contest)
    first, second = cs.criteria
    expert = cs.experts["expert_3"]

    # then a score above the maximum and a negative one are refused; nothing saved
    with pytest.raises(ValidationError, match="от 0 до 5"):
        services.scores_save(by=expert.user, application=application, scores={second.pk: (6, "")})
    with pytest.raises(ValidationError, match="от 0 до 10"):
        services.scores_save(by=expert.user, application=application, scores={first.pk: (-1, "")})
    assert not ContestScore.objects.exists()


def test_scores_only_during_scoring_and_only_by_the_panel(world):
    # given a submitted application while applications are still accepted
    cs = announced_contest(world)
    application = submitted_application(cs.contest, world.muni1)
    first = cs.criteria[0]

    # then the expert may not score yet
    with pytest.raises(ValidationError, match="во время экспертизы"):
        services.scores_save(
            by=cs.experts["expert_3"].user, application=application, scores={first.pk: (5, "")}
        )
    # and the operator, sitting on no panel, may never score
    close_applications(cs.contest)
    with pytest.raises(PermissionDenied):
        services.scores_save(by=world.users["operator"], application=application, scores={first.pk: (5, "")})


# --- the ranking ------------------------------------------------------------------------------------


def test_ranking_is_the_weighted_mean_share_with_shared_places(world, third):
    # given three applications in scoring
    cs = announced_contest(world)
    app1 = submitted_application(cs.contest, world.muni1)
    app2 = submitted_application(cs.contest, world.muni2)
    app3 = submitted_application(cs.contest, third)
    close_applications(cs.contest)

    # when the experts score (criterion 1 out of 10 with weight 1, criterion 2 out of 5 with weight 2);
    # expert_1 is of municipality 2 and expert_2 of municipality 1: they skip their own
    _score_all(cs, app1, {"expert_1": (10, 5), "expert_3": (6, 3)})
    _score_all(cs, app2, {"expert_2": (8, 4), "expert_3": (8, 4)})
    _score_all(cs, app3, {"expert_1": (10, 2), "expert_2": (6, 6 - 2), "expert_3": (8, 3)})
    rows = ranking(cs.contest)

    # then each total = Σ weight × mean(score / max):
    # app1: 1 × (10/10 + 6/10)/2 + 2 × (5/5 + 3/5)/2 = 0.8 + 1.6 = 2.4
    # app2: 1 × 0.8 + 2 × 0.8 = 2.4; app3: 1 × (1 + 0.6 + 0.8)/3 + 2 × (0.4 + 0.8 + 0.6)/3 = 0.8 + 1.2 = 2.0
    totals = {r.application.pk: r.total for r in rows}
    assert totals == {app1.pk: Fraction(12, 5), app2.pk: Fraction(12, 5), app3.pk: Fraction(2)}
    # and equal totals share the first place, the next place is the third
    places = {r.application.pk: (r.place, r.tied) for r in rows}
    assert places == {app1.pk: (1, True), app2.pk: (1, True), app3.pk: (3, False)}
    assert rows[0].total_display == Decimal("2.400") and rows[0].percent == Decimal("80.0")
    assert not missing_scores(cs.contest)


def test_missing_scores_are_listed_and_publication_needs_confirmation(world):
    # given an application scored by one expert of the two who should
    cs = announced_contest(world)
    application = submitted_application(cs.contest, world.muni1)
    close_applications(cs.contest)
    _score_all(cs, application, {"expert_3": (10, 5)})
    operator = world.users["operator"]

    # then expert_1's two scores are missing (expert_2 is of municipality 1 and owes none)
    missing = missing_scores(cs.contest)
    assert {(m.expert.pk, m.criterion.pk) for m in missing} == {
        (cs.experts["expert_1"].pk, c.pk) for c in cs.criteria
    }
    # the total averages the scores given
    assert ranking(cs.contest)[0].total == Fraction(3) and ranking(cs.contest)[0].missing == 2
    # publication without confirmation is refused, listing the missing scores
    with pytest.raises(ValidationError) as refused:
        services.contest_publish(by=operator, contest=cs.contest)
    assert "Не выставлены оценки (2)" in refused.value.messages[0]
    assert "Экспертова" in refused.value.messages[0]
    assert public_ranking(cs.contest) == []

    # when the operator confirms
    services.contest_publish(by=operator, contest=cs.contest, confirm_missing=True)

    # then the results are published and public
    cs.contest.refresh_from_db()
    assert cs.contest.status == ContestStatus.PUBLISHED and cs.contest.published_at
    assert [r.application.pk for r in public_ranking(cs.contest)] == [application.pk]


def test_only_the_operator_publishes(world):
    # given a contest in scoring with complete scores
    cs = announced_contest(world, panel=False)
    submitted_application(cs.contest, world.muni1)
    close_applications(cs.contest)

    # then the coordinator may not publish; the operator may
    with pytest.raises(PermissionDenied):
        services.contest_publish(by=world.users["coordinator"], contest=cs.contest)
    services.contest_publish(by=world.users["operator"], contest=cs.contest)


def test_withdrawn_and_draft_applications_stay_out_of_the_ranking(world, third):
    # given a submitted, a withdrawn and a draft application
    cs = announced_contest(world)
    kept = submitted_application(cs.contest, world.muni1)
    withdrawn = submitted_application(cs.contest, world.muni2)
    services.application_withdraw(by=None, application=withdrawn)
    services.application_create(
        by=None, contest=cs.contest, municipality=third, title="Черновик", description="Ч"
    )
    close_applications(cs.contest)

    # then only the submitted one is ranked
    assert [r.application.pk for r in ranking(cs.contest)] == [kept.pk]


# --- scopes -----------------------------------------------------------------------------------------


def test_scopes_of_the_operator_coordinator_expert_and_others(world):
    # given a draft contest and an announced one with both municipalities' applications
    draft = services.contest_create(
        by=None,
        owner=world.region,
        title="Черновик",
        year=today().year,
        applications_open_on=today(),
        applications_close_on=today(),
        scoring_ends_on=today(),
    )
    cs = announced_contest(world)
    app1 = submitted_application(cs.contest, world.muni1)
    app2 = submitted_application(cs.contest, world.muni2)
    users = world.users

    def contests(user):
        return set(Contest.objects.for_user(user).values_list("pk", flat=True))

    def applications(user):
        return set(ContestApplication.objects.for_user(user).values_list("pk", flat=True))

    # then the operator sees both contests and every application
    assert contests(users["operator"]) == {draft.pk, cs.contest.pk}
    assert applications(users["operator"]) == {app1.pk, app2.pk}
    # the coordinator sees the announced contest only, and their own municipality's application
    assert contests(users["coordinator"]) == {cs.contest.pk}
    assert applications(users["coordinator"]) == {app1.pk}
    # the expert of municipality 2 sees the contest of their panel and the other municipality's
    expert = cs.experts["expert_1"].user
    assert contests(expert) == {cs.contest.pk}
    assert applications(expert) == {app1.pk}
    # a school's curator and head, and the curator of B, see no contest nor application
    for name in ("curator_a", "head_a", "curator_b", "mentor_a"):
        assert contests(users[name]) == set() and applications(users[name]) == set()
    # public contests: never a draft
    assert set(public_contests().values_list("pk", flat=True)) == {cs.contest.pk}


def test_expert_sees_only_submitted_applications_and_own_scores(world):
    # given a draft application of municipality 1 and scores of two experts
    cs = announced_contest(world)
    draft = services.application_create(
        by=None, contest=cs.contest, municipality=world.muni1, title="Черновик", description="Ч"
    )
    application = submitted_application(cs.contest, world.muni2)
    close_applications(cs.contest)
    _score_all(cs, application, {"expert_2": (5, 5), "expert_3": (4, 4)})
    expert_2 = cs.experts["expert_2"].user

    # then the expert does not see the draft, and reads only their own scores
    assert not ContestApplication.objects.for_user(expert_2).filter(pk=draft.pk).exists()
    own = ContestScore.objects.for_user(expert_2)
    assert own.count() == 2 and {s.expert_id for s in own} == {cs.experts["expert_2"].pk}
    assert ContestScore.objects.for_user(world.users["operator"]).count() == 4
    assert not ContestScore.objects.for_user(world.users["coordinator"]).exists()
