"""The mentee's self-assessments of difficulties tell the respondent that a rating of 6 or more is
recorded as a professional difficulty on their card (issue 18: the questionnaire's self-assessed
difficulties are the same deficits as a diagnosis's): the built-in questionnaires are reloaded,
which rewrites their descriptions."""

from django.db import migrations


def load(apps, schema_editor):
    from nastavnik.monitoring.builtin import load_builtin_questionnaires

    load_builtin_questionnaires(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0004_indicator_rollups"),
        ("reference", "0006_competence_area"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
