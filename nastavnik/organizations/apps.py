from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "nastavnik.organizations"
    verbose_name = "Организации"
