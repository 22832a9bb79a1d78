"""Settings of «Наставник», read from the environment (see README, «Настройки»).

Without ``DEBUG`` the process refuses to start unless ``SECRET_KEY`` is set.
``DATABASE_URL`` defaults to an embedded SQLite file under ``var/``.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from nastavnik.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
load_dotenv(BASE_DIR / ".env", override=False)

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE) in the environment; "
            "only DEBUG=1 may run without it."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "dal",  # django-autocomplete-light: type-ahead choosers (core.autocomplete); before the admin
    "dal_select2",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",  # /sitemap.xml of the public pages (openness.sitemaps)
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "bootstrap",
    "nastavnik.core",
    "nastavnik.reference",
    "nastavnik.organizations",
    "nastavnik.people",
    "nastavnik.access",
    "nastavnik.accounts",  # before axes: its Russian catalogue completes axes' own
    "nastavnik.accounts.apps.AxesConfig",  # django-axes (lockout after failed logins), Russian name
    "nastavnik.development",
    "nastavnik.mentoring",
    "nastavnik.bank",
    "nastavnik.matching",
    "nastavnik.demo",
    "nastavnik.jobs",
    "nastavnik.documents",
    "nastavnik.roadmaps",
    "nastavnik.monitoring",
    "nastavnik.openness",
    "nastavnik.practices",
    "nastavnik.contests",
    "nastavnik.incentives",
    # Mentoring of learners and the partners (issue 20).
    "nastavnik.learners",
    "nastavnik.partners",
    "auditlog",
    "nastavnik.audit",
    "nastavnik.api",
]

MIDDLEWARE = [
    "nastavnik.core.middleware.RequestIdMiddleware",  # first: every response and log line has the id
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nastavnik.audit.middleware.AuditMiddleware",
    "nastavnik.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "nastavnik.accounts.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into its page
]

ROOT_URLCONF = "nastavnik.urls"
WSGI_APPLICATION = "nastavnik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "nastavnik" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nastavnik.core.context_processors.navigation",
            ],
            # Filters every template may use without {% load %}: user_name (a user by name, never the login).
            "builtins": ["nastavnik.core.templatetags.core_tags"],
        },
    },
]

VAR_DIR = Path(env_str("NASTAVNIK_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nastavnik.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the development server read while a long import writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL;")
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: pages run short queries, and PostgreSQL compiled the plan of a list whose
    # scope subqueries it overestimates for 0.2–3.5 s before running it in 20 ms (issue 16).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Accounts: passwords, lockout after failed logins, idle sessions (nastavnik.accounts; README «Настройки»).
# django-axes is asked first at every login; N failures for one login lock it for the cool-off time
# (the right password too), an administrator unlocks it in the admin («Попытки доступа»).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("NASTAVNIK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("NASTAVNIK_LOGIN_COOLOFF_MINUTES", 30) / 60  # hours
# By login only: a lock by address would shut a whole school out behind its one NAT address after a
# few mistyped passwords of different teachers; rotating addresses does not help against a login
# lock, so axes' generic warning W006 does not apply.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The covering indexes (``include=``) serve PostgreSQL at the size of a region; SQLite builds
    # them without their extra columns, which is all the embedded default needs.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "models.W040"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# A session ends after this long without a request (it is saved again at most once a minute,
# NASTAVNIK_SESSION_TOUCH_SECONDS, which moves its expiry ahead) and when the browser closes.
SESSION_COOKIE_AGE = env_int("NASTAVNIK_SESSION_IDLE_MINUTES", 120) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
NASTAVNIK_SESSION_TOUCH_SECONDS = 60
# `load_demo` (with its superuser admin / demo12345) runs only with DEBUG=1, NASTAVNIK_DEMO=1 or --force.
NASTAVNIK_DEMO = env_bool("NASTAVNIK_DEMO", False)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Yekaterinburg")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "nastavnik" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nastavnik@localhost")

# Security: HTTPS=1 (the system is opened over HTTPS, possibly behind a proxy) turns on the whole set —
# redirect to HTTPS, secure cookies, HSTS; each can still be set on its own. `check --deploy` is clean
# with DEBUG=0, HTTPS=1, a long random SECRET_KEY and ALLOWED_HOSTS (core/tests/test_security.py).
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
# A load balancer or monitoring may ask for the health check over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a promise to browser makers that cannot be taken back quickly: the operator
    # opts in with SECURE_HSTS_PRELOAD=1; without it `check --deploy` would warn (W021).
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
# The header a TLS-terminating proxy sets, e.g. HTTP_X_FORWARDED_PROTO (its value for HTTPS: "https").
if _proxy_ssl_header := env_str("SECURE_PROXY_SSL_HEADER", ""):
    SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads the token from the cookie: forms carry it
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): only our own scripts, styles and images; no inline scripts,
# no inline styles, no frames, forms posted only to ourselves.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Permissions-Policy (django-permissions-policy): no page of the system needs these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Rows per page of every list.
NASTAVNIK_PAGE_SIZE = env_int("NASTAVNIK_PAGE_SIZE", 25)
# Rows per page of the comparison tables of dashboards and summaries (units below the one shown:
# a municipality may have hundreds of organizations); read at each request.
NASTAVNIK_TABLE_PAGE_SIZE = env_int("NASTAVNIK_TABLE_PAGE_SIZE", 50)
# LibreOffice processes converting documents to PDF at once (0: the machine's cores, at most two).
NASTAVNIK_PDF_WORKERS = env_int("NASTAVNIK_PDF_WORKERS", 0)
# A registered document's PDF copy made by a background job when it is registered or changed
# (the download then finds it); off: converted at the download, not kept.
NASTAVNIK_PDF_EAGER = env_bool("NASTAVNIK_PDF_EAGER", True)
# The address users open the system at («https://nastavnik.example.ru»), for links in e-mails
# (meeting reminders, requests); empty: links relative to the site.
NASTAVNIK_BASE_URL = env_str("NASTAVNIK_BASE_URL", "")

# Background jobs (nastavnik.jobs): "thread" runs them in the web process, "sync" inline.
NASTAVNIK_JOBS_BACKEND = env_str("NASTAVNIK_JOBS_BACKEND", "thread")
# Modules that declare job kinds, imported by a process that runs jobs.
NASTAVNIK_JOBS_MODULES = [
    "nastavnik.bank.importing.tasks",
    "nastavnik.documents.tasks",
    "nastavnik.monitoring.tasks",
    "nastavnik.matching.tasks",
]
# A running job of an unknown process with no progress for this long is shown as interrupted.
NASTAVNIK_JOBS_STALE_SECONDS = env_int("NASTAVNIK_JOBS_STALE_SECONDS", 3600)
# Import of the bank from XLSX/CSV: the largest file, in data rows and in bytes.
NASTAVNIK_IMPORT_MAX_ROWS = env_int("NASTAVNIK_IMPORT_MAX_ROWS", 100_000)
NASTAVNIK_IMPORT_MAX_BYTES = env_int("NASTAVNIK_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
# Years the papers of a person who left the system are kept before ``depersonalize_people``
# depersonalizes them (152-ФЗ art. 5 part 7).
NASTAVNIK_PD_RETENTION_YEARS = env_int("NASTAVNIK_PD_RETENTION_YEARS", 3)
# Every ZIP-based upload (XLSX, DOCX…): the most bytes its members may declare unpacked (core.uploads).
NASTAVNIK_UPLOAD_MAX_UNPACKED_BYTES = env_int("NASTAVNIK_UPLOAD_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Audit: the journal of changes of personal data, roles and consents (django-auditlog, into our
# own entry model audit.AuditEvent with the unit and the person of each entry) and of every
# download and export (audit.middleware.AuditMiddleware). Sensitive values are masked: the
# journal says that they changed, not what they are (audit.masking.hide_value).
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEvent"
# auditlog's own migrations create its LogEntry table even though the model is swapped for ours:
# an unused table whose foreign key to the users blocks PostgreSQL's TRUNCATE of auth_user (the
# flush after every transactional test). Without its migrations the swapped model gets no table.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # fixtures and raw loads are not user actions
_AUDIT_MASK = "nastavnik.audit.masking.hide_value"
# ``version``: the counter of optimistic locking (core.concurrency), written as ``version + 1``.
_AUDIT_NOISE = ["created_at", "updated_at", "version"]
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {
        "model": "people.person",
        "exclude_fields": _AUDIT_NOISE,
        "m2m_fields": ["subjects"],
        "mask_fields": [
            "snils",
            "address",
            "id_document_number",
            "id_document_issued_on",
            "id_document_issued_by",
        ],
        "mask_callable": _AUDIT_MASK,
    },
    {"model": "people.employment"},
    # the second contour (issue 20): learners, their legal representatives (passport data
    # masked), participants outside the staff, partners and their agreements
    {"model": "people.learner", "exclude_fields": ["created_at", "updated_at"]},
    {
        "model": "people.legalrepresentative",
        "exclude_fields": ["created_at", "updated_at"],
        "mask_fields": ["address", "id_document_number", "id_document_issued_on", "id_document_issued_by"],
        "mask_callable": _AUDIT_MASK,
    },
    {"model": "people.nonstaffparticipant", "exclude_fields": ["created_at"]},
    {"model": "organizations.partner", "exclude_fields": ["created_at", "updated_at"]},
    {"model": "organizations.partneragreement", "exclude_fields": ["created_at"]},
    {
        "model": "bank.mentorprofile",
        "exclude_fields": _AUDIT_NOISE,
        "m2m_fields": ["subjects", "forms", "interaction_models", "kinds"],
        "mask_fields": ["consent_scan"],
        "mask_callable": _AUDIT_MASK,
    },
    {
        "model": "bank.menteeprofile",
        "exclude_fields": _AUDIT_NOISE,
        "m2m_fields": ["categories", "request_areas"],
        "mask_fields": ["consent_scan"],
        "mask_callable": _AUDIT_MASK,
    },
    {
        "model": "bank.personaldataconsent",
        "exclude_fields": ["created_at"],
        "mask_fields": ["scan"],
        "mask_callable": _AUDIT_MASK,
    },
    {"model": "access.roleassignment", "exclude_fields": ["created_at"]},
    # a tutor of the ЦНППМ assigned to a teacher or an organization (issue 18): the row keeps who
    # assigned and the dates; the journal keeps every change of it
    {"model": "development.tutorassignment", "exclude_fields": ["created_at"]},
    # a request for a mentor from the public open bank and its answer (issue 19); the monthly
    # record of the sections' checklist
    {"model": "openness.mentorrequest", "exclude_fields": ["created_at"]},
    {"model": "openness.sectioncheck", "exclude_fields": ["recorded_at"]},
    {"model": "monitoring.learnercontingent", "exclude_fields": ["entered_at"]},
    # the incentives of mentors (issue 19): payments, awards, nominations (their steps also in
    # the nomination's own history)
    {"model": "incentives.incentivepayment", "exclude_fields": ["created_at"]},
    {"model": "incentives.award", "exclude_fields": ["created_at"]},
    {"model": "incentives.nomination", "exclude_fields": ["created_at", "updated_at"]},
    # what the public sees is journaled where it is decided (issue 19): a section and its items, a
    # best practice (its steps also in its own history), the contest with its criteria, panel,
    # applications and scores
    {"model": "openness.publicsection", "exclude_fields": ["updated_at"]},
    {"model": "openness.sectionitem", "exclude_fields": ["created_at", "updated_at"]},
    {"model": "practices.bestpractice", "exclude_fields": _AUDIT_NOISE},
    {"model": "contests.contest", "exclude_fields": ["created_at"]},
    {"model": "contests.contestcriterion"},
    {"model": "contests.contestexpert"},
    {"model": "contests.contestapplication", "exclude_fields": ["created_at"]},
    {"model": "contests.contestscore", "exclude_fields": ["scored_at"]},
    {
        # The login is half of the credentials and no name: the journal says it changed, not what it is.
        "model": "auth.user",
        "exclude_fields": ["password", "last_login"],
        "mask_fields": ["username"],
        "mask_callable": _AUDIT_MASK,
    },
)
# The client address of an entry: REMOTE_ADDR, or — behind one reverse proxy that appends the
# client's address to X-Forwarded-For — the last address of that header when this is 1.
NASTAVNIK_TRUST_X_FORWARDED_FOR = env_bool("NASTAVNIK_TRUST_X_FORWARDED_FOR", False)
# Where the Russian labels of codes kept in JSON lists are, for the journal (model.field → choices).
NASTAVNIK_AUDIT_VALUE_LABELS = {
    "bank.personaldataconsent.purposes": "nastavnik.bank.choices.ConsentPurpose",
    "bank.mentorprofile.public_fields": "nastavnik.bank.choices.PUBLIC_FIELDS",
}

# The REST API (settings/api.py) and background work on Celery (settings/workers.py).
from nastavnik.settings.api import *  # noqa: E402, F403
from nastavnik.settings.workers import *  # noqa: E402, F403
