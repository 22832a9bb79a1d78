"""URLs of monitoring: campaigns (included by monitoring.urls)."""

from django.urls import path

from nastavnik.monitoring import views_campaigns as views

urlpatterns = [
    path("campaigns/", views.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("campaigns/<int:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.CampaignEditView.as_view(), name="campaign_edit"),
    path("campaigns/<int:pk>/launch/", views.CampaignLaunchView.as_view(), name="campaign_launch"),
    path("campaigns/<int:pk>/finish/", views.CampaignFinishView.as_view(), name="campaign_finish"),
    path("campaigns/<int:pk>/remind/", views.CampaignRemindView.as_view(), name="campaign_remind"),
    path("campaigns/<int:pk>/progress.xlsx", views.CampaignExportView.as_view(), name="campaign_export"),
    path("campaigns/tasks/<int:pk>/", views.CampaignTaskView.as_view(), name="campaign_task"),
]
