from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nastavnik.api"
    verbose_name = "Программный интерфейс (API)"
