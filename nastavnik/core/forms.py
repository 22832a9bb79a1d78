from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    """Sign-in form with Russian messages and Bootstrap classes."""

    error_messages = {
        "invalid_login": "Неверное имя пользователя или пароль. Проверьте раскладку клавиатуры и регистр.",
        "inactive": "Учётная запись отключена. Обратитесь к администратору.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Имя пользователя"
        self.fields["password"].label = "Пароль"
        bootstrap_widgets(self.fields)


def bootstrap_widgets(fields) -> None:
    """Give every widget of ``fields`` (a form's or a filterset form's ``fields`` dict) its
    Bootstrap 5 class: ``form-check-input`` for checkboxes, ``form-select`` for selects,
    ``form-control`` otherwise. Classes already set are kept.

    A list of radio buttons or checkboxes (``RadioSelect``, ``CheckboxSelectMultiple``) gets no
    class: Django puts a widget's class on the list's wrapper as well, and a wrapper styled as one
    input (``form-check-input`` is 1em square) lets its options spill over the fields below,
    where they cannot be clicked; ``includes/field.html`` lays such a list out itself."""
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is one too
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
