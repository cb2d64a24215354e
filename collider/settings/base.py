"""Env-driven base settings, safe for production by default.

Every variable read here is listed in ``.env.example`` and in the README. Without
``DATABASE_URL`` / ``CELERY_BROKER_URL`` / ``EMAIL_URL`` the platform runs embedded: SQLite,
kombu's filesystem broker (no server) and e-mail written to files under ``var/``.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .environment import Env, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

# Booleans and numbers fail on a typo (see environment.py); .env never overrides the process env.
env = Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

# A missing, short or placeholder secret fails loudly rather than run with a guessable key.
SECRET_KEY = secret_key(env)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Where the footer's "Open source" points: the code of this installation (AGPL-3.0 asks that
# network users can get it); the licence itself until an installation publishes its repository.
SOURCE_CODE_URL = env.str("SOURCE_CODE_URL", default="https://www.gnu.org/licenses/agpl-3.0.html")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_countries",
    "auditlog",
    "collider",
    "tandems",
    "outreach",
    "training",
    "challenges",
    "matchmaking",
    "followup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "collider.middleware.AuthenticationMiddleware",
    "collider.middleware.AccountLanguageMiddleware",
    "collider.middleware.RejectNulBytesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "collider.audit.AuditlogMiddleware",
    # Last, so the CSRF check and the session's messages come first.
    "collider.submission.SubmissionTokenMiddleware",
]

ROOT_URLCONF = "collider.urls"
WSGI_APPLICATION = "collider.wsgi.application"
ASGI_APPLICATION = "collider.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "collider.context_processors.site",
                # After Django's own csrf: a kept page's token is a slot (collider.pagecache).
                "collider.context_processors.csrf",
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                # Replaces {% csrf_token %}: every POST form also gets a one-time token.
                "collider.templatetags.submission",
                # |date_as:"NAME": our named date formats in the reader's language.
                "collider.templatetags.collider_format",
            ],
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
        },
    }
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'collider.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default is shared by the web threads, the worker and beat. WAL lets readers
    # run beside the one writer; a write transaction takes the lock at BEGIN (IMMEDIATE), so two
    # transactions that read then write queue up behind the busy timeout instead of deadlocking
    # into "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,  # seconds a writer waits for the lock
        }
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        env.cache_url("CACHE_URL")
        if env.str("CACHE_URL", default="")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same, with one client per connection pool rather than one per command.
    CACHES["default"]["BACKEND"] = "collider.rediscache.RedisCache"

# Reading pages kept whole until a table they read is written (collider.pagecache). On by
# default only with a shared cache: a process-local one would not hear of other processes'
# writes (the Celery worker's, another gunicorn worker's).
PAGE_CACHE = env.bool("PAGE_CACHE", default=bool(env.str("CACHE_URL", default="")))

# Sessions are read from the cache (Redis in production) and written through to the database:
# a logged-in page reads its session without a query, and a cache restart loses no session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "collider.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: e-mail is the login; verification is mandatory before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "collider.forms.SignupProfileForm"
# signup: a lost race is no 500; login: our wording.
ACCOUNT_FORMS = {"signup": "collider.signup.SignupForm", "login": "collider.login.LoginForm"}
# Sign-in, sign-up and every public write share allauth's limiter: counted in the shared cache
# (CACHE_URL; `check --deploy` refuses a process-local one), per client address as below and,
# where a form mails an address it is given, per that address ("key"). Public writes are
# throttled by collider.ratelimit.public_write(<action>).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/10m/ip",
    "reset_password": "20/10m/ip,5/h/key",
    "confirm_email": "1/3m/key",
    "event_register": "20/10m/ip,20/h/key",
    "info_day_register": "20/10m/ip,10/h/key",
    "checklist_answer": "20/10m/ip,10/h/key",
    "registration_manage": "20/10m/ip",
    "sign_link": "20/10m/ip",
}
# The client address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT proxies of ours append to
# X-Forwarded-For (then the entry that many from the right); a client's own entries are ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# allauth's e-mails (confirmation, password reset, …) go through the outbox like every other.
ACCOUNT_ADAPTER = "collider.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Collider] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("sl", _("Slovenian")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("pl", _("Polish")),
    ("cs", _("Czech")),
    ("it", _("Italian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our English date formats (day month year, 24 h); other languages keep Django's.
FORMAT_MODULE_PATH = ["collider.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Vienna")
USE_I18N = True
USE_TZ = True
# One date style in each language: templates use the named formats (DATE_FORMAT, ...).
FORMAT_MODULE_PATH = ["collider.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Form widgets render through the project's template engine, so templates/django/forms/ can
# override Django's own (the select below renders its options inline).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: SMTP (or any django-environ e-mail URL) when EMAIL_URL is set, else files in var/mail.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Collider <collider@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Celery. With no broker configured we use kombu's filesystem transport: a real worker and
# beat, no server. Tasks are only ever enqueued on commit; a broker outage leaves outbox rows
# pending for the next sweep instead of failing the request.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem"):
    for _folder in ("queue", "processed", "control"):
        (VAR_DIR / "celery" / _folder).mkdir(parents=True, exist_ok=True)
    # kombu's filesystem transport with atomic writes: a worker never reads half a message.
    CELERY_BROKER_TRANSPORT = "collider.broker:Transport"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Publishing gives up at the first refused connection instead of retrying for seconds per
    # message: a request that queues many e-mails must not hang while the broker is down (the
    # sweep sends them). The worker's own reconnect loop does not use this option.
    "max_retries": 0,
    **(
        {
            "data_folder_in": str(VAR_DIR / "celery" / "queue"),
            "data_folder_out": str(VAR_DIR / "celery" / "queue"),
            "processed_folder": str(VAR_DIR / "celery" / "processed"),
            # Broadcast (pidbox) files; kombu's default is a "control" folder in the working dir.
            "control_folder": str(VAR_DIR / "celery" / "control"),
            "store_processed": False,
        }
        if CELERY_BROKER_URL.startswith("filesystem")
        else {}
    ),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {
        "task": "collider.tasks.reminder_sweep_task",
        "schedule": timedelta(seconds=env.int("OUTBOX_SWEEP_SECONDS", default=60)),
    },
    "phase-sync": {
        "task": "collider.tasks.phase_sync_task",
        "schedule": crontab(minute=5),
    },
    "export-sweep": {
        "task": "collider.tasks.export_job_sweep_task",
        "schedule": timedelta(minutes=15),
    },
    "privacy-erasure-sweep": {
        "task": "collider.tasks.erasure_sweep_task",
        "schedule": crontab(minute=20),
    },
    "privacy-retention-sweep": {
        "task": "collider.tasks.retention_sweep_task",
        "schedule": crontab(hour=3, minute=40),
    },
}
# Personal data: an erasure is carried out this many days after it was asked for (and can be
# cancelled until then); guests' registrations, checklist respondents' contact details and
# contacts without consent are anonymised this many days after the event, the response, or
# their entry in the contact database.
PRIVACY_ERASURE_GRACE_DAYS = env.int("PRIVACY_ERASURE_GRACE_DAYS", default=14)
PRIVACY_RETENTION_GUEST_DAYS = env.int("PRIVACY_RETENTION_GUEST_DAYS", default=180)
PRIVACY_RETENTION_RESPONDENT_DAYS = env.int("PRIVACY_RETENTION_RESPONDENT_DAYS", default=365)
PRIVACY_RETENTION_CONTACT_DAYS = env.int("PRIVACY_RETENTION_CONTACT_DAYS", default=365)
# Exports: lists up to this many rows download directly; longer ones are written by a worker
# with a progress page. Finished export files are deleted after EXPORT_JOB_KEEP_HOURS.
EXPORT_DIRECT_MAX_ROWS = env.int("EXPORT_DIRECT_MAX_ROWS", default=5000)
EXPORT_JOB_KEEP_HOURS = env.int("EXPORT_JOB_KEEP_HOURS", default=24)
# The KPI dashboard recounts a programme's indicators at most this often (it shows when it
# counted); locking a period, exports and PDFs always count afresh.
KPI_CACHE_SECONDS = env.int("KPI_CACHE_SECONDS", default=300)
# Outbox: how often a failing message is retried before it ends in `failed`.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=5)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
# A row claimed by a worker that died is given back after this long.
OUTBOX_CLAIM_TIMEOUT_SECONDS = env.int("OUTBOX_CLAIM_TIMEOUT_SECONDS", default=300)

# Security: production-safe by default; the dev settings relax what breaks plain http.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is an opt-in the operator makes for their domain, not a code default.
    "security.W021",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# One line per record, on one handler: Django's own "django" handlers (a DEBUG-only console)
# are removed so records reach the root handler once, and a 4xx is logged without the
# traceback of the PermissionDenied / Http404 / DisallowedHost behind it (logfilters.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"client_errors_plain": {"()": "collider.logfilters.ClientErrorsWithoutTraceback"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["client_errors_plain"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.db.backends": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Error reporting (optional): with SENTRY_DSN set, unhandled errors of web requests and Celery
# tasks go to Sentry (or any Sentry-compatible service). No personal data is sent.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )
