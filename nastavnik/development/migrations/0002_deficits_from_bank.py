"""The bank's diagnosed difficulties (``bank.Difficulty``, tied to a mentee's card) become the one
model of a deficit (``development.Deficit``, tied to the person; issue 18, Build 1): each row is
copied with its id, its mentee's person and organization, its area, source, date and description,
at the level «выраженный» (the bank recorded none). ``mentoring`` 0010 then moves the programs'
links and ``bank`` 0005 drops the old table."""

from django.core.management.color import no_style
from django.db import migrations

MARKED = 2


def copy(apps, schema_editor):
    Difficulty = apps.get_model("bank", "Difficulty")
    Deficit = apps.get_model("development", "Deficit")
    using = schema_editor.connection.alias
    rows = Difficulty.objects.using(using).select_related("mentee").order_by("pk").iterator(chunk_size=2000)
    batch = []
    for d in rows:
        batch.append(
            Deficit(
                pk=d.pk,
                person_id=d.mentee.person_id,
                organization_id=d.mentee.organization_id,
                area_id=d.area_id,
                level=MARKED,
                source=d.source,
                diagnosed_on=d.diagnosed_on,
                description=d.description,
            )
        )
        if len(batch) >= 2000:
            Deficit.objects.using(using).bulk_create(batch)
            batch = []
    Deficit.objects.using(using).bulk_create(batch)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Deficit]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("development", "0001_initial"),
        ("bank", "0004_import_check"),
    ]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
