"""Choices of monitoring: who a questionnaire addresses, when it is answered, what its questions
measure, the states of a campaign and the six risks (seed 004 §9, 003 §4.7 and §5, 000 §VI)."""

from django.db import models


class QuestionKind(models.TextChoices):
    """How a question is answered (issue 14: scale 1–10, single, multiple choice, free text)."""

    SCALE = "scale", "Шкала от 1 до 10"
    SINGLE = "single", "Один вариант"
    MULTIPLE = "multiple", "Несколько вариантов"
    TEXT = "text", "Свободный ответ"


#: The ends of the scale of a ``SCALE`` question.
SCALE_MIN = 1
SCALE_MAX = 10


class Audience(models.TextChoices):
    """Whom a questionnaire addresses: feedback comes from mentees, mentors and curators (seed
    003 §4.7), and from the heads of the organizations for monitoring (003 §5.2)."""

    MENTEE = "mentee", "Наставляемые"
    MENTOR = "mentor", "Наставники"
    CURATOR = "curator", "Кураторы"
    HEAD = "head", "Руководители организаций"


class Phase(models.TextChoices):
    """When a questionnaire is answered: the two sub-stages of monitoring, before entering a
    program and after completing it (seed 004 §9.2), or periodically (000 §VI: yearly)."""

    BEFORE = "before", "До входа в программу"
    AFTER = "after", "По итогам программы"
    PERIODIC = "periodic", "Периодическое анкетирование"


class Measure(models.TextChoices):
    """What a question measures, so that indicators read the answers of any questionnaire, built
    in or made by a user (seed 000 §VI: motivation, growth, quality of adaptation; 004 §9.4)."""

    SATISFACTION = "satisfaction", "Удовлетворённость"
    USEFULNESS = "usefulness", "Полезность"
    DIFFICULTY = "difficulty", "Затруднения по области"
    PROFESSIONAL_GROWTH = "professional_growth", "Профессиональный рост"
    PERSONAL_GROWTH = "personal_growth", "Личностный рост"
    COMFORT = "comfort", "Комфорт взаимодействия в паре"
    MOTIVATION = "motivation", "Мотивация"
    OTHER = "other", "Прочее"


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", "Ожидает ответа"
    SUBMITTED = "submitted", "Ответ отправлен"
    CANCELLED = "cancelled", "Отменено"


class CampaignStatus(models.TextChoices):
    """A monitoring campaign: drafted, launched (the organizations answer), finished."""

    DRAFT = "draft", "Черновик"
    RUNNING = "running", "Проводится"
    FINISHED = "finished", "Завершён"


class RiskKind(models.TextChoices):
    """The six risks of implementing the system of mentoring (seed 000 §VI)."""

    PERCEPTION = (
        "perception",
        "1. Отсутствие у части педагогов восприятия наставничества как механизма профессионального роста",
    )
    LOAD = "load", "2. Высокая нагрузка на наставников и наставляемых"
    MENTOR_MOTIVATION = "mentor_motivation", "3. Низкая мотивация наставников"
    QUALITY = "quality", "4. Недостаточно высокое качество наставнической деятельности и формализм"
    MENTEE_MOTIVATION = "mentee_motivation", "5. Низкая мотивация наставляемых"
    INTERACTION = (
        "interaction",
        "6. Низкая степень взаимодействия элементов двухконтурной структуры системы наставничества",
    )


class RiskLevel(models.TextChoices):
    LOW = "low", "Низкий"
    MEDIUM = "medium", "Средний"
    HIGH = "high", "Высокий"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Принимаются меры"
    MONITORED = "monitored", "Под наблюдением"
    CLOSED = "closed", "Снят"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Черновик"
    REGISTERED = "registered", "Зарегистрирована"


class ContingentSource(models.TextChoices):
    """How the number of learners of an organization for a year came in (issue 20)."""

    ENTERED = "entered", "Внесено вручную"
    IMPORTED = "imported", "Загружено из файла"
