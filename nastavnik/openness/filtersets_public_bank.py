"""Search in the public open bank of mentors (issue 19, item 2; seed 001 §7.1.1): by competence
area, subject, form of mentoring, municipality and a free text over the name and the
organization. The filters are those of the signed-in open bank
(:class:`nastavnik.bank.open_bank_filtersets.OpenBankFilterSet`), so that a filter on an attribute
matches only mentors who published it; the municipality is a plain list of the municipalities
that have public mentors (no type-ahead: the visitor is not signed in).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from nastavnik.bank.open_bank_filtersets import NAME_FIELDS, OpenBankFilterSet
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import contains_q, startswith_q
from nastavnik.openness.choices import MentorRequestStatus
from nastavnik.openness.models import MentorRequest
from nastavnik.openness.selectors.public_mentors import public_mentors
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

#: The filters of the signed-in open bank the public one does not offer.
LEFT_OUT = ("min_level", "kind", "interaction_model", "organization_kind")


def public_municipalities():
    """The municipalities where some public mentor works (a queryset of ``OrgUnit``, by name):
    the organization's place of location or the municipality above it."""
    mentors = public_mentors()
    return (
        OrgUnit.objects.filter(level=Level.MUNICIPALITY)
        .filter(
            Q(pk__in=mentors.values("organization__municipality_id"))
            | Q(pk__in=mentors.values("organization__parent_id"))
        )
        .order_by("full_name")
    )


class PublicBankFilterSet(OpenBankFilterSet):
    """Filters of the public open bank over :func:`public_mentors` rows; unknown or invalid
    values are ignored by the view (``strict = False``) and named in a note."""

    q = django_filters.CharFilter(
        label="ФИО или организация",
        method="search_text",
        widget=forms.TextInput(attrs={"placeholder": "Фамилия или название организации"}),
    )
    municipality = django_filters.ModelChoiceFilter(
        label="Муниципальное образование",
        queryset=OrgUnit.objects.none(),
        method="in_municipality",
        empty_label="Все",
    )

    class Meta(OpenBankFilterSet.Meta):
        pass

    def __init__(self, *args, **kwargs):
        django_filters.FilterSet.__init__(self, *args, **kwargs)
        for name in LEFT_OUT:
            self.filters.pop(name, None)
        self.filters["municipality"].queryset = public_municipalities()
        bootstrap_widgets(self.form.fields)

    def search_text(self, queryset, name, value):
        """The words in the order of the ФИО (as the signed-in bank searches), or the whole
        text inside the organization's full or short name; ignoring case."""
        words = value.split()[: len(NAME_FIELDS)]
        by_name = Q()
        for word, field in zip(words, NAME_FIELDS, strict=False):
            by_name &= startswith_q(field, word)
        text = " ".join(value.split())[:200]
        by_organization = contains_q("organization__full_name", text) | contains_q(
            "organization__short_name", text
        )
        return queryset.filter(by_name | by_organization) if text else queryset


class MentorRequestFilterSet(django_filters.FilterSet):
    """Filters of the inbox of requests for mentors: the status."""

    status = django_filters.ChoiceFilter(
        label="Состояние", choices=MentorRequestStatus.choices, empty_label="Все"
    )

    class Meta:
        model = MentorRequest
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.form.fields)
