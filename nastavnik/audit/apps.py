from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit trail (issue 13, item 4): who changed which personal data, roles and consents,
    and who downloaded or exported which file, from which address."""

    name = "nastavnik.audit"
    label = "audit"
    verbose_name = "Журнал действий"
