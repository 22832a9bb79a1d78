from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nastavnik.accounts"
    verbose_name = "Учётные записи"

    def ready(self):
        # The login and logout of any path (the form, the admin, the reset link) are seen
        # through Django's own auth signals: the only hook every path goes through.
        from nastavnik.accounts import receivers

        receivers.connect()
