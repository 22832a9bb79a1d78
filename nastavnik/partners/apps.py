from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """The registry of partner organizations and their agreements (issue 20; seed 002 §1, §6);
    the models live in ``organizations``."""

    name = "nastavnik.partners"
    verbose_name = "Организации-партнёры"
