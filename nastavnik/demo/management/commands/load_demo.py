"""``python manage.py load_demo [--seed N] [--teachers N] [--reset] [--force]``: the demo region.

The demo creates accounts with a published password, the superuser ``admin`` among them: it
refuses to run on a production system (``DEBUG`` off) unless asked for explicitly with
``NASTAVNIK_DEMO=1`` or ``--force`` (``scripts/start.sh`` does so; ``scripts/serve.sh`` never
loads it).
"""

from django.conf import settings
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
        parser.add_argument(
            "--force",
            action="store_true",
            help="загрузить и при выключенном DEBUG (то же, что NASTAVNIK_DEMO=1)",
        )

    def handle(self, *args, seed: int, teachers: int, reset: bool, force: bool = False, **options):
        if not (settings.DEBUG or getattr(settings, "NASTAVNIK_DEMO", False) or force):
            raise CommandError(
                "Демонстрационные данные не загружены: DEBUG выключен, то есть система работает как рабочая. "
                "Демонстрация создаёт учётные записи с общеизвестным паролем, в том числе администратора "
                "admin / demo12345. Если это демонстрационный стенд, запустите с NASTAVNIK_DEMO=1 или --force."
            )
        try:
            summary = demo_region_load(seed=seed, teachers=teachers, reset=reset, stdout=self.stdout)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(summary.render())
