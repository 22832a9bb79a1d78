"""Forms of the public open bank: the request for a mentor a visitor sends without sign-in, and
the answer of the curator (issue 19, item 2; seed 001 §7.1.1)."""

from __future__ import annotations

from django import forms

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.openness.models import MentorRequest

#: The name of the field left empty by people and filled by spam robots (hidden from both the
#: eye and the screen reader; the label asks to leave it empty).
HONEYPOT = "website"


class MentorRequestForm(forms.ModelForm):
    """The request for a mentor: who asks (name, e-mail, phone, workplace, position), what for,
    and the consent to processing of the data given (required, 152-ФЗ art. 9). ``website`` is a
    trap for robots: a filled one marks the form as spam (:meth:`is_spam`)."""

    website = forms.CharField(label="Оставьте это поле пустым", required=False, max_length=200)

    class Meta:
        model = MentorRequest
        fields = ["full_name", "email", "phone", "workplace", "position", "message", "consent"]
        labels = {
            "full_name": "Фамилия, имя, отчество",
            "email": "Электронная почта",
            "phone": "Телефон",
            "workplace": "Место работы (образовательная организация)",
            "position": "Должность",
            "message": "С чем нужна помощь наставника",
            "consent": (
                "Даю согласие на обработку моих персональных данных (фамилия, имя, отчество, место работы, "
                "должность, контакты) куратором наставничества организации наставника для ответа на это обращение"
            ),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 5}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        error_messages = {
            "full_name": {"required": "Укажите фамилию, имя и отчество."},
            "email": {
                "required": "Укажите электронную почту.",
                "invalid": "Проверьте адрес электронной почты.",
            },
            "workplace": {"required": "Укажите место работы."},
            "message": {"required": "Напишите, с чем нужна помощь наставника."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["workplace"].widget.attrs["autocomplete"] = "organization"
        self.fields["consent"].required = True
        self.fields["consent"].error_messages["required"] = (
            "Без согласия на обработку персональных данных обращение не может быть отправлено."
        )
        self.fields[HONEYPOT].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        bootstrap_widgets(self.fields)

    def is_spam(self) -> bool:
        """Whether the trap field was filled (a robot): the request is then not kept."""
        return bool((self.data.get(HONEYPOT) or "").strip())


class MentorRequestAnswerForm(forms.Form):
    """The curator's answer to a request; «Закрыть обращение» closes it without an answer."""

    answer = forms.CharField(
        label="Ответ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Ответ будет отправлен автору обращения на электронную почту.",
        max_length=10_000,
    )

    def __init__(self, *args, user=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        if instance is not None and not self.is_bound:
            self.initial.setdefault("answer", instance.answer)
        bootstrap_widgets(self.fields)
