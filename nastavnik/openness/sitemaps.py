"""The sitemap of the public pages (issue 19: «a sitemap»): ``/sitemap.xml`` gathers every
registered ``Sitemap``. The public section registers its own here; the other parts of the public
pages (the open bank, best practices, the contest) call :func:`register_sitemap` from their
``AppConfig.ready``.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

#: name → ``Sitemap`` class; the dict itself is given to the view, so later registrations count.
SITEMAPS: dict[str, type[Sitemap]] = {}


def register_sitemap(name: str, sitemap: type[Sitemap]) -> None:
    """Add (or replace) the sitemap ``name`` of ``/sitemap.xml``."""
    SITEMAPS[name] = sitemap


class SectionSitemap(Sitemap):
    """Every published section «Наставничество» (an organization's only under a published
    municipality's section)."""

    changefreq = "weekly"

    def items(self):
        from nastavnik.openness.selectors.sections import published_sections

        return published_sections()

    def location(self, section) -> str:
        from nastavnik.openness.selectors.sections import public_url

        return public_url(section)

    def lastmod(self, section):
        return section.updated_at


register_sitemap("sections", SectionSitemap)
