"""Settings for the test suite: fast hashing, in-memory e-mail, a DEBUG-less stack."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")

from nastavnik.settings.base import *  # noqa: F403
from nastavnik.settings.base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
NASTAVNIK_JOBS_BACKEND = "sync"
# No LibreOffice run at each document registered (the jobs are synchronous here); the tests of
# the PDF copies turn it on (documents/tests/test_pdf_copies.py).
NASTAVNIK_PDF_EAGER = False
# django-axes refuses authenticate() without a request, which Client.login() calls; the lockout
# tests turn it on (accounts/tests/test_lockout.py) and log in through the form.
AXES_ENABLED = False
