"""``python manage.py depersonalize_people [--dry-run]``: depersonalize the people who left the
system once the retention period of their papers ran out (152-ФЗ art. 5 part 7, art. 21 part 7;
``NASTAVNIK_PD_RETENTION_YEARS``), and delete the copies kept for a limited time whose time ran
out (``personal_data.expire_kept``: the checked files of the bank import, after a day). Run daily
by cron; running it again changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from nastavnik.people.personal_data import (
    depersonalization_candidates,
    expire_kept,
    person_depersonalize,
    retention_years,
)


class Command(BaseCommand):
    help = (
        "Обезличивает работников, покинувших систему, у которых истёк срок хранения документов "
        "(NASTAVNIK_PD_RETENTION_YEARS лет после последней даты)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="только показать, кого обезличить, ничего не меняя"
        )

    def handle(self, *args, dry_run: bool = False, **options):
        years = retention_years()
        candidates = list(depersonalization_candidates(years=years))
        count = len(candidates)
        for person in candidates:
            if dry_run:
                self.stdout.write(f"будет обезличена карточка № {person.pk}")
            else:
                person_depersonalize(person=person)
        verb = "Будет обезличено" if dry_run else "Обезличено"
        self.stdout.write(f"{verb} карточек: {count} (срок хранения — {years} г.).")
        if not dry_run:
            expired = expire_kept()
            self.stdout.write(f"Удалено временных копий с истёкшим сроком хранения: {expired}.")
