from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "nastavnik.mentoring"
    verbose_name = "Наставничество"

    def ready(self) -> None:
        """Tell ``people`` whom a participant works with: the partners of their active pairs
        (``people.partners``; people must not import mentoring)."""
        from nastavnik.mentoring.models import pair_mentee_ids, pair_partner_ids
        from nastavnik.people.partners import register_mentee_source, register_partner_source

        register_partner_source("pairs", pair_partner_ids)
        register_mentee_source("pairs", pair_mentee_ids)

        from nastavnik.mentoring.personal_data import (
            mentoring_is_active,
            mentoring_last_date,
            mentoring_sections,
            mentoring_wipe,
        )
        from nastavnik.people import personal_data

        personal_data.register(
            "mentoring",
            order=30,
            collect=mentoring_sections,
            last_date=mentoring_last_date,
            is_active=mentoring_is_active,
            wipe=mentoring_wipe,
        )

        # The home page's pairs tile, the user's pairs and meetings (core must not import mentoring).
        from nastavnik.core.home import register_home_block
        from nastavnik.mentoring.selectors.home import home_pairs

        register_home_block("pairs", home_pairs)

        # The work lists of the council member and the tutor (issue 13).
        from nastavnik.mentoring.selectors.home import home_work_lists

        register_home_block("work_lists", home_work_lists)

        from nastavnik.core.blocks import register_block
        from nastavnik.mentoring.selectors.home import person_card_pairs

        register_block("person_card", "pairs", person_card_pairs)
