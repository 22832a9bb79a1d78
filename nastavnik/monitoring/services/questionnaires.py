"""The questionnaire engine: assigning questionnaires, accepting answers, and the builder.

* :func:`assign` — the system gives a person a questionnaire to answer (idempotent);
* :func:`answer_submit` — the person answers (or, for a named questionnaire, the curator or
  head of their organization types in the paper form, seed 004 §9.2); the answer is locked from
  then on, and an anonymous one keeps no person, no program and no time finer than its month
  (issue 14); a mentee's named self-assessment of difficulties records their deficits
  (``development.services.links.deficits_record_self_assessed``, issue 18);
* the builder (:func:`questionnaire_save`, :func:`question_add`, :func:`question_update`,
  :func:`question_delete`, :func:`question_move`, :func:`questionnaire_copy`,
  :func:`questionnaire_set_active`) — curators, heads, municipal coordinators and regional
  operators make their own questionnaires (``PERMISSIONS["questionnaire"]``, seed 003 §4.7,
  004 §9.2–9.4). A built-in questionnaire is changed by nobody (it is copied instead); once a
  questionnaire has answers, its questions are no longer changed.

Every service acting for a user takes ``by`` and checks the right itself (``access.rules``).
Errors are Russian ``ValidationError``/``PermissionDenied``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from nastavnik.access.rules import require_perm
from nastavnik.development.services.links import deficits_record_self_assessed
from nastavnik.monitoring.choices import (
    SCALE_MAX,
    SCALE_MIN,
    AssignmentStatus,
    Audience,
    Measure,
    Phase,
    QuestionKind,
)
from nastavnik.monitoring.models import (
    Answer,
    AnswerItem,
    Assignment,
    Question,
    Questionnaire,
    QuestionOption,
)

#: The refusals and errors users read.
ALREADY_SUBMITTED = "Ответ уже отправлен и не может быть изменён."
ASSIGNMENT_CANCELLED = "Анкета отменена, ответ не принимается."
NOT_YOURS = "Эта анкета назначена другому человеку."
ANONYMOUS_ONLY_PERSON = (
    "Анонимную анкету заполняет только сам участник: внести его ответы с бумажной анкеты нельзя."
)
BUILTIN_LOCKED = "Встроенную анкету изменить нельзя: сделайте её копию и измените копию."
ANSWERED_LOCKED = "На анкету уже есть ответы: её вопросы больше не изменяются. Сделайте копию анкеты."
ANSWERED_SETTINGS_LOCKED = (
    "На анкету уже есть ответы: кому она адресована, этап и анонимность больше не изменяются."
)
REQUIRED = "Ответьте на этот вопрос."
SCALE_RANGE = f"Выберите оценку от {SCALE_MIN} до {SCALE_MAX}."
UNKNOWN_OPTION = "Выберите вариант из предложенных."
TEXT_TOO_LONG = "Ответ слишком длинный: не более 5000 знаков."

#: The longest free-text reply kept.
TEXT_MAX_LENGTH = 5000


# --------------------------------------------------------------------------------------------
# Assignments and answers
# --------------------------------------------------------------------------------------------


def assign(
    *,
    questionnaire: Questionnaire,
    person,
    organization,
    phase: str,
    program=None,
    campaign=None,
    due_on: datetime.date | None = None,
) -> Assignment:
    """Give ``person`` (``people.Person``) ``questionnaire`` to answer as a worker of
    ``organization`` at ``phase`` (``choices.Phase``), because ``program``
    (``mentoring.PersonalizedProgram``) starts or ends (seed 004 §9.2) or ``campaign`` covers the
    organization (seed 003 §5.2). A system action (no ``by``): the callers are the program's
    and the campaign's services.

    Idempotent: the existing assignment for the same questionnaire, person and program and
    phase (or campaign; or, with neither, the same phase while still pending) is returned
    unchanged. Raises ``ValueError`` for a phase that is not a ``Phase`` value."""
    if phase not in Phase.values:
        raise ValueError(f"unknown phase {phase!r}")
    if program is not None:
        lookup = {"questionnaire": questionnaire, "person": person, "program": program, "phase": phase}
    elif campaign is not None:
        lookup = {"questionnaire": questionnaire, "person": person, "campaign": campaign}
    else:
        lookup = {
            "questionnaire": questionnaire,
            "person": person,
            "phase": phase,
            "program__isnull": True,
            "campaign__isnull": True,
            "status": AssignmentStatus.PENDING,
        }
    defaults = {
        "organization": organization,
        "phase": phase,
        "program": program,
        "campaign": campaign,
        "due_on": due_on,
    }
    assignment, _created = Assignment.objects.get_or_create(**lookup, defaults=defaults)
    return assignment


def _key_value(values: dict, question: Question) -> Any:
    """The value of ``question`` in ``values`` (keyed by the pk as an int or a string)."""
    if question.pk in values:
        return values[question.pk]
    return values.get(str(question.pk))


def _as_int(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str):
        raw = raw.strip()
        if raw.isascii() and raw.isdigit() and len(raw) < 10:
            return int(raw)
    return None


def _is_empty(raw: Any) -> bool:
    return (
        raw is None
        or (isinstance(raw, str) and not raw.strip())
        or (isinstance(raw, list | tuple | set | frozenset) and not raw)
    )


def clean_values(questionnaire: Questionnaire, values: dict) -> dict[int, Any]:
    """Check ``values`` (``question.pk`` → int for a scale, an option pk for a single choice, a
    list of option pks for a multiple one, a string for a free text) against the questions of
    ``questionnaire``; return ``{question.pk: cleaned}`` (scale: int; single: the option pk;
    multiple: a list of option pks in the options' order; text: the stripped string) without
    the unanswered optional questions.

    Raises ``ValidationError({"q<pk>": [Russian message]})`` naming every wrong question:
    a required one unanswered, a scale outside 1–10, an option of another question, a text
    longer than ``TEXT_MAX_LENGTH``. Keys of ``values`` that are not questions are ignored."""
    questions = list(questionnaire.questions.prefetch_related("options"))
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, Any] = {}
    for question in questions:
        key = f"q{question.pk}"
        raw = _key_value(values, question)
        if _is_empty(raw):
            if question.required:
                errors[key] = [REQUIRED]
            continue
        option_ids = [option.pk for option in question.options.all()]
        if question.kind == QuestionKind.SCALE:
            number = _as_int(raw)
            if number is None or not SCALE_MIN <= number <= SCALE_MAX:
                errors[key] = [SCALE_RANGE]
                continue
            cleaned[question.pk] = number
        elif question.kind == QuestionKind.SINGLE:
            number = _as_int(raw)
            if number is None or number not in option_ids:
                errors[key] = [UNKNOWN_OPTION]
                continue
            cleaned[question.pk] = number
        elif question.kind == QuestionKind.MULTIPLE:
            raw_list = raw if isinstance(raw, list | tuple | set | frozenset) else [raw]
            numbers = [_as_int(item) for item in raw_list]
            if any(number is None or number not in option_ids for number in numbers):
                errors[key] = [UNKNOWN_OPTION]
                continue
            cleaned[question.pk] = [pk for pk in option_ids if pk in set(numbers)]
        else:
            if not isinstance(raw, str):
                errors[key] = [REQUIRED]
                continue
            text = raw.strip()
            if len(text) > TEXT_MAX_LENGTH:
                errors[key] = [TEXT_TOO_LONG]
                continue
            cleaned[question.pk] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def _person_id(user) -> int | None:
    from nastavnik.access.scope import get_scope

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return get_scope(user).person_id


def may_enter_on_behalf(user, assignment: Assignment) -> bool:
    """Whether ``user`` may type in the answer to ``assignment`` from its person's paper form
    (seed 004 §9.2: a questionnaire may be filled on paper; many teachers have no account):
    the questionnaire is named and ``user`` holds the ``answer`` ``add`` right over the
    assignment's organization (its curator or head, ``Assignment.scope_filter``). One query."""
    from nastavnik.access.rules import has_perm

    return not assignment.questionnaire.anonymous and has_perm(user, "answer", "add", assignment)


def answer_submit(*, assignment: Assignment, by, values: dict) -> Answer:
    """Accept the answer to ``assignment``: given by ``by`` themselves (the user of the
    assignment's person), or typed in by ``by`` from the person's paper form
    (:func:`may_enter_on_behalf`: a named questionnaire, the curator or head of the assignment's
    organization, seed 004 §9.2) — then the answer records ``entered_by=by``.

    ``values`` maps ``question.pk`` → reply (see :func:`clean_values`). Raises
    ``PermissionDenied`` for anybody else: ``ANONYMOUS_ONLY_PERSON`` for an anonymous
    questionnaire (only its respondent answers it), ``NOT_YOURS`` otherwise; ``ValidationError`` when the
    assignment is no longer pending (``ALREADY_SUBMITTED``) or a value is wrong
    (``{"q<pk>": [message]}``). Writes the ``Answer`` and its ``AnswerItem``-s and marks the
    assignment submitted in one transaction, the assignment's row locked, so that a double
    click writes one answer.

    Anonymous questionnaire (issue 14, seed 000 §VI): the answer keeps no person, no program and
    no ``submitted_at``, only its organization, audience, phase, campaign and the first day of
    its month; the assignment records only that the person answered.

    A named questionnaire for mentees with difficulty questions (``Measure.DIFFICULTY`` per
    competence area, as the built-in ``mentee_difficulties_before`` / ``_after``): the areas
    answered at the difficult end of the scale become the person's deficits with source «анкета
    наставляемого», dated the answer's day, in the same transaction
    (:func:`_self_assessed_deficits_record`; seed 000 §4.3.3 step 3, issue 18). Returns the
    ``Answer``."""
    person_id = _person_id(by)
    own = person_id is not None and person_id == assignment.person_id
    if not own:
        if assignment.questionnaire.anonymous:
            raise PermissionDenied(ANONYMOUS_ONLY_PERSON)
        if not may_enter_on_behalf(by, assignment):
            raise PermissionDenied(NOT_YOURS)
    with transaction.atomic():
        locked = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("questionnaire")
            .get(pk=assignment.pk)
        )
        if locked.status == AssignmentStatus.SUBMITTED:
            raise ValidationError(ALREADY_SUBMITTED)
        if locked.status != AssignmentStatus.PENDING:
            raise ValidationError(ASSIGNMENT_CANCELLED)
        questionnaire = locked.questionnaire
        cleaned = clean_values(questionnaire, values)
        now = timezone.now()
        month = timezone.localdate(now).replace(day=1)
        anonymous = questionnaire.anonymous
        if anonymous and not own:  # read again under the lock: an unanswered one may have changed
            raise PermissionDenied(ANONYMOUS_ONLY_PERSON)
        answer = Answer.objects.create(
            questionnaire=questionnaire,
            organization_id=locked.organization_id,
            person_id=None if anonymous else locked.person_id,
            program_id=None if anonymous else locked.program_id,
            campaign_id=locked.campaign_id,
            audience=questionnaire.audience,
            phase=locked.phase,
            month=month,
            submitted_at=None if anonymous else now,
            entered_by=None if own else by,
        )
        kinds = dict(questionnaire.questions.values_list("pk", "kind"))
        items = []
        chosen: list[tuple[int, list[int]]] = []
        for question_id, value in cleaned.items():
            kind = kinds[question_id]
            item = AnswerItem(answer=answer, question_id=question_id)
            if kind == QuestionKind.SCALE:
                item.scale = value
            elif kind == QuestionKind.TEXT:
                item.text = value
            else:
                chosen.append((question_id, value if isinstance(value, list) else [value]))
            items.append(item)
        AnswerItem.objects.bulk_create(items)
        if chosen:
            item_ids = dict(
                AnswerItem.objects.filter(answer=answer, question_id__in=[q for q, _ in chosen]).values_list(
                    "question_id", "pk"
                )
            )
            through = AnswerItem.options.through
            through.objects.bulk_create(
                [
                    through(answeritem_id=item_ids[question_id], questionoption_id=option_id)
                    for question_id, option_ids in chosen
                    for option_id in option_ids
                ]
            )
        locked.status = AssignmentStatus.SUBMITTED
        locked.submitted_at = now
        locked.save(update_fields=["status", "submitted_at"])
        if answer.person_id is not None and questionnaire.audience == Audience.MENTEE:
            _self_assessed_deficits_record(answer, cleaned, by)
    assignment.status = locked.status
    assignment.submitted_at = locked.submitted_at
    return answer


