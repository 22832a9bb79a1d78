"""Statistics on what mentors publish, so PostgreSQL plans open-bank searches well.

A filter of the open bank (seed 001 §7.1.1) matches only mentors who published the attribute,
which is a text match on ``public_fields`` (``bank.open_bank_selectors.published_q``).
Without statistics on that expression PostgreSQL guesses it keeps almost no rows and picks
nested loops over thousands of profiles; an expression statistics object (PostgreSQL 14+,
which Django 5.2 requires) gives it the real share. SQLite has no such thing and needs none.
"""

from django.db import migrations

STATISTICS = "bank_mentorprofile_public_fields_text"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} ON ((public_fields)::text) FROM bank_mentorprofile"
        )


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [("bank", "0001_initial")]

    operations = [migrations.RunPython(create_statistics, drop_statistics, elidable=False)]
