"""Pages of a list whose count does not grow with the region (issue 16, Build 1).

An exact ``COUNT(*)`` over a scoped list reads every row of the scope: 268 ms for the people of
a region of 80,000 on PostgreSQL, on every page of the list. :class:`CappedPaginator` counts at
most :data:`COUNT_CAP` + 1 rows (``SELECT COUNT(*) FROM (… LIMIT 10001)``): a list longer than
that says «более 10 000» and its navigation goes on by «Вперёд» and «Назад» without knowing
the exact total. Where a figure must be exact (the export limit, a figure a user reports), ask
the queryset itself.
"""

from __future__ import annotations

import math

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

#: How many rows a list counts at most before it says «более 10 000».
COUNT_CAP = 10_000


def grouped(number: int) -> str:
    """«10 000»: thousands set apart by a no-break space, as Russian typography wants."""
    return f"{number:,}".replace(",", "\u00a0")


def capped_count(rows, cap: int = COUNT_CAP) -> int:
    """The number of ``rows`` (a queryset or a sequence), counted up to ``cap`` + 1: the exact
    count when it is at most ``cap``, ``cap + 1`` otherwise. A queryset costs one query that
    stops after ``cap + 1`` rows (its ordering dropped: it does not change a count)."""
    if isinstance(rows, QuerySet):
        return rows.order_by()[: cap + 1].count()
    return min(len(rows), cap + 1)


class CappedPage(Page):
    """A page of a :class:`CappedPaginator`: past the counted rows it knows whether a next page
    exists from the one row it read beyond the page."""

    def __init__(self, object_list, number, paginator, *, more: bool | None = None):
        super().__init__(object_list, number, paginator)
        self._more = more

    def has_next(self) -> bool:
        if self._more is not None:
            return self._more
        return super().has_next()

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` + 1 rows (:func:`capped_count`).

    ``count`` is exact up to ``cap``; when the list is longer, ``capped`` is true, ``count`` is
    ``cap + 1`` and ``count_label`` says «более 10 000». Pages within the counted rows work as
    usual; a page beyond them is read with one extra row, which tells whether a next page
    exists, and an empty one is :class:`~django.core.paginator.EmptyPage`. The number of
    queries is the same on every page: the count and the page.

    ``counted``: a queryset with as many rows as ``object_list`` but cheaper to count (without
    its per-row look-ups or annotations); ``None`` counts ``object_list`` itself.
    """

    cap = COUNT_CAP

    def __init__(self, object_list, per_page, *args, counted=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.counted = object_list if counted is None else counted

    @cached_property
    def count(self) -> int:
        return capped_count(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        """Whether the list is longer than the rows counted."""
        return self.count > self.cap

    @property
    def count_label(self) -> str:
        """The count as the list shows it: «37», «более 10 000»."""
        return f"более {grouped(self.cap)}" if self.capped else grouped(self.count)

    def validate_number(self, number) -> int:
        if not self.capped:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("Номер страницы должен быть целым числом.") from None
        if number < 1:
            raise EmptyPage("Номер страницы меньше 1.")
        if number > 2**31 // max(self.per_page, 1):  # an offset the database cannot bind
            raise EmptyPage("Такой страницы нет.")
        return number

    def page(self, number) -> Page:
        number = self.validate_number(number)
        if not self.capped or number * self.per_page <= self.cap:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows:
            raise EmptyPage("Такой страницы нет.")
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)

    def _get_page(self, *args, **kwargs) -> Page:
        return CappedPage(*args, **kwargs)

    @property
    def num_pages(self) -> int:
        """The pages known from the rows counted (all of them when the list is not capped)."""
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return math.ceil(hits / self.per_page)
