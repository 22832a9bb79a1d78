"""Blocks that higher apps add to the pages of lower ones (the pairs and the bank on a person's
card), so that a lower app never imports a higher one: the higher app registers a block in its
``AppConfig.ready``, the page asks :func:`page_blocks` (the home page has its own registry,
``core.home.register_home_block``)."""

from __future__ import annotations

from collections.abc import Callable

#: page → name → ``build(**kwargs) -> dict`` of template variables.
_BLOCKS: dict[str, dict[str, Callable[..., dict]]] = {}


def register_block(page: str, name: str, build: Callable[..., dict]) -> None:
    """Add (or replace) the block ``name`` of ``page`` (e.g. ``"person_card"``): ``build`` gets
    the page's keyword arguments and returns the template variables it sets."""
    _BLOCKS.setdefault(page, {})[name] = build


def page_blocks(page: str, **kwargs) -> dict:
    """The template variables of every block registered for ``page``, built from ``kwargs``
    (for ``"person_card"``: ``user``, ``person``), in the order of registration."""
    context: dict = {}
    for build in _BLOCKS.get(page, {}).values():
        context.update(build(**kwargs))
    return context
