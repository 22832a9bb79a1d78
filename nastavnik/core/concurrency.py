"""Optimistic locking of records two users may edit at once (issue 17, build 7): a personalized
program, an activity of a roadmap, a person's card.

How it works, in four parts:

1. **The version.** A model inherits :class:`VersionedModel`: an integer ``version`` column, 1 for a
   new row, increased by one by *every* write of an existing row — :meth:`VersionedModel.save`
   adds ``version = version + 1`` to the UPDATE (the services, the admin, any ``save()``, whatever
   ``update_fields`` it names); a write that goes around ``save()`` (``QuerySet.update``,
   ``bulk_update``) sets ``version=`` :func:`version_bump` itself. A bookkeeping column the user
   never edits (the day a reminder was sent) may be written by ``update()`` without it.
2. **The form.** An edit form carries the version it was opened at in a hidden field
   (:func:`version_field_add`); its view passes it to the service as ``expected_version``.
3. **The service.** Before writing, it calls :func:`version_claim`: one conditional
   ``UPDATE … WHERE pk = … AND version = expected`` that also locks the row for the rest of the
   transaction (PostgreSQL row lock; SQLite's write lock), so that the check and the write cannot
   be split by another writer. No row matched: :class:`ConcurrentEditError`, with the row as it is
   stored now, and nothing is written. ``expected_version=None`` (a caller that does not know the
   version: the system, an old API client) skips the check.
4. **The page.** :class:`ConcurrentEditViewMixin` catches the error, keeps the user's values in the
   form, puts the stored version's number in the hidden field and shows the two versions side by
   side, field by field with the differences marked (``includes/concurrent_edit.html``); saving
   again writes the user's values over the stored ones knowingly. The API gets the same through
   the services: the error is a ``ValidationError`` (400, the message in ``non_field_errors``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.expressions import Combinable
from django.utils import timezone

#: The first words of the refusal (issue 17, build 7: «запись изменена другим пользователем»).
CONFLICT_MESSAGE = (
    "Запись изменена другим пользователем, пока вы её редактировали. Ваши изменения не сохранены: "
    "они остались в форме. Сравните их с сохранёнными сведениями и сохраните снова."
)
#: The refusal when the row was deleted while the form was open.
DELETED_MESSAGE = "Запись удалена другим пользователем, пока вы её редактировали: изменения сохранить некуда."
#: The largest version a form accepts (the column is a PostgreSQL ``integer``).
MAX_VERSION = 2**31 - 1


class VersionedModel(models.Model):
    """Abstract base of a model edited under optimistic locking: ``version`` (1 for a new row)
    grows by one with every ``save()`` of an existing row, in the database (``version + 1``,
    never a value computed in Python, so that two writers who loaded the same row still give two
    versions), and is read back after the write (one query). The column has a database default
    too, so that rows written by SQL alone (the synthetic data set, ``COPY``) start at 1."""

    version = models.PositiveIntegerField("версия записи", default=1, db_default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save as Django does, increasing ``version`` when an existing row is updated (also when
        ``update_fields`` does not name it)."""
        update_fields = kwargs.get("update_fields")
        bump = not self._state.adding and self.pk is not None and update_fields != []
        previous = self.version
        if bump:
            self.version = version_bump()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.version = previous
            raise
        if bump:
            self.refresh_from_db(fields=["version"])


def version_bump() -> Combinable:
    """The expression ``version + 1``, for a write that goes around ``save()``:
    ``Model.objects.filter(…).update(…, version=version_bump())``, or set on each instance given
    to ``bulk_update`` with ``"version"`` among its fields."""
    return F("version") + 1


class ConcurrentEditError(ValidationError):
    """The row changed (or was deleted) since the form was opened; nothing was written.

    ``current``: the row as it is stored now (``None`` when it was deleted); ``expected``: the
    version the form was opened at; ``actual``: the stored version (``None`` when deleted). A
    ``ValidationError``, so that a caller that does not know it still shows the Russian message
    (a page's form, the API's 400) and never fails with a server error.
    """

    def __init__(self, *, current, expected: int):
        super().__init__(CONFLICT_MESSAGE if current is not None else DELETED_MESSAGE, code="concurrent_edit")
        self.current = current
        self.expected = expected
        self.actual = current.version if current is not None else None


