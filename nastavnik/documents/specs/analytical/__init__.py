"""The analytical reports: the curator's final (or interim) report on the organization
(:mod:`.final_report`, its rules in :mod:`.final_rules`: figures from the monitoring indicators,
conclusions, recommendations and management decisions written from them) and the analytical
report of an organization, a municipality or the region written on the monitoring pages
(:mod:`.monitoring_report`)."""

from nastavnik.documents.specs.analytical.final_report import (
    FinalReportParamsForm,
    FinalReportSpec,
    organization_period_program,
)
from nastavnik.documents.specs.analytical.final_rules import (
    FINAL_RULES,
    IndicatorRow,
    ReportFacts,
    ReportFinding,
    final_report_title,
    indicator_rows,
    report_is_final,
    report_sections,
)
from nastavnik.documents.specs.analytical.monitoring_report import (
    AnalyticalReportSpec,
    ChartImages,
    ReportSubject,
    report_signer,
)

__all__ = [
    "FINAL_RULES",
    "AnalyticalReportSpec",
    "ChartImages",
    "FinalReportParamsForm",
    "FinalReportSpec",
    "IndicatorRow",
    "ReportFacts",
    "ReportFinding",
    "ReportSubject",
    "final_report_title",
    "indicator_rows",
    "organization_period_program",
    "report_is_final",
    "report_sections",
    "report_signer",
]
