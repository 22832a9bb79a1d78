"""The eight areas of a teacher's diagnosis are areas of competences, in which both achievements
and deficits are found (seed 000 §4.3.3, steps 2–3; issue 18): ``DeficitArea`` becomes
``CompetenceArea``. The table, the foreign keys and the many-to-many columns are renamed with
their rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0005_source_citations"),
    ]

    operations = [
        migrations.RenameModel(old_name="DeficitArea", new_name="CompetenceArea"),
        migrations.AlterModelOptions(
            name="competencearea",
            options={
                "ordering": ["sort_order", "name"],
                "verbose_name": "область профессиональных компетенций",
                "verbose_name_plural": "области профессиональных компетенций",
            },
        ),
    ]
