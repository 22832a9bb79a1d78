from django.urls import path

from nastavnik.core.health import healthz
from nastavnik.core.views import HomeView, favicon

app_name = "core"
urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
]
