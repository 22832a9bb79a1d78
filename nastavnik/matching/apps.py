from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "nastavnik.matching"
    verbose_name = "Подбор наставников"

    def ready(self) -> None:
        """The psychologist's work lists on the home page (core must not import matching); the
        job kind of the whole-pool assignment (``matching.tasks``, also listed in
        ``NASTAVNIK_JOBS_MODULES``) registered in every process that loads the app."""
        from nastavnik.core.home import register_home_block
        from nastavnik.matching import tasks  # noqa: F401  (registers the job kind)
        from nastavnik.matching.selectors import home_psychologist

        register_home_block("psychologist", home_psychologist)
