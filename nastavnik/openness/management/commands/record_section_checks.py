"""``python manage.py record_section_checks [--month YYYY-MM]``: the monthly record of the
checklist of every organization's section «Наставничество» (issue 19, item 3; seed 003 §5.1:
«мониторинг сайтов образовательных организаций … ежемесячно»)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from nastavnik.openness.services.section_checks import section_checks_record


class Command(BaseCommand):
    help = (
        "Фиксирует ежемесячную проверку разделов «Наставничество» всех образовательных организаций: "
        "для каждой организации записывается, какие требования выполнены (Положение, приказ, дорожная "
        "карта, базы наставников и наставляемых, новости за последний месяц). Повторный запуск за тот же "
        "месяц заменяет запись. Команду запускает планировщик 1-го числа каждого месяца, например: "
        "0 6 1 * * python manage.py record_section_checks"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--month", default="", help="месяц проверки в виде ГГГГ-ММ (по умолчанию — текущий)"
        )

    def handle(self, *args, month: str, **options):
        day = None
        if month:
            try:
                day = dt.datetime.strptime(month, "%Y-%m").date()
            except ValueError:
                raise CommandError("Укажите --month в виде ГГГГ-ММ, например 2026-11.") from None
        count = section_checks_record(month=day)
        self.stdout.write(f"Зафиксирована проверка разделов: организаций — {count}.")
