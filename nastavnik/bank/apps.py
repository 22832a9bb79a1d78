from django.apps import AppConfig


class BankConfig(AppConfig):
    name = "nastavnik.bank"
    verbose_name = "Банк наставников и наставляемых"

    def ready(self) -> None:
        """Tell ``people`` where valid consents to personal-data processing come from (the rule
        is stated once in ``people.consent``; people must not import the bank), and what the
        bank keeps about a person (``people.personal_data``)."""
        from nastavnik.bank.selectors import valid_consent_person_ids
        from nastavnik.people.consent import register_consent_source

        register_consent_source(valid_consent_person_ids)

        from nastavnik.bank.importing.kept import import_checks_purge, kept_sections, kept_wipe
        from nastavnik.bank.personal_data import bank_last_date, bank_sections, bank_wipe
        from nastavnik.people import personal_data

        personal_data.register(
            "bank", order=20, collect=bank_sections, last_date=bank_last_date, wipe=bank_wipe
        )
        # The kept checks of the import (rows naming people) until imported, a day at most.
        personal_data.register(
            "bank_import", order=25, collect=kept_sections, wipe=kept_wipe, expire=import_checks_purge
        )

        # The home page's bank cards (core must not import the bank).
        from nastavnik.bank.home import home_banks
        from nastavnik.core.home import register_home_block

        register_home_block("banks", home_banks)

        # The bank block of a person's card (people must not import the bank).
        from nastavnik.bank.selectors import bank_card_context
        from nastavnik.core.blocks import register_block

        register_block("person_card", "bank", lambda *, user, person: bank_card_context(user, person))
