"""``python manage.py monitoring_rollups [--unit ID]``: refresh the stored roll-up of the
monitoring indicators (issue 16; ``monitoring.rollups``) as a job (``nastavnik.jobs``), run in
this process."""

from django.core.management.base import BaseCommand, CommandError

from nastavnik.jobs.services import job_create, job_run
from nastavnik.monitoring.tasks import KIND
from nastavnik.organizations.models import OrgUnit


class Command(BaseCommand):
    help = (
        "Пересчитывает сводные показатели мониторинга за текущий и предыдущий год по всей стране "
        "(или по указанной единице) и сохраняет их: панели мониторинга федерального уровня и регионов "
        "показывают их с датой расчёта, не считая заново при каждом открытии. Команду запускает "
        "планировщик раз в сутки, например: 30 2 * * * python manage.py monitoring_rollups"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--unit", type=int, default=None, help="номер единицы (по умолчанию — вся страна)"
        )

    def handle(self, *args, unit, **options):
        root = None
        if unit is not None:
            root = OrgUnit.objects.filter(pk=unit).first()
            if root is None:
                raise CommandError(f"Единица с номером {unit} не найдена.")
        # the system's own job (no author), run here and kept on record
        job = job_create(
            kind=KIND,
            title="Расчёт сводных показателей мониторинга",
            created_by=None,
            organization=root,
            enqueue=False,
        )
        job = job_run(job)
        if job.error:
            raise CommandError(job.error)
        for run in job.result.get("runs", []):
            self.stdout.write(f"{run['unit']}, {run['period']}: рассчитано за {run['seconds']} с.")
