"""The demo region for tests that read it whole (the demo's own, the documents' package, the
monitoring of a demo region): loaded once for a module, inside a transaction rolled back after
it, so that the module's tests share the load and leave nothing behind."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def demo_loaded(*, teachers: int) -> Iterator:
    """Load the demo region with ``teachers`` teachers — the reference data and the built-in
    questionnaires first when the test database has none — inside a transaction that is rolled
    back on leaving; yields the region (``demo.services.demo_region``). Use it from a
    module-scoped fixture under ``django_db_blocker.unblock()``."""
    from nastavnik.demo.services import demo_region, demo_region_load
    from nastavnik.monitoring.builtin import load_builtin_questionnaires
    from nastavnik.reference.loading import load_reference_data
    from nastavnik.reference.models import CompetenceArea

    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        if not CompetenceArea.objects.exists():
            load_reference_data()
        load_builtin_questionnaires()
        demo_region_load(teachers=teachers)
        yield demo_region()
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
