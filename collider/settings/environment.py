"""Typed environment reading that fails loudly (healthchecks' ``envbool`` habit).

django-environ's ``Env.bool`` reads any unknown word as False, so
``DJANGO_SECURE_SSL_REDIRECT=ture`` would silently switch the redirect off. ``Env`` here accepts
only the usual spellings of true and false, and says which variable holds which bad value for
integers and floats too. The base settings read every variable through it.
"""

from __future__ import annotations

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})

#: Secrets copied from an example or a tutorial. The base settings refuse them (the dev and test
#: settings replace them with their own key before the base is read).
PLACEHOLDER_SECRETS = frozenset(
    {"change-me", "changeme", "secret", "secret-key", "build-only", "django-insecure"}
)
PLACEHOLDER_PREFIXES = ("change-me", "changeme", "replace-me", "django-insecure-")
MIN_SECRET_LENGTH = 32


class Env(environ.Env):
    def _raw(self, var: str, default):
        value = self.ENVIRON.get(var)
        if value is None:
            if default is self.NOTSET:
                raise ImproperlyConfigured(f"Set the {var} environment variable")
            return None
        return value.strip()

    def bool(self, var: str, default=environ.Env.NOTSET) -> bool:
        raw = self._raw(var, default)
        if raw is None:
            return default
        if raw.lower() in TRUE_WORDS:
            return True
        if raw.lower() in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(
            f"{var}={raw!r} is not a boolean: write true or false (also 1/0, yes/no, on/off)"
        )

    def _number(self, var: str, default, kind: type):
        raw = self._raw(var, default)
        if raw is None:
            return default
        try:
            return kind(raw)
        except ValueError:
            raise ImproperlyConfigured(
                f"{var}={raw!r} is not {'an integer' if kind is int else 'a number'}"
            ) from None

    def int(self, var: str, default=environ.Env.NOTSET) -> int:
        return self._number(var, default, int)

    def float(self, var: str, default=environ.Env.NOTSET) -> float:
        return self._number(var, default, float)


def is_placeholder_secret(key: str) -> bool:
    lowered = key.strip().lower()
    return (
        lowered in PLACEHOLDER_SECRETS
        or lowered.startswith(PLACEHOLDER_PREFIXES)
        or len(lowered) < MIN_SECRET_LENGTH
    )


def secret_key(env: Env) -> str:
    """``DJANGO_SECRET_KEY``, refusing a missing, short or known placeholder value."""
    key = env.str("DJANGO_SECRET_KEY")
    if is_placeholder_secret(key):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is a placeholder or shorter than "
            f"{MIN_SECRET_LENGTH} characters; generate one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    return key
