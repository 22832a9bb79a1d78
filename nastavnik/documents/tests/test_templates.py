"""The committed DOCX templates are exactly what their sources in ``documents.specs`` build."""

from __future__ import annotations

import zipfile

import pytest

from nastavnik.documents.management.commands.documents_build_templates import build_template
from nastavnik.documents.render import TEMPLATES_DIR
from nastavnik.documents.specs import SPECS


@pytest.mark.parametrize("kind", list(SPECS))
def test_the_committed_template_matches_its_source(kind, tmp_path):
    spec = SPECS[kind]
    committed = TEMPLATES_DIR / spec.template_name
    assert committed.is_file(), (
        f"Нет шаблона {committed.name}: python manage.py documents_build_templates {kind}"
    )

    built = build_template(spec, tmp_path)

    with zipfile.ZipFile(committed) as old, zipfile.ZipFile(built) as new:
        assert old.read("word/document.xml") == new.read("word/document.xml"), (
            f"Шаблон {committed.name} устарел: python manage.py documents_build_templates {kind}"
        )
