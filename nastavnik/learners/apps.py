from django.apps import AppConfig


class LearnersConfig(AppConfig):
    """Mentoring of learners (issue 20; seed 003 §4, 002 §9–§10): the pages of learners, their
    legal representatives and participants outside the staff; the models live in ``people``."""

    name = "nastavnik.learners"
    verbose_name = "Наставничество обучающихся"
