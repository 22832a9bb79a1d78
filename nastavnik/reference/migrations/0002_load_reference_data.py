"""Load the reference data (справочники) from ``nastavnik/reference/data.py``.

Each entry cites its source clause (seed 000–004, Постановление Правительства РФ № 225, ФГОС).
The loader upserts by ``code`` and is idempotent; when ``data.py`` changes later, add a new
migration that calls it again. Reversing leaves the rows in place (other tables refer to them).
"""

from django.db import migrations


def load(apps, schema_editor):
    from nastavnik.reference.loading import load_reference_data

    load_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
