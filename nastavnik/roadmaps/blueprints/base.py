"""Templates of roadmaps taken from the regulations: plain data, turned into a ``Roadmap`` by
``services.roadmap_create_from_blueprint`` with every date moved to the chosen year.

A blueprint is written as the source prints it: sections, then items with the number, the
activity, the period in words (parsed by ``periods.period_parse``: «Март 2022», «Ноябрь – декабрь
2022», «Декабрь 2022 – май 2023», «До 01.04.2022», «Постоянно», «Ежегодно»…), the responsible
executors as text (their roles are inferred by ``responsibility.roles_from_text``) and the
expected result or kind of document.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BlueprintItem:
    """One activity: ``number`` as printed («1.1.»), ``activity``, ``period`` in words,
    ``responsible`` executors as text, ``result`` (the expected result or kind of document)."""

    number: str
    activity: str
    period: str
    responsible: str
    result: str


@dataclass(frozen=True)
class BlueprintSection:
    """A section of the table: ``number`` («I», «1.») and ``title``, with its items."""

    number: str
    title: str
    items: tuple[BlueprintItem, ...] = ()


@dataclass(frozen=True)
class Blueprint:
    """A roadmap template.

    ``code``: stable identifier; ``level``: ``organizations.choices.Level`` value of the owner
    (``"region"``, ``"municipality"``, ``"organization"``); ``title``: the heading of the roadmap
    without the owner's name; ``source``: the Russian citation of the regulation it comes from;
    ``base_year``: the year the source's dates start in (they move by ``year - base_year``).
    """

    code: str
    level: str
    title: str
    source: str
    base_year: int
    sections: tuple[BlueprintSection, ...] = field(default_factory=tuple)

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)
