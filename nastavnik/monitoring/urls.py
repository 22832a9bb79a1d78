"""URLs of monitoring (``/monitoring/``): each part keeps its own module."""

from nastavnik.monitoring import (
    urls_campaigns,
    urls_contingent,
    urls_dashboard,
    urls_federal,
    urls_indicators,
    urls_questionnaires,
    urls_reports,
    urls_risks,
)

app_name = "monitoring"

urlpatterns = [
    *urls_dashboard.urlpatterns,
    *urls_questionnaires.urlpatterns,
    *urls_campaigns.urlpatterns,
    *urls_indicators.urlpatterns,
    *urls_federal.urlpatterns,
    *urls_contingent.urlpatterns,
    *urls_risks.urlpatterns,
    *urls_reports.urlpatterns,
]
