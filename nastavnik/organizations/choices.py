"""Levels and kinds of organization units (seed 002 §1, seed 000 §IV)."""

from django.db import models


class Level(models.TextChoices):
    """Level of a unit in the tree federal → region → municipality → organization (seed 000 §IV)."""

    FEDERAL = "federal", "Федеральный уровень"
    REGION = "region", "Субъект Российской Федерации"
    MUNICIPALITY = "municipality", "Муниципальное образование"
    ORGANIZATION = "organization", "Организация"


class MunicipalityType(models.TextChoices):
    """Kind of a municipal formation (131-ФЗ art. 2)."""

    DISTRICT = "district", "муниципальный район"
    CITY_OKRUG = "city_okrug", "городской округ"
    MUNICIPAL_OKRUG = "municipal_okrug", "муниципальный округ"


class OrganizationKind(models.TextChoices):
    """Kind of an organization (seed 002 §1–5, seed 000 §4.1–4.4)."""

    EDUCATION_AUTHORITY = "education_authority", "Орган исполнительной власти в сфере образования"
    REGIONAL_OPERATOR = "regional_operator", "Региональный оператор / региональный наставнический центр"
    CNPPM = "cnppm", "Центр непрерывного повышения профессионального мастерства (ЦНППМ)"
    MUNICIPAL_AUTHORITY = "municipal_authority", "Муниципальный орган управления образованием (МОУО)"
    SCHOOL = "school", "Общеобразовательная организация"
    KINDERGARTEN = "kindergarten", "Дошкольная образовательная организация"
    COLLEGE = "college", "Профессиональная образовательная организация (СПО)"
    SUPPLEMENTARY = "supplementary", "Организация дополнительного образования"
    UNIVERSITY = "university", "Образовательная организация высшего образования"
    PARTNER = "partner", "Организация-партнёр / работодатель"


#: Kinds that carry out educational activity and so implement the target model (seed 000 §VI).
EDUCATIONAL_KINDS = frozenset(
    {
        OrganizationKind.SCHOOL,
        OrganizationKind.KINDERGARTEN,
        OrganizationKind.COLLEGE,
        OrganizationKind.SUPPLEMENTARY,
    }
)

#: Which parent level each level must hang under.
PARENT_LEVEL = {
    Level.FEDERAL: None,
    Level.REGION: Level.FEDERAL,
    Level.MUNICIPALITY: Level.REGION,
}


class PartnerKind(models.TextChoices):
    """Kinds of partner organizations of the target model (seed 002 §1, §6; 001 §1.3): who may
    provide mentors and resources under an agreement."""

    ENTERPRISE = "enterprise", "предприятие (работодатель)"
    UNIVERSITY = "university", "образовательная организация высшего образования"
    COLLEGE = "college", "профессиональная образовательная организация"
    CULTURE = "culture", "учреждение культуры"
    SPORTS = "sports", "спортивная организация"
    NGO = "ngo", "некоммерческая организация"
    ENTREPRENEUR = "entrepreneur", "индивидуальный предприниматель"
    OTHER = "other", "иная организация"
