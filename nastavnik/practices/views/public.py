"""Public pages of the regional base of effective programs of mentoring (seed 000 App. 2 §2.3:
«Актуальная региональная база эффективных программ наставничества»): no sign-in; only published
cases, read through selectors that take no user. A case not published is a 404, and so are its
files."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from nastavnik.core.files import private_file_response
from nastavnik.core.pagination import CappedPaginator
from nastavnik.practices.filtersets import PublicPracticeFilterSet
from nastavnik.practices.selectors.practices import public_file, public_practice, public_practices


class PublicPracticeListView(FilterView):
    """The base: search by words, form, kind, area, municipality and organization; paginated.
    Garbage in the query string is treated as no filter (``strict = False``)."""

    filterset_class = PublicPracticeFilterSet
    template_name = "practices/public_list.html"
    paginate_by = settings.NASTAVNIK_PAGE_SIZE
    paginator_class = CappedPaginator
    strict = False

    def get_queryset(self):
        return public_practices()

    def paginate_queryset(self, queryset, page_size):
        """The page asked for; a page number that is not one (``0``, ``abc``) gives the first
        page and one past the end the last (a visitor's address is never a 404)."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class PublicPracticeDetailView(TemplateView):
    """One published case with its files; 404 for any other."""

    template_name = "practices/public_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        practice = public_practice(self.kwargs["pk"])
        if practice is None:
            raise Http404("Практика не найдена или не опубликована.")
        context.update(practice=practice, files=list(practice.files.all()))
        return context


class PublicPracticeFileView(View):
    """A file of a published case; 404 for the files of any other."""

    def get(self, request, *args, **kwargs):
        row = public_file(kwargs["pk"])
        if row is None:
            raise Http404("Файл не найден или практика не опубликована.")
        return private_file_response(row.file)
