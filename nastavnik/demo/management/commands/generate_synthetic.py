"""``python manage.py generate_synthetic [--preset region|national|demo10] [--seed N] [--force]``:
the synthetic data set of issue 16 («Scale», build 4) on PostgreSQL.

The presets are :data:`nastavnik.demo.synthetic.PRESETS`: a region (1,000 organizations, 60,000
pedagogical workers), the country (40,000 organizations, 1.1 million workers, 300,000 programs;
target under 15 minutes) and a region ten times the demo. The writing is
:func:`nastavnik.demo.synthetic.synthetic_country`. The data set is meant for a scratch
database: the command refuses SQLite, and a database that already holds organizations unless
``--force``.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from nastavnik.demo.synthetic import PASSWORD, PRESETS, synthetic_country

#: The presets the command offers (the tests' tiny one is left out).
CHOICES = ("region", "national", "demo10")


class Command(BaseCommand):
    help = (
        "Создаёт синтетический набор данных для проверки быстродействия (только PostgreSQL): "
        "регион (1000 организаций, 60 000 педагогических работников), страну (40 000 организаций, "
        "1,1 млн работников, 300 000 программ) или регион в 10 раз больше демонстрационного — "
        "с наставническими парами, программами, банком, согласиями, анкетами, дорожными картами, "
        "документами и учётными записями ролей. Запускайте на пустой базе данных."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--preset",
            choices=CHOICES,
            default="region",
            help="размер: region — регион, national — страна, demo10 — регион в 10 раз больше "
            "демонстрационного (по умолчанию region)",
        )
        parser.add_argument("--seed", type=int, default=2026, help="начальное значение генератора (2026)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="записать, даже если в базе данных уже есть организации",
        )

    def handle(self, *args, preset: str, seed: int, force: bool = False, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "Синтетический набор данных записывается только в PostgreSQL: укажите базу данных "
                "PostgreSQL в DATABASE_URL (postgres://…)."
            )
        from nastavnik.organizations.models import OrgUnit

        if OrgUnit.objects.exists() and not force:
            raise CommandError(
                "В базе данных уже есть организации. Синтетический набор создаётся в пустой базе данных; "
                "чтобы всё же добавить его к имеющимся данным, запустите с --force."
            )
        size = PRESETS[preset]
        self.stdout.write(
            f"Создаётся набор «{size.title}»: организаций — {size.organizations}, "
            f"педагогических работников — {size.workers}, программ — {size.programs}."
        )
        try:
            made = synthetic_country(preset=preset, seed=seed, stdout=self.stdout.write)
        except SystemExit as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(made.render())
        self.stdout.write(
            "Учётные записи (пароль одинаковый — "
            f"{PASSWORD}): bench_national — федеральный оператор, bench_operator — региональный оператор, "
            "bench_coordinator — муниципальный координатор, bench_head — руководитель, bench_curator — куратор."
        )
