from django.apps import AppConfig


class BankConfig(AppConfig):
    name = "nastavnik.bank"
    verbose_name = "Банк наставников и наставляемых"

    def ready(self) -> None:
        # The home page's bank cards (core must not import the bank).
        from nastavnik.bank.home import home_banks
        from nastavnik.core.home import register_home_block

        register_home_block("banks", home_banks)
