"""Write the DOCX templates of every document kind from their sources (``documents.specs``)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from nastavnik.documents.builder import TemplateBuilder
from nastavnik.documents.render import TEMPLATES_DIR
from nastavnik.documents.specs import SPECS


def build_template(spec, directory: Path) -> Path:
    """Write ``spec``'s template into ``directory``; returns its path."""
    builder = TemplateBuilder(**spec.page)
    spec.build(builder)
    path = directory / spec.template_name
    builder.save(path)
    return path


class Command(BaseCommand):
    help = "Собирает шаблоны DOCX документов из их описаний в nastavnik/documents/specs."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="виды документов (по умолчанию все)")
        parser.add_argument("--out", default=str(TEMPLATES_DIR), help="каталог для шаблонов")

    def handle(self, *args, kinds, out, **options):
        directory = Path(out)
        directory.mkdir(parents=True, exist_ok=True)
        for kind, spec in SPECS.items():
            if kinds and kind not in kinds:
                continue
            path = build_template(spec, directory)
            self.stdout.write(f"{kind}: {path}")
