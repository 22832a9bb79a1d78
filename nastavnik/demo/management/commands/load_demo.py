"""``python manage.py load_demo [--seed N] [--teachers N] [--reset]``: the demo region."""

from django.core.management.base import BaseCommand, CommandError

from nastavnik.demo.services import demo_region_load


class Command(BaseCommand):
    help = (
        "Загружает демонстрационный регион «Ханты-Мансийский автономный округ – Югра»: "
        "муниципалитеты, организации, педагогических работников, наставнические пары и "
        "учётные записи для каждой роли. Если регион уже есть, только печатает учётные записи."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="начальное значение генератора (2026)")
        parser.add_argument(
            "--teachers", type=int, default=8000, help="число педагогических работников (8000)"
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="удалить демонстрационный регион со всем, что в нём есть, и загрузить заново",
        )

    def handle(self, *args, seed: int, teachers: int, reset: bool, **options):
        try:
            summary = demo_region_load(seed=seed, teachers=teachers, reset=reset, stdout=self.stdout)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(summary.render())
