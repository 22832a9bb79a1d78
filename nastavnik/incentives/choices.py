"""Choices of the incentives of mentors: the basis of a payment, the level of an award, the
statuses and the events of a nomination (seed 000 §3.4, 001 §6, 004 §5)."""

from django.db import models


class PaymentBasis(models.TextChoices):
    """The document a material payment is set by (seed 000 §3.4: «выплаты компенсационного
    характера» set by local acts; 001 §6.2: collective agreements and local acts)."""

    ORDER = "order", "приказ руководителя"
    AGREEMENT = "agreement", "дополнительное соглашение к трудовому договору"


class AwardLevel(models.TextChoices):
    """Who grants the award or measure (seed 001 §6.1, 004 §5.1)."""

    ORGANIZATION = "organization", "уровень организации"
    MUNICIPAL = "municipal", "муниципальный уровень"
    REGIONAL = "regional", "региональный уровень"
    FEDERAL = "federal", "федеральный уровень"


#: The levels a nomination may ask for: the organization grants its own measures itself.
NOMINATION_LEVELS = (AwardLevel.MUNICIPAL, AwardLevel.REGIONAL, AwardLevel.FEDERAL)

#: ``reference.AwardKind`` codes of the federal awards (seed 004 §5.1: the sign «За
#: наставничество», Указ Президента РФ от 2 марта 2018 г. № 94; the departmental badges of the
#: Ministry, приказ Минпросвещения России от 1 июля 2021 г. № 400).
FEDERAL_AWARD_CODES = frozenset(
    {
        "state_sign_za_nastavnichestvo",
        "badge_honorary_mentor",
        "badge_youth_professionalism",
        "departmental_award_nomination",
    }
)


class NominationStatus(models.TextChoices):
    """The way of a nomination from the organization to the municipality and the region."""

    DRAFT = "draft", "черновик"
    SUBMITTED = "submitted", "направлено в муниципалитет"
    SUPPORTED = "supported", "поддержано муниципалитетом, направлено в регион"
    RETURNED = "returned", "возвращено на доработку"
    GRANTED = "granted", "награда присуждена"
    DECLINED = "declined", "отклонено"
    WITHDRAWN = "withdrawn", "отозвано организацией"


#: Statuses in which the organization edits the nomination and sends it (again).
EDITABLE_STATUSES = frozenset({NominationStatus.DRAFT, NominationStatus.RETURNED})
#: Statuses after which nothing changes.
CLOSED_STATUSES = frozenset({NominationStatus.GRANTED, NominationStatus.DECLINED, NominationStatus.WITHDRAWN})


class NominationEventKind(models.TextChoices):
    CREATED = "created", "создание"
    CHANGED = "changed", "изменение"
    SUBMITTED = "submitted", "направление в муниципалитет"
    SUPPORTED = "supported", "поддержка и направление в регион"
    RETURNED = "returned", "возврат на доработку"
    GRANTED = "granted", "присуждение награды"
    DECLINED = "declined", "отклонение"
    WITHDRAWN = "withdrawn", "отзыв"
