"""Addresses of the regional contest of municipal models of mentoring (issue 19, item 5),
included at the root in the ``contests`` namespace: the public pages under ``/contests/`` and the
internal ones under ``/contests/manage/``."""

from django.urls import path

from nastavnik.contests.views import manage, public

app_name = "contests"

urlpatterns: list = [
    # public (no sign-in)
    path("contests/", public.PublicContestListView.as_view(), name="public_list"),
    path("contests/<int:pk>/", public.PublicContestDetailView.as_view(), name="public_detail"),
    # internal
    path("contests/manage/", manage.ContestListView.as_view(), name="list"),
    path("contests/manage/new/", manage.ContestCreateView.as_view(), name="create"),
    path("contests/manage/<int:pk>/", manage.ContestDetailView.as_view(), name="detail"),
    path("contests/manage/<int:pk>/edit/", manage.ContestEditView.as_view(), name="edit"),
    path("contests/manage/<int:pk>/panel/", manage.PanelView.as_view(), name="panel"),
    path("contests/manage/<int:pk>/announce/", manage.AnnounceView.as_view(), name="announce"),
    path("contests/manage/<int:pk>/close/", manage.CloseView.as_view(), name="close"),
    path("contests/manage/<int:pk>/publish/", manage.PublishView.as_view(), name="publish"),
    path("contests/manage/<int:pk>/applications/", manage.ApplicationListView.as_view(), name="applications"),
    path(
        "contests/manage/<int:pk>/apply/", manage.ApplicationCreateView.as_view(), name="application_create"
    ),
    path("contests/manage/<int:pk>/ranking/", manage.RankingView.as_view(), name="ranking"),
    path("contests/manage/experts/<int:pk>/remove/", manage.ExpertRemoveView.as_view(), name="expert_remove"),
    path(
        "contests/manage/applications/<int:pk>/",
        manage.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "contests/manage/applications/<int:pk>/edit/",
        manage.ApplicationEditView.as_view(),
        name="application_edit",
    ),
    path(
        "contests/manage/applications/<int:pk>/submit/",
        manage.ApplicationSubmitView.as_view(),
        name="application_submit",
    ),
    path(
        "contests/manage/applications/<int:pk>/withdraw/",
        manage.ApplicationWithdrawView.as_view(),
        name="application_withdraw",
    ),
    path("contests/manage/applications/<int:pk>/score/", manage.ScoreView.as_view(), name="score"),
    path("contests/manage/files/<int:pk>/", manage.ApplicationFileView.as_view(), name="application_file"),
    path(
        "contests/manage/files/<int:pk>/delete/",
        manage.ApplicationFileDeleteView.as_view(),
        name="application_file_delete",
    ),
]
