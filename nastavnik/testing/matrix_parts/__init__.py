"""Parts of the persona matrix written by the parts of issue 19, each in its own module so that
they need not edit ``testing.matrix`` and ``core/tests/test_persona_matrix.py`` at once.

A part module (listed in :data:`PARTS`) may define:

- ``objects(world, a, b, nc) -> None``: adds its objects to the variants' dicts (``a`` of school
  A and municipality 1, ``b`` of school B and municipality 2, ``nc`` naming the person without a
  consent), called at the end of ``testing.matrix.matrix_world`` (the consent already withdrawn;
  ``world`` is the persona ``World``; the users are ``world.users[...]``);
- ``PROVIDERS``, ``QUERIES``, ``BODIES``: merged into those of ``testing.matrix``;
- ``EXPECTED``: label → ``(who may GET, who may POST)`` as in the matrix test, written with the
  groups of :mod:`nastavnik.testing.matrix_groups`;
- ``PUBLIC``: labels open to the anonymous visitor (GET);
- ``REGIONAL``: labels whose objects of school B are open as those of school A (public pages);
- ``SECRETS``: text → the personas who may read it; the matrix looks for the text in every
  response to every other persona (the minors' part of issue 20: a minor's and their legal
  representative's names, seed 002 §10).
"""

from __future__ import annotations

from importlib import import_module

PARTS = (
    "sections",
    "public_bank",
    "section_checks",
    "practices",
    "contests",
    "incentives",
    "minors",
    "learners",
    "partners",
    "contingent",
)


def modules():
    """The part modules, in the order of :data:`PARTS`."""
    return [import_module(f"{__name__}.{name}") for name in PARTS]


def merged(attribute: str) -> dict:
    """The dicts ``attribute`` of every part merged (later parts do not override earlier keys:
    a clash is a mistake and raises)."""
    result: dict = {}
    for module in modules():
        for key, value in getattr(module, attribute, {}).items():
            if key in result:
                raise ValueError(f"{attribute}: {key} задан в двух частях матрицы")
            result[key] = value
    return result


def merged_set(attribute: str) -> set:
    return {label for module in modules() for label in getattr(module, attribute, ())}


def merged_secrets() -> dict[str, frozenset[str]]:
    """The ``SECRETS`` of every part: text → the personas who may read it."""
    return merged("SECRETS")


def add_objects(world, a: dict, b: dict, nc: dict) -> None:
    """Let every part add its objects to the variants."""
    for module in modules():
        build = getattr(module, "objects", None)
        if build is not None:
            build(world, a, b, nc)
