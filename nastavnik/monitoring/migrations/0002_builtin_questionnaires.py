"""Load the built-in questionnaires (``nastavnik/monitoring/builtin.py``, issue 14).

The loader upserts by ``code`` and is idempotent; when ``builtin.py`` changes later, add a new
migration that calls it again. Reversing leaves the rows in place (answers refer to them).
"""

from django.db import migrations


def load(apps, schema_editor):
    from nastavnik.monitoring.builtin import load_builtin_questionnaires

    load_builtin_questionnaires(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("reference", "0003_head_positions"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
