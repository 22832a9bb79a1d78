from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "nastavnik.mentoring"
    verbose_name = "Наставничество"

    def ready(self) -> None:
        # The home page's pairs tile, the user's pairs and meetings (core must not import mentoring).
        from nastavnik.core.home import register_home_block
        from nastavnik.mentoring.selectors.home import home_pairs

        register_home_block("pairs", home_pairs)