def _self_assessed_deficits_record(answer: Answer, cleaned: dict[int, Any], by) -> None:
    """Record the deficits of the named ``answer``'s person from its difficulty questions
    (``cleaned``: question id → reply, as :func:`clean_values` returns it): the reply of each
    answered difficulty question by its area, given to
    ``development.services.links.deficits_record_self_assessed`` (which keeps the threshold and
    the levels: 6–7 minor, 8–9 marked, 10 critical), the deficits dated the answer's local day
    and kept in the answer's organization. One query when the questionnaire has none."""
    areas = dict(
        answer.questionnaire.questions.filter(
            measure=Measure.DIFFICULTY, kind=QuestionKind.SCALE, area__isnull=False
        ).values_list("pk", "area_id")
    )
    values = {areas[pk]: value for pk, value in cleaned.items() if pk in areas}
    if values:
        deficits_record_self_assessed(
            person_id=answer.person_id,
            organization_id=answer.organization_id,
            answered_on=timezone.localdate(answer.submitted_at),
            values=values,
            by=by,
        )


def answer_of(assignment: Assignment) -> Answer | None:
    """The named answer given to ``assignment`` (``None`` for an anonymous questionnaire, whose
    answer is not tied back, or when not answered yet)."""
    if assignment.status != AssignmentStatus.SUBMITTED or assignment.questionnaire.anonymous:
        return None
    answers = Answer.objects.filter(
        questionnaire_id=assignment.questionnaire_id,
        person_id=assignment.person_id,
        phase=assignment.phase,
    )
    if assignment.program_id:
        answers = answers.filter(program_id=assignment.program_id)
    elif assignment.campaign_id:
        answers = answers.filter(campaign_id=assignment.campaign_id)
    else:
        answers = answers.filter(program__isnull=True, campaign__isnull=True)
    if assignment.submitted_at:
        answers = answers.filter(submitted_at=assignment.submitted_at)
    return answers.first()


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------