def version_claim(model: type[models.Model], pk, expected_version: int | None) -> None:
    """Check, inside the writing transaction, that row ``pk`` of ``model`` (a
    :class:`VersionedModel`) is still at ``expected_version``, and lock it until the transaction
    ends; ``expected_version=None``: no check (nothing is done).

    One statement, ``UPDATE … SET version = version WHERE pk = … AND version = expected``: on
    PostgreSQL a concurrent writer's lock is waited for and the condition evaluated again on the
    row it committed; on SQLite the statement takes the database's write lock. Call it before
    reading the row to change it; the write that follows (``save()``) increases the version.

    Raises:
        RuntimeError: called outside a transaction (the lock would end at once).
        ConcurrentEditError: the row is at another version, or was deleted (Russian message).
    """
    from django.db import transaction

    if expected_version is None:
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("version_claim must run inside the transaction that writes the row")
    manager = model._default_manager
    if manager.filter(pk=pk, version=expected_version).update(version=F("version")):
        return
    raise ConcurrentEditError(current=manager.filter(pk=pk).first(), expected=expected_version)


# Forms -------------------------------------------------------------------------------------------


class VersionField(forms.IntegerField):
    """The hidden field with the version a form was opened at; empty means «not known» (the
    service then does not check)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_VERSION)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Форма повреждена: откройте страницу изменения заново.",
                "min_value": "Форма повреждена: откройте страницу изменения заново.",
                "max_value": "Форма повреждена: откройте страницу изменения заново.",
            },
        )
        super().__init__(**kwargs)


#: The name of the hidden field.
VERSION_FIELD = "version"


def version_field_add(form: forms.BaseForm, instance) -> None:
    """Give ``form`` the hidden ``version`` field (:class:`VersionField`), opened at
    ``instance.version`` (no version for a new record: ``instance`` ``None`` or unsaved). Call it
    at the end of the form's ``__init__``; read the value with :func:`expected_version`."""
    form.fields[VERSION_FIELD] = VersionField()
    if instance is not None and instance.pk is not None:
        form.initial[VERSION_FIELD] = instance.version


def expected_version(form: forms.BaseForm) -> int | None:
    """The version ``form`` (valid) was opened at, or ``None`` when it has none."""
    return form.cleaned_data.get(VERSION_FIELD)


@dataclass(frozen=True)
class ConflictRow:
    """One field of the comparison: its label, the user's unsaved value and the stored one as
    the page writes them, and whether they differ."""

    name: str
    label: str
    mine: str
    stored: str

    @property
    def differs(self) -> bool:
        return self.mine != self.stored


EMPTY = "—"


def _model_label(model, pk) -> str:
    try:
        found = model._default_manager.filter(pk=pk).first()
    except (TypeError, ValueError, ValidationError):
        found = None
    return str(found) if found is not None else str(pk)


def _one(field: forms.Field, value) -> str:
    """One value of ``field`` (as a bound form's data or an unbound form's initial holds it) in
    words."""
    if value is None or value == "":
        return EMPTY
    if isinstance(field, forms.ModelChoiceField):
        if isinstance(value, models.Model):
            return str(value)
        return _model_label(field.queryset.model, value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): str(label) for key, label in field.choices}
        return labels.get(str(value), str(value))
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        try:
            flag = field.to_python(value)
        except ValidationError:
            return str(value)
        return EMPTY if flag is None else ("Да" if flag else "Нет")
    if isinstance(field, forms.DateField):
        try:
            day = field.to_python(value)
        except ValidationError:
            return str(value)
        return f"{day:%d.%m.%Y}" if isinstance(day, dt.date) else EMPTY
    if isinstance(field, forms.DateTimeField):
        try:
            moment = field.to_python(value)
        except ValidationError:
            return str(value)
        return f"{timezone.localtime(moment):%d.%m.%Y %H:%M}" if moment else EMPTY
    return "\n".join(line.rstrip() for line in str(value).strip().splitlines()) or EMPTY


