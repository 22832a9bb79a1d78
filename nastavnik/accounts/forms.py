"""Forms of the password pages: Django's own, with Bootstrap classes and Russian letters."""

from __future__ import annotations

import logging

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model

from nastavnik.accounts.services import password_reset_letter
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.mail import send_each

logger = logging.getLogger(__name__)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """The owner's change: the current password, then the new one twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Текущий пароль"
        bootstrap_widgets(self.fields)


class SetPasswordForm(auth_forms.SetPasswordForm):
    """A new password twice, from a reset or an invitation link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """«Забыли пароль?»: the address of the account; the letter is Russian (``core.mail``).

    Unlike Django's form, an account that has no password yet (an invitation not accepted)
    receives the letter too: a lost invitation is replaced by a reset. Whether an account with
    this address exists is never told (the same answer either way).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Адрес электронной почты учётной записи"
        bootstrap_widgets(self.fields)

    def get_users(self, email):
        """Active accounts with ``email`` (case-insensitive)."""
        user_model = get_user_model()
        field = user_model.get_email_field_name()
        return [
            u
            for u in user_model._default_manager.filter(**{f"{field}__iexact": email, "is_active": True})
            if getattr(u, field).casefold() == email.casefold()
        ]

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        """Send the Russian letter of :func:`~nastavnik.accounts.services.password_reset_letter`;
        the site address comes in ``context["site"]`` (``extra_email_context`` of the view)."""
        mail = password_reset_letter(
            user=context["user"], token=context["token"], site=context.get("site", "")
        )
        send_each([mail._replace(address=to_email)], logger=logger, log_what="Password reset of user %s")
