"""A school of the persona world ready to issue its documents: requisites, a head and a curator
with person cards and positions (seed 000 §4.1.1–4.1.2), and its approved roadmap (seed 002 §6,
§10)."""

from __future__ import annotations

import pytest

from nastavnik.documents.testing import approved_roadmap, prepare_school


@pytest.fixture
def doc_world(world):
    """``world`` with school A ready to issue its documents (``testing.prepare_school``): a
    namespace of ``world``, ``school``, ``head`` (Соколова Елена Викторовна, директор),
    ``curator`` (Кузнецов Илья Сергеевич, заместитель директора по учебно-воспитательной работе)
    and ``roadmap``: the school's roadmap for 2026/27 approved by the municipality
    (``testing.approved_roadmap``), which the implementation order reprints."""
    prepared = prepare_school(world)
    prepared.roadmap = approved_roadmap(world, prepared.school)
    return prepared


@pytest.fixture
def libreoffice():
    """Skip when LibreOffice is not installed, except in CI (``CI`` set), where it must be."""
    import os

    from nastavnik.documents.render import soffice_path

    if soffice_path() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice не установлен, а тесты документов в CI требуют его.")
        pytest.skip("LibreOffice не установлен")