def value_text(field: forms.Field, value) -> str:
    """The value of ``field`` in words, as the comparison shows it: a choice by its label, a
    row by its name, a date «ДД.ММ.ГГГГ», «Да»/«Нет», several values joined by «; » in a stable
    order, «—» for none."""
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        values = (
            value
            if isinstance(value, list | tuple | set | frozenset)
            else ([] if value in (None, "") else [value])
        )
        texts = sorted(_one(field, item) for item in values)
        return "; ".join(texts) if texts else EMPTY
    return _one(field, value)


def conflict_rows(mine: forms.BaseForm, stored: forms.BaseForm) -> list[ConflictRow]:
    """The comparison of the user's form ``mine`` (bound) with ``stored``, the same form opened
    on the stored row (unbound): one :class:`ConflictRow` per visible field, in the form's order."""
    rows = []
    for name, field in mine.fields.items():
        if name == VERSION_FIELD or field.widget.is_hidden or name not in stored.fields:
            continue
        rows.append(
            ConflictRow(
                name=name,
                label=str(field.label or name),
                mine=value_text(field, mine[name].value()),
                stored=value_text(stored.fields[name], stored[name].value()),
            )
        )
    return rows


# Views -------------------------------------------------------------------------------------------


class ConcurrentEditViewMixin:
    """For an edit page whose service raises :class:`ConcurrentEditError` (a form view with the
    ``service_refused(form, exc)`` hook: ``core.views.ScopedFormView``,
    ``roadmaps.views.RoadmapFormView``). On a conflict the page answers 409 with the form as the
    user filled it — its hidden version now the stored one, so that saving again applies the
    user's values knowingly — and ``conflict`` in the context: ``{"message", "rows"
    (:class:`ConflictRow`), "changed" (how many differ), "updated_at" (when the stored version
    was written, if the model keeps it)}``, shown by ``includes/concurrent_edit.html``.

    ``conflict_instance_kwarg``: the form's keyword that takes the record (``instance`` for a
    ``ModelForm``); the form opened on the stored record is built with :meth:`get_form_kwargs`
    without the posted data.
    """

    conflict_instance_kwarg = "instance"
    conflict = None

    def service_refused(self, form, exc):
        if isinstance(exc, ConcurrentEditError):
            return self.concurrent_edit_refused(form, exc)
        return super().service_refused(form, exc)

    def form_invalid(self, form):
        # The hidden field's error (a damaged form) is shown above the form, where users see it.
        for error in form.errors.pop(VERSION_FIELD, []):
            form.add_error(None, error)
        return super().form_invalid(form)

    def stored_form(self, current):
        """The form opened on ``current``, the stored record (unbound)."""
        kwargs = {k: v for k, v in self.get_form_kwargs().items() if k not in ("data", "files")}
        kwargs[self.conflict_instance_kwarg] = current
        return self.get_form_class()(**kwargs)

    def concurrent_edit_refused(self, form, exc: ConcurrentEditError):
        if exc.current is None:
            form.add_error(None, exc.messages[0])
            return self.render_to_response(self.get_context_data(form=form), status=409)
        data = form.data.copy()
        data[form.add_prefix(VERSION_FIELD)] = str(exc.current.version)
        form.data = data
        rows = conflict_rows(form, self.stored_form(exc.current))
        self.conflict = {
            "message": exc.messages[0],
            "rows": rows,
            "changed": sum(1 for row in rows if row.differs),
            "updated_at": getattr(exc.current, "updated_at", None),
        }
        messages.error(self.request, "Изменения не сохранены: запись изменена другим пользователем.")
        return self.render_to_response(self.get_context_data(form=form, conflict=self.conflict), status=409)
