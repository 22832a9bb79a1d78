"""factory_boy factories for tests. Identifiers are generated valid (ИНН, СНИЛС)."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum.ru import inn as stdnum_inn

from nastavnik.access.models import RoleAssignment
from nastavnik.mentoring.models import Pair
from nastavnik.organizations.choices import Level, MunicipalityType, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.organizations.services import org_unit_save
from nastavnik.people.choices import Sex
from nastavnik.people.models import Employment, Person
from nastavnik.people.validators import snils_checksum


def valid_inn(n: int) -> str:
    """A valid 10-digit legal-entity ИНН built from the serial number ``n``."""
    body = f"86{n:07d}"
    return body + stdnum_inn.calc_company_check_digit(body)


def valid_snils(n: int) -> str:
    """A valid 11-digit СНИЛС built from the serial number ``n`` (kept above 001-001-998)."""
    body = f"{100_000_000 + n:09d}"
    return body + f"{snils_checksum(body):02d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass12345")


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    parent = None
    level = Level.ORGANIZATION
    kind = OrganizationKind.SCHOOL
    full_name = factory.Sequence(lambda n: f"Средняя общеобразовательная школа № {n}")
    inn = factory.Sequence(lambda n: valid_inn(n + 1))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return org_unit_save(unit=model_class(*args, **kwargs))


def federal() -> OrgUnit:
    return OrgUnitFactory(level=Level.FEDERAL, kind="", inn="", full_name="Российская Федерация")


def region(parent: OrgUnit, name: str = "Ханты-Мансийский автономный округ – Югра") -> OrgUnit:
    return OrgUnitFactory(parent=parent, level=Level.REGION, kind="", inn="", full_name=name)


def municipality(parent: OrgUnit, name: str) -> OrgUnit:
    return OrgUnitFactory(
        parent=parent,
        level=Level.MUNICIPALITY,
        kind="",
        inn="",
        full_name=name,
        municipality_type=MunicipalityType.CITY_OKRUG,
    )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    last_name = factory.Sequence(lambda n: f"Иванова{n}")
    first_name = "Мария"
    middle_name = "Петровна"
    sex = Sex.FEMALE
    birth_date = dt.date(1985, 3, 14)
    snils = factory.Sequence(lambda n: valid_snils(n + 1))
    total_experience_years = 15
    pedagogical_experience_years = 12

    @factory.post_generation
    def consent(self, create, extracted, **kwargs):
        """A valid consent to personal-data processing unless ``consent=False``."""
        if create and extracted is not False:
            from nastavnik.bank.models import PersonalDataConsent

            PersonalDataConsent.objects.create(
                person=self, purposes=["mentoring_record"], given_on=dt.date(2024, 9, 1)
            )


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrgUnitFactory)
    started_on = dt.date(2015, 9, 1)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    org_unit = factory.SubFactory(OrgUnitFactory)
    role = "curator"


class PairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pair

    mentor = factory.SubFactory(PersonFactory)
    mentee = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrgUnitFactory)
    started_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))


def staff_member(organization: OrgUnit, **person_fields) -> Person:
    """A person employed now in ``organization``."""
    person = PersonFactory(**person_fields)
    EmploymentFactory(person=person, organization=organization)
    return person


def people_in_bulk(count: int, *, last_name: str, first: int, **fields) -> list[Person]:
    """``count`` people written in one ``bulk_create`` (a region's worth, where the factory's row
    by row would be slow): «<last_name><first + i> Анна Петровна», born 1 January 1990, each with
    the valid СНИЛС ``valid_snils(first + i)`` (``first`` keeps them apart from other people of
    the test); ``fields`` override the defaults."""
    values = {
        "first_name": "Анна",
        "middle_name": "Петровна",
        "sex": Sex.FEMALE,
        "birth_date": dt.date(1990, 1, 1),
    }
    values.update(fields)
    return Person.objects.bulk_create(
        Person(last_name=f"{last_name}{first + i}", snils=valid_snils(first + i), **values)
        for i in range(count)
    )
