"""Project-wide pytest fixtures."""

import pytest


@pytest.fixture
def world(db):
    """The persona world (see ``nastavnik.testing.personas``)."""
    from nastavnik.testing.personas import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Make sure the reference data the migrations load is there for a test that uses the database.

    A transactional test (browser tests included) empties every table after itself, the
    reference lists with them; the next test that uses the database gets them back here (one
    cheap query when they are present). pytest-django runs transactional tests last, so only
    they pay for the reload.
    """
    uses_db = request.node.get_closest_marker("django_db") or "_django_db_helper" in request.fixturenames
    if not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    from nastavnik.reference.loading import load_reference_data
    from nastavnik.reference.models import CompetenceArea

    if not CompetenceArea.objects.exists():
        load_reference_data()
    from nastavnik.monitoring.builtin import BUILTIN_CODES, load_builtin_questionnaires
    from nastavnik.monitoring.models import Questionnaire

    if Questionnaire.objects.filter(code__in=BUILTIN_CODES).count() < len(BUILTIN_CODES):
        load_builtin_questionnaires()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the indicators keep their figures for a minute
    (``monitoring.indicators.base.CACHE_SECONDS``), and a later test whose rows reuse the same
    ids would otherwise read an earlier test's figures. Within a test, ``cache.clear()`` stands
    for «a minute later»."""
    from django.core.cache import cache

    cache.clear()