def is_answered(questionnaire: Questionnaire) -> bool:
    """Whether anybody has answered ``questionnaire`` (its questions are then locked)."""
    return Answer.objects.filter(questionnaire_id=questionnaire.pk).exists()


def _require_editable(by, questionnaire: Questionnaire, *, questions: bool) -> None:
    """``PermissionDenied`` unless ``by`` may change ``questionnaire``; ``ValidationError`` for a
    built-in one, and (when ``questions``) for an answered one."""
    if questionnaire.is_builtin:
        raise ValidationError(BUILTIN_LOCKED)
    require_perm(by, "questionnaire", "change", questionnaire)
    if questions and is_answered(questionnaire):
        raise ValidationError(ANSWERED_LOCKED)


def questionnaire_save(
    *,
    by,
    title: str,
    audience: str,
    phase: str,
    anonymous: bool = False,
    description: str = "",
    owner=None,
    instance: Questionnaire | None = None,
) -> Questionnaire:
    """Create a questionnaire of the unit ``owner`` (``organizations.OrgUnit``) or, with
    ``instance``, change its title, description, audience, phase and anonymity.

    Creating needs the ``questionnaire`` ``add`` right over ``owner``; changing, the ``change``
    right over ``instance`` (``PermissionDenied``). ``ValidationError`` for a built-in
    questionnaire (``BUILTIN_LOCKED``), an empty title, an unknown audience or phase, and for a
    change of the audience, phase or anonymity of an answered questionnaire
    (``ANSWERED_SETTINGS_LOCKED``): the answers already given were given under them."""
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = ["Укажите название анкеты."]
    elif len(title) > 300:
        errors["title"] = ["Название не длиннее 300 знаков."]
    if audience not in Audience.values:
        errors["audience"] = ["Выберите, кому адресована анкета."]
    if phase not in Phase.values:
        errors["phase"] = ["Выберите, когда заполняется анкета."]
    if instance is None:
        if owner is None:
            raise PermissionDenied("Выберите организацию, муниципалитет или регион — составителя анкеты.")
        require_perm(by, "questionnaire", "add", owner)
    else:
        _require_editable(by, instance, questions=False)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if instance is None:
            return Questionnaire.objects.create(
                title=title,
                description=(description or "").strip(),
                audience=audience,
                phase=phase,
                anonymous=bool(anonymous),
                owner=owner,
                created_by=by,
            )
        locked = Questionnaire.objects.select_for_update().get(pk=instance.pk)
        settings_changed = (
            locked.audience != audience or locked.phase != phase or locked.anonymous != bool(anonymous)
        )
        if settings_changed and is_answered(locked):
            raise ValidationError(ANSWERED_SETTINGS_LOCKED)
        locked.title = title
        locked.description = (description or "").strip()
        locked.audience = audience
        locked.phase = phase
        locked.anonymous = bool(anonymous)
        locked.save()
        return locked


