"""The bank's difficulties live on as ``development.Deficit`` (copied by ``development`` 0002,
the programs' links moved by ``mentoring`` 0010): the old table is dropped (issue 18)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("bank", "0004_import_check"),
        ("mentoring", "0010_program_deficits"),
    ]

    operations = [
        migrations.DeleteModel(name="Difficulty"),
    ]
