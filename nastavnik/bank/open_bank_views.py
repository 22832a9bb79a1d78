"""Pages of the open bank of mentors (seed 001 §7.1.1): the search and a mentor's card.

Open to every signed-in user of the region whatever their role (anonymous visitors are sent
to sign in); the content is the same for all, so no scope applies here.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import Count, Window
from django.http import Http404
from django.views.generic import TemplateView
from django_filters.views import FilterView

from nastavnik.bank.models import MentorProfile
from nastavnik.bank.open_bank_filtersets import OpenBankFilterSet
from nastavnik.bank.open_bank_selectors import (
    open_bank_card,
    open_bank_mentors,
    open_bank_page,
    with_card_relations,
)
from nastavnik.core.pagination import CappedPaginator


class CountingPaginator(CappedPaginator):
    """Pages a queryset of ids. On SQLite the page and the total come in one query
    (``COUNT(*) OVER ()``), so the filters of a search — the name search in particular, a
    Python regular expression per row there — run once rather than twice.

    Elsewhere the capped count (``core.pagination.CappedPaginator``: at most 10,000 + 1 rows)
    and the page queries are kept: PostgreSQL plans each of them well,
    while for the windowed one, seeing the LIMIT, it may walk the ФИО index over every person
    expecting to stop early, which a window over all rows never does.

    ``page(n).object_list`` is the list of ids of page ``n``.
    """

    def page(self, number):
        if connection.vendor != "sqlite":
            return super().page(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("Номер страницы должен быть целым числом.") from None
        if number < 1:
            raise EmptyPage("Номер страницы меньше 1.")
        if number > 2**31:  # an offset SQLite cannot bind: no such page
            raise EmptyPage("Такой страницы нет.")
        bottom = (number - 1) * self.per_page
        rows = list(
            self.object_list.annotate(_total=Window(Count("*"))).values_list("pk", "_total")[
                bottom : bottom + self.per_page
            ]
        )
        if rows:
            self.__dict__["count"] = rows[0][1]
        else:
            # Nothing found (page 1), or a page past the end: only then a separate count.
            self.__dict__["count"] = self.object_list.count() if number > 1 else 0
            if number > self.num_pages:
                raise EmptyPage("Такой страницы нет.")
        return self._get_page([pk for pk, _total in rows], number, self)


class OpenBankSearchMixin:
    """The search of an open bank, shared by the signed-in open bank (:class:`OpenBankListView`)
    and the public one (``openness.views_public_bank``): the filters over ``get_queryset()`` (bare
    profiles), the count found and a page of cards.

    Context: ``filter``, ``page_obj``, ``paginator``, ``cards`` (``OpenBankCard`` of the page),
    ``query_without_page``. The number of queries does not depend on the page length: the
    total and the page of ids (one query on SQLite, two elsewhere), the cards in six more.
    """

    paginate_by = settings.NASTAVNIK_PAGE_SIZE
    paginator_class = CountingPaginator
    strict = False

    def paginate_queryset(self, queryset, page_size):
        """Page over the ids (narrow rows sort fast), then load the page's cards."""
        paginator, page, ids, is_paginated = super().paginate_queryset(
            queryset.values_list("pk", flat=True), page_size
        )
        page.object_list = open_bank_page(list(ids))
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cards"] = [open_bank_card(profile) for profile in context["object_list"]]
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


def open_bank_profile(queryset, pk) -> MentorProfile:
    """The profile ``pk`` among ``queryset`` (a queryset of an open bank) with its card relations;
    404 for anyone not in it — the same answer as for a missing card, so nothing is revealed."""
    try:
        return with_card_relations(queryset).get(pk=pk)
    except (MentorProfile.DoesNotExist, ValueError, TypeError):
        raise Http404("Наставник не найден в открытом банке.") from None


class OpenBankListView(LoginRequiredMixin, OpenBankSearchMixin, FilterView):
    """The search in the open bank of signed-in users (:class:`OpenBankSearchMixin`)."""

    filterset_class = OpenBankFilterSet
    template_name = "bank/open_bank/list.html"

    def get_queryset(self):
        return open_bank_mentors()


class OpenBankDetailView(LoginRequiredMixin, TemplateView):
    """One mentor's card in the open bank; 404 for anyone not in it (not published, no valid
    consent, not trained or active, no longer working in the organization) — the same answer
    as for a missing card, so nothing is revealed."""

    template_name = "bank/open_bank/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["card"] = open_bank_card(open_bank_profile(open_bank_mentors(), self.kwargs["pk"]))
        return context
