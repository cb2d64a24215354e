"""Test settings: only speed and isolation on top of the base."""

import os

from .environment import is_placeholder_secret

# The base refuses a missing or placeholder secret; tests get a fixed, obviously fake one.
if is_placeholder_secret(os.environ.get("DJANGO_SECRET_KEY", "")):
    os.environ["DJANGO_SECRET_KEY"] = "test-only-not-secret-" + "x" * 40

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, env

DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    # The manifest storage needs collectstatic; tests serve sources directly.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks inline; the worker tests start a real worker on the configured broker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
if CELERY_BROKER_URL.startswith("redis"):
    # Own Redis database so a developer's worker on db 0 cannot steal test tasks.
    CELERY_BROKER_URL = env.str("TEST_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/14")
ACCOUNT_RATE_LIMITS = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
WHITENOISE_AUTOREFRESH = True  # serve from the finders; tests never run collectstatic
# Every reading page is kept as in production (collider.pagecache), in this process's cache.
PAGE_CACHE = True
