"""The organization's «Положение о системе наставничества педагогических работников» (seed 002
§10): ``spec`` (the document and its template), ``form`` (the choices it is written from),
``selectors`` (what fits the organization: its region's awards, the forms offered to its kind),
``texts`` (the lists of its text with their sources)."""

from nastavnik.documents.specs.regulation.form import (
    MENTOR_REPORT_FREQUENCIES,
    RegulationForm,
    curator_deadline_error,
)
from nastavnik.documents.specs.regulation.selectors import (
    applicable_awards,
    default_mentoring_forms,
    learner_forms,
    organization_region_name,
)
from nastavnik.documents.specs.regulation.spec import (
    APPENDIX_TO,
    RegulationSpec,
    appendix_numbers,
    regulation_title,
)

__all__ = [
    "APPENDIX_TO",
    "MENTOR_REPORT_FREQUENCIES",
    "RegulationForm",
    "RegulationSpec",
    "appendix_numbers",
    "applicable_awards",
    "curator_deadline_error",
    "default_mentoring_forms",
    "learner_forms",
    "organization_region_name",
    "regulation_title",
]
