"""The FilterSet of the tutors' list (issue 18, Build 3): the tutors of the region by name and
sorted by their load."""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms import TextInput

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import startswith_q
from nastavnik.development.selectors.tutors import LOAD_SORTS

#: The orders of the list besides «by name» (the empty choice): each figure of the load, the largest first.
SORT_CHOICES = [
    (f"-{key}", f"{label.lower()}: больше сначала")
    for key, (label, _attr) in LOAD_SORTS.items()
    if key != "name"
]


class TutorFilterSet(django_filters.FilterSet):
    """Tutors (users) whose surname and name start with the words typed (the person's, else the
    account's); ``sort`` is read by the page (:func:`selectors.tutors.tutor_loads`), not a
    filter of rows."""

    q = django_filters.CharFilter(
        label="Поиск", method="search", widget=TextInput(attrs={"placeholder": "Фамилия и имя тьютора"})
    )
    sort = django_filters.ChoiceFilter(
        label="Порядок", choices=SORT_CHOICES, empty_label="по ФИО", method="keep"
    )

    class Meta:
        model = get_user_model()
        fields = ["q", "sort"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        words = value.split()[:2]
        if not words:
            return queryset
        condition = Q()
        for word, field in zip(words, ("last_name", "first_name"), strict=False):
            condition &= startswith_q(f"person__{field}", word) | (
                Q(person__isnull=True) & startswith_q(field, word)
            )
        return queryset.filter(condition)

    def keep(self, queryset, name, value):
        return queryset

    @property
    def sort_key(self) -> str:
        """The chosen order (``"name"`` when none or invalid)."""
        if self.form.is_bound and self.form.is_valid():
            return self.form.cleaned_data.get("sort") or "name"
        return "name"
