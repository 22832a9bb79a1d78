from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "nastavnik.development"
    verbose_name = "Профессиональное развитие"

    def ready(self) -> None:
        """Add the tutor's work list to the home page and the trainings to the person's and the
        mentor's cards (core and bank read registered blocks; they do not import development)."""
        from nastavnik.development import blocks_courses, home_tutors

        home_tutors.register()
        blocks_courses.register()
