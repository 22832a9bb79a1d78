"""``python manage.py backup <каталог>``: the database and the files into a backup directory.

See :mod:`nastavnik.core.backup` for what the directory holds; README, «Резервное копирование и
восстановление».
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nastavnik.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Создаёт резервную копию: базу данных (PostgreSQL — pg_dump, SQLite — копия файла), все файлы "
        "каталога MEDIA_ROOT и опись с числом строк каждой таблицы и контрольными суммами файлов."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="новый или пустой каталог для резервной копии")

    def handle(self, *args, directory: Path, **options):
        try:
            manifest = backup(directory, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Готово: таблиц {len(manifest['tables'])}, строк {sum(manifest['tables'].values())}, "
                f"файлов {len(manifest['media'])}."
            )
        )
