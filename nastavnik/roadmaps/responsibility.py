"""The roles behind the executors a roadmap names in words («Руководители образовательных
организаций», «МОУО», «АУ «Институт развития образования»»…), so that the system knows whom to
remind (seed 000 App. 2, 003: the column «Ответственный исполнитель»)."""

from __future__ import annotations

import re

from nastavnik.access.choices import Role

#: Patterns (in lower case) → the role they name. The regional authority, its institute and the
#: regional mentoring centre act through the regional operator (seed 000 п. 2); the municipal
#: education authority through the municipal coordinator (004 §1.3).
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), role)
    for pattern, role in (
        (
            r"департамент|министерств|институт развития|орган исполнительной власти субъекта|\bрцн\b"
            r"|региональн\w* (оператор|центр)",
            Role.REGIONAL_OPERATOR,
        ),
        (r"\bцнппм\b|тьютор", Role.TUTOR),
        (
            r"\bмоуо\b|отдел\w* образования|управлени\w* образования|муниципальн\w* (координатор|орган)",
            Role.MUNICIPAL_COORDINATOR,
        ),
        (r"руководител|\bоо\b|директор|заведующ", Role.HEAD),
        (r"куратор", Role.CURATOR),
        (r"совет\w* наставников|методическ\w* объединени\w* наставников", Role.MENTOR_COUNCIL_MEMBER),
        (r"психолог", Role.PSYCHOLOGIST),
        (r"(?<!совет )(?<!совета )(?<!объединение )\bнаставник(и|ов)?\b", Role.MENTOR),
    )
)

_ORDER = [value for value, _ in Role.choices]


def roles_from_text(text: str) -> list[str]:
    """Codes of ``access.choices.Role`` named by ``text``, in the order of ``Role``; empty when
    none is recognized (an outside partner, «Департамент культуры и спорта» still counts as the
    regional authority)."""
    lowered = (text or "").lower().replace("ё", "е")
    found = {role for pattern, role in _RULES if pattern.search(lowered)}
    return [code for code in _ORDER if code in found]


def roles_label(codes: list[str]) -> str:
    """The roles ``codes`` as «Куратор; Руководитель организации» (``Role`` labels joined by
    «; »); unknown codes are skipped."""
    labels = dict(Role.choices)
    return "; ".join(str(labels[code]) for code in _ORDER if code in codes)


def roles_parse(text: str) -> list[str]:
    """The inverse of :func:`roles_label`: role codes from their labels joined by «;».

    Raises:
        ValueError: a label that is not a role, named in Russian.
    """
    by_label = {str(label).lower(): value for value, label in Role.choices}
    codes = []
    for part in (text or "").split(";"):
        label = part.strip().lower()
        if not label:
            continue
        if label not in by_label:
            raise ValueError(
                f"Роль «{part.strip()}» не известна: укажите роли так, как они названы в системе."
            )
        codes.append(by_label[label])
    return [code for code in _ORDER if code in codes]
