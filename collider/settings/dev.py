"""Local development: plain http, a fixed dev secret, debug pages. Nothing else differs."""

import os

from .environment import is_placeholder_secret

# The base refuses a missing or placeholder secret; local runs get a fixed, obviously fake one
# (also when a copied example file still holds its placeholder).
if is_placeholder_secret(os.environ.get("DJANGO_SECRET_KEY", "")):
    os.environ["DJANGO_SECRET_KEY"] = "dev-only-not-secret-" + "x" * 40

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Demo logins work without clicking a verification link; real sign-ups still verify.
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
