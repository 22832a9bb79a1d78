"""The region of a regional award and the kinds of organization a form of mentoring is offered
to; the reference data reloaded (the awards conferred by others worded «Представление к
награждению …», the region of the Volgograd sign, the forms for colleges). Issue 15 item 5."""

from django.db import migrations, models


def load(apps, schema_editor):
    from nastavnik.reference.loading import load_reference_data

    load_reference_data(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0003_head_positions"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardkind",
            name="region",
            field=models.CharField(
                blank=True,
                help_text="Для награды субъекта Российской Федерации — наименование субъекта, как в структуре организаций (например, «Волгоградская область»); пусто — федеральная награда или поощрение, которое применяет сама организация.",
                max_length=200,
                verbose_name="субъект Российской Федерации",
            ),
        ),
        migrations.AddField(
            model_name="mentoringform",
            name="organization_kinds",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Если не выбрано ни одного вида — форма применяется в организациях всех видов.",
                verbose_name="виды организаций, где форма применяется по умолчанию",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
