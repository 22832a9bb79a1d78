"""The production settings (``nastavnik.settings.production``) for the scale-out test on loopback.

One change: static files are served from the apps' folders (WhiteNoise's finders) instead of a
``collectstatic`` run, which compresses every file for minutes; static files are not what the
test is about.
"""

from nastavnik.settings.production import *  # noqa: F403
from nastavnik.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
