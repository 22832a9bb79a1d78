"""A school of the persona world ready to issue its documents: requisites, a head and a curator
with person cards and positions (seed 000 §4.1.1–4.1.2)."""

from __future__ import annotations

import pytest

from nastavnik.documents.testing import prepare_school


@pytest.fixture
def doc_world(world):
    """``world`` with school A ready to issue its documents (``testing.prepare_school``): a
    namespace of ``world``, ``school``, ``head`` (Соколова Елена Викторовна, директор) and
    ``curator`` (Кузнецов Илья Сергеевич, заместитель директора по учебно-воспитательной работе)."""
    return prepare_school(world)


@pytest.fixture
def libreoffice():
    """Skip when LibreOffice is not installed, except in CI (``CI`` set), where it must be."""
    import os

    from nastavnik.documents.render import soffice_path

    if soffice_path() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice не установлен, а тесты документов в CI требуют его.")
        pytest.skip("LibreOffice не установлен")
