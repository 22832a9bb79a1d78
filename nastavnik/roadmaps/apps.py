from django.apps import AppConfig


class RoadmapsConfig(AppConfig):
    name = "nastavnik.roadmaps"
    verbose_name = "Дорожные карты"
