"""URLs of meetings and of the participants' requests: ``/programs/…`` (namespace ``mentoring``)."""

from django.urls import path

from nastavnik.mentoring.views import meetings as views

urlpatterns = [
    path("<int:pk>/meetings/add/", views.MeetingCreateView.as_view(), name="meeting_add"),
    path("meetings/<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting_edit"),
    path("meetings/<int:pk>/record/", views.MeetingRecordView.as_view(), name="meeting_record"),
    path("meetings/<int:pk>/cancel/", views.MeetingCancelView.as_view(), name="meeting_cancel"),
    path("<int:pk>/requests/add/", views.PairRequestCreateView.as_view(), name="request_add"),
    path("requests/", views.PairRequestListView.as_view(), name="request_list"),
    path("requests/<int:pk>/decide/", views.PairRequestDecideView.as_view(), name="request_decide"),
    path("requests/<int:pk>/withdraw/", views.PairRequestWithdrawView.as_view(), name="request_withdraw"),
]
