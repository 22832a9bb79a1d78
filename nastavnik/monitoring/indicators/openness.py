"""The indicator of the monitoring of the sections «Наставничество» (issue 19, item 3; seed 003
§2.2 «наличие на сайтах образовательных организаций раздела с содержательным наполнением», §5.1
«мониторинг сайтов образовательных организаций … ежемесячно»): the share of organizations whose
section meets every item of the checklist (``openness.checklist``).

Who counts where: every organization of the subtree counts in the denominator once.

* For the period that runs on (today within it), the checklist is computed now from what each
  section holds (the same as the page «Мониторинг разделов»).
* For a period that has ended, the latest monthly record (``openness.SectionCheck``) of each
  organization whose month lies in the period decides; an organization with no record in the
  period is not counted (nothing was checked then).

The parts ``(complete, organizations)`` add up from the organizations to the municipality and the
region, as every share.
"""

from __future__ import annotations

from django.utils import timezone

from nastavnik.monitoring.indicators.base import Indicator, register, share_value
from nastavnik.openness.checklist import is_complete, section_checklist
from nastavnik.openness.models import SectionCheck
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

#: The municipal roadmap, points 2.2 and 5.1 (seed 003 §2.2, §5.1).
SOURCE = (
    "Дорожная карта по внедрению и реализации Региональной целевой модели наставничества в "
    "образовательных учреждениях муниципального округа, п. 2.2 «Систематическое обновление информации на "
    "сайтах образовательных организаций о развитии системы наставничества» и п. 5.1 «Мониторинг сайтов "
    "образовательных организаций на наличие локально-нормативных правовых актов»"
)


def compute_complete_sections(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (1 when its section is complete else 0, 1)}`` over the organizations
    under ``root_path``: computed today for the running period, read from the latest monthly
    record in the period for an ended one (organizations without a record left out), nothing for
    a period not begun."""
    today = timezone.localdate()
    if period.start > today:
        return {}
    if period.end >= today:
        units = OrgUnit.objects.filter(level=Level.ORGANIZATION, path__startswith=root_path)
        return {
            unit_id: (1 if is_complete(items) else 0, 1)
            for unit_id, items in section_checklist(units, today=today).items()
        }
    records = (
        SectionCheck.objects.filter(
            unit__path__startswith=root_path,
            unit__level=Level.ORGANIZATION,
            month__gte=period.start.replace(day=1),
            month__lte=period.end,
        )
        .order_by("unit_id", "month")
        .values_list("unit_id", "met", "total")
    )
    latest = {unit_id: (met, total) for unit_id, met, total in records}
    return {unit_id: (1 if total and met == total else 0, 1) for unit_id, (met, total) in latest.items()}


COMPLETE_SECTIONS = register(
    Indicator(
        code="complete_sections",
        title="Доля организаций с полным разделом «Наставничество»",
        unit="percent",
        numerator=(
            "организации, в разделе «Наставничество» которых выполнены все требования: раздел опубликован, "
            "размещены Положение, приказ и дорожная карта, базы наставников и наставляемых, новости за "
            "последний месяц"
        ),
        denominator="образовательные организации",
        source=SOURCE,
        compute=compute_complete_sections,
        value=share_value,
        rule=(
            "За текущий период требования проверяются на сегодня по тому, что размещено в разделе; за "
            "завершённый период учитывается последняя ежемесячная проверка организации в этом периоде "
            "(организации без проверки в периоде не учитываются). Базы наставников и наставляемых — в разделе "
            "есть наставники, давшие согласие на распространение сведений, и куратор подтвердил актуальность "
            "банка за последний год."
        ),
        clause="seed 003 §2.2, §5.1",
        order=90,
        section="Открытость",
    )
)
