"""``python manage.py send_meeting_reminders [--hours N] [--base-url URL]``: e-mail reminders of the
meetings of pairs and groups (seed 003 §4.7)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from nastavnik.mentoring.services.meetings import meeting_reminders_send


class Command(BaseCommand):
    help = (
        "Рассылает участникам наставнических пар и групп напоминания о встречах, которые начнутся "
        "в ближайшие 24 часа (или --hours). О каждой встрече напоминание уходит один раз. "
        "Команду запускает планировщик (cron или таймер systemd) каждые 15–60 минут, например: "
        "*/30 * * * * python manage.py send_meeting_reminders"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="за сколько часов до начала встречи напоминать (24)"
        )
        parser.add_argument(
            "--base-url",
            default=None,
            help="адрес сайта для ссылки на программу, например https://nastavnik.example.ru "
            "(по умолчанию — настройка NASTAVNIK_BASE_URL)",
        )

    def handle(self, *args, hours: int, base_url, **options):
        if not 1 <= hours <= 24 * 14:
            raise CommandError("Укажите --hours от 1 до 336.")
        sent = meeting_reminders_send(ahead=dt.timedelta(hours=hours), base_url=base_url)
        self.stdout.write(f"Отправлено напоминаний: {sent}.")
