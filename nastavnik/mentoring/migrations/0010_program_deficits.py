"""A personalized program is aimed at its mentees' deficits (``development.Deficit``) instead of
the bank's difficulties (issue 18): the links are carried over — the deficits kept the
difficulties' ids (``development`` 0002) — and the old field is dropped."""

from django.db import migrations, models


def copy_links(apps, schema_editor):
    Program = apps.get_model("mentoring", "PersonalizedProgram")
    using = schema_editor.connection.alias
    old = Program.difficulties.through
    new = Program.deficits.through
    links = [
        new(personalizedprogram_id=program_id, deficit_id=difficulty_id)
        for program_id, difficulty_id in old.objects.using(using).values_list(
            "personalizedprogram_id", "difficulty_id"
        )
    ]
    new.objects.using(using).bulk_create(links, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("development", "0002_deficits_from_bank"),
        ("mentoring", "0009_alter_personalizedprogram_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="personalizedprogram",
            name="deficits",
            field=models.ManyToManyField(
                blank=True,
                related_name="programs",
                to="development.deficit",
                verbose_name="затруднения наставляемых, на которые направлена программа",
            ),
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
        migrations.RemoveField(model_name="personalizedprogram", name="difficulties"),
    ]
