from django.apps import AppConfig


class OpennessConfig(AppConfig):
    name = "nastavnik.openness"
    verbose_name = "Открытость"

    def ready(self) -> None:
        """The public mentors' cards in the sitemap (``openness.sitemaps_public_bank``)."""
        from nastavnik.openness.sitemaps import register_sitemap
        from nastavnik.openness.sitemaps_public_bank import PublicMentorSitemap

        register_sitemap("mentors", PublicMentorSitemap)
