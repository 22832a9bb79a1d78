"""Citations of the regulations as users read them.

The requirements of the product come from five documents (``/work/shared/seeds``), which the
code and its docstrings cite by the file's number and clause — ``seed 000 §2.3`` — for
developers. A user never sees such a code: whatever the system shows or prints as a basis
(«Основание: …», the ``source`` of a reference entry) names the document and its point —
«Положение о системе (целевой модели) наставничества педагогических работников
в образовательных организациях Ханты-Мансийского автономного округа – Югры, п. 2.3».

:func:`cite` turns the developers' code into that citation, so the titles are written once
(:data:`DOCUMENTS`) and the rows of ``reference.data`` keep the code beside the citation they
store.
"""

from __future__ import annotations

import re

#: The documents of ``/work/shared/seeds`` by their code, titled as the documents title
#: themselves (the file's header; the title of appendix 2 of seed 000 as the order names it).
DOCUMENTS: dict[str, str] = {
    # seed 000, appendix 1 to the order of the Department of Education and Science of Yugra
    "000": (
        "Положение о системе (целевой модели) наставничества педагогических работников "
        "в образовательных организациях Ханты-Мансийского автономного округа – Югры"
    ),
    # seed 000, appendix 2 to the same order
    "000 App. 2": (
        "Комплекс мер («дорожная карта») по внедрению системы (целевой модели) наставничества "
        "педагогических работников Ханты-Мансийского автономного округа – Югры"
    ),
    # seed 001, approved by the order of the education department of Mikhailovka of 08.04.2022 № 90
    "001": (
        "Положение о наставничестве для педагогических работников образовательных организаций "
        "городского округа город Михайловка Волгоградской области"
    ),
    # seed 002
    "002": "Методические рекомендации по внедрению и реализации целевой модели наставничества",
    # seed 003, appendix 1
    "003": (
        "Дорожная карта по внедрению и реализации региональной целевой модели наставничества "
        "в образовательных учреждениях Пировского муниципального округа"
    ),
    # seed 004 (МБДОУ «ДС № 3 «Солнышко», Норильск)
    "004": (
        "Положение о целевой модели наставничества педагогических работников детского сада "
        "№ 3 «Солнышко» (г. Норильск)"
    ),
}

#: A developer's code anywhere in a text: ``seed 000``, ``seed 004 §3.1``.
CODE_RE = re.compile(r"\bseed\s*\d{3}\b|\bseed\b[^;\n]{0,20}§\s*\d", re.IGNORECASE)

_PART_RE = re.compile(r"^(?:seed\s+)?(?P<doc>\d{3}(?:\s+App\.\s*\d+)?)(?:\s+(?P<clauses>.+))?$", re.S)
_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)*(?:[–-]\d+(?:\.\d+)*)?$")
_ROMAN_RE = re.compile(r"^[IVXLC]+(?:[–-][IVXLC]+)?$")


def cite(code: str) -> str:
    """The citation users read for the developers' ``code`` of one or more clauses.

    ``code``: parts separated by «;», each a document's code (``000``, ``000 App. 2``…
    :data:`DOCUMENTS`, with or without the word ``seed``) and its clauses separated by commas:
    ``§2.3`` (a point: «п. 2.3»; several — «пп. 3.1, 3.1.1»), ``§IV`` (a section: «раздел IV»),
    ``подп. 1`` after one point («подп. 1 п. 3.1.1»), or any other text, kept as written
    («риск 2», «шаги 2–3»). A part without clauses cites the whole document.

    ``cite("seed 000 §2.3; seed 001 §3.1")`` → «Положение о системе … Югры, п. 2.3; Положение
    о наставничестве … Волгоградской области, п. 3.1».

    Raises:
        ValueError: a document the code does not know, or a part that is not a code — so a
            mistyped code fails when the module citing it is imported, not on a user's page.
    """
    parts = [part.strip() for part in str(code).split(";") if part.strip()]
    if not parts:
        raise ValueError("An empty citation code.")
    return "; ".join(_cite_part(part) for part in parts)


def _cite_part(part: str) -> str:
    match = _PART_RE.match(part)
    if match is None:
        raise ValueError(f"Not a citation code: {part!r} (expected e.g. «seed 000 §2.3»).")
    doc = re.sub(r"\s+", " ", match["doc"])
    title = DOCUMENTS.get(doc)
    if title is None:
        raise ValueError(f"Unknown document {doc!r} in the citation code {part!r}.")
    clauses = match["clauses"]
    if not clauses:
        return title
    return f"{title}, {_clauses(clauses, part)}"


def _clauses(text: str, part: str) -> str:
    points: list[str] = []
    sections: list[str] = []
    rest: list[str] = []
    for token in (token.strip() for token in text.split(",")):
        if not token:
            continue
        if token.startswith("§"):
            value = token[1:].strip()
            if rest:
                raise ValueError(f"A clause after the text in the citation code {part!r}.")
            if _NUMBER_RE.match(value):
                points.append(value)
            elif _ROMAN_RE.match(value):
                sections.append(value)
            else:
                raise ValueError(f"Not a clause: {token!r} in the citation code {part!r}.")
        else:
            if "§" in token:
                raise ValueError(f"Not a clause: {token!r} in the citation code {part!r}.")
            rest.append(token)
    words = []
    if sections:
        words.append(("раздел " if len(sections) == 1 else "разделы ") + ", ".join(sections))
    if rest and rest[0].startswith("подп.") and len(points) == 1:
        words.append(f"{rest.pop(0)} п. {points.pop()}")
    if points:
        words.append(("п. " if len(points) == 1 else "пп. ") + ", ".join(points))
    words.extend(rest)
    return ", ".join(words)


def has_code(text: str) -> bool:
    """Whether ``text`` carries a developer's clause code («seed 001 §4.4.2») that a user must
    not see."""
    return bool(CODE_RE.search(str(text or "")))
