"""The organization's orders: implementing the target model (with the organization's approved
roadmap), approving the Положение, fixing mentoring pairs and groups (seed 002 §10, 004 §1.6.1,
§1.6.5, §1.6.6; 001 §4.4.2–4.4.4; 000 §4.1.1–4.1.3).

The Положение is approved once, by the order approving it (``OrderRegulationSpec``); the
implementation order and the order fixing pairs cite it with that order's date and number
once it is in the registry (``common.registered_document``), and before that the
implementation order charges the curator with drawing it up (issue 15 item 5)."""

from nastavnik.documents.specs.orders.common import (
    LEGAL_BASE,
    ORDERS_FOLDER,
    Acquainted,
    _acquaintance_block,
    _acquainted,
    _appendix_stamp,
    _date_widget,
    _employee,
    _EmployeeField,
    _landscape_section,
    _registered_regulation_order,
    issue_url,
)
from nastavnik.documents.specs.orders.implementation import (
    COUNCIL_DUTIES,
    CURATOR_DUTIES,
    LOGISTICS_DUTIES,
    PLANNED_RESULTS,
    REGULATION_DRAFT_DAYS,
    ROADMAP_TABLE_SIZE,
    ROADMAP_TABLE_WIDTHS,
    Monitoring,
    OrderImplementationForm,
    OrderImplementationSpec,
    implementation_date_errors,
    implementation_monitoring,
    implementation_roadmap,
    roadmap_approver,
    roadmap_monitoring,
    roadmap_rows,
)
from nastavnik.documents.specs.orders.pairs import (
    NAMED_IN_BODY,
    OrderPairsForm,
    OrderPairsSpec,
    external_basis,
    mentor_organization,
)
from nastavnik.documents.specs.orders.regulation_order import OrderRegulationForm, OrderRegulationSpec

__all__ = [
    "COUNCIL_DUTIES",
    "CURATOR_DUTIES",
    "LEGAL_BASE",
    "LOGISTICS_DUTIES",
    "NAMED_IN_BODY",
    "ORDERS_FOLDER",
    "PLANNED_RESULTS",
    "REGULATION_DRAFT_DAYS",
    "ROADMAP_TABLE_SIZE",
    "ROADMAP_TABLE_WIDTHS",
    "Acquainted",
    "Monitoring",
    "OrderImplementationForm",
    "OrderImplementationSpec",
    "OrderPairsForm",
    "OrderPairsSpec",
    "OrderRegulationForm",
    "OrderRegulationSpec",
    "_EmployeeField",
    "_acquaintance_block",
    "_acquainted",
    "_appendix_stamp",
    "_date_widget",
    "_employee",
    "_landscape_section",
    "_registered_regulation_order",
    "external_basis",
    "implementation_date_errors",
    "implementation_monitoring",
    "implementation_roadmap",
    "issue_url",
    "mentor_organization",
    "roadmap_approver",
    "roadmap_monitoring",
    "roadmap_rows",
]
