from django.apps import AppConfig


class BankConfig(AppConfig):
    name = "nastavnik.bank"
    verbose_name = "Банк наставников и наставляемых"
