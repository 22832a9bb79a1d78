"""Contest objects for tests and the persona matrix (issue 19, item 5), made through the services
by the system: a contest of the persona world's region with two criteria and a panel, the
applications of its municipalities, and the step that ends the applications «after» the close
date (the dates are moved, no clock is patched)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.contests.models import Contest, ContestApplication, ContestCriterion, ContestExpert
from nastavnik.contests.services import contests as services
from nastavnik.testing import factories as f
from nastavnik.testing.personas import add_contest_expert

#: A tiny valid PDF: accepted by the upload check (``core.uploads``).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "model.pdf") -> ContentFile:
    return ContentFile(PDF, name=name)


def expert_user(world, username: str, *, first_name: str = "", last_name: str = ""):
    """A user with the role «Эксперт конкурса» on the world's region (``expert_1``: the persona)."""
    if username == "expert_1":
        return add_contest_expert(world)
    user = f.UserFactory(username=username, first_name=first_name, last_name=last_name)
    f.RoleAssignmentFactory(user=user, org_unit=world.region, role=Role.CONTEST_EXPERT)
    world.users[username] = user
    return user


@dataclass
class ContestSet:
    contest: Contest
    criteria: list[ContestCriterion]
    experts: dict[str, ContestExpert]


def announced_contest(
    world, *, title: str = "Конкурс муниципальных моделей наставничества", panel: bool = True
):
    """An announced contest of ``world.region`` accepting applications today (from 5 days ago to
    5 days ahead), two criteria («Нормативная база», max 10, weight 1; «Результативность», max 5,
    weight 2) and, with ``panel``, the experts ``expert_1`` (municipality 2, the persona),
    ``expert_2`` (municipality 1) and ``expert_3`` (no municipality)."""
    today = timezone.localdate()
    contest = services.contest_create(
        by=None,
        owner=world.region,
        title=title,
        year=today.year,
        description="Приглашаем муниципальные образования представить модели наставничества.",
        applications_open_on=today - dt.timedelta(days=5),
        applications_close_on=today + dt.timedelta(days=5),
        scoring_ends_on=today + dt.timedelta(days=20),
    )
    criteria = services.criteria_set(
        by=None,
        contest=contest,
        criteria=[
            {"title": "Нормативная база", "max_score": 10, "weight": "1"},
            {"title": "Результативность", "max_score": 5, "weight": "2"},
        ],
    )
    experts = {}
    if panel:
        for username, first, last, unit in (
            ("expert_1", "", "", world.muni2),
            ("expert_2", "Иван", "Оценщиков", world.muni1),
            ("expert_3", "Пётр", "Независимов", None),
        ):
            user = expert_user(world, username, first_name=first, last_name=last)
            experts[username] = services.expert_add(by=None, contest=contest, user=user, municipality=unit)
    services.contest_announce(by=None, contest=contest)
    contest.refresh_from_db()
    return ContestSet(contest, criteria, experts)


def submitted_application(
    contest: Contest, municipality, *, title: str = "", with_file: bool = True
) -> ContestApplication:
    """A submitted application of ``municipality`` (with a PDF file)."""
    application = services.application_create(
        by=None,
        contest=contest,
        municipality=municipality,
        title=title or f"Модель наставничества: {municipality}",
        description="Сеть наставников, муниципальный совет, методическое сопровождение.",
    )
    if with_file:
        services.application_file_add(by=None, application=application, title="Описание модели", file=pdf())
    return services.application_submit(by=None, application=application)


def close_applications(contest: Contest) -> Contest:
    """Move the close date to today and end the applications (the contest goes to scoring)."""
    today = timezone.localdate()
    Contest.objects.filter(pk=contest.pk).update(
        applications_open_on=min(contest.applications_open_on, today), applications_close_on=today
    )
    contest.refresh_from_db()
    return services.contest_close(by=None, contest=contest)
