from django.urls import path

from nastavnik.core.autocomplete import ChooserAutocompleteView
from nastavnik.core.health import healthz
from nastavnik.core.views import HomeView, favicon

app_name = "core"
urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("autocomplete/<slug:kind>/", ChooserAutocompleteView.as_view(), name="autocomplete"),
]
