"""The registry of partners and the participants outside the staff (issue 20): ``/partners/``."""

from django.urls import path

from nastavnik.partners import views

app_name = "partners"

urlpatterns: list = [
    path("", views.PartnerListView.as_view(), name="list"),
    path("add/", views.PartnerCreateView.as_view(), name="add"),
    path("<int:pk>/", views.PartnerDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PartnerEditView.as_view(), name="edit"),
    path("<int:partner_pk>/agreements/add/", views.AgreementCreateView.as_view(), name="agreement_add"),
    path("agreements/<int:pk>/edit/", views.AgreementEditView.as_view(), name="agreement_edit"),
    path("agreements/<int:pk>/file/", views.AgreementFileView.as_view(), name="agreement_file"),
    path("<int:pk>/programs/attach/", views.ProgramAttachView.as_view(), name="program_attach"),
    path("<int:pk>/programs/detach/", views.ProgramDetachView.as_view(), name="program_detach"),
    path("participants/", views.NonStaffListView.as_view(), name="nonstaff_list"),
    path("participants/add/", views.NonStaffCreateView.as_view(), name="nonstaff_add"),
    path("participants/<int:pk>/edit/", views.NonStaffEditView.as_view(), name="nonstaff_edit"),
    path("participants/<int:pk>/end/", views.NonStaffEndView.as_view(), name="nonstaff_end"),
]
