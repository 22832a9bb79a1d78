"""The public mentors' cards in ``/sitemap.xml`` (issue 19, item 2): only the mentors of
:func:`~nastavnik.openness.selectors.public_mentors.public_mentors` — a mentor without the consent
to distribution (152-ФЗ art. 10.1) is never listed."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PublicMentorSitemap(Sitemap):
    """Every public mentor's card ``/mentors/<pk>/``."""

    changefreq = "weekly"

    def items(self):
        from nastavnik.openness.selectors.public_mentors import public_mentors

        return list(public_mentors().values_list("pk", "updated_at"))

    def location(self, item) -> str:
        return reverse("public_bank:mentor", args=[item[0]])

    def lastmod(self, item):
        return item[1]
