"""Resetting the demo region deletes its monitoring with it (answers, assignments, campaigns,
federal figures, risks protect the units)."""

from __future__ import annotations

from nastavnik.demo.services import demo_region, demo_region_delete, demo_region_load
from nastavnik.monitoring.models import (
    Answer,
    Assignment,
    CampaignOrganization,
    FederalStatisticsReport,
    MonitoringCampaign,
    Risk,
)


def test_reset_deletes_the_monitoring_with_the_region(db):
    # given a small demo region with its monitoring
    demo_region_load(teachers=40)
    region = demo_region()
    assert Answer.objects.filter(organization__path__startswith=region.path).exists()
    assert MonitoringCampaign.objects.filter(owner__path__startswith=region.path).count() == 2
    assert Risk.objects.exists() and FederalStatisticsReport.objects.exists()

    # when it is deleted
    demo_region_delete()

    # then nothing of its monitoring is left and the region is gone
    assert demo_region() is None
    assert not Answer.objects.exists() and not Assignment.objects.exists()
    assert not MonitoringCampaign.objects.exists() and not CampaignOrganization.objects.exists()
    assert not FederalStatisticsReport.objects.exists() and not Risk.objects.exists()


def test_reset_loads_the_monitoring_again(db):
    # given a loaded demo region
    demo_region_load(teachers=40)
    first = Answer.objects.count()

    # when it is loaded again with reset
    demo_region_load(teachers=40, reset=True)

    # then its monitoring is there once, as before
    assert Answer.objects.count() == first
    assert MonitoringCampaign.objects.count() == 2