def _clean_question(
    *, text: str, kind: str, measure: str, area, scale_min_label: str, scale_max_label: str, options
) -> tuple[dict, list[str]]:
    errors: dict[str, list[str]] = {}
    text = (text or "").strip()
    if not text:
        errors["text"] = ["Укажите текст вопроса."]
    elif len(text) > 500:
        errors["text"] = ["Вопрос не длиннее 500 знаков."]
    if kind not in QuestionKind.values:
        errors["kind"] = ["Выберите вид ответа."]
    if measure not in Measure.values:
        errors["measure"] = ["Выберите, что измеряет вопрос."]
    elif measure != Measure.OTHER and kind != QuestionKind.SCALE:
        errors["measure"] = ["Показатели измеряются только вопросами со шкалой от 1 до 10."]
    if measure == Measure.DIFFICULTY and area is None:
        errors["area"] = ["Для вопроса о затруднениях выберите область затруднений."]
    if measure != Measure.DIFFICULTY:
        area = None
    labels = {
        "scale_min_label": (scale_min_label or "").strip(),
        "scale_max_label": (scale_max_label or "").strip(),
    }
    for key, value in labels.items():
        if len(value) > 100:
            errors[key] = ["Подпись не длиннее 100 знаков."]
    if kind != QuestionKind.SCALE:
        labels = {"scale_min_label": "", "scale_max_label": ""}
    cleaned_options: list[str] = []
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        for option in options or ():
            option = (option or "").strip()
            if option and option not in cleaned_options:
                cleaned_options.append(option)
        if len(cleaned_options) < 2:
            errors["options"] = ["Укажите не менее двух разных вариантов ответа."]
        elif any(len(option) > 300 for option in cleaned_options):
            errors["options"] = ["Вариант ответа не длиннее 300 знаков."]
    if errors:
        raise ValidationError(errors)
    return {"text": text, "kind": kind, "measure": measure, "area": area, **labels}, cleaned_options


