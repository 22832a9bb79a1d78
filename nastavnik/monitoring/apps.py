from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "nastavnik.monitoring"
    verbose_name = "Мониторинг"

    def ready(self) -> None:
        """Connect monitoring to the lower apps' registries and the programs' signals."""
        from nastavnik.monitoring import hooks

        hooks.connect()
