"""Settings of the Celery worker processes the job tests start: the test settings, the tests'
job kinds, and the queue and Redis the test chose (environment)."""

from nastavnik.settings.test import *  # noqa: F403
from nastavnik.settings.test import NASTAVNIK_JOBS_MODULES

NASTAVNIK_JOBS_MODULES = [*NASTAVNIK_JOBS_MODULES, "nastavnik.jobs.tests.kinds"]
