"""Who may be paired in each form of mentoring (issue 20: the form decides which participants
may be paired); the reference data reloaded: «студент – студент» added, «работодатель – студент»
moved to the forms for learners."""

from django.db import migrations, models


def load(apps, schema_editor):
    from nastavnik.reference.loading import load_reference_data

    load_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0006_competence_area"),
    ]

    operations = [
        migrations.AddField(
            model_name="mentoringform",
            name="mentee_kinds",
            field=models.JSONField(blank=True, default=list, verbose_name="кто может быть наставляемым"),
        ),
        migrations.AddField(
            model_name="mentoringform",
            name="mentor_kinds",
            field=models.JSONField(blank=True, default=list, verbose_name="кто может быть наставником"),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
