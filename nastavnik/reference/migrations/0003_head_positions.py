"""Reload the reference data: adds the heads' positions (Постановление № 225, раздел II)."""

from django.db import migrations


def load(apps, schema_editor):
    from nastavnik.reference.loading import load_reference_data

    load_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0002_load_reference_data"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
