from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "nastavnik.contests"
    verbose_name = "Конкурс муниципальных моделей наставничества"

    def ready(self):
        from nastavnik.contests import blocks
        from nastavnik.openness.blocks import register_public_block

        register_public_block(
            "region",
            "contests",
            title="Конкурс муниципальных моделей наставничества",
            template="contests/public_block.html",
            build=blocks.region_block,
            order=60,
        )
