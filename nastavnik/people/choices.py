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


class LearnerKind(models.TextChoices):
    """A learner (обучающийся) of a school or of a college (seed 003 §4; 002 §9)."""

    PUPIL = "pupil", "ученик"
    STUDENT = "student", "студент"


class RepresentativeKind(models.TextChoices):
    """Who is a minor's legal representative (Семейный кодекс РФ ст. 64, Гражданский кодекс РФ
    ст. 31–33; seed 002 §10)."""

    MOTHER = "mother", "мать"
    FATHER = "father", "отец"
    ADOPTIVE_PARENT = "adoptive_parent", "усыновитель"
    GUARDIAN = "guardian", "опекун"
    TRUSTEE = "trustee", "попечитель"


class NonStaffCategory(models.TextChoices):
    """Mentors and other participants who are not on the organization's staff nor its learners
    (seed 003 §4.5: the internal contour — parents active in the councils, organizers of leisure;
    the external contour — alumni, employees of partner enterprises, entrepreneurs and public
    figures, representatives of partner organizations; 000 §2.3: a teacher of a university or
    college)."""

    PARENT = "parent", "родитель обучающегося (член родительского или управляющего совета)"
    LEISURE_ORGANIZER = "leisure_organizer", "организатор досуговой деятельности"
    ALUMNUS = "alumnus", "выпускник"
    EMPLOYER = "employer", "сотрудник предприятия (работодателя)"
    ENTREPRENEUR = "entrepreneur", "предприниматель или общественный деятель"
    PARTNER_REPRESENTATIVE = "partner_rep", "представитель организации-партнёра"
    UNIVERSITY_TEACHER = "university_teacher", "преподаватель вуза или колледжа"
    OTHER = "other", "иное"


#: The internal contour of mentors for learners (seed 003 §4.5): the others are the external one.
INTERNAL_CONTOUR_CATEGORIES = frozenset({NonStaffCategory.PARENT, NonStaffCategory.LEISURE_ORGANIZER})
