"""Choices of mentoring programs, meetings and requests (seed 000 §1.3, §IV, §5; 003 §4.7; 004 §6.2.3)."""

from dataclasses import dataclass

from django.db import models


class ProgramFormat(models.TextChoices):
    """A personalized program is for a pair or for a group: one mentor with two or more mentees
    (seed 000 §2.3, 004 §6.2.3)."""

    PAIR = "pair", "Наставническая пара"
    GROUP = "group", "Наставническая группа"


class ProgramStatus(models.TextChoices):
    """The life of a personalized program; every change is a named action writing a
    ``ProgramEvent`` (``mentoring.services.programs``)."""

    DRAFT = "draft", "Проект"
    APPROVED = "approved", "Утверждена"
    ACTIVE = "active", "Реализуется"
    COMPLETED = "completed", "Завершена"
    TERMINATED = "terminated", "Прекращена"


@dataclass(frozen=True)
class ProgramStep:
    """One step of the life of a personalized program (``PROGRAM_STEPS``): ``action`` is its key
    and the ``access.choices.Action`` a user needs over the program (``PERMISSIONS
    ["personalizedprogram"]``); ``sources``: the statuses it starts from; ``target``: the status it
    leads to; ``label``, ``url_name``, ``style``: its button on the program page (no ``label``: the
    step has a page of its own, like the completion)."""

    action: str
    sources: tuple[str, ...]
    target: str
    label: str = ""
    url_name: str = ""
    style: str = ""


#: The program's workflow, declared once: read by the services (``services.common.require_step``:
#: the right, then the status), by the program page (its buttons, ``views.programs.program_actions``)
#: and by the rights (each ``action`` is a row of ``PERMISSIONS``). «completed» is reached only
#: through the completion (self-assessment and the mentor's report, seed 002 §9, 004 §6.2.3).
PROGRAM_STEPS: dict[str, ProgramStep] = {
    step.action: step
    for step in (
        ProgramStep(
            "approve",
            (ProgramStatus.DRAFT,),
            ProgramStatus.APPROVED,
            "Утвердить",
            "mentoring:program_approve",
            "success",
        ),
        ProgramStep(
            "start",
            (ProgramStatus.APPROVED,),
            ProgramStatus.ACTIVE,
            "Начать реализацию",
            "mentoring:program_start",
            "success",
        ),
        ProgramStep(
            "return",
            (ProgramStatus.APPROVED,),
            ProgramStatus.DRAFT,
            "Вернуть на доработку",
            "mentoring:program_return",
            "outline-secondary",
        ),
        ProgramStep("complete", (ProgramStatus.ACTIVE,), ProgramStatus.COMPLETED),
        ProgramStep(
            "terminate",
            (ProgramStatus.DRAFT, ProgramStatus.APPROVED, ProgramStatus.ACTIVE),
            ProgramStatus.TERMINATED,
            "Прекратить",
            "mentoring:program_terminate",
            "outline-danger",
        ),
    )
}

#: status → the statuses a step may move it to (derived from ``PROGRAM_STEPS``).
PROGRAM_TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(step.target for step in PROGRAM_STEPS.values() if status in step.sources)
    for status in ProgramStatus.values
}

#: Statuses of a program that is still open (not completed and not terminated).
OPEN_PROGRAM_STATUSES = (ProgramStatus.DRAFT, ProgramStatus.APPROVED, ProgramStatus.ACTIVE)


class EventKind(models.TextChoices):
    """What happened to a program (its history)."""

    CREATED = "created", "Программа создана"
    UPDATED = "updated", "Программа изменена"
    STATUS = "status", "Изменён статус"
    STAGE = "stage", "Начат этап"
    PAIR_ENDED = "pair_ended", "Пара завершена"
    MENTOR_REPLACED = "mentor_replaced", "Заменён наставник"
    PLAN = "plan", "Изменён план мероприятий"
    MEETING = "meeting", "Встреча"
    REQUEST = "request", "Заявление"
    ASSESSMENT = "assessment", "Самооценка"
    REPORT = "report", "Отчёт наставника"


class PairEndReason(models.TextChoices):
    """Why a pair ended (seed 000 §5.1.1, §5.2.1; 002 §9)."""

    COMPLETED = "completed", "Программа завершена"
    TERMINATED = "terminated", "Программа прекращена"
    MENTOR_REPLACED = "mentor_replaced", "Наставник заменён по ходатайству наставляемого"
    MENTOR_RELEASED = "mentor_released", "Наставник освобождён по его заявлению"


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", "Запланировано"
    IN_PROGRESS = "in_progress", "Выполняется"
    DONE = "done", "Выполнено"
    CANCELLED = "cancelled", "Отменено"


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "Очно"
    ONLINE = "online", "Дистанционно (онлайн)"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Запланирована"
    HELD = "held", "Проведена"
    CANCELLED = "cancelled", "Отменена"


#: Meeting types held once per program (seed 003 §4.7); the «series» may have many meetings.
SINGLE_MEETING_TYPES = ("acquaintance", "trial_working", "planning", "final")
#: The order of the meeting types in a pair's work (seed 003 §4.7).
MEETING_TYPE_ORDER = ("acquaintance", "trial_working", "planning", "consecutive_series", "final")


class RequestKind(models.TextChoices):
    """A participant's request to the curator (seed 000 §5.1.1, §5.2.1)."""

    CHANGE_MENTOR = "change_mentor", "Ходатайство наставляемого о замене наставника"
    RELEASE_MENTOR = "release_mentor", "Заявление наставника о сложении обязанностей"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "На рассмотрении"
    APPROVED = "approved", "Удовлетворено"
    REJECTED = "rejected", "Отклонено"
    WITHDRAWN = "withdrawn", "Отозвано"
    CLOSED = "closed", "Закрыто: пара завершена"


#: The life of a request, declared once: step → (the statuses it starts from, the status it leads
#: to, who takes it). The author withdraws (a rule beside ``PERMISSIONS``: only the one who filed
#: it); the program's managers decide (``PERMISSIONS["personalizedprogram"]["change"]``, the
#: requests' queue); the system closes what is left pending when the pairs end.
REQUEST_STEPS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "withdraw": ((RequestStatus.PENDING,), RequestStatus.WITHDRAWN, "author"),
    "approve": ((RequestStatus.PENDING,), RequestStatus.APPROVED, "change"),
    "reject": ((RequestStatus.PENDING,), RequestStatus.REJECTED, "change"),
    "close": ((RequestStatus.PENDING,), RequestStatus.CLOSED, "system"),
}
