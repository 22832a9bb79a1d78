"""The practices' part of ``/sitemap.xml`` (issue 19: «a sitemap»): the public base and every
published case (registered by ``PracticesConfig.ready`` with ``openness.sitemaps.register_sitemap``)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PracticeListSitemap(Sitemap):
    """The regional base of effective programs."""

    changefreq = "weekly"

    def items(self):
        return ["practices:public_list"]

    def location(self, item) -> str:
        return reverse(item)


class PracticeSitemap(Sitemap):
    """Every published case."""

    changefreq = "monthly"

    def items(self):
        from nastavnik.practices.models import BestPractice

        return BestPractice.objects.published().only("pk", "updated_at").order_by("pk")

    def location(self, practice) -> str:
        return practice.get_public_url()

    def lastmod(self, practice):
        return practice.updated_at
