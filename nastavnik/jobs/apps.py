from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "nastavnik.jobs"
    verbose_name = "Фоновые задания"
