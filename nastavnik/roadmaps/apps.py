from django.apps import AppConfig


class RoadmapsConfig(AppConfig):
    name = "nastavnik.roadmaps"
    verbose_name = "Дорожные карты"

    def ready(self) -> None:
        """Add the roadmap block to the home page (core must not import roadmaps)."""
        from nastavnik.core.home import register_home_block
        from nastavnik.roadmaps.selectors import home_roadmaps

        register_home_block("roadmaps", home_roadmaps)
