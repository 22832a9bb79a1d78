from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "nastavnik.reference"
    verbose_name = "Справочники"
