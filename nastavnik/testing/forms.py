"""What a browser would post back from a page's form left as it was opened: tests change a few
values of it instead of spelling out every field."""

from __future__ import annotations

import datetime as dt

from django import forms


def _posted(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def opened_form_data(form: forms.BaseForm, **changes) -> dict:
    """The POST data of ``form`` (an unbound form as a page rendered it: ``response.context
    ["form"]``) with every field at its initial value — a ticked checkbox as ``"on"``, an
    unticked one left out, a list of choices as a list — then ``changes`` (field name → value;
    ``None`` leaves the field out)."""
    data: dict = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            data[bound.html_name] = ""
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [_posted(item) for item in value]
        else:
            data[bound.html_name] = _posted(value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
