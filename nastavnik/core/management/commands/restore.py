"""``python manage.py restore <каталог> [--force]``: a backup into an empty database and
``MEDIA_ROOT``, then checked against its manifest (row counts and file hashes).

See :mod:`nastavnik.core.backup`; README, «Резервное копирование и восстановление».
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nastavnik.core.backup import BackupError, restore

#: Differences printed at most (the count of all of them is printed too).
SHOWN_DIFFERENCES = 20


class Command(BaseCommand):
    help = (
        "Восстанавливает резервную копию, сделанную командой backup, в пустую базу данных и пустой "
        "каталог MEDIA_ROOT и сверяет результат с описью: число строк каждой таблицы и контрольные суммы файлов."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="каталог резервной копии")
        parser.add_argument(
            "--force",
            action="store_true",
            help="восстанавливать и в непустую базу и каталог: таблицы и файлы копии заменят существующие",
        )

    def handle(self, *args, directory: Path, force: bool, **options):
        try:
            report = restore(directory, force=force, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if report.migrations_note:
            self.stdout.write(self.style.WARNING(report.migrations_note))
        if not report.ok:
            shown = "\n".join(f"  {line}" for line in report.differences[:SHOWN_DIFFERENCES])
            raise CommandError(
                f"Восстановленные данные не совпадают с описью копии ({len(report.differences)} расхождений):\n"
                + shown
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Восстановлено и проверено: таблиц {report.tables}, строк {report.rows}, "
                f"файлов {report.files} ({report.media_bytes} байт) — совпадает с описью."
            )
        )
