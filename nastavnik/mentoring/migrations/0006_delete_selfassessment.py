"""The mentee's self-assessment is a questionnaire of monitoring now (issue 14: one mechanism,
not two): its rows became answers in ``monitoring`` migration 0003, and the model goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0005_programevent_request"),
        ("monitoring", "0003_self_assessment_answers"),
    ]

    operations = [
        migrations.DeleteModel(name="SelfAssessment"),
    ]
