from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail (issue 13, item 4): who changed which personal data, roles and consents,
    and who downloaded or exported which file, from which address."""

    name = "nastavnik.audit"
    label = "audit"
    verbose_name = "Журнал действий"

    def ready(self) -> None:
        """Tell ``people`` what the journal keeps about a person (``people.personal_data``)."""
        from nastavnik.audit.personal_data import audit_sections, audit_wipe
        from nastavnik.people import personal_data

        personal_data.register("audit", order=90, collect=audit_sections, wipe=audit_wipe)