def question_add(
    *,
    by,
    questionnaire: Questionnaire,
    text: str,
    kind: str,
    measure: str = Measure.OTHER,
    area=None,
    required: bool = True,
    scale_min_label: str = "",
    scale_max_label: str = "",
    options: Iterable[str] = (),
) -> Question:
    """Add a question at the end of ``questionnaire``: ``kind`` (``QuestionKind``), ``measure``
    (``Measure``: the indicators read scale questions only; a difficulty question needs its
    ``area``, a ``reference.CompetenceArea``), the labels of the scale's ends, the ``options`` of a
    single or multiple choice (two different ones at least).

    ``PermissionDenied`` without the ``questionnaire`` ``change`` right over it;
    ``ValidationError`` for a built-in or answered questionnaire or wrong fields
    (``{"text"|"kind"|"measure"|"area"|"options": [message]}``)."""
    _require_editable(by, questionnaire, questions=True)
    fields, option_texts = _clean_question(
        text=text,
        kind=kind,
        measure=measure,
        area=area,
        scale_min_label=scale_min_label,
        scale_max_label=scale_max_label,
        options=options,
    )
    with transaction.atomic():
        Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        last = questionnaire.questions.aggregate(last=Max("order"))["last"] or 0
        question = Question.objects.create(
            questionnaire=questionnaire, order=last + 1, required=bool(required), **fields
        )
        QuestionOption.objects.bulk_create(
            [QuestionOption(question=question, order=i, text=t) for i, t in enumerate(option_texts, start=1)]
        )
    return question


