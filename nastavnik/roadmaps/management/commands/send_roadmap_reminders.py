"""``python manage.py send_roadmap_reminders [--days N] [--base-url URL]``: e-mail reminders of the
roadmap activities whose deadline is near (issue 6, control of execution; seed 000 App. 2 п. 1.7)."""

from django.core.management.base import BaseCommand, CommandError

from nastavnik.roadmaps.reminders import REMINDER_DAYS, roadmap_reminders_send


class Command(BaseCommand):
    help = (
        "Рассылает ответственным исполнителям напоминания о мероприятиях утверждённых дорожных карт, "
        f"срок которых истекает в ближайшие {REMINDER_DAYS} дней (или --days). О каждом мероприятии "
        "напоминание уходит один раз; каждый получатель получает одно письмо со всеми своими "
        "мероприятиями. Команду запускает планировщик (cron или таймер systemd) раз в день, например: "
        "0 8 * * * python manage.py send_roadmap_reminders"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=REMINDER_DAYS,
            help=f"за сколько дней до срока напоминать ({REMINDER_DAYS})",
        )
        parser.add_argument(
            "--base-url",
            default=None,
            help="адрес сайта для ссылки на дорожную карту, например https://nastavnik.example.ru "
            "(по умолчанию — настройка NASTAVNIK_BASE_URL)",
        )

    def handle(self, *args, days: int, base_url, **options):
        if not 0 <= days <= 60:
            raise CommandError("Укажите --days от 0 до 60.")
        sent = roadmap_reminders_send(days=days, base_url=base_url)
        self.stdout.write(f"Отправлено напоминаний: {sent}.")
