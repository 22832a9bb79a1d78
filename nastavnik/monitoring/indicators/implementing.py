"""The share of organizations implementing the target model of mentoring (seed 000 §VI: «доля
общеобразовательных организаций, образовательных организаций дополнительного образования и
профессиональных образовательных организаций, реализующих целевую модель наставничества»).

«Implementing» is decided from the data, by four conditions checked for the period (the page
states them, :data:`CONDITIONS`): the Положение (or the order approving it) and the order on
implementing the target model are registered as signed in the document registry by the period's
end (seed 000 §4.1.1, 002 §10); a curator is appointed (a curator role of an active account on the
organization, seed 000 §4.1.2; roles keep no dates of appointment, so it is today's); the organization's roadmap is approved and its period meets the period (002
§6, §10); at least one personalized program was under way in the period (000 §1.3).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.documents.choices import DocumentKind, DocumentStatus
from nastavnik.documents.models import Document
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.models import PersonalizedProgram
from nastavnik.monitoring.indicators.base import Indicator, register, share_value
from nastavnik.monitoring.indicators.common import SOURCE_REGION
from nastavnik.organizations.choices import EDUCATIONAL_KINDS, Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import Roadmap

#: The kinds of the Положение: the document itself or the order approving it.
REGULATION_KINDS = (DocumentKind.REGULATION, DocumentKind.ORDER_REGULATION)


@dataclass(frozen=True)
class Condition:
    """One condition of implementing: ``key`` (the annotation), the Russian ``label`` and its
    ``short`` form (a column of the drill-down)."""

    key: str
    label: str
    short: str


#: The four conditions, in the order the page shows them.
CONDITIONS = (
    Condition(
        "has_documents",
        "Положение о системе наставничества (или приказ о его утверждении) и приказ о внедрении "
        "целевой модели наставничества подписаны и зарегистрированы в реестре документов",
        "Положение и приказ о внедрении подписаны",
    ),
    Condition("has_curator", "Назначен куратор реализации программ наставничества", "Куратор назначен"),
    Condition(
        "has_roadmap",
        "Дорожная карта организации утверждена и действует в периоде",
        "Дорожная карта утверждена",
    ),
    Condition(
        "has_program",
        "В периоде реализовывалась хотя бы одна персонализированная программа наставничества",
        "Программа реализовывалась",
    ),
)

RULE = (
    "Организация (общеобразовательная, дошкольная, профессиональная или дополнительного образования) "
    "считается реализующей целевую модель, если выполнены все четыре условия: 1) Положение о системе "
    "наставничества (или приказ о его утверждении) и приказ о внедрении целевой модели наставничества "
    "подписаны и зарегистрированы в реестре документов не позднее последнего дня периода; 2) назначен "
    "куратор реализации программ наставничества (на сегодня: реестр ролей не хранит дат назначения); "
    "3) дорожная карта организации утверждена и её период пересекается с выбранным; 4) в периоде "
    "реализовывалась хотя бы одна персонализированная программа наставничества."
)


def _signed(kinds, period) -> Exists:
    return Exists(
        Document.objects.filter(
            organization_id=OuterRef("pk"),
            kind__in=kinds,
            status=DocumentStatus.SIGNED,
            signed_on__lte=period.end,
        )
    )


def organizations_with_conditions(root_path: str, period):
    """The educational organizations under ``root_path`` (``EDUCATIONAL_KINDS``), each annotated
    with the four booleans of :data:`CONDITIONS` for ``period``: one query (``EXISTS`` per
    condition). The indicator and its drill-down both read this queryset."""
    curator = RoleAssignment.objects.filter(
        org_unit_id=OuterRef("pk"), role=Role.CURATOR, user__is_active=True
    )
    roadmap = Roadmap.objects.filter(
        owner_id=OuterRef("pk"),
        status=RoadmapStatus.APPROVED,
        starts_on__lte=period.end,
        ends_on__gte=period.start,
    )
    program = PersonalizedProgram.objects.filter(
        Q(status=ProgramStatus.ACTIVE) | Q(status=ProgramStatus.COMPLETED, completed_on__gte=period.start),
        organization_id=OuterRef("pk"),
        starts_on__lte=period.end,
    )
    return (
        OrgUnit.objects.filter(
            path__startswith=root_path, level=Level.ORGANIZATION, kind__in=sorted(EDUCATIONAL_KINDS)
        )
        .annotate(
            has_documents=_signed(REGULATION_KINDS, period)
            & _signed((DocumentKind.ORDER_IMPLEMENTATION,), period),
            has_curator=Exists(curator),
            has_roadmap=Exists(roadmap),
            has_program=Exists(program),
        )
        .order_by("path")
    )


def is_implementing(row) -> bool:
    """Whether an annotated organization (or a ``.values()`` row) meets every condition."""
    get = row.get if isinstance(row, dict) else lambda key: getattr(row, key)
    return all(get(c.key) for c in CONDITIONS)


def compute(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (1 if implementing else 0, 1)}`` over the educational organizations."""
    rows = organizations_with_conditions(root_path, period).values("pk", *(c.key for c in CONDITIONS))
    return {row["pk"]: (1 if is_implementing(row) else 0, 1) for row in rows}


IMPLEMENTING_ORGANIZATIONS = register(
    Indicator(
        code="implementing_organizations",
        title="Доля образовательных организаций, реализующих целевую модель наставничества",
        unit="percent",
        numerator="организации, выполняющие все четыре условия реализации целевой модели",
        denominator=(
            "общеобразовательные, дошкольные, профессиональные образовательные организации и "
            "организации дополнительного образования"
        ),
        source=SOURCE_REGION,
        compute=compute,
        value=share_value,
        rule=RULE,
        clause="seed 000 §VI, §4.1.1–4.1.2; 002 §6, §10",
        order=10,
    )
)
