from django.apps import AppConfig


class IncentivesConfig(AppConfig):
    name = "nastavnik.incentives"
    verbose_name = "Поощрение наставников"
