"""Choices of the professional development of teachers: diagnosis, deficits, the individual
educational route and its seven steps, courses and enrolments (seed 000 §4.3.2–4.3.3, App. 2
§2.2–2.7, §3.1–3.4; 003 §3.2)."""

from django.db import models


class DiagnosisKind(models.TextChoices):
    """Who judged: the teacher themselves or an expert (seed 000 §4.3.3, steps 2–3:
    «диагностика (самодиагностика)»)."""

    SELF = "self", "самодиагностика"
    EXPERT = "expert", "экспертная диагностика"


class DeficitSource(models.TextChoices):
    """Who found a deficit (seed 000 §4.3.3 step 3, §4.3.2; 004 §1.3). The first three are the
    values the bank's «затруднения» were recorded with before issue 18."""

    SELF_DIAGNOSIS = "self_diagnosis", "самодиагностика"
    HEAD = "head", "руководитель"
    MENTOR_COUNCIL = "mentor_council", "совет наставников (методическое объединение)"
    TUTOR = "tutor", "тьютор ЦНППМ"
    CURATOR = "curator", "куратор"
    MENTOR = "mentor", "наставник"
    QUESTIONNAIRE = "questionnaire", "анкета наставляемого"


class DeficitLevel(models.IntegerChoices):
    """How strongly a deficit hinders the teacher's work."""

    MINOR = 1, "незначительный"
    MARKED = 2, "выраженный"
    CRITICAL = 3, "критический"


class CompetenceLevel(models.IntegerChoices):
    """The level of a competence found in an area, 1 to 5 (the same scale as a mentor's
    competences in the bank)."""

    INITIAL = 1, "1 — начальный"
    BASIC = 2, "2 — базовый"
    CONFIDENT = 3, "3 — уверенный"
    ADVANCED = 4, "4 — продвинутый"
    EXPERT = 5, "5 — экспертный"


class RouteStatus(models.TextChoices):
    """The life of an individual educational route (seed 000 §4.3.3)."""

    DRAFT = "draft", "составляется"
    ACTIVE = "active", "реализуется"
    COMPLETED = "completed", "завершён"
    CANCELLED = "cancelled", "прекращён"


class RouteStep(models.IntegerChoices):
    """The seven steps of the route's algorithm (seed 000 §4.3.3)."""

    SELF_DETERMINATION = 1, "Самоопределение"
    ACHIEVEMENTS = 2, "Диагностика достижений"
    DEFICITS = 3, "Диагностика затруднений и дефицитов"
    ROADMAP = 4, "Дорожная карта маршрута"
    IMPLEMENTATION = 5, "Реализация"
    CORRECTION = 6, "Корректировка"
    REFLECTION = 7, "Рефлексивный анализ"


class ActivityKind(models.TextChoices):
    """What an activity of the route's roadmap is (seed 000 §4.3.3 step 4, a–г)."""

    COURSE = "course", "обучение по программе дополнительного профессионального образования"
    TRIAL = "trial", "инновационные пробно-поисковые действия"
    PROJECT = "project", "участие в инновационной программе, педагогическом проекте, исследовании"
    MEASURE = "measure", "мероприятие"


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", "запланировано"
    IN_PROGRESS = "in_progress", "выполняется"
    DONE = "done", "выполнено"
    CANCELLED = "cancelled", "отменено"


#: The statuses of an activity that need nothing more.
CLOSED_ACTIVITY_STATUSES = frozenset({ActivityStatus.DONE, ActivityStatus.CANCELLED})


class ProductKind(models.TextChoices):
    """The pedagogical product that records an activity's result (seed 000 §4.3.3 step 5)."""

    DIAGNOSTICS = "diagnostics", "пакет педагогических диагностик"
    RECOMMENDATIONS = "recommendations", "методические рекомендации"
    TECHNOLOGY = "technology", "технология, методика"
    LESSON = "lesson", "разработка занятия"
    EVENT_SCENARIO = "event_scenario", "сценарий воспитательного мероприятия"
    CERTIFICATE = "certificate", "документ об обучении"
    OTHER = "other", "другое"


class CorrectionReason(models.TextChoices):
    """Why the route's roadmap was corrected (seed 000 §4.3.3 step 6)."""

    EDUCATION_CHANGES = "education_changes", "изменения, происходящие в образовании"
    OWN_NEEDS = "own_needs", "изменение запросов, интересов и потребностей педагога"
    PARTICIPANTS_NEEDS = "participants_needs", "запросы участников образовательного процесса организации"
    OTHER = "other", "другое"


class ReflectionOutcome(models.TextChoices):
    """What became of a deficit by the end of the route (seed 000 §4.3.3 step 7)."""

    OVERCOME = "overcome", "преодолён"
    REDUCED = "reduced", "снижен"
    REMAINS = "remains", "сохраняется"


class RouteEventKind(models.TextChoices):
    """Every step of a route is an event in its history (issue 18, Build 2)."""

    CREATED = "created", "создание"
    SELF_DETERMINATION = "self_determination", "самоопределение"
    DIAGNOSIS = "diagnosis", "диагностика"
    ACTIVITY = "activity", "мероприятие"
    PRODUCT = "product", "педагогический продукт"
    CORRECTION = "correction", "корректировка"
    COMMENT = "comment", "комментарий"
    STARTED = "started", "начало реализации"
    REFLECTION = "reflection", "рефлексивный анализ"
    COMPLETED = "completed", "завершение"
    CANCELLED = "cancelled", "прекращение"
    PROGRAM_RESULT = "program_result", "результат программы наставничества"


class CourseFormat(models.TextChoices):
    FULL_TIME = "full_time", "очная"
    MIXED = "mixed", "очно-заочная"
    DISTANCE = "distance", "заочная с применением дистанционных образовательных технологий"


class EnrollmentStatus(models.TextChoices):
    APPLIED = "applied", "заявка подана"
    ENROLLED = "enrolled", "зачислен"
    COMPLETED = "completed", "обучение завершено"
    WITHDRAWN = "withdrawn", "отчислен, заявка отозвана"


#: Enrolments that occupy a place (one per person and course).
LIVE_ENROLLMENT_STATUSES = frozenset(
    {EnrollmentStatus.APPLIED, EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED}
)

#: The usual length of a route (seed 000 §4.3.3: «долгосрочная (4–5 лет)»), in years.
ROUTE_YEARS_MIN = 1
ROUTE_YEARS_DEFAULT = 4
ROUTE_YEARS_MAX = 5

#: The title of the regional course on mentoring (seed 000 App. 2 §2.7), 72 hours.
MENTORING_COURSE_TITLE = "Методологические аспекты наставничества и менторства в педагогической практике"
MENTORING_COURSE_HOURS = 72
