from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "nastavnik.people"
    verbose_name = "Педагогические работники"

    def ready(self) -> None:
        """Register the card's own part of what is stored about a person
        (``people.personal_data``)."""
        from nastavnik.people import personal_data  # noqa: F401
