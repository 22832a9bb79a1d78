"""The demo of the part «contests» of issue 19 (see the package's docstring): the regional contest
of municipal models of mentoring (seed 000 §4.3.1, App. 2 §2.5) — last year's contest with its
results published (six municipal applications with files, a panel of three experts who never
score their own municipality, every score given, two municipalities sharing a place with equal
totals) and this year's contest open for applications, with the draft application of the demo
coordinator's municipality (Сургут). Written through the services by the system; the past dates
are set afterwards (the services work on today's date)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.contests.models import Contest, ContestApplication, ContestEvent
from nastavnik.contests.services import contests as services
from nastavnik.demo.data import DEMO_USER_MAIL_DOMAIN
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

#: The demo account of the expert (``demo.accounts``) and the two more experts this module adds.
EXPERT_LOGIN = "expert"
EXTRA_EXPERTS = (
    ("contest_expert_2", "Галина Петровна", "Лебедева", "Сургут"),
    ("contest_expert_3", "Андрей Николаевич", "Воронцов", ""),
)

#: (title, description, max score, weight) of the criteria of both contests.
CRITERIA = (
    (
        "Нормативно-правовое обеспечение муниципальной модели",
        "Муниципальные акты о наставничестве, положение, дорожная карта, закрепление ответственных.",
        10,
        "1",
    ),
    (
        "Охват педагогов наставничеством и его результативность",
        "Доля молодых педагогов в парах, закрепление молодых специалистов, динамика затруднений.",
        10,
        "2",
    ),
    (
        "Методическое сопровождение и подготовка наставников",
        "Обучение наставников и кураторов, методические объединения, школы наставников.",
        10,
        "1.5",
    ),
    (
        "Распространение опыта и открытость",
        "Разделы «Наставничество» на сайтах организаций, публикации, участие в конференциях.",
        5,
        "1",
    ),
)

#: The municipalities of last year's applications with the base scores by criterion; the
#: experts' offsets make each expert's scores. Ханты-Мансийск and Нефтеюганск are scored alike
#: by the same three experts: equal totals, a shared place.
PAST_APPLICATIONS = (
    ("Сургут", "«Наставник рядом»: сеть школьных советов наставников", (9, 9, 8, 5)),
    ("Нижневартовск", "Муниципальная школа наставничества «Старт в профессию»", (8, 9, 9, 4)),
    (
        "Ханты-Мансийск",
        "Модель «Педагог — педагогу»: наставничество в методических объединениях",
        (8, 7, 8, 4),
    ),
    ("Нефтеюганск", "«Открытое наставничество»: межшкольные пары наставников", (8, 7, 8, 4)),
    ("Когалым", "Наставничество молодых педагогов «Первые шаги»", (7, 6, 6, 3)),
    ("Мегион", "Муниципальный клуб молодых педагогов и наставников", (6, 6, 7, 3)),
)
#: Each expert's offset from the base score (clamped to 0..max).
OFFSETS = {EXPERT_LOGIN: 0, "contest_expert_2": -1, "contest_expert_3": 1}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _municipality(region: OrgUnit, name: str) -> OrgUnit | None:
    """The city okrug ``name`` of the region («городской округ Сургут …», not «Сургутский
    муниципальный район»)."""
    units = OrgUnit.objects.filter(level=Level.MUNICIPALITY, path__startswith=region.path)
    return units.filter(full_name__contains=f"округ {name} ").order_by("pk").first() or (
        units.filter(full_name__icontains=name).order_by("pk").first()
    )


def _experts(region: OrgUnit) -> list[tuple]:
    """``(user, municipality or None)`` of the three experts: the demo account «expert» (a teacher
    of school B: Нижневартовск) and two more users with the role on the region."""
    users = get_user_model().objects
    experts = []
    account = users.filter(username=EXPERT_LOGIN).first()
    if account is not None:
        if not RoleAssignment.objects.filter(user=account, role=Role.CONTEST_EXPERT).exists():
            RoleAssignment.objects.create(user=account, org_unit=region, role=Role.CONTEST_EXPERT)
        experts.append((account, _municipality(region, "Нижневартовск")))
    for login, first, last, town in EXTRA_EXPERTS:
        user, _ = users.get_or_create(
            username=login,
            defaults={"first_name": first, "last_name": last, "email": f"{login}@{DEMO_USER_MAIL_DOMAIN}"},
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        RoleAssignment.objects.get_or_create(user=user, org_unit=region, role=Role.CONTEST_EXPERT)
        experts.append((user, _municipality(region, town) if town else None))
    return experts


def _file():
    from django.core.files.base import ContentFile

    return ContentFile(PDF, name="model.pdf")


def _contest(region: OrgUnit, *, year: int, today: dt.date, title: str):
    contest = services.contest_create(
        by=None,
        owner=region,
        title=title,
        year=year,
        description=(
            "Департамент образования и науки и Институт развития образования объявляют ежегодный "
            "региональный конкурс муниципальных моделей наставничества. Цель — выявление и "
            "распространение практического опыта наставничества и менторства. Участники — "
            "муниципальные органы управления образованием. Заявка содержит описание муниципальной "
            "модели наставничества и подтверждающие материалы. По итогам конкурса муниципальным "
            "органам управления образованием даются рекомендации по развитию системы наставничества."
        ),
        applications_open_on=today - dt.timedelta(days=10),
        applications_close_on=today + dt.timedelta(days=30),
        scoring_ends_on=today + dt.timedelta(days=60),
    )
    criteria = services.criteria_set(
        by=None,
        contest=contest,
        criteria=[{"title": t, "description": d, "max_score": m, "weight": w} for t, d, m, w in CRITERIA],
    )
    return contest, criteria


def write(context) -> str:
    """Write last year's published contest and this year's open one; a Russian summary line."""
    region, today = context.region, context.today
    experts = _experts(region)

    # Last year's contest: announced, applied, closed, scored by the panel, published.
    past, criteria = _contest(
        region,
        year=today.year - 1,
        today=today,
        title="Региональный конкурс муниципальных моделей наставничества",
    )
    seats = {
        user.username: services.expert_add(by=None, contest=past, user=user, municipality=unit)
        for user, unit in experts
    }
    past = services.contest_announce(by=None, contest=past)
    applications = []
    for town, title, base in PAST_APPLICATIONS:
        unit = _municipality(region, town)
        if unit is None:
            continue
        application = services.application_create(
            by=None,
            contest=past,
            municipality=unit,
            title=title,
            description=(
                f"Муниципальная модель наставничества ({unit}): совет наставников, закрепление "
                "молодых педагогов за опытными коллегами, муниципальная школа наставников, "
                "ежегодная конференция и мониторинг результатов."
            ),
        )
        services.application_file_add(by=None, application=application, title="Описание модели", file=_file())
        services.application_submit(by=None, application=application)
        applications.append((application, base))
    past_close = dt.date(today.year - 1, 10, 31)
    Contest.objects.filter(pk=past.pk).update(
        applications_open_on=dt.date(today.year - 1, 9, 1),
        applications_close_on=past_close,
        scoring_ends_on=dt.date(today.year - 1, 11, 30),
    )
    past.refresh_from_db()
    services.contest_close(by=None, contest=past)
    for application, base in applications:
        application.refresh_from_db()
        for login, seat in seats.items():
            if seat.municipality_id and seat.municipality_id == application.municipality_id:
                continue
            offset = OFFSETS.get(login, 0)
            services.scores_save(
                by=None,
                application=application,
                expert=seat,
                scores={
                    c.pk: (max(0, min(c.max_score, b + offset)), "")
                    for c, b in zip(criteria, base, strict=True)
                },
            )
    past.refresh_from_db()
    services.contest_publish(by=None, contest=past)
    published_at = timezone.make_aware(dt.datetime(today.year - 1, 12, 10, 12, 0))
    Contest.objects.filter(pk=past.pk).update(
        announced_at=timezone.make_aware(dt.datetime(today.year - 1, 8, 25, 10, 0)), published_at=published_at
    )
    ContestApplication.objects.filter(contest=past).update(
        submitted_at=timezone.make_aware(dt.datetime(today.year - 1, 10, 20, 15, 0))
    )
    ContestEvent.objects.filter(contest=past).update(occurred_at=published_at)

    # This year's contest: open for applications, the draft of Сургут.
    current, _ = _contest(
        region,
        year=today.year,
        today=today,
        title="Региональный конкурс муниципальных моделей наставничества",
    )
    for user, unit in experts:
        services.expert_add(by=None, contest=current, user=user, municipality=unit)
    current = services.contest_announce(by=None, contest=current)
    surgut = _municipality(region, "Сургут")
    if surgut is not None:
        services.application_create(
            by=None,
            contest=current,
            municipality=surgut,
            title="«Наставник рядом» — второй этап",
            description="Черновик заявки: развитие сети школьных советов наставников и наставничество «педагог — педагог».",
        )
    return (
        f"Конкурс муниципальных моделей наставничества: итоги {today.year - 1} года опубликованы "
        f"(заявок — {len(applications)}, экспертов — {len(seats)}), конкурс {today.year} года "
        "принимает заявки"
    )


def delete(region) -> None:
    """Delete the contests of ``region`` with their files, and the experts this module added."""
    contests = Contest.objects.filter(owner__path__startswith=region.path)
    for application in ContestApplication.objects.filter(contest__in=contests):
        for attached in application.files.all():
            attached.file.delete(save=False)
    ContestApplication.objects.filter(contest__in=contests).delete()
    contests.delete()
    get_user_model().objects.filter(
        username__in=[login for login, *_ in EXTRA_EXPERTS], email__endswith=f"@{DEMO_USER_MAIL_DOMAIN}"
    ).delete()