def question_update(
    *,
    by,
    question: Question,
    text: str,
    kind: str,
    measure: str = Measure.OTHER,
    area=None,
    required: bool = True,
    scale_min_label: str = "",
    scale_max_label: str = "",
    options: Iterable[str] = (),
) -> Question:
    """Change ``question`` (same fields and errors as :func:`question_add`); its options are
    replaced by ``options``."""
    questionnaire = question.questionnaire
    _require_editable(by, questionnaire, questions=True)
    fields, option_texts = _clean_question(
        text=text,
        kind=kind,
        measure=measure,
        area=area,
        scale_min_label=scale_min_label,
        scale_max_label=scale_max_label,
        options=options,
    )
    with transaction.atomic():
        Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        for key, value in fields.items():
            setattr(question, key, value)
        question.required = bool(required)
        question.save()
        current = [option.text for option in question.options.all()]
        if current != option_texts:
            question.options.all().delete()
            QuestionOption.objects.bulk_create(
                [
                    QuestionOption(question=question, order=i, text=t)
                    for i, t in enumerate(option_texts, start=1)
                ]
            )
    return question


def _renumber(questionnaire: Questionnaire) -> None:
    questions = list(questionnaire.questions.order_by("order", "pk"))
    for index, question in enumerate(questions, start=1):
        if question.order != index:
            question.order = index
    Question.objects.bulk_update(questions, ["order"])


def question_delete(*, by, question: Question) -> None:
    """Delete ``question`` and number the rest 1, 2, …; same rights and errors as
    :func:`question_add`."""
    questionnaire = question.questionnaire
    _require_editable(by, questionnaire, questions=True)
    with transaction.atomic():
        Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        question.delete()
        _renumber(questionnaire)


def question_move(*, by, question: Question, step: int) -> None:
    """Move ``question`` one place up (``step=-1``) or down (``step=1``); nothing at the ends.
    Same rights and errors as :func:`question_add`; ``ValueError`` for another step."""
    if step not in (-1, 1):
        raise ValueError("step must be -1 or 1")
    questionnaire = question.questionnaire
    _require_editable(by, questionnaire, questions=True)
    with transaction.atomic():
        Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        _renumber(questionnaire)
        questions = list(questionnaire.questions.order_by("order", "pk"))
        index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
        other = index + step
        if not 0 <= other < len(questions):
            return
        questions[index], questions[other] = questions[other], questions[index]
        for position, item in enumerate(questions, start=1):
            item.order = position
        Question.objects.bulk_update(questions, ["order"])


def questionnaire_copy(*, by, source: Questionnaire, owner) -> Questionnaire:
    """A copy of ``source`` (built-in or not) owned by the unit ``owner``, with all its questions
    and options, titled «… (копия)», active, not built in: the way to adapt a built-in or an
    answered questionnaire.

    ``PermissionDenied`` unless ``by`` may view ``source`` and holds the ``questionnaire``
    ``add`` right over ``owner``."""
    require_perm(by, "questionnaire", "view", source)
    require_perm(by, "questionnaire", "add", owner)
    suffix = " (копия)"
    with transaction.atomic():
        copy = Questionnaire.objects.create(
            title=source.title[: 300 - len(suffix)] + suffix,
            description=source.description,
            audience=source.audience,
            phase=source.phase,
            anonymous=source.anonymous,
            owner=owner,
            source=source.source,
            created_by=by,
        )
        for question in source.questions.prefetch_related("options"):
            options = list(question.options.all())
            question.pk = None
            question.id = None
            question.questionnaire = copy
            question._state.adding = True
            question.save()
            QuestionOption.objects.bulk_create(
                [QuestionOption(question=question, order=o.order, text=o.text) for o in options]
            )
    return copy


def questionnaire_set_active(*, by, questionnaire: Questionnaire, active: bool) -> Questionnaire:
    """Put ``questionnaire`` out of use (``active=False``: no longer offered for new campaigns
    and assignments; the answers stay) or back. ``PermissionDenied`` without the ``change``
    right over it; ``ValidationError`` for a built-in one."""
    _require_editable(by, questionnaire, questions=False)
    Questionnaire.objects.filter(pk=questionnaire.pk).update(is_active=bool(active))
    questionnaire.is_active = bool(active)
    return questionnaire
