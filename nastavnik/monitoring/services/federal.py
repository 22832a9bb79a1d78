"""The curator's confirmation of the federal statistical figure (seed 002 §9: «В срок не позднее
20 января года, следующего за отчётным, куратор вносит информацию о количестве участников
программ наставничества в соответствующую форму федерального статистического наблюдения»)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.rules import require_perm
from nastavnik.monitoring.federal import FIRST_YEAR, live_figure, live_learner_figure
from nastavnik.monitoring.models import FederalStatisticsReport
from nastavnik.organizations.choices import Level

#: Why a user other than the organization's curator is refused (the page says the same).
CONFIRM_REFUSAL = (
    "Подтвердить сведения для федерального статистического наблюдения может только куратор организации."
)


def federal_figure_confirm(
    *, organization, year: int, by, expected: int | None = None, expected_learners: int | None = None
) -> FederalStatisticsReport:
    """Confirm ``organization``'s figure for ``year`` as ``by`` (the right
    ``federalstatisticsreport`` confirm: the curator of that organization; ``None`` — the system):
    the live figures — the pedagogical workers' (``federal.live_figure``) and the learners'
    (``federal.live_learner_figure``, issue 20) — are stored with who and when; confirming again
    replaces the last confirmation (the model keeps one per organization and year).

    ``expected``, ``expected_learners``: the figures the curator saw; when either changed
    meanwhile, nothing is saved and a ``ValidationError`` says the new numbers. Also ``ValidationError`` for a unit that is not
    an organization or a year before ``FIRST_YEAR`` or after the current one.
    ``PermissionDenied`` for anyone but the curator of the organization.
    """
    require_perm(by, "federalstatisticsreport", "confirm", organization, message=CONFIRM_REFUSAL)
    if organization.level != Level.ORGANIZATION:
        raise ValidationError("Сведения подтверждаются организацией, а не муниципалитетом или регионом.")
    today = timezone.localdate()
    if not FIRST_YEAR <= year <= today.year:
        raise ValidationError(f"Отчётный год должен быть от {FIRST_YEAR} до {today.year}.")
    with transaction.atomic():
        existing = (
            FederalStatisticsReport.objects.select_for_update()
            .filter(organization=organization, year=year)
            .first()
        )
        figure = live_figure(organization, year)
        learners = live_learner_figure(organization, year)
        if expected is not None and expected != figure:
            raise ValidationError(
                f"Пока страница была открыта, данные изменились: сейчас прошли полный цикл {figure}, "
                f"а на странице было {expected}. Проверьте число и подтвердите снова."
            )
        if expected_learners is not None and expected_learners != learners:
            raise ValidationError(
                f"Пока страница была открыта, данные изменились: сейчас прошли полный цикл {learners} "
                f"{'обучающийся' if learners % 10 == 1 and learners % 100 != 11 else 'обучающихся'}, "
                f"а на странице было {expected_learners}. Проверьте число и подтвердите снова."
            )
        report = existing or FederalStatisticsReport(organization=organization, year=year)
        report.figure = figure
        report.learners_figure = learners
        report.confirmed_by = by
        report.confirmed_at = timezone.now()
        report.full_clean(exclude=["confirmed_by"] if by is None else None)
        report.save()
    return report
