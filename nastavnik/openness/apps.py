from django.apps import AppConfig


class OpennessConfig(AppConfig):
    name = "nastavnik.openness"
    verbose_name = "Открытость"
