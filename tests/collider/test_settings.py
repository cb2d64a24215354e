"""Settings fail loudly: typos in booleans and numbers, placeholder secrets (base only)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from collider.settings.environment import Env, is_placeholder_secret

ROOT = Path(__file__).resolve().parents[2]


def load_settings(module: str, then: str = "", **variables: str) -> subprocess.CompletedProcess:
    """Import a settings module in a fresh interpreter with exactly these variables set, print
    a few settings (or run ``then``)."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        **variables,
    }
    code = f"import {module} as s; " + (
        then or "print(s.SECRET_KEY[:8], s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize("value", ["ture", "flase", "enabled", "2"])
def test_env_bool_refuses_a_typo(monkeypatch, value):
    monkeypatch.setenv("DJANGO_SECURE_SSL_REDIRECT", value)

    with pytest.raises(ImproperlyConfigured, match=r"DJANGO_SECURE_SSL_REDIRECT=.* not a boolean"):
        Env().bool("DJANGO_SECURE_SSL_REDIRECT", default=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("True", True), ("1", True), ("on", True), ("false", False), ("0", False)],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("DJANGO_DEBUG", value)

    assert Env().bool("DJANGO_DEBUG", default=False) is expected


def test_env_bool_and_int_fall_back_to_their_default_when_unset(monkeypatch):
    monkeypatch.delenv("OUTBOX_MAX_ATTEMPTS", raising=False)
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)

    assert (Env().bool("DJANGO_DEBUG", default=True), Env().int("OUTBOX_MAX_ATTEMPTS", 5)) == (
        True,
        5,
    )


@pytest.mark.parametrize("value", ["5O", "1.5", "five"])
def test_env_int_names_the_variable_and_the_bad_value(monkeypatch, value):
    monkeypatch.setenv("OUTBOX_MAX_ATTEMPTS", value)

    with pytest.raises(ImproperlyConfigured, match=f"OUTBOX_MAX_ATTEMPTS='{value}' is not an"):
        Env().int("OUTBOX_MAX_ATTEMPTS", default=5)


def test_base_settings_refuse_a_mistyped_boolean():
    result = load_settings("collider.settings.base", DJANGO_SECURE_SSL_REDIRECT="ture")

    assert result.returncode == 1
    assert "DJANGO_SECURE_SSL_REDIRECT='ture' is not a boolean" in result.stderr


@pytest.mark.parametrize(
    "secret", ["change-me", "change-me-to-50-random-characters", "changeme", "short-secret"]
)
def test_base_settings_refuse_a_placeholder_secret(secret):
    result = load_settings("collider.settings.base", DJANGO_SECRET_KEY=secret)

    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY is a placeholder" in result.stderr


def test_dev_settings_replace_a_placeholder_secret_with_their_own():
    result = load_settings("collider.settings.dev", DJANGO_SECRET_KEY="change-me")

    assert (result.returncode, result.stdout.split()) == (0, ["dev-only", "False", "True"])


def test_a_generated_secret_is_no_placeholder():
    assert is_placeholder_secret(secrets.token_urlsafe(50)) is False


def test_sentry_reports_errors_only_when_its_dsn_is_set():
    probe = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"

    def active(**variables: str) -> str:
        return load_settings("collider.settings.base", probe, **variables).stdout.strip()

    assert (active(), active(SENTRY_DSN="https://public@sentry.invalid/1")) == ("False", "True")
