"""Choices of matching mentors to mentees (seed 000 §3.5, §IV stage 5 «формирование пар»)."""

from django.db import models


class Compatibility(models.IntegerChoices):
    """The psychologist's mark of how well a mentor and a mentee suit each other (seed 000 §3.5:
    «психолог также участвует в определении совместимости наставнических пар/групп»).

    Signed, so that it reads as a scale: positive — compatible, negative — not.
    """

    COMPATIBLE = 2, "совместимы"
    RATHER_COMPATIBLE = 1, "скорее совместимы"
    RATHER_INCOMPATIBLE = -1, "скорее несовместимы"
    INCOMPATIBLE = -2, "несовместимы"
