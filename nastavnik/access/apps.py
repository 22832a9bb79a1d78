from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "nastavnik.access"
    verbose_name = "Роли и доступ"
