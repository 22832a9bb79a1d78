"""What every document kind declares: its subject, its parameters, what it needs, its context
and its template (the registry is ``documents.specs.SPECS``)."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms

from nastavnik.documents.choices import DocumentKind, Subject


@dataclass(frozen=True)
class Missing:
    """One piece of data a document cannot be issued without: the Russian ``text`` of what to
    fill in, and the ``url`` of the page where to fill it ("" when there is none)."""

    text: str
    url: str = ""


class MissingData(Exception):
    """The document is refused: ``items`` lists every ``Missing`` piece (never a half-empty
    document, issue 5 item 5)."""

    def __init__(self, items: list[Missing]):
        super().__init__("; ".join(item.text for item in items))
        self.items = items


class ParamsForm(forms.Form):
    """Base of a kind's parameter form: receives the organization (``organization``) to limit
    its choices, and turns its cleaned data into JSON with :meth:`to_params`."""

    def __init__(self, *args, organization=None, **kwargs):
        self.organization = organization
        super().__init__(*args, **kwargs)

    def to_params(self) -> dict[str, Any]:
        """``cleaned_data`` as JSON: dates as ISO strings, model instances as ids, querysets as
        lists of ids."""
        result: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif hasattr(value, "pk"):
                value = value.pk
            elif hasattr(value, "values_list"):
                value = sorted(value.values_list("pk", flat=True))
            result[name] = value
        return result


class DocumentSpec:
    """One kind of document.

    ``subject``: what one document is about (``Subject``); ``numbered``: orders carry a
    registration number; ``params_form``: the choices asked when it is drawn up (``None``: none);
    ``source``: the clause of the regulations it implements, for developers (``seed 002 §10``):
    it is never shown to users, who read the document's own references to the regulations.
    """

    kind: ClassVar[DocumentKind]
    subject: ClassVar[Subject] = Subject.ORGANIZATION
    numbered: ClassVar[bool] = False
    params_form: ClassVar[type[ParamsForm] | None] = None
    source: ClassVar[str] = ""
    #: the folder of the whole-package ZIP the documents of this kind go in ("" — the root)
    package_folder: ClassVar[str] = ""
    #: the page of the template: ``TemplateBuilder`` keywords (``landscape``, ``size`` of the font)
    page: ClassVar[dict] = {}

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def template_name(self) -> str:
        return f"{self.kind.value}.docx"

    # --- subjects ---------------------------------------------------------------------------

    def candidates(self, organization):
        """The subjects of this kind in ``organization`` (a queryset, or ``[organization]`` for
        organization-level kinds), for the choice on the form and for the whole package."""
        return [organization]

    def subject_fields(self, subject) -> dict[str, Any]:
        """The ``Document`` foreign keys naming ``subject`` (``{"person": …}``)."""
        return {}

    def subject_of(self, document):
        """The subject of a stored ``document`` (the inverse of ``subject_fields``)."""
        return document.organization

    def subject_label(self, subject) -> str:
        """A short name of ``subject`` for titles and file names («Иванова М. П.»)."""
        return ""

    def title(self, subject) -> str:
        label = self.subject_label(subject)
        return f"{self.label} ({label})" if label else self.label

    def document_title(self, subject, *, params: dict, date: dt.date) -> str:
        """The title of a registered document (and so its file name): :meth:`title`, unless the
        kind's title depends on its ``params`` and ``date`` (the final report is «промежуточный»
        before its period ends)."""
        return self.title(subject)

    # --- parameters -------------------------------------------------------------------------

    def default_params(self, organization, subject) -> dict[str, Any]:
        """The parameters a new document starts from: those of the latest document of this kind
        in ``organization`` when there is one, else the kind's own defaults."""
        from nastavnik.documents.models import Document
        from nastavnik.documents.specs.common import remembered

        # Read once per kind within a package (``remembered``), not once per document.
        last = remembered(
            ("last_params", organization.pk, self.kind),
            lambda: (
                Document.objects.filter(organization=organization, kind=self.kind)
                .order_by("-date", "-pk")
                .values_list("params", flat=True)
                .first()
            ),
        )
        params = self.initial_params(organization, subject)
        if last:
            params.update({key: copy.deepcopy(value) for key, value in last.items() if key in params})
        return params

    def initial_params(self, organization, subject) -> dict[str, Any]:
        """The kind's own defaults (JSON, as ``ParamsForm.to_params`` gives)."""
        return {}

    # --- content ----------------------------------------------------------------------------

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """Every piece of data the document cannot be issued without; empty when it can. ``on``:
        the document's date (what is true of people is judged on it, e.g. whether a participant
        is a minor); today when ``None``."""
        return []

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """The template's variables. ``document``: ``{"number", "date"}`` of the issued document.
        Called only when :meth:`missing` is empty."""
        raise NotImplementedError

    def fixed_pairs(self, params: dict) -> list[int]:
        """Ids of the pairs the document fixes (the order fixing pairs), stored on
        ``Document.pairs``; none for other kinds."""
        return []

    def build(self, b) -> None:
        """Write the template with the ``builder.TemplateBuilder`` ``b``."""
        raise NotImplementedError
