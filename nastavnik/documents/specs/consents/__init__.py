"""Consents and the agreement of the participants (seed 002 §10 items 12–13; 004 §1.6.2–1.6.3,
§1.6.6; 000 §4.1, §5.1–5.2; 152-ФЗ art. 9, 10.1), the candidate mentor's questionnaire (seed 003
§4.6) and their blank forms:

- ``participants``: the mentor's consent (term and pay of the additional duties) and the
  mentee's;
- ``agreement``: the agreement between a mentor and a mentee (three copies; a minor's
  representative);
- ``personal_data``: the consent to the processing of personal data and the consent to data
  allowed for distribution (the open bank);
- ``learners``: a learner's consent to take part and a minor's data consent, signed by the
  representative kept on the learner's card (issue 20);
- ``questionnaire``: the candidate mentor's questionnaire;
- ``blanks``: ``build_blank_forms`` (the Положение's appendices) and the organization's blank forms;
- ``parties``: what they share (the representative, sex-agreed words, signatures, lines).
"""

from nastavnik.documents.specs.consents.agreement import AgreementSpec
from nastavnik.documents.specs.consents.blanks import BlankFormsSpec, build_blank_forms
from nastavnik.documents.specs.consents.learners import LearnerConsentSpec, MinorDataConsentSpec
from nastavnik.documents.specs.consents.participants import (
    MenteeConsentSpec,
    MentorConsentForm,
    MentorConsentSpec,
)
from nastavnik.documents.specs.consents.parties import RepresentativeForm, is_minor, sex_words
from nastavnik.documents.specs.consents.personal_data import (
    DistributionConsentSpec,
    PersonalDataConsentForm,
    PersonalDataConsentSpec,
)
from nastavnik.documents.specs.consents.questionnaire import MentorQuestionnaireSpec

__all__ = [
    "AgreementSpec",
    "BlankFormsSpec",
    "DistributionConsentSpec",
    "LearnerConsentSpec",
    "MenteeConsentSpec",
    "MentorConsentForm",
    "MentorConsentSpec",
    "MentorQuestionnaireSpec",
    "MinorDataConsentSpec",
    "PersonalDataConsentForm",
    "PersonalDataConsentSpec",
    "RepresentativeForm",
    "build_blank_forms",
    "is_minor",
    "sex_words",
]
