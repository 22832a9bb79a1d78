"""Addresses of the incentives of mentors (issue 19 item 6), included at the root in the
``incentives`` namespace."""

from django.urls import path

from nastavnik.incentives import views

app_name = "incentives"

urlpatterns: list = [
    path("incentives/", views.OverviewView.as_view(), name="overview"),
    path("incentives/payments/", views.PaymentListView.as_view(), name="payment_list"),
    path("incentives/payments/new/", views.PaymentCreateView.as_view(), name="payment_create"),
    path("incentives/payments/<int:pk>/edit/", views.PaymentEditView.as_view(), name="payment_edit"),
    path("incentives/awards/", views.AwardListView.as_view(), name="award_list"),
    path("incentives/awards/new/", views.AwardCreateView.as_view(), name="award_create"),
    path("incentives/awards/<int:pk>/edit/", views.AwardEditView.as_view(), name="award_edit"),
    path("incentives/nominations/", views.NominationListView.as_view(), name="nomination_list"),
    path("incentives/nominations/queue/", views.NominationQueueView.as_view(), name="nomination_queue"),
    path("incentives/nominations/new/", views.NominationCreateView.as_view(), name="nomination_create"),
    path("incentives/nominations/<int:pk>/", views.NominationDetailView.as_view(), name="nomination_detail"),
    path("incentives/nominations/<int:pk>/edit/", views.NominationEditView.as_view(), name="nomination_edit"),
    path(
        "incentives/nominations/<int:pk>/submit/",
        views.NominationSubmitView.as_view(),
        name="nomination_submit",
    ),
    path(
        "incentives/nominations/<int:pk>/support/",
        views.NominationSupportView.as_view(),
        name="nomination_support",
    ),
    path(
        "incentives/nominations/<int:pk>/return/",
        views.NominationReturnView.as_view(),
        name="nomination_return",
    ),
    path(
        "incentives/nominations/<int:pk>/grant/", views.NominationGrantView.as_view(), name="nomination_grant"
    ),
    path(
        "incentives/nominations/<int:pk>/decline/",
        views.NominationDeclineView.as_view(),
        name="nomination_decline",
    ),
    path(
        "incentives/nominations/<int:pk>/withdraw/",
        views.NominationWithdrawView.as_view(),
        name="nomination_withdraw",
    ),
    path("incentives/effectiveness/", views.EffectivenessView.as_view(), name="effectiveness"),
]
