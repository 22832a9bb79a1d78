"""Time searches in the open bank of mentors among 60,000 people (issue 3, item 6).

    .venv/bin/python benchmarks/open_bank_search.py                # SQLite in a temporary directory
    .venv/bin/python benchmarks/open_bank_search.py --postgres     # a scratch PostgreSQL database

Requirement: «Searching the open bank among 60,000 people: under 200 ms server time».

Builds the data set itself with ``bulk_create`` on a fresh database: a region with 22
municipalities and ~330 organizations (a few regional ones located in a municipality),
``--people`` pedagogical workers each working in one organization, valid consents for most
of them, ``--mentors`` mentor profiles in every status with competences, subjects, forms and
kinds, ``--published`` of them published in the open bank (with the open-bank consent, and
a share of them excluded again by a withdrawn consent, a dismissal or a paused status).

Then a signed-in municipal coordinator runs typical searches through Django's test client —
the whole request: middleware, session, filters, count, page, prefetches, template — and the
median and the maximum of ``--runs`` runs of each are printed, in milliseconds.

With ``--postgres`` a scratch database ``nastavnik_open_bank_bench`` is created on the server
of ``DATABASE_URL`` and dropped at the end (``benchmarks/harness.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from urllib.parse import urlencode

from harness import bench_django, plain_static_files, synthetic_people, synthetic_region

BUDGET_MS = 200


def build_dataset(*, people: int, mentors: int, published: int, seed: int) -> dict:
    """Fill the (migrated, empty) database; return what the searches need."""
    from django.contrib.auth import get_user_model

    from nastavnik.access.models import RoleAssignment
    from nastavnik.bank.choices import PUBLIC_FIELDS, MentorStatus
    from nastavnik.bank.models import MentorCompetence, MentorProfile, PersonalDataConsent
    from nastavnik.organizations.choices import OrganizationKind
    from nastavnik.people.models import Employment
    from nastavnik.reference.models import (
        CompetenceArea,
        InteractionModel,
        MentoringForm,
        MentoringKind,
        Subject,
    )

    rnd = random.Random(seed)
    today = dt.date.today()

    # The tree: federal → region → 22 municipalities → organizations (+ regional ones), and people.
    kinds = (
        [OrganizationKind.SCHOOL] * 6 + [OrganizationKind.KINDERGARTEN] * 3 + [OrganizationKind.SUPPLEMENTARY]
    )
    _region, municipalities, organizations = synthetic_region(rnd, kinds=kinds)
    subjects = list(Subject.objects.all())
    areas = list(CompetenceArea.objects.all())
    forms = list(MentoringForm.objects.all())
    mkinds = list(MentoringKind.objects.all())
    models_ = list(InteractionModel.objects.all())
    persons, person_org = synthetic_people(rnd, organizations, people)

    # Mentors: the first ``published`` of them published; a tenth of those excluded again below.
    mentor_people = rnd.sample(persons, mentors)
    statuses = [MentorStatus.CANDIDATE, MentorStatus.SELECTED, MentorStatus.PAUSED, MentorStatus.LEFT]
    profiles = []
    for i, person in enumerate(mentor_people):
        is_published = i < published
        profiles.append(
            MentorProfile(
                person=person,
                organization=person_org[person.pk],
                status=rnd.choice([MentorStatus.TRAINED, MentorStatus.ACTIVE])
                if is_published
                else rnd.choice([*statuses, MentorStatus.ACTIVE, MentorStatus.TRAINED]),
                publish_in_open_bank=is_published,
                public_fields=[k for k in PUBLIC_FIELDS if rnd.random() < 0.7] if is_published else [],
            )
        )
    profiles = MentorProfile.objects.bulk_create(profiles, batch_size=2000)
    competences, m2m = [], {"subjects": [], "forms": [], "kinds": [], "interaction_models": []}
    for profile in profiles:
        for area in rnd.sample(areas, rnd.randint(2, 4)):
            competences.append(MentorCompetence(mentor=profile, area=area, level=rnd.randint(1, 5)))
        for name, choices, low, high in (
            ("subjects", subjects, 1, 2),
            ("forms", forms, 1, 2),
            ("kinds", mkinds, 1, 2),
            ("interaction_models", models_, 0, 1),
        ):
            field = MentorProfile._meta.get_field(name)
            through = field.remote_field.through
            for target in rnd.sample(choices, rnd.randint(low, high)):
                m2m[name].append(
                    through(
                        **{
                            f"{field.m2m_field_name()}_id": profile.pk,
                            f"{field.m2m_reverse_field_name()}_id": target.pk,
                        }
                    )
                )
    MentorCompetence.objects.bulk_create(competences, batch_size=5000)
    for name, rows in m2m.items():
        MentorProfile._meta.get_field(name).remote_field.through.objects.bulk_create(rows, batch_size=5000)

    # Consents: every published mentor with the open-bank purpose, 90 % of the rest.
    published_ids = {p.person_id for p in profiles[:published]}
    consents = []
    for person in persons:
        if person.pk in published_ids:
            purposes = ["mentoring_record", "open_bank"]
        elif rnd.random() < 0.9:
            purposes = ["mentoring_record"]
        else:
            continue
        consents.append(PersonalDataConsent(person=person, purposes=purposes, given_on=dt.date(2024, 9, 1)))
    PersonalDataConsent.objects.bulk_create(consents, batch_size=5000)
    # Excluded again: withdrawn consents, dismissals, paused — 1/30 of the published each.
    excluded = profiles[: published // 10]
    PersonalDataConsent.objects.filter(person_id__in=[p.person_id for p in excluded[0::3]]).update(
        withdrawn_on=today
    )
    Employment.objects.filter(person_id__in=[p.person_id for p in excluded[1::3]]).update(
        ended_on=today - dt.timedelta(days=10)
    )
    MentorProfile.objects.filter(pk__in=[p.pk for p in excluded[2::3]]).update(status=MentorStatus.PAUSED)

    user = get_user_model().objects.create_user("coordinator", password="bench-only")
    RoleAssignment.objects.create(user=user, org_unit=municipalities[0], role="municipal_coordinator")
    busy_area = areas[0]
    return {
        "user": user,
        "municipality": municipalities[3],
        "subject": subjects[0],
        "area": busy_area,
        "form": forms[0],
        "kind": mkinds[2],
        "detail_pk": profiles[published - 1].pk,
        "counts": {
            "organizations": len(organizations),
            "people": len(persons),
            "mentor profiles": len(profiles),
            "published": published,
            "consents": len(consents),
        },
    }


def searches(data: dict) -> list[tuple[str, str]]:
    m, s, a, f, k = data["municipality"], data["subject"], data["area"], data["form"], data["kind"]
    return [
        ("без условий, 1-я страница", {}),
        ("без условий, 40-я страница", {"page": 40}),
        ("муниципалитет", {"municipality": m.pk}),
        ("предмет", {"subject": s.pk}),
        ("область, уровень не ниже 4", {"area": a.pk, "min_level": 4}),
        ("ФИО «иван» (строчными)", {"q": "иван"}),
        ("ФИО «Петрова Анна»", {"q": "Петрова Анна"}),
        ("вид организации + вид наставничества", {"organization_kind": "kindergarten", "kind": k.pk}),
        (
            "муниципалитет + область + форма + ФИО",
            {"municipality": m.pk, "area": a.pk, "min_level": 3, "form": f.pk, "q": "к"},
        ),
        ("карточка наставника", None),
    ]


def run(args) -> int:
    from django.db import connection
    from django.test import Client

    plain_static_files()
    t0 = time.perf_counter()
    data = build_dataset(people=args.people, mentors=args.mentors, published=args.published, seed=args.seed)
    with connection.cursor() as cursor:
        # Fresh statistics and visibility map, as autovacuum (or a maintained SQLite) would keep.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    counts = ", ".join(f"{k} {v}" for k, v in data["counts"].items())
    print(f"Данные: {time.perf_counter() - t0:.1f} с — {counts}")

    client = Client()
    client.force_login(data["user"])
    worst = 0.0
    print(f"{'поиск':<42} {'найдено':>8} {'медиана, мс':>12} {'максимум, мс':>13}")
    for label, params in searches(data):
        url = (
            f"/bank/open/{data['detail_pk']}/"
            if params is None
            else "/bank/open/" + ("?" + urlencode(params) if params else "")
        )
        response = client.get(url)  # warm-up
        assert response.status_code == 200, (url, response.status_code)
        body = response.content.decode()
        found = "—"
        if params is not None:
            marker = 'data-testid="total">Найдено: '
            found = body[body.index(marker) + len(marker) :].split("<", 1)[0]
        timings = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        median, top = statistics.median(timings), max(timings)
        worst = max(worst, median)
        print(f"{label:<42} {found:>8} {median:>12.1f} {top:>13.1f}")
    verdict = "в пределах" if worst < BUDGET_MS else "ПРЕВЫШЕНО"
    print(f"Худшая медиана: {worst:.1f} мс — {verdict} {BUDGET_MS} мс")
    connection.close()
    return 0 if worst < BUDGET_MS else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", action="store_true", help="a scratch PostgreSQL database instead of SQLite"
    )
    parser.add_argument("--people", type=int, default=60_000)
    parser.add_argument("--mentors", type=int, default=12_000)
    parser.add_argument("--published", type=int, default=8_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    with bench_django(postgres=args.postgres, scratch="nastavnik_open_bank_bench"):
        return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
