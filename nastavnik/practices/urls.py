"""Addresses of best practices (issue 19): the public base of effective programs under
``/practices/`` and the internal pages under ``/practices/manage/``; included at the root in the
``practices`` namespace."""

from django.urls import path

from nastavnik.practices.views import manage, public

app_name = "practices"

urlpatterns = [
    path("practices/", public.PublicPracticeListView.as_view(), name="public_list"),
    path("practices/<int:pk>/", public.PublicPracticeDetailView.as_view(), name="public_detail"),
    path("practices/files/<int:pk>/", public.PublicPracticeFileView.as_view(), name="public_file"),
    path("practices/manage/", manage.PracticeListView.as_view(), name="list"),
    path("practices/manage/new/", manage.PracticeCreateView.as_view(), name="create"),
    path("practices/manage/<int:pk>/", manage.PracticeDetailView.as_view(), name="detail"),
    path("practices/manage/<int:pk>/edit/", manage.PracticeEditView.as_view(), name="edit"),
    path("practices/manage/<int:pk>/step/<slug:action>/", manage.PracticeActionView.as_view(), name="action"),
    path("practices/manage/files/<int:file>/", manage.FileDownloadView.as_view(), name="file"),
    path("practices/manage/files/<int:file>/delete/", manage.FileDeleteView.as_view(), name="file_delete"),
]
