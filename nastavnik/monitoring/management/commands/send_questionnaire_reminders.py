"""``python manage.py send_questionnaire_reminders [--base-url URL]``: e-mail reminders of the
questionnaires people owe (issue 14; seed 004 §9.2)."""

from django.core.management.base import BaseCommand

from nastavnik.monitoring.reminders import AHEAD_DAYS, REPEAT_DAYS, questionnaire_reminders_send


class Command(BaseCommand):
    help = (
        "Рассылает участникам программ наставничества и мониторингов напоминания об анкетах, на "
        f"которые они ещё не ответили: срок ответа истекает в ближайшие {AHEAD_DAYS} дня или уже "
        f"истёк. Об одной анкете напоминание уходит не чаще одного раза в {REPEAT_DAYS} дня; каждый "
        "получатель получает одно письмо со всеми своими анкетами. Команду запускает планировщик "
        "(cron или таймер systemd) раз в день, например: "
        "0 9 * * * python manage.py send_questionnaire_reminders"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=None,
            help="адрес сайта для ссылки на анкету, например https://nastavnik.example.ru "
            "(по умолчанию — настройка NASTAVNIK_BASE_URL)",
        )

    def handle(self, *args, base_url, **options):
        sent = questionnaire_reminders_send(base_url=base_url)
        self.stdout.write(f"Отправлено напоминаний: {sent}.")
