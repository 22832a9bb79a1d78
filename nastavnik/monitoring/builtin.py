"""The built-in questionnaires of monitoring, as data, and their loader.

Seven questionnaires every organization uses without making its own (issue 14):

* ``mentee_difficulties_before`` / ``mentee_difficulties_after`` — the mentee's named
  self-assessment of difficulties in the eight areas (seed 000 §4.3.3, steps 2–3) before
  entering a program and after completing it (seed 004 §9.2: the two sub-stages of
  monitoring), 1 = «затруднений нет», 10 = «очень серьёзные затруднения»;
* ``mentee_feedback_after`` and ``mentor_feedback_after`` — anonymous feedback after the
  program (seed 003 §4.7, 004 §9.4: satisfaction, usefulness, growth of the participants);
* ``mentor_expectations_before`` — the mentor's motivation and expectations (seed 004 §9.2);
* ``curator_periodic`` and ``head_periodic`` — yearly monitoring of the system in the
  organization (seed 000 §VI, 003 §5.2).

Every scale except the difficulties runs from 1 = worst to 10 = best. ``source`` is the
citation users read (a regulation by its name and point, never a seed code).

:func:`load_builtin_questionnaires` upserts them by ``code`` (the data migration ``0002`` calls
it with the historical apps; code and tests with the live ones); :func:`builtin_questionnaire`
returns one by code, loading them when missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, transaction

from nastavnik.reference.loading import historical_model

#: Users' citations of the regulations (seeds 000, 003, 004 by their real names).
SOURCE_REGION = (
    "Положение о системе (целевой модели) наставничества педагогических работников "
    "в образовательных организациях Ханты-Мансийского автономного округа – Югры"
)
SOURCE_ORGANIZATION = "Положение о целевой модели наставничества педагогических работников"
SOURCE_ROADMAP = (
    "Дорожная карта по внедрению и реализации Региональной целевой модели наставничества "
    "в образовательных учреждениях муниципального округа"
)

#: Labels of the ends of the difficulty scale (issue 14).
DIFFICULTY_MIN_LABEL = "затруднений нет"
DIFFICULTY_MAX_LABEL = "очень серьёзные затруднения"


@dataclass(frozen=True)
class BuiltinQuestion:
    """One question of a built-in questionnaire. ``kind`` and ``measure`` are values of
    ``choices.QuestionKind`` / ``choices.Measure``; ``area`` is the code of a
    ``reference.CompetenceArea`` (difficulty questions only); ``options`` are the option texts of a
    single- or multiple-choice question."""

    text: str
    kind: str = "scale"
    measure: str = "other"
    area: str = ""
    required: bool = True
    min_label: str = ""
    max_label: str = ""
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuiltinQuestionnaire:
    """A built-in questionnaire: ``audience``/``phase`` are values of ``choices.Audience`` /
    ``choices.Phase``; ``difficulty_areas`` puts one difficulty question per reference area
    (in the reference order) before ``questions``."""

    code: str
    title: str
    audience: str
    phase: str
    anonymous: bool
    source: str
    description: str = ""
    difficulty_areas: bool = False
    questions: tuple[BuiltinQuestion, ...] = field(default_factory=tuple)


def _scale(text: str, measure: str, low: str, high: str, required: bool = True) -> BuiltinQuestion:
    return BuiltinQuestion(
        text=text, kind="scale", measure=measure, min_label=low, max_label=high, required=required
    )


def _text(text: str, required: bool = False) -> BuiltinQuestion:
    return BuiltinQuestion(text=text, kind="text", measure="other", required=required)


_SATISFACTION_LOW, _SATISFACTION_HIGH = "совсем не удовлетворены", "полностью удовлетворены"
_USEFULNESS_LOW, _USEFULNESS_HIGH = "бесполезна", "очень полезна"
_COMFORT_LOW, _COMFORT_HIGH = "очень некомфортно", "очень комфортно"
_GROWTH_LOW, _GROWTH_HIGH = "роста нет", "значительный рост"
_MOTIVATION_LOW, _MOTIVATION_HIGH = "очень низкая", "очень высокая"

#: The difficulty question of an area: ``{area}`` is the area's name.
DIFFICULTY_TEXT = "Насколько серьёзны ваши затруднения в области «{area}»?"

BUILTIN: tuple[BuiltinQuestionnaire, ...] = (
    BuiltinQuestionnaire(
        code="mentee_difficulties_before",
        title="Самооценка профессиональных затруднений (до входа в программу)",
        audience="mentee",
        phase="before",
        anonymous=False,
        source=f"{SOURCE_ORGANIZATION}, п. 9.2; {SOURCE_REGION}, п. 4.3.3",
        description=(
            "Оцените свои профессиональные затруднения по каждой области: 1 — затруднений нет, "
            "10 — очень серьёзные затруднения. Ответы видят ваш куратор и руководитель организации. "
            "Оценки 6 и выше записываются как профессиональные затруднения в вашу карточку."
        ),
        difficulty_areas=True,
        questions=(
            _scale(
                "Насколько высока ваша мотивация к участию в программе наставничества?",
                "motivation",
                _MOTIVATION_LOW,
                _MOTIVATION_HIGH,
            ),
            _text("Чего вы ожидаете от программы наставничества?"),
        ),
    ),
    BuiltinQuestionnaire(
        code="mentee_difficulties_after",
        title="Самооценка профессиональных затруднений (по итогам программы)",
        audience="mentee",
        phase="after",
        anonymous=False,
        source=f"{SOURCE_ORGANIZATION}, пп. 9.2, 9.4; {SOURCE_REGION}, п. 4.3.3",
        description=(
            "Оцените свои профессиональные затруднения по каждой области после программы: "
            "1 — затруднений нет, 10 — очень серьёзные затруднения. Оценки 6 и выше "
            "записываются как профессиональные затруднения в вашу карточку."
        ),
        difficulty_areas=True,
        questions=(
            _scale(
                "Оцените свой профессиональный рост за время программы наставничества.",
                "professional_growth",
                _GROWTH_LOW,
                _GROWTH_HIGH,
            ),
            _scale(
                "Оцените свой личностный рост за время программы наставничества.",
                "personal_growth",
                _GROWTH_LOW,
                _GROWTH_HIGH,
            ),
        ),
    ),
    BuiltinQuestionnaire(
        code="mentee_feedback_after",
        title="Обратная связь наставляемого по итогам программы",
        audience="mentee",
        phase="after",
        anonymous=True,
        source=f"{SOURCE_ORGANIZATION}, п. 9.4; {SOURCE_ROADMAP}, п. 4.7",
        description=(
            "Анкета анонимная: ответ не связывается с вами, результаты показываются только "
            "по группам от 5 ответов."
        ),
        questions=(
            _scale(
                "Насколько вы удовлетворены участием в программе наставничества?",
                "satisfaction",
                _SATISFACTION_LOW,
                _SATISFACTION_HIGH,
            ),
            _scale(
                "Насколько полезной для вашей работы оказалась программа наставничества?",
                "usefulness",
                _USEFULNESS_LOW,
                _USEFULNESS_HIGH,
            ),
            _scale(
                "Насколько комфортным было ваше взаимодействие с наставником?",
                "comfort",
                _COMFORT_LOW,
                _COMFORT_HIGH,
            ),
            _scale(
                "Оцените вашу мотивацию к профессиональному развитию после программы.",
                "motivation",
                _MOTIVATION_LOW,
                _MOTIVATION_HIGH,
            ),
            _text("Ваши замечания и предложения по программе наставничества."),
        ),
    ),
    BuiltinQuestionnaire(
        code="mentor_expectations_before",
        title="Мотивация и ожидания наставника (до начала программы)",
        audience="mentor",
        phase="before",
        anonymous=False,
        source=f"{SOURCE_ORGANIZATION}, п. 9.2",
        questions=(
            _scale(
                "Насколько высока ваша мотивация к работе наставником?",
                "motivation",
                _MOTIVATION_LOW,
                _MOTIVATION_HIGH,
            ),
            BuiltinQuestion(
                text="Какая поддержка нужна вам как наставнику?",
                kind="multiple",
                measure="other",
                required=False,
                options=(
                    "Методическое сопровождение",
                    "Обучение для наставников",
                    "Снижение учебной нагрузки",
                    "Материальное стимулирование",
                    "Обмен опытом с другими наставниками",
                ),
            ),
            _text("Чего вы ожидаете от работы с наставляемым?"),
        ),
    ),
    BuiltinQuestionnaire(
        code="mentor_feedback_after",
        title="Обратная связь наставника по итогам программы",
        audience="mentor",
        phase="after",
        anonymous=True,
        source=f"{SOURCE_ORGANIZATION}, п. 9.4; {SOURCE_ROADMAP}, п. 4.7",
        description=(
            "Анкета анонимная: ответ не связывается с вами, результаты показываются только "
            "по группам от 5 ответов."
        ),
        questions=(
            _scale(
                "Насколько вы удовлетворены своей работой в программе наставничества?",
                "satisfaction",
                _SATISFACTION_LOW,
                _SATISFACTION_HIGH,
            ),
            _scale(
                "Насколько полезной, на ваш взгляд, программа оказалась для наставляемого?",
                "usefulness",
                _USEFULNESS_LOW,
                _USEFULNESS_HIGH,
            ),
            _scale(
                "Насколько комфортным было ваше взаимодействие с наставляемым?",
                "comfort",
                _COMFORT_LOW,
                _COMFORT_HIGH,
            ),
            _scale(
                "Оцените свой профессиональный рост за время работы наставником.",
                "professional_growth",
                _GROWTH_LOW,
                _GROWTH_HIGH,
            ),
            _scale(
                "Насколько высока ваша мотивация продолжать работу наставником?",
                "motivation",
                _MOTIVATION_LOW,
                _MOTIVATION_HIGH,
            ),
            _text("Ваши замечания и предложения по программе наставничества."),
        ),
    ),
    BuiltinQuestionnaire(
        code="curator_periodic",
        title="Анкета куратора о реализации системы наставничества в организации",
        audience="curator",
        phase="periodic",
        anonymous=False,
        source=f"{SOURCE_REGION}, раздел VI; {SOURCE_ROADMAP}, п. 4.7",
        questions=(
            _scale(
                "Насколько вы удовлетворены тем, как реализуется система наставничества в организации?",
                "satisfaction",
                _SATISFACTION_LOW,
                _SATISFACTION_HIGH,
            ),
            _scale(
                "Насколько полезны программы наставничества для педагогов организации?",
                "usefulness",
                _USEFULNESS_LOW,
                _USEFULNESS_HIGH,
            ),
            BuiltinQuestion(
                text="Как часто в среднем встречаются наставнические пары?",
                kind="single",
                measure="other",
                options=(
                    "Еженедельно",
                    "Раз в две недели",
                    "Ежемесячно",
                    "Реже одного раза в месяц",
                ),
            ),
            BuiltinQuestion(
                text="Какие трудности возникают при реализации программ наставничества?",
                kind="multiple",
                measure="other",
                required=False,
                options=(
                    "Высокая нагрузка на наставников и наставляемых",
                    "Низкая мотивация наставников",
                    "Низкая мотивация наставляемых",
                    "Формальный подход к наставнической деятельности",
                    "Недостаток методических материалов",
                    "Слабое взаимодействие с муниципальным и региональным уровнями",
                ),
            ),
            _text("Ваши предложения по развитию системы наставничества."),
        ),
    ),
    BuiltinQuestionnaire(
        code="head_periodic",
        title="Анкета руководителя о результатах внедрения системы наставничества",
        audience="head",
        phase="periodic",
        anonymous=False,
        source=f"{SOURCE_REGION}, раздел VI; {SOURCE_ROADMAP}, п. 4.7",
        questions=(
            _scale(
                "Насколько вы удовлетворены результатами внедрения системы наставничества в организации?",
                "satisfaction",
                _SATISFACTION_LOW,
                _SATISFACTION_HIGH,
            ),
            _scale(
                "Насколько наставничество помогает профессиональному росту педагогов организации?",
                "professional_growth",
                _GROWTH_LOW,
                _GROWTH_HIGH,
            ),
            BuiltinQuestion(
                text="Применяются ли в организации меры стимулирования наставников?",
                kind="single",
                measure="other",
                options=(
                    "Да, материальные и нематериальные",
                    "Только нематериальные",
                    "Нет",
                ),
            ),
            _text("Какие управленческие решения приняты по итогам мониторинга?"),
        ),
    ),
)

#: The codes of the built-in questionnaires.
BUILTIN_CODES: tuple[str, ...] = tuple(spec.code for spec in BUILTIN)


def _questions(spec: BuiltinQuestionnaire, areas: list[Any]) -> list[BuiltinQuestion]:
    """The questions of ``spec`` in order: one difficulty question per area first."""
    result = []
    if spec.difficulty_areas:
        for area in areas:
            result.append(
                BuiltinQuestion(
                    text=DIFFICULTY_TEXT.format(area=area.name),
                    kind="scale",
                    measure="difficulty",
                    area=area.code,
                    min_label=DIFFICULTY_MIN_LABEL,
                    max_label=DIFFICULTY_MAX_LABEL,
                )
            )
    result.extend(spec.questions)
    return result


def load_builtin_questionnaires(apps: Any = None, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Upsert the built-in questionnaires (``BUILTIN``) by ``code``; return how many rows
    (questionnaires, questions, options) were created or changed.

    ``apps`` is the historical registry in a migration, ``None`` for the live models. Safe to
    run any number of times: a questionnaire gets the texts, audience, phase, anonymity and
    source of the data; its questions are matched by position (``order``) and get the text,
    labels and obligation of the data, and also the kind, measure, area and options when nobody
    has answered them. A question or option no longer in the data is deleted only when nobody
    answered it; an answered one is never deleted. ``is_active`` is left as an administrator
    set it. Difficulty questions need the reference areas (``reference`` migration 0002): the
    areas present are used, in their reference order.
    """
    registry = apps or global_apps
    Questionnaire = registry.get_model("monitoring", "Questionnaire")
    Question = registry.get_model("monitoring", "Question")
    QuestionOption = registry.get_model("monitoring", "QuestionOption")
    AnswerItem = registry.get_model("monitoring", "AnswerItem")
    # the early migrations know the areas by their former name (``reference`` 0006)
    CompetenceArea = historical_model(registry, "CompetenceArea")

    areas = list(CompetenceArea.objects.using(using).order_by("sort_order", "pk"))
    area_by_code = {area.code: area for area in areas}
    changed = 0
    with transaction.atomic(using=using):
        for spec in BUILTIN:
            values = {
                "title": spec.title,
                "description": spec.description,
                "audience": spec.audience,
                "phase": spec.phase,
                "anonymous": spec.anonymous,
                "source": spec.source,
            }
            questionnaire = Questionnaire.objects.using(using).filter(code=spec.code).first()
            if questionnaire is None:
                questionnaire = Questionnaire.objects.using(using).create(
                    code=spec.code, owner=None, **values
                )
                changed += 1
            elif any(getattr(questionnaire, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(questionnaire, key, value)
                questionnaire.save(using=using)
                changed += 1
            answered = set(
                AnswerItem.objects.using(using)
                .filter(question__questionnaire=questionnaire)
                .values_list("question_id", flat=True)
                .distinct()
            )
            existing = {q.order: q for q in Question.objects.using(using).filter(questionnaire=questionnaire)}
            wanted = _questions(spec, areas)
            for order, qspec in enumerate(wanted, start=1):
                changed += _upsert_question(
                    Question,
                    QuestionOption,
                    questionnaire,
                    existing.pop(order, None),
                    order,
                    qspec,
                    area_by_code,
                    answered,
                    using,
                )
            for leftover in existing.values():
                if leftover.pk not in answered:
                    leftover.delete()
                    changed += 1
    return changed


def _upsert_question(
    Question, QuestionOption, questionnaire, question, order, qspec, area_by_code, answered, using
) -> int:
    changed = 0
    area = area_by_code.get(qspec.area) if qspec.area else None
    texts = {
        "text": qspec.text,
        "required": qspec.required,
        "scale_min_label": qspec.min_label,
        "scale_max_label": qspec.max_label,
    }
    structure = {"kind": qspec.kind, "measure": qspec.measure, "area": area}
    if question is None:
        question = Question.objects.using(using).create(
            questionnaire=questionnaire, order=order, **texts, **structure
        )
        changed += 1
    else:
        is_answered = question.pk in answered
        values = dict(texts) if is_answered else {**texts, **structure}
        if any(getattr(question, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(question, key, value)
            question.save(using=using)
            changed += 1
        if is_answered:
            # the options of an answered question keep their rows; only their texts follow
            for option, text in zip(
                QuestionOption.objects.using(using).filter(question=question).order_by("order", "pk"),
                qspec.options,
                strict=False,
            ):
                if option.text != text:
                    option.text = text
                    option.save(using=using)
                    changed += 1
            return changed
    options = {o.order: o for o in QuestionOption.objects.using(using).filter(question=question)}
    for index, text in enumerate(qspec.options, start=1):
        option = options.pop(index, None)
        if option is None:
            QuestionOption.objects.using(using).create(question=question, order=index, text=text)
            changed += 1
        elif option.text != text:
            option.text = text
            option.save(using=using)
            changed += 1
    for option in options.values():
        option.delete()
        changed += 1
    return changed


def builtin_questionnaire(code: str):
    """The built-in ``Questionnaire`` with ``code`` (one of ``BUILTIN_CODES``), loading the
    built-ins first when it is missing. Raises ``KeyError`` for a code that is not built in."""
    from nastavnik.monitoring.models import Questionnaire

    if code not in BUILTIN_CODES:
        raise KeyError(code)
    questionnaire = Questionnaire.objects.filter(code=code).first()
    if questionnaire is None:
        load_builtin_questionnaires()
        questionnaire = Questionnaire.objects.get(code=code)
    return questionnaire
