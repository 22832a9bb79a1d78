"""The organization tree of the demo region: Russia → Yugra → 22 municipalities → ~300 organizations.

Organizations are planned in memory, validated without database queries, then written with
``bulk_create`` (parents before children) and given their paths by
:func:`nastavnik.organizations.services.org_units_fill_paths`.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from nastavnik.demo import data
from nastavnik.demo.data import Municipality, RegionalOrganization, Settlement
from nastavnik.demo.identifiers import inn_company, landline_phone, transliterate
from nastavnik.organizations.choices import Level, MunicipalityType, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.organizations.services import org_unit_create, org_units_fill_paths

BATCH_SIZE = 500
REGIONAL_MAIL_DOMAIN = "yugra"

_ORDINARY_SCHOOL = re.compile(r"«Средняя общеобразовательная школа № \d+»$")

#: Regional organization kind → (staff profile of ``staff.STAFF_PROFILES``, relative staff size).
_REGIONAL_PROFILES = {
    OrganizationKind.COLLEGE: ("college", 1.1),
    OrganizationKind.UNIVERSITY: ("university", 0.8),
    OrganizationKind.REGIONAL_OPERATOR: ("regional_operator", 0.35),
    OrganizationKind.CNPPM: ("cnppm", 0.25),
}

_FORMS = {
    # kind → ((full form, abbreviation) budgetary, (…) autonomous)
    OrganizationKind.SCHOOL: (
        ("Муниципальное бюджетное общеобразовательное учреждение", "МБОУ"),
        ("Муниципальное автономное общеобразовательное учреждение", "МАОУ"),
    ),
    OrganizationKind.KINDERGARTEN: (
        ("Муниципальное бюджетное дошкольное образовательное учреждение", "МБДОУ"),
        ("Муниципальное автономное дошкольное образовательное учреждение", "МАДОУ"),
    ),
    OrganizationKind.SUPPLEMENTARY: (
        ("Муниципальное бюджетное учреждение дополнительного образования", "МБУ ДО"),
        ("Муниципальное автономное учреждение дополнительного образования", "МАУ ДО"),
    ),
}


@dataclass
class DemoOrg:
    """An organization of the demo region and what the staff generator needs to know about it.

    ``profile`` is a key of ``staff.STAFF_PROFILES`` ("" = no generated staff); ``weight`` its
    relative staff size; ``place`` the municipality where it is located; ``mail_domain`` the
    first label of its staff's e-mail domain; ``key`` a name the loader refers to
    («school_a», «cnppm», «authority:Сургут»), usually empty.
    """

    unit: OrgUnit
    profile: str
    weight: float
    place: Municipality
    mail_domain: str
    key: str = ""


@dataclass
class DemoTree:
    """The written tree: units with primary keys and paths."""

    federal: OrgUnit
    region: OrgUnit
    municipalities: dict[str, OrgUnit]  # Municipality.name → unit
    orgs: list[DemoOrg] = field(default_factory=list)

    def org(self, key: str) -> DemoOrg:
        """The organization named ``key``; raises ``KeyError`` when there is none."""
        for org in self.orgs:
            if org.key == key:
                return org
        raise KeyError(key)


def _round(x: float) -> int:
    return int(x + 0.5)


def school_count(m: Municipality) -> int:
    """Schools of a municipality: by population, more (and smaller) ones in districts."""
    return max(2, _round(m.population / 17)) if m.is_city else max(3, _round(m.population / 8))


def kindergarten_count(m: Municipality) -> int:
    """Kindergartens of a municipality (in districts many schools run preschool groups)."""
    return max(2, _round(m.population / 18)) if m.is_city else max(1, _round(m.population / 22))


def supplementary_count(m: Municipality) -> int:
    """Supplementary-education organizations of a municipality."""
    return max(1, _round(m.population / 50)) if m.is_city else 1 + (m.population >= 40)


class _Planner:
    """Builds unsaved ``OrgUnit`` objects with addresses, contacts and unique ИНН."""

    def __init__(self, rng: random.Random, used_inns: set[str]):
        self.rng = rng
        self.used_inns = used_inns
        self.used_emails: set[str] = set()

    def address(self, m: Municipality, place: Settlement) -> str:
        rng = self.rng
        postcode = rng.randint(*place.postcodes)
        district = "" if m.is_city or place not in m.settlements else f"{m.short_name}, "
        return (
            f"{postcode}, {data.REGION_FULL_NAME}, {district}{place.name}, "
            f"{rng.choice(data.STREETS)}, д. {rng.randint(1, 60)}"
        )

    def email(self, local: str, domain: str) -> str:
        candidate = f"{local}@{domain}.{data.MAIL_DOMAIN}"
        for n in itertools.count(2):
            if candidate not in self.used_emails:
                break
            candidate = f"{local}-{n}@{domain}.{data.MAIL_DOMAIN}"
        self.used_emails.add(candidate)
        return candidate

    def unit(
        self,
        *,
        parent: OrgUnit,
        kind: str,
        full_name: str,
        short_name: str,
        m: Municipality,
        municipality: OrgUnit,
        place: Settlement,
        slug: str,
        mail_domain: str,
    ) -> OrgUnit:
        unit = OrgUnit(
            parent=parent,
            level=Level.ORGANIZATION,
            kind=kind,
            municipality=municipality,
            full_name=full_name,
            short_name=short_name,
            inn=inn_company(self.rng, m.tax_code, self.used_inns),
            address=self.address(m, place),
            email=self.email(slug, mail_domain),
            phone=landline_phone(self.rng, place.phone_code),
        )
        # Field and model checks without queries (ИНН checksum, e-mail, lengths, level order).
        unit.clean_fields(exclude=["parent", "municipality", "path"])
        unit.clean()
        return unit

    def legal_form(self, kind: str, autonomous_share: float) -> tuple[str, str]:
        budgetary, autonomous = _FORMS[kind]
        return autonomous if self.rng.random() < autonomous_share else budgetary


def _place_suffix(place: Settlement) -> str:
    return transliterate(place.name.split(" ", 1)[1])


def _plan_schools(p: _Planner, m: Municipality, unit: OrgUnit) -> list[DemoOrg]:
    rng = p.rng
    total = school_count(m)
    plans: list[tuple[str, str, Settlement, float]] = []  # name, slug, place, weight
    if m.is_city:
        place = m.settlements[0]
        big = 1.25 if m.population >= 200 else 1.0
        gymnasiums = total // 9 if total >= 5 else 0
        lyceums = total // 12 if total >= 8 else 0
        advanced = total // 8
        plain = total - gymnasiums - lyceums - advanced
        number = 0
        advanced_at = set(rng.sample(range(plain + advanced), advanced))
        for i in range(plain + advanced):
            number += 1 if rng.random() < 0.8 else 2
            name = f"Средняя общеобразовательная школа № {number}"
            if i in advanced_at:
                name += " с углублённым изучением отдельных предметов"
            plans.append((name, f"sosh{number}", place, big))
        for i in range(1, gymnasiums + 1):
            plans.append((f"Гимназия № {i}", f"gimnaziya{i}", place, big * 0.9))
        for i in range(1, lyceums + 1):
            plans.append((f"Лицей № {i}", f"litsey{i}", place, big * 0.9))
    else:
        centre, others = m.settlements[0], m.settlements[1:]
        in_others = min(len(others), total - max(1, _round(total * 0.4)))
        in_centre = total - in_others
        for i in range(1, in_centre + 1):
            number = f" № {i}" if in_centre > 1 else ""
            plans.append(
                (
                    f"Средняя общеобразовательная школа{number} {centre.name}",
                    f"sosh{i}-{_place_suffix(centre)}",
                    centre,
                    0.75 if centre.is_town else 0.5,
                )
            )
        for place in others[:in_others]:
            basic = not place.is_town and rng.random() < 0.3
            level = "Основная" if basic else "Средняя"
            plans.append(
                (
                    f"{level} общеобразовательная школа {place.name}",
                    f"{'oosh' if basic else 'sosh'}-{_place_suffix(place)}",
                    place,
                    (0.2 if basic else 0.35) * (1.4 if place.is_town else 1.0),
                )
            )
    return [
        _municipal_org(p, m, unit, OrganizationKind.SCHOOL, 0.25, name, slug, place, "school", weight)
        for name, slug, place, weight in plans
    ]


def _municipal_org(
    p: _Planner,
    m: Municipality,
    unit: OrgUnit,
    kind: str,
    autonomous_share: float,
    name: str,
    slug: str,
    place: Settlement,
    profile: str,
    weight: float,
) -> DemoOrg:
    """A municipal organization of ``kind`` named «{legal form} «{name}»» in ``place``, with
    its staff ``profile`` and a share of the staff ``weight`` (jittered by ±20 %)."""
    form, abbr = p.legal_form(kind, autonomous_share)
    organization = p.unit(
        parent=unit,
        kind=kind,
        full_name=f"{form} «{name}»",
        short_name=f"{abbr} «{name}»",
        m=m,
        municipality=unit,
        place=place,
        slug=slug,
        mail_domain=m.slug,
    )
    return DemoOrg(organization, profile, weight * p.rng.uniform(0.8, 1.2), m, m.slug)


def _plan_kindergartens(p: _Planner, m: Municipality, unit: OrgUnit) -> list[DemoOrg]:
    rng = p.rng
    total = kindergarten_count(m)
    names = itertools.cycle(rng.sample(data.KINDERGARTEN_NAMES, len(data.KINDERGARTEN_NAMES)))
    orgs = []
    number = 0
    for i in range(total):
        nickname = next(names)
        if m.is_city:
            place = m.settlements[0]
            number += rng.choice((1, 1, 1, 2, 3))
            name, slug, weight = f"Детский сад № {number} „{nickname}“", f"ds{number}", 0.45
        else:
            others = m.settlements[1:]
            place = m.settlements[0] if i % 2 == 0 or not others else others[(i // 2) % len(others)]
            name = f"Детский сад „{nickname}“ {place.name}"
            slug, weight = f"ds-{transliterate(nickname)}-{_place_suffix(place)}", 0.3
        orgs.append(
            _municipal_org(
                p, m, unit, OrganizationKind.KINDERGARTEN, 0.3, name, slug, place, "kindergarten", weight
            )
        )
    return orgs


def _plan_supplementary(p: _Planner, m: Municipality, unit: OrgUnit) -> list[DemoOrg]:
    total = supplementary_count(m)
    kinds = list(itertools.islice(itertools.cycle(data.SUPPLEMENTARY_TYPES), total))
    repeated = Counter(kinds)
    seen: Counter = Counter()
    orgs = []
    for i, kind in enumerate(kinds):
        seen[kind] += 1
        name, slug = kind.name, kind.slug
        if repeated[kind] > 1:
            name, slug = f"{name} № {seen[kind]}", f"{slug}{seen[kind]}"
        place = m.settlements[i % len(m.settlements)]
        profile = "arts" if kind.arts else "supplementary"
        weight = 0.45 if m.is_city else 0.3
        orgs.append(
            _municipal_org(
                p, m, unit, OrganizationKind.SUPPLEMENTARY, 0.3, name, slug, place, profile, weight
            )
        )
    return orgs


def _plan_authority(p: _Planner, m: Municipality, unit: OrgUnit) -> DemoOrg:
    place = m.authority_seat or m.settlements[0]
    authority = p.unit(
        parent=unit,
        kind=OrganizationKind.MUNICIPAL_AUTHORITY,
        full_name=m.authority,
        short_name="",
        m=m,
        municipality=unit,
        place=place,
        slug="uo",
        mail_domain=m.slug,
    )
    return DemoOrg(authority, "", 0.0, m, m.slug, key=f"authority:{m.name}")


def _plan_regional(
    p: _Planner, org: RegionalOrganization, region: OrgUnit, municipalities: dict[str, OrgUnit]
) -> DemoOrg:
    m = next(m for m in data.MUNICIPALITIES if m.name == org.town)
    unit = p.unit(
        parent=region,
        kind=org.kind,
        full_name=org.full_name,
        short_name=org.short_name,
        m=m,
        municipality=municipalities[m.name],
        place=m.settlements[0],
        slug=org.slug,
        mail_domain=REGIONAL_MAIL_DOMAIN,
    )
    profile, weight = _REGIONAL_PROFILES.get(org.kind, ("", 0.0))
    return DemoOrg(unit, profile, weight * p.rng.uniform(0.8, 1.2), m, REGIONAL_MAIL_DOMAIN, key=org.key)


def _federal_unit() -> OrgUnit:
    """«Российская Федерация» if it exists, else any federal unit, else a new one."""
    federal = OrgUnit.objects.filter(level=Level.FEDERAL)
    existing = federal.filter(full_name=data.FEDERAL_NAME).first() or federal.order_by("pk").first()
    return existing or org_unit_create(parent=None, level=Level.FEDERAL, full_name=data.FEDERAL_NAME)


def tree_build(*, rng: random.Random, used_inns: set[str]) -> DemoTree:
    """Write the demo tree: the federal unit (reused when it exists), the region, its 22
    municipalities and about 300 organizations; return it with the staff plan of each organization.

    ``used_inns`` holds ИНН that must not be issued (those already in the database); the new
    ones are added to it. Schools A and B (keys «school_a», «school_b») are the first ordinary
    secondary schools of Сургут and Нижневартовск; kindergarten A and college A («kindergarten_a»,
    «college_a») the first kindergarten and the first college of Сургут. Queries: a handful plus one INSERT per
    ``BATCH_SIZE`` units.
    """
    federal = _federal_unit()
    region = org_unit_create(
        parent=federal,
        level=Level.REGION,
        full_name=data.REGION_FULL_NAME,
        short_name=data.REGION_SHORT_NAME,
    )
    munis = [
        OrgUnit(
            parent=region,
            level=Level.MUNICIPALITY,
            municipality_type=MunicipalityType.CITY_OKRUG if m.is_city else MunicipalityType.DISTRICT,
            full_name=m.full_name,
            short_name=m.short_name,
        )
        for m in data.MUNICIPALITIES
    ]
    for unit in munis:
        unit.clean_fields(exclude=["parent", "municipality", "path"])
        unit.clean()
    OrgUnit.objects.bulk_create(munis, batch_size=BATCH_SIZE)
    org_units_fill_paths(munis)
    by_name = {m.name: unit for m, unit in zip(data.MUNICIPALITIES, munis, strict=True)}

    planner = _Planner(rng, used_inns)
    orgs = [_plan_regional(planner, org, region, by_name) for org in data.REGIONAL_ORGANIZATIONS]
    for m in data.MUNICIPALITIES:
        unit = by_name[m.name]
        orgs.append(_plan_authority(planner, m, unit))
        orgs += _plan_schools(planner, m, unit)
        orgs += _plan_kindergartens(planner, m, unit)
        orgs += _plan_supplementary(planner, m, unit)
    for key, town in (("school_a", "Сургут"), ("school_b", "Нижневартовск")):
        school = next(o for o in orgs if o.place.name == town and _ORDINARY_SCHOOL.search(o.unit.full_name))
        school.key = key
    # Kindergarten A and college A: the first of their kind in Сургут (their whole package of
    # documents is shown as school A's is).
    for key, kind in (
        ("kindergarten_a", OrganizationKind.KINDERGARTEN),
        ("college_a", OrganizationKind.COLLEGE),
    ):
        first = next(o for o in orgs if o.place.name == "Сургут" and o.unit.kind == kind and not o.key)
        first.key = key
    units = [o.unit for o in orgs]
    OrgUnit.objects.bulk_create(units, batch_size=BATCH_SIZE)
    org_units_fill_paths(units)
    return DemoTree(federal=federal, region=region, municipalities=by_name, orgs=orgs)
