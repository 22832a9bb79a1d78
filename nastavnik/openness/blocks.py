"""Blocks that the parts above the public section add to its pages (issue 19): the best cases of
an organization and the region's base of effective programs (``practices``), the results of the
regional contest (``contests``). The public section never imports those apps: each registers its
blocks in ``AppConfig.ready`` and the page renders :func:`public_blocks` in order.

A block is shown to anonymous visitors: its ``build`` must return only what is public (published
rows, published fields), and nothing about a minor or a person without the consent to
distribution (152-ФЗ art. 10.1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: The public pages that take blocks.
PAGES = ("organization", "municipality", "region")


@dataclass(frozen=True)
class PublicBlock:
    """One block of a public page: ``template`` rendered with ``data`` (the dict ``build``
    returned) under the heading ``title``; ``order`` sorts the blocks of a page."""

    name: str
    title: str
    template: str
    data: dict
    order: int


_REGISTRY: dict[str, dict[str, tuple[str, str, Callable[..., dict | None], int]]] = {}


def register_public_block(
    page: str, name: str, *, title: str, template: str, build: Callable[..., dict | None], order: int = 50
) -> None:
    """Add (or replace) the block ``name`` of the public ``page`` (one of :data:`PAGES`).

    ``build(unit=OrgUnit, section=PublicSection)`` returns the template variables of the block,
    or ``None`` to leave it out of the page (nothing to show).

    Raises:
        ValueError: ``page`` is not one of :data:`PAGES`.
    """
    if page not in PAGES:
        raise ValueError(f"Неизвестная публичная страница: {page}")
    _REGISTRY.setdefault(page, {})[name] = (title, template, build, order)


def public_blocks(page: str, **kwargs) -> list[PublicBlock]:
    """The blocks of ``page`` built from ``kwargs`` (``unit``, ``section``), those with something
    to show, sorted by ``order`` and then by name."""
    blocks = []
    for name, (title, template, build, order) in _REGISTRY.get(page, {}).items():
        data = build(**kwargs)
        if data is not None:
            blocks.append(PublicBlock(name=name, title=title, template=template, data=data, order=order))
    return sorted(blocks, key=lambda block: (block.order, block.name))
