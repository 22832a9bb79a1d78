from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nastavnik.core"
    verbose_name = "Основное"

    def ready(self) -> None:
        from nastavnik.core import lookups

        lookups.register()
