"""FilterSet of the journal: period, user, kind of action, kind of object, search by object."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst

from nastavnik.audit.choices import EventKind
from nastavnik.audit.choosers import JOURNAL_ACTORS
from nastavnik.audit.display import ActorNamer
from nastavnik.audit.models import AuditEvent
from nastavnik.audit.subjects import user_name
from nastavnik.core.autocomplete import use_chooser
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import contains_q


class ActorChoiceField(forms.ModelChoiceField):
    """Users by their person's full name, never by the login."""

    def label_from_instance(self, obj) -> str:
        return user_name(obj)


class ActorFilter(django_filters.ModelChoiceFilter):
    field_class = ActorChoiceField


class AuditEventFilterSet(django_filters.FilterSet):
    """The choices of «Пользователь» and «Вид объекта» are those met in the entries the user
    sees (the ``queryset`` the view passes in)."""

    q = django_filters.CharFilter(
        label="Объект",
        method="search",
        widget=forms.TextInput(attrs={"placeholder": "ФИО, наименование, файл"}),
    )
    date_from = django_filters.DateFilter(
        label="С",
        field_name="timestamp__date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label="По",
        field_name="timestamp__date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    actor = ActorFilter(label="Пользователь", queryset=get_user_model().objects.none(), empty_label="Все")
    kind = django_filters.ChoiceFilter(
        label="Действие", choices=EventKind.choices, method="of_kind", empty_label="Все"
    )
    content_type = django_filters.ChoiceFilter(label="Вид объекта", choices=[], empty_label="Все")

    class Meta:
        model = AuditEvent
        fields = ["q", "date_from", "date_to", "actor", "kind", "content_type"]

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, queryset=queryset, **kwargs)
        visible = queryset.order_by() if queryset is not None else AuditEvent.objects.none()
        actors = get_user_model().objects.filter(pk__in=visible.values("actor_id")).select_related("person")
        self.filters["actor"].queryset = actors.order_by(
            "person__last_name", "person__first_name", "last_name", "first_name", "pk"
        )
        kinds = ContentType.objects.filter(pk__in=visible.values("content_type_id"))
        choices = []
        for content_type in kinds:
            model = content_type.model_class()
            if model is None:
                continue
            label = "Файл" if model is AuditEvent else capfirst(str(model._meta.verbose_name))
            choices.append((str(content_type.pk), label))
        self.filters["content_type"].extra["choices"] = sorted(choices, key=lambda choice: choice[1])
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated:
            # Everyone who acted in a region's journal: typed, not listed (issue 16).
            use_chooser(self.form.fields["actor"], JOURNAL_ACTORS, user)
            self.form.fields["actor"].label_from_instance = ActorNamer(user).user
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(contains_q("object_repr", value)) if value else queryset

    def of_kind(self, queryset, name, value):
        return queryset.of_kind(value) if value else queryset
