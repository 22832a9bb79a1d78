from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "nastavnik.practices"
    verbose_name = "Лучшие практики"
