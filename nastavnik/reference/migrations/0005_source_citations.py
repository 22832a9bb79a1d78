"""The sources of the reference entries as users read them: the document's title and its point
(«Положение о системе … Югры, п. 2.3») instead of the developers' clause codes («seed 000 §2.3»,
issue 15 item 8). The field grows to hold several citations, and the entries are reloaded, which
rewrites the ``source`` (and the descriptions that cited codes) of every existing row."""

from django.db import migrations, models


def load(apps, schema_editor):
    from nastavnik.reference.loading import load_reference_data

    load_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0004_award_region_form_kinds"),
    ]

    operations = [
        migrations.AlterField(
            model_name="awardkind",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="deficitarea",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="interactionmodel",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="meetingtype",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="menteecategory",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="mentoringform",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="mentoringkind",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="personalizedprogramstage",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="position",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="programstage",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="risk",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.AlterField(
            model_name="subject",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Документ и его пункт, например «Методические рекомендации по внедрению и реализации целевой модели наставничества, п. 10».",
                max_length=1000,
                verbose_name="источник",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
