from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "nastavnik.development"
    verbose_name = "Профессиональное развитие"

    def ready(self) -> None:
        """Add the tutor's work list to the home page, the trainings to the person's and the
        mentor's cards (core and bank read registered blocks; they do not import development), and
        development's part of a person's data to the registry of personal data."""
        from nastavnik.development import blocks_courses, home_tutors

        home_tutors.register()
        blocks_courses.register()

        # the person's diagnoses on their card
        from nastavnik.core.blocks import register_block
        from nastavnik.development.selectors.diagnoses import diagnoses_block

        register_block("person_card", "development_diagnoses", diagnoses_block)

        # what development keeps about a person (the registry of personal data, 152-ФЗ art. 14, 21)
        from nastavnik.development.personal_data import (
            development_is_active,
            development_last_date,
            development_sections,
            development_wipe,
        )
        from nastavnik.people import personal_data

        personal_data.register(
            "development",
            order=25,
            collect=development_sections,
            last_date=development_last_date,
            is_active=development_is_active,
            wipe=development_wipe,
        )
