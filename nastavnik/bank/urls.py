from django.urls import include, path

from nastavnik.bank import views

app_name = "bank"
urlpatterns = [
    path("", views.MentorListView.as_view(), name="mentor_list"),
    path("mentors/add/", views.MentorCreateView.as_view(), name="mentor_add"),
    path("mentors/<int:pk>/", views.MentorDetailView.as_view(), name="mentor_detail"),
    path("mentors/<int:pk>/edit/", views.MentorUpdateView.as_view(), name="mentor_edit"),
    path("mentors/<int:pk>/status/", views.MentorStatusView.as_view(), name="mentor_status"),
    path(
        "mentors/<int:pk>/trainings/add/", views.MentorTrainingAddView.as_view(), name="mentor_training_add"
    ),
    path("mentees/", views.MenteeListView.as_view(), name="mentee_list"),
    path("mentees/add/", views.MenteeCreateView.as_view(), name="mentee_add"),
    path("mentees/<int:pk>/", views.MenteeDetailView.as_view(), name="mentee_detail"),
    path("mentees/<int:pk>/edit/", views.MenteeUpdateView.as_view(), name="mentee_edit"),
    path("mentees/<int:pk>/deficits/add/", views.DeficitAddView.as_view(), name="deficit_add"),
    path("people/<int:pk>/consent/", views.ConsentRecordView.as_view(), name="consent_record"),
    path("people/<int:pk>/consent/withdraw/", views.ConsentWithdrawView.as_view(), name="consent_withdraw"),
    path("files/<slug:kind>/<int:pk>/", views.ScanDownloadView.as_view(), name="file"),
    path("<int:pk>/confirm/", views.BankConfirmView.as_view(), name="confirm"),
    path("import/", include("nastavnik.bank.importing.urls")),
    path("open/", include("nastavnik.bank.open_bank_urls")),
]
