"""The admin of accounts: Django's user admin, where a password the administrator sets must be
changed by its owner at the next login; unlocking after failed logins is django-axes' own
«Попытки доступа» (delete the attempts of the login)."""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from nastavnik.accounts.models import AccountStatus
from nastavnik.accounts.services import password_require_change

User = get_user_model()


class AccountStatusInline(admin.StackedInline):
    model = AccountStatus
    can_delete = False
    fields = ("must_change_password", "password_changed_at", "invited_at")
    readonly_fields = ("password_changed_at", "invited_at")


class AccountUserAdmin(UserAdmin):
    """Django's user admin with the account status; a password given by the administrator —
    to a new account or to another user — is one the owner must change at login."""

    def get_inlines(self, request, obj):
        # On the add page the status is set by save_model, not by a form.
        return [*super().get_inlines(request, obj), AccountStatusInline] if obj is not None else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password():
            password_require_change(user=obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and str(request.user.pk) != str(id):
            user = User._default_manager.filter(pk=id).first()
            if user is not None:
                password_require_change(user=user)
        return response


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, AccountUserAdmin)


class LoginAttemptAdmin(AccessAttemptAdmin):
    """django-axes' failed logins with a Russian column; deleting the attempts of a login
    unlocks it."""

    @admin.display(description="Состояние")
    def status(self, obj):
        return super().status(obj)


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, LoginAttemptAdmin)
