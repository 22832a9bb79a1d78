"""Addresses of the public section «Наставничество» (issue 19): the public pages under ``/o/``, the
sitemap, and the keeper's editor under ``/sections/``; the ``sections`` namespace."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.http import require_safe

from nastavnik.openness import views_sections as views
from nastavnik.openness.sitemaps import SITEMAPS

app_name = "sections"

urlpatterns = [
    # public, no sign-in
    path("o/", views.RegionView.as_view(), name="region"),
    path("o/materials/<int:pk>/", views.ItemView.as_view(), name="item"),
    path("o/materials/<int:pk>/file/", views.ItemFileView.as_view(), name="item_file"),
    path("o/<slug:municipality>/", views.MunicipalityView.as_view(), name="municipality"),
    path("o/<slug:municipality>/<slug:organization>/", views.OrganizationView.as_view(), name="organization"),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    # the keeper's editor
    path("sections/", views.KeptSectionsView.as_view(), name="kept"),
    path("sections/<int:pk>/", views.SectionEditView.as_view(), name="edit"),
    path("sections/<int:pk>/publish/", views.SectionPublishView.as_view(), name="publish"),
    path("sections/<int:pk>/registry/", views.RegistryPublishView.as_view(), name="registry_publish"),
    path("sections/<int:pk>/items/add/<slug:kind>/", views.ItemAddView.as_view(), name="item_add"),
    path("sections/items/<int:pk>/", views.ItemEditView.as_view(), name="item_edit"),
    path("sections/items/<int:pk>/delete/", views.ItemDeleteView.as_view(), name="item_delete"),
]
