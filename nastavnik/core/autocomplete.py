"""Type-ahead choosers: a scoped JSON endpoint and its widget (issue 16, «Lists that do not
grow with the region»).

A chooser is a choice field whose options grow with the data (organizations, municipalities,
persons, users). At the size of a region a ``<select>`` of every organization in scope weighed
650 KB on every list; here such a field renders at most its selected option and asks the
endpoint as the user types. Built on django-autocomplete-light (DAL, its Select2 widget and
view); the scripts come from the installed packages (``admin/js/vendor/…`` of
``django.contrib.admin``, ``autocomplete_light/…`` of DAL), not copied into the repository, and
none of them is inline (Content-Security-Policy).

One definition drives the field and the endpoint, so they cannot disagree: a :class:`Chooser`
names its ``rows`` — ``rows(user) -> QuerySet``, the scoped queryset the field validates against
(always built from ``Model.objects.for_user(user, action)`` or the same rule's helper) — how to
``search`` them, how to ``label`` a row and how to order them. The owning app declares it next
to its form (``register_chooser``), the form calls :func:`use_chooser`, the endpoint
``core:autocomplete`` (``/autocomplete/<kind>/?q=<text>&page=N``) answers DAL's JSON
(``{"results": [{"id", "text", "selected_text"}], "pagination": {"more"}}``) from the same
``rows``; a forged id outside ``rows(user)`` stays a form error.

Small scopes keep the plain ``<select>``: the widget reads at most :data:`SMALL_SCOPE` + 1 rows
when it renders (one query, capped) and, when there are no more than :data:`SMALL_SCOPE`, shows
them all as options, with no script — better for a school's curator who has three. Above that
the page carries only the selected option. Either way the HTML does not grow with the region.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from dal import autocomplete
from dal import forward as dal_forward
from dal_select2.widgets import ModelSelect2, ModelSelect2Multiple
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.views.generic import View

#: Up to this many choices in the user's scope a chooser stays a plain ``<select>``.
SMALL_SCOPE = 30
#: Rows per page of the endpoint.
PAGE_SIZE = 20
#: Longest search text taken (a longer one is cut): no name is longer.
MAX_TERM = 100
#: The prompt of an empty chooser.
PLACEHOLDER = "Начните вводить название…"


@dataclass(frozen=True)
class Chooser:
    """A type-ahead choice over a scoped queryset.

    ``kind`` — the endpoint's name (``/autocomplete/<kind>/``; letters, digits, hyphens);
    ``rows(user) -> QuerySet`` — every row the user may choose (the field's queryset, the
    endpoint's too); ``search(queryset, term) -> QuerySet`` — rows matching a non-empty
    ``term`` (already stripped, at most :data:`MAX_TERM` characters); ``label(row) -> str`` —
    the official Russian name shown (never a login); ``order`` — the ordering of results;
    ``prepare(queryset) -> QuerySet`` — ``select_related``/annotations ``label`` reads (applied
    by the endpoint and by the widget); ``placeholder`` — the prompt of an empty field;
    ``params`` — names of ids the rows depend on besides the user (``rows(user, roadmap=12)``):
    the form passes them to :func:`use_chooser`, the widget forwards them, the endpoint reads
    them back as ids (garbage or absent — no rows), and ``rows`` must check the user's right on
    what they name; ``label_for(user)`` / ``search_for(user)`` — where the name shown, or who
    may be found by it, depends on the viewer (a person without a consent to personal-data
    processing, 152-ФЗ art. 9): they return the ``label`` / ``search`` for that user.
    """

    kind: str
    rows: Callable
    search: Callable
    label: Callable = str
    order: tuple[str, ...] = ("pk",)
    prepare: Callable | None = None
    placeholder: str = PLACEHOLDER
    params: tuple[str, ...] = field(default_factory=tuple)
    label_for: Callable | None = None
    search_for: Callable | None = None

    def url(self) -> str:
        """The endpoint's address, ``/autocomplete/<kind>/``."""
        return reverse("core:autocomplete", kwargs={"kind": self.kind})

    def prepared(self, queryset: QuerySet) -> QuerySet:
        """``queryset`` with what ``label`` reads (``prepare``), in the chooser's order."""
        if self.prepare is not None:
            queryset = self.prepare(queryset)
        return queryset.order_by(*self.order)


#: kind → chooser; filled by :func:`register_chooser` in the apps' ``choosers`` modules.
CHOOSERS: dict[str, Chooser] = {}


def register_chooser(chooser: Chooser) -> Chooser:
    """Make ``chooser`` answer at ``/autocomplete/<kind>/``; returns it. Declare choosers in the
    owning app's ``choosers.py`` (found by :func:`chooser`) so that the endpoint of a higher
    app's model lives in that app. A second chooser of the same kind replaces the first (a
    module imported again)."""
    CHOOSERS[chooser.kind] = chooser
    return chooser


def chooser(kind: str) -> Chooser | None:
    """The chooser registered under ``kind`` (``None`` if there is none), the apps'
    ``choosers`` modules imported first."""
    if kind not in CHOOSERS:
        autodiscover_modules("choosers")
    return CHOOSERS.get(kind)


# --- the widget ---------------------------------------------------------------------------------


class _ChooserMixin:
    """Render as a plain ``<select>`` of every choice when the scope holds at most
    :data:`SMALL_SCOPE` rows, as DAL's Select2 widget (the selected options only) otherwise."""

    small_scope = SMALL_SCOPE

    def _small_choices(self) -> list | None:
        """The choices of a small scope (the empty one first where the field has it), read in
        one capped query (once per queryset: the page's media asks first, the field's
        rendering then); ``None`` when the scope is larger."""
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        if queryset is None:
            return None
        cached = getattr(self, "_small_cache", None)
        if cached is not None and cached[0] is queryset:
            return cached[1]
        rows = list(queryset[: self.small_scope + 1])
        if len(rows) > self.small_scope:
            small = None
        else:
            field = iterator.field
            empty = [("", field.empty_label)] if getattr(field, "empty_label", None) is not None else []
            small = empty + [iterator.choice(row) for row in rows]
        self._small_cache = (queryset, small)
        return small

    def get_context(self, name, value, attrs):
        self._small = self._small_choices()
        if self._small is None:
            return super().get_context(name, value, attrs)
        full = self.choices
        self.choices = self._small
        try:
            # A plain select: neither DAL's attributes nor its forward configuration.
            return forms.Select.get_context(self, name, value, attrs)
        finally:
            self.choices = full

    def build_attrs(self, base_attrs, extra_attrs=None):
        if getattr(self, "_small", None) is not None:
            return forms.Select.build_attrs(self, base_attrs, extra_attrs)
        return super().build_attrs(base_attrs, extra_attrs)

    def optgroups(self, name, value, attrs=None):
        if getattr(self, "_small", None) is not None:
            return forms.Select.optgroups(self, name, value, attrs)
        return super().optgroups(name, value, attrs)

    def filter_choices_to_render(self, selected_choices):
        """Only the selected rows; a value that is no id (garbage in the address) selects
        nothing — DAL would otherwise leave every choice in."""
        ids = [c for c in selected_choices if c and c.isascii() and c.isdigit() and len(c) < 19]
        self.choices.queryset = self.choices.queryset.filter(pk__in=ids)

    def render_forward_conf(self, id):
        """DAL's forward configuration without its inline style (``hidden`` instead): a data
        block, ``type="text/dal-forward-conf"``, which the browser does not run."""
        if not self.forward:
            return ""
        conf = json.dumps([self._make_forward_dict(f) for f in self.forward])
        return (
            f'<div hidden class="dal-forward-conf" id="dal-forward-conf-for_{self.attrs.get("id", id)}">'
            f'<script type="text/dal-forward-conf">{conf}</script></div>'
        )

    @property
    def media(self):
        """jQuery of ``django.contrib.admin`` first (DAL's scripts expect it), then DAL's
        Select2 scripts, styles and the Russian texts; nothing for a small scope (a plain
        select needs no script)."""
        if self._small_choices() is not None:
            return forms.Media()
        return forms.Media(js=["admin/js/vendor/jquery/jquery.min.js"]) + super().media


class ChooserSelect(_ChooserMixin, ModelSelect2):
    """One row: a plain ``<select>`` for a small scope, a type-ahead field otherwise."""


class ChooserSelectMultiple(_ChooserMixin, ModelSelect2Multiple):
    """Several rows: a plain multiple ``<select>`` for a small scope, a type-ahead field
    otherwise."""

    def get_context(self, name, value, attrs):
        self._small = self._small_choices()
        if self._small is None:
            return ModelSelect2Multiple.get_context(self, name, value, attrs)
        full = self.choices
        self.choices = [c for c in self._small if c[0] != ""]
        try:
            return forms.SelectMultiple.get_context(self, name, value, attrs)
        finally:
            self.choices = full

    def build_attrs(self, base_attrs, extra_attrs=None):
        if getattr(self, "_small", None) is not None:
            return forms.SelectMultiple.build_attrs(self, base_attrs, extra_attrs)
        return ModelSelect2Multiple.build_attrs(self, base_attrs, extra_attrs)

    def optgroups(self, name, value, attrs=None):
        if getattr(self, "_small", None) is not None:
            return forms.SelectMultiple.optgroups(self, name, value, attrs)
        return ModelSelect2Multiple.optgroups(self, name, value, attrs)


def use_chooser(form_field, chooser: Chooser, user, **params) -> None:
    """Turn ``form_field`` (a ``ModelChoiceField`` or ``ModelMultipleChoiceField`` of a built
    form) into ``chooser``: its queryset becomes ``chooser.rows(user, **params)`` (validation
    stays against the user's scope: a forged id is a form error) and its widget
    :class:`ChooserSelect` / :class:`ChooserSelectMultiple` pointing at the endpoint, which
    gets ``params`` (``Chooser.params``, ids) forwarded. The widget's CSS class is kept."""
    if set(params) != set(chooser.params):
        raise TypeError(f"{chooser.kind}: expected parameters {chooser.params}, got {tuple(params)}")
    forward_conf = [dal_forward.Const(value, name) for name, value in params.items()]
    multiple = isinstance(form_field, forms.ModelMultipleChoiceField)
    old = form_field.widget
    attrs = dict(old.attrs)
    attrs.setdefault("class", "form-select")
    attrs.setdefault("data-placeholder", chooser.placeholder)
    attrs.setdefault("data-minimum-input-length", "0")
    widget_class = ChooserSelectMultiple if multiple else ChooserSelect
    widget = widget_class(url=chooser.url(), forward=forward_conf, attrs=attrs)
    widget.is_required = old.is_required
    form_field.widget = widget
    form_field.queryset = chooser.prepared(chooser.rows(user, **params))


# --- the endpoint -------------------------------------------------------------------------------


class ChooserAutocompleteView(LoginRequiredMixin, autocomplete.Select2QuerySetView):
    """``GET /autocomplete/<kind>/?q=<text>&page=N``: the rows of chooser ``kind`` that the
    signed-in user may choose (``Chooser.rows``), matching ``q``, :data:`PAGE_SIZE` a page,
    as DAL's JSON. Unknown kind — 404; anonymous — to the login page; garbage ``q``, ``page``
    or ``forward`` — read as absent (never a 500). Only GET: nothing is created here."""

    http_method_allowed = ("GET",)
    paginate_by = PAGE_SIZE
    page_kwarg = "page"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.chooser = chooser(kwargs.get("kind", ""))
        if self.chooser is None:
            raise Http404("Нет такого выбора.")
        if request.method.upper() not in self.http_method_allowed:
            return HttpResponseNotAllowed(self.http_method_allowed)
        try:
            forwarded = json.loads(request.GET.get("forward") or "{}")
        except ValueError:
            forwarded = {}
        self.forwarded = forwarded if isinstance(forwarded, dict) else {}
        self.q = clean_term(request.GET.get("q", ""))
        # Not DAL's own dispatch: it refuses a garbage ``forward`` with an English message.
        return View.dispatch(self, request, *args, **kwargs)

    def get_queryset(self):
        params = {name: _id(self.forwarded.get(name)) for name in self.chooser.params}
        if None in params.values():  # no row has id 0: ``rows`` answers nothing for it
            return self.chooser.rows(self.request.user, **dict.fromkeys(params, 0)).none()
        queryset = self.chooser.rows(self.request.user, **params)
        if self.q:
            search = (
                self.chooser.search_for(self.request.user) if self.chooser.search_for else self.chooser.search
            )
            queryset = search(queryset, self.q)
        return self.chooser.prepared(queryset)

    def paginate_queryset(self, queryset, page_size):
        """Pages counted by reading one row past the page (no ``COUNT``); a page that is no
        number is the first, one past the end is empty."""
        raw = str(self.request.GET.get(self.page_kwarg) or "1").strip()
        number = int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) < 7 else 1
        number = max(number, 1)
        start = (number - 1) * page_size
        rows = list(queryset[start : start + page_size + 1])
        self._more = len(rows) > page_size
        return None, None, rows[:page_size], self._more

    def has_more(self, context):
        return self._more

    def render_to_response(self, context):
        """DAL's JSON (``results``, ``pagination.more``), Cyrillic written as is, not escaped (a
        third of the size)."""
        return JsonResponse(
            {"results": self.get_results(context), "pagination": {"more": self.has_more(context)}},
            json_dumps_params={"ensure_ascii": False},
        )

    def get_result_label(self, result):
        if not hasattr(self, "_label"):
            chooser = self.chooser
            self._label = chooser.label_for(self.request.user) if chooser.label_for else chooser.label
        return self._label(result)

    def get_selected_result_label(self, result):
        return self.get_result_label(result)


def _id(raw) -> int | None:
    """A forwarded id: a positive integer below 2**31 (an ``int`` or its ASCII digits), else
    ``None``."""
    if isinstance(raw, bool):
        return None
    text = str(raw).strip() if isinstance(raw, int | str) else ""
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 2**31 else None


def clean_term(raw) -> str:
    """The search text as typed, stripped, without NUL characters (PostgreSQL refuses them),
    cut to :data:`MAX_TERM` characters; "" for nothing."""
    return str(raw or "").replace("\x00", "").strip()[:MAX_TERM]
