from django.db import models


class Sex(models.TextChoices):
    MALE = "M", "мужской"
    FEMALE = "F", "женский"


class QualificationCategory(models.TextChoices):
    """Qualification categories of pedagogical workers (Приказ Минпросвещения № 196 от 24.03.2023,
    incl. «педагог-методист» and «педагог-наставник»)."""

    NONE = "none", "без категории"
    CONFORMITY = "conformity", "соответствие занимаемой должности"
    FIRST = "first", "первая"
    HIGHEST = "highest", "высшая"
    METHODIST = "methodist", "педагог-методист"
    MENTOR = "mentor", "педагог-наставник"
