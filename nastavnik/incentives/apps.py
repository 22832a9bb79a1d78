from django.apps import AppConfig


class IncentivesConfig(AppConfig):
    name = "nastavnik.incentives"
    verbose_name = "Поощрение наставников"

    def ready(self) -> None:
        """Add the mentor's incentives and effectiveness to the bank's mentor card (the bank reads
        registered blocks, ``core.blocks``)."""
        from nastavnik.incentives import blocks

        blocks.register()
