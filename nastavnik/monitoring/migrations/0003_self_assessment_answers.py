"""The mentee's self-assessment of mentoring (``mentoring.SelfAssessment``: per program, mentee
and area, 1 = strong difficulty … 5 = no difficulty, before and after) becomes answers to the
built-in self-assessment of difficulties (issue 14: one mechanism, not two; seed 004 §9.2).

Each (program, mentee) with scores of a phase gives one ``Answer`` to
``mentee_difficulties_before`` / ``mentee_difficulties_after`` (named, with the program; the
month and time of the row's last change), its items for the difficulty questions of the scored
areas, and a submitted ``Assignment``. A score ``v`` of 1–5 becomes the difficulty
``d = 11 − 2·v`` of 1–10 (5 → 1 «затруднений нет», 1 → 9). Mentoring's next migration deletes
the model. Reversing leaves the answers in place.
"""

from __future__ import annotations

from django.db import migrations

PHASES = {"before": "mentee_difficulties_before", "after": "mentee_difficulties_after"}


def difficulty(score: int) -> int:
    """The difficulty 1–10 (1 = none) of a self-assessment score 1–5 (5 = no difficulty):
    ``11 − 2·score``. Raises ``ValueError`` outside 1–5."""
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise ValueError(f"self-assessment score out of 1–5: {score!r}")
    return 11 - 2 * score


def group_rows(rows) -> dict[tuple[int, int, str], dict]:
    """``rows``: ``(program_id, mentee_id, area_id, before, after, updated_at)``. Returns
    ``(program_id, mentee_id, phase) → {"areas": {area_id: difficulty}, "at": latest updated_at}``
    for every phase that has at least one score."""
    result: dict[tuple[int, int, str], dict] = {}
    for program_id, mentee_id, area_id, before, after, updated_at in rows:
        for phase, score in (("before", before), ("after", after)):
            if score is None:
                continue
            entry = result.setdefault((program_id, mentee_id, phase), {"areas": {}, "at": updated_at})
            entry["areas"][area_id] = difficulty(score)
            if updated_at and (entry["at"] is None or updated_at > entry["at"]):
                entry["at"] = updated_at
    return result


def convert(apps, schema_editor):
    from django.utils import timezone

    using = schema_editor.connection.alias
    SelfAssessment = apps.get_model("mentoring", "SelfAssessment")
    PersonalizedProgram = apps.get_model("mentoring", "PersonalizedProgram")
    Questionnaire = apps.get_model("monitoring", "Questionnaire")
    Question = apps.get_model("monitoring", "Question")
    Answer = apps.get_model("monitoring", "Answer")
    AnswerItem = apps.get_model("monitoring", "AnswerItem")
    Assignment = apps.get_model("monitoring", "Assignment")

    rows = SelfAssessment.objects.using(using).values_list(
        "program_id", "mentee_id", "area_id", "before", "after", "updated_at"
    )
    groups = group_rows(rows.iterator())
    if not groups:
        return
    questionnaires = {q.code: q for q in Questionnaire.objects.using(using).filter(code__in=PHASES.values())}
    if len(questionnaires) < len(PHASES):
        from nastavnik.monitoring.builtin import load_builtin_questionnaires

        load_builtin_questionnaires(apps, using=using)
        questionnaires = {
            q.code: q for q in Questionnaire.objects.using(using).filter(code__in=PHASES.values())
        }
    questions = {
        (q.questionnaire_id, q.area_id): q.pk
        for q in Question.objects.using(using).filter(
            questionnaire__code__in=PHASES.values(), measure="difficulty", area__isnull=False
        )
    }
    organizations = dict(
        PersonalizedProgram.objects.using(using)
        .filter(pk__in={key[0] for key in groups})
        .values_list("pk", "organization_id")
    )
    now = timezone.now()
    for (program_id, mentee_id, phase), entry in sorted(groups.items()):
        questionnaire = questionnaires[PHASES[phase]]
        at = entry["at"] or now
        if (
            Answer.objects.using(using)
            .filter(questionnaire=questionnaire, person_id=mentee_id, program_id=program_id, phase=phase)
            .exists()
        ):
            continue
        answer = Answer.objects.using(using).create(
            questionnaire=questionnaire,
            organization_id=organizations[program_id],
            person_id=mentee_id,
            program_id=program_id,
            audience="mentee",
            phase=phase,
            month=timezone.localtime(at).date().replace(day=1),
            submitted_at=at,
        )
        AnswerItem.objects.using(using).bulk_create(
            [
                AnswerItem(answer=answer, question_id=questions[(questionnaire.pk, area_id)], scale=value)
                for area_id, value in entry["areas"].items()
                if (questionnaire.pk, area_id) in questions
            ]
        )
        Assignment.objects.using(using).update_or_create(
            questionnaire=questionnaire,
            person_id=mentee_id,
            program_id=program_id,
            phase=phase,
            defaults={
                "organization_id": organizations[program_id],
                "status": "submitted",
                "submitted_at": at,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0002_builtin_questionnaires"),
        ("mentoring", "0005_programevent_request"),
    ]

    operations = [
        migrations.RunPython(convert, migrations.RunPython.noop),
    ]
