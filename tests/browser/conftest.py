"""Browser fixtures: Debian's Chromium through pytest-playwright, against pytest-django's
live server (which serves static files itself, like StaticLiveServerTestCase).

Without /usr/bin/chromium the browser tests are skipped; with ``CI=true`` they fail instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from auditlog.context import disable_auditlog
from django.apps import apps
from django.core import mail, serializers
from django.core.management import call_command
from django.db import connection, transaction

from collider.demo import DEMO_SLUG
from collider.models import Programme
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

from .support import ARTIFACTS, Accessibility, ConsoleErrors, Screenshots


@pytest.fixture(scope="session", autouse=True)
def _chromium_present():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browsers here; drive the system Chromium.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "viewport": {"width": 1280, "height": 900},
        "locale": "en-GB",
        "timezone_id": "Europe/Vienna",
        "accept_downloads": True,
    }


# Built by ``load_demo`` once per session, then restored into each journey's emptied database:
# loading the demo took a minute per journey.
_DEMO_SNAPSHOT: list[str] = []
# Recreated by the flush after each transactional test; referred to by natural keys.
_NOT_SNAPSHOTTED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def _snapshot() -> str:
    # Models whose natural keys others refer to (users by e-mail) come first.
    models = serializers.sort_dependencies(
        [(config, None) for config in apps.get_app_configs()], allow_cycles=True
    )
    objects = (
        obj
        for model in models
        if model._meta.label_lower not in _NOT_SNAPSHOTTED
        and model._meta.managed
        and not model._meta.proxy
        for obj in model._base_manager.order_by("pk")
    )
    return serializers.serialize("json", objects, use_natural_foreign_keys=True)


def _restore(snapshot: str) -> None:
    # Raw saves: no custom save(), no audit entries, receivers skip them; the constraints are
    # checked once everything is in.
    with transaction.atomic(), disable_auditlog(), connection.constraint_checks_disabled():
        for deserialized in serializers.deserialize("json", snapshot):
            deserialized.save()
    connection.check_constraints()


@pytest.fixture
def demo(transactional_db, live_server) -> Programme:
    """The demo programme (the browser journeys run on the demo data)."""
    if _DEMO_SNAPSHOT:
        _restore(_DEMO_SNAPSHOT[0])
    else:
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        _DEMO_SNAPSHOT.append(_snapshot())
    mail.outbox.clear()
    return Programme.objects.get(slug=DEMO_SLUG)


@pytest.fixture(scope="session")
def shots() -> Screenshots:
    """Numbered across the session; the previous run's screenshots are removed first."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    return Screenshots(ARTIFACTS)


@pytest.fixture
def console() -> ConsoleErrors:
    return ConsoleErrors()


@pytest.fixture
def a11y() -> Accessibility:
    return Accessibility()
