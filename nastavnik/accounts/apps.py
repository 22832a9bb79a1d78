from axes import apps as axes_apps
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default = True  # «nastavnik.accounts» in INSTALLED_APPS means this one, not AxesConfig
    name = "nastavnik.accounts"
    verbose_name = "Учётные записи"

    def ready(self):
        # The login and logout of any path (the form, the admin, the reset link) are seen
        # through Django's own auth signals: the only hook every path goes through.
        from nastavnik.accounts import receivers

        receivers.connect()


class AxesConfig(axes_apps.AppConfig):
    """django-axes under a Russian name in the admin (INSTALLED_APPS names this class)."""

    default = False
    verbose_name = "Блокировка входа"
