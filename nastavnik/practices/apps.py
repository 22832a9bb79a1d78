from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "nastavnik.practices"
    verbose_name = "Лучшие практики"

    def ready(self):
        from nastavnik.core.home import register_home_block
        from nastavnik.openness.blocks import register_public_block
        from nastavnik.practices import blocks

        template = "practices/public_block.html"
        register_public_block(
            "organization",
            "practices",
            title="Лучшие практики",
            template=template,
            build=blocks.organization_block,
            order=40,
        )
        for page in ("municipality", "region"):
            register_public_block(
                page,
                "practices",
                title="Лучшие практики",
                template=template,
                build=blocks.area_block,
                order=40,
            )
        register_home_block("practices_moderation", blocks.home_block)

        from nastavnik.openness.sitemaps import register_sitemap
        from nastavnik.practices.sitemaps import PracticeListSitemap, PracticeSitemap

        register_sitemap("practices_base", PracticeListSitemap)
        register_sitemap("practices", PracticeSitemap)
