"""The registry of document kinds: ``SPECS[kind]`` is the ``DocumentSpec`` of every
``DocumentKind``, in the order of the model package (seed 002 §10, 004 §1.6)."""

from __future__ import annotations

from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.specs.analytical import AnalyticalReportSpec, FinalReportSpec
from nastavnik.documents.specs.base import DocumentSpec, Missing, MissingData
from nastavnik.documents.specs.consents import (
    AgreementSpec,
    BlankFormsSpec,
    DistributionConsentSpec,
    LearnerConsentSpec,
    MenteeConsentSpec,
    MentorConsentSpec,
    MentorQuestionnaireSpec,
    MinorDataConsentSpec,
    PersonalDataConsentSpec,
)
from nastavnik.documents.specs.orders import (
    OrderImplementationSpec,
    OrderPairsSpec,
    OrderRegulationSpec,
)
from nastavnik.documents.specs.personnel import (
    MentorPaymentAgreementSpec,
    OrderMentorAwardSpec,
    OrderMentoringEndSpec,
    OrderMentorPaymentSpec,
    OrderMentorReplacementSpec,
)
from nastavnik.documents.specs.programs import MentorReportSpec, PersonalizedProgramSpec
from nastavnik.documents.specs.regulation import RegulationSpec
from nastavnik.documents.specs.routes import IndividualRouteSpec

SPECS: dict[str, DocumentSpec] = {
    spec.kind.value: spec
    for spec in (
        OrderImplementationSpec(),
        RegulationSpec(),
        OrderRegulationSpec(),
        OrderPairsSpec(),
        OrderMentorPaymentSpec(),
        MentorPaymentAgreementSpec(),
        OrderMentorReplacementSpec(),
        OrderMentoringEndSpec(),
        MentorQuestionnaireSpec(),
        MentorConsentSpec(),
        MenteeConsentSpec(),
        AgreementSpec(),
        PersonalDataConsentSpec(),
        MinorDataConsentSpec(),
        LearnerConsentSpec(),
        DistributionConsentSpec(),
        BlankFormsSpec(),
        PersonalizedProgramSpec(),
        MentorReportSpec(),
        FinalReportSpec(),
        OrderMentorAwardSpec(),
        AnalyticalReportSpec(),
        IndividualRouteSpec(),
    )
}
assert set(SPECS) == set(DocumentKind.values), "every kind needs a spec"


def get_spec(kind: str) -> DocumentSpec:
    """The spec of ``kind``.

    Raises:
        LookupError: not a ``DocumentKind``.
    """
    try:
        return SPECS[kind]
    except KeyError:
        raise LookupError(f"Unknown document kind {kind!r}") from None


__all__ = ["SPECS", "DocumentSpec", "Missing", "MissingData", "get_spec"]
