from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "nastavnik.contests"
    verbose_name = "Конкурс муниципальных моделей наставничества"
