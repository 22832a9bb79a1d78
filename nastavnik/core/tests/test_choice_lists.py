"""Lists of radio buttons and checkboxes stay clickable (found by the browser test of issue 18: the
deficits of a route's activity lay under the course field's help text): no list's wrapper is
given an input's class — neither by ``core.forms.bootstrap_widgets`` nor by a form of the
project setting it on the widget."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms

from nastavnik.core.forms import bootstrap_widgets

ROOT = Path(__file__).resolve().parents[2]  # the ``nastavnik`` package
#: A class given to a radio or checkbox list (on the widget, or on a field's widget afterwards).
CLASSED_LIST = re.compile(
    r"(RadioSelect|CheckboxSelectMultiple)\(\s*attrs=\{[^}]*[\"']class[\"']"
    r"|\.widget\.attrs\[[\"']class[\"']\]\s*=\s*[\"']form-check-input[\"']"
)


class _Form(forms.Form):
    single = forms.ChoiceField(choices=[("a", "Первый"), ("b", "Второй")], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(
        choices=[("a", "Первый"), ("b", "Второй")], widget=forms.CheckboxSelectMultiple
    )
    flag = forms.BooleanField()
    text = forms.CharField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


def test_a_list_wrapper_takes_no_class_and_single_inputs_keep_theirs():
    form = _Form()
    html = str(form["many"]) + str(form["single"])
    assert 'class="form-check-input"' not in html and 'class="form-control"' not in html
    assert form.fields["flag"].widget.attrs["class"] == "form-check-input"
    assert form.fields["text"].widget.attrs["class"] == "form-control"


def test_no_form_of_the_project_gives_a_list_an_input_class():
    offenders = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in sorted(ROOT.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
        for text in [path.read_text(encoding="utf-8")]
        for match in CLASSED_LIST.finditer(text)
    ]
    assert not offenders, "Класс поля ввода у списка вариантов: " + ", ".join(offenders)
