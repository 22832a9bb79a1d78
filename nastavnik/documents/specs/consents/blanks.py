"""Blank forms of the consents and the agreement (seed 002 §10 items 12–13; issue 15 item 6): each
on its own page headed «Приложение N к …», with lines to fill in by hand and no person named.
The Положение attaches them as its appendices (``build_blank_forms``); the organization prints
them as one document, «Бланки согласий и соглашения», with the distribution consent and the
candidate mentor's questionnaire added."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import organization_context, organization_missing
from nastavnik.documents.specs.consents.agreement import AgreementSpec
from nastavnik.documents.specs.consents.participants import MenteeConsentSpec, MentorConsentSpec
from nastavnik.documents.specs.consents.parties import right_block
from nastavnik.documents.specs.consents.personal_data import DistributionConsentSpec, PersonalDataConsentSpec
from nastavnik.documents.specs.consents.questionnaire import MentorQuestionnaireSpec, questionnaire_lists

#: The forms the Положение attaches, in the order its text cites them (the agreement, the
#: mentor's and the mentee's consents, the personal-data consent: seed 002 §10 items 12–13).
REGULATION_FORMS = (AgreementSpec, MentorConsentSpec, MenteeConsentSpec, PersonalDataConsentSpec)
#: The organization's blank forms add the distribution consent and the questionnaire.
ALL_FORMS = (*REGULATION_FORMS, DistributionConsentSpec, MentorQuestionnaireSpec)

#: What the appendices are attached to, in the dative after «к».
REGULATION_DATIVE = "Положению о системе наставничества педагогических работников в {{ org.name.pre }}"


def build_blank_forms(
    b, *, first_number: int, appendix_to: str, full: bool = False, new_page_first: bool = True
) -> list[str]:
    """Write the blank forms, each on a new page headed «Приложение {N}» / «к {appendix_to}»
    (``appendix_to`` in the dative, Jinja of ``org`` allowed: «Положению о системе наставничества
    педагогических работников в {{ org.name.pre }}»), numbered from ``first_number``: the agreement,
    the mentor's consent, the mentee's consent, the personal-data consent; ``full`` adds the
    consent to data allowed for distribution and the candidate mentor's questionnaire (whose
    templates need ``areas`` and ``kinds``: ``questionnaire_lists``). ``new_page_first``: whether
    the first form starts a new page too. The forms name no person and use only ``org`` of the
    context (``organization_context``). Returns the forms' titles, in order."""
    titles = []
    for index, spec_class in enumerate(ALL_FORMS if full else REGULATION_FORMS):
        spec = spec_class()
        new_page = bool(index or new_page_first)
        if spec_class in REGULATION_FORMS:
            right_block(
                b,
                [f"Приложение {first_number + index}", f"к {appendix_to}"],
                space_after=18,
                new_page=new_page,
            )
        else:
            # Not an appendix of the Положение: a recommended form of the organization.
            right_block(b, ["Рекомендуемая форма"], space_after=18, new_page=new_page)
        spec.build_blank(b)
        titles.append(spec.blank_title)
    return titles


class BlankFormsSpec(DocumentSpec):
    """«Бланки согласий и соглашения» of an organization (issue 15 item 6; seed 002 §10 items
    12–13): the Положение's forms as its appendices 1–4, then the consent to data allowed for
    distribution and the candidate mentor's questionnaire (``build_blank_forms`` with ``full``).
    Organization-level."""

    kind = DocumentKind.BLANK_FORMS
    source = "seed 002 §10 items 12–13; 003 §4.6; 152-ФЗ ст. 9, 10.1"

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The organization's address (the personal-data consents name the operator by it)."""
        return organization_missing(organization, head=False)

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org`` (``organization_context``), ``areas`` and ``kinds`` of the questionnaire."""
        context = organization_context(organization)
        context.update(questionnaire_lists())
        return context

    def build(self, b) -> None:
        build_blank_forms(b, first_number=1, appendix_to=REGULATION_DATIVE, full=True, new_page_first=False)
