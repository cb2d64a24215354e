"""Browser fixtures: Debian's Chromium headless shell through pytest-playwright (the full
browser where a journey needs it, see tests/chromium.py), against pytest-django's live server
(which serves static files itself, like StaticLiveServerTestCase).

Without /usr/bin/chromium-headless-shell and /usr/bin/chromium the browser tests are skipped;
with ``CI=true`` they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page

from collider.demo import DEMO_SLUG
from collider.models import Programme
from tests.chromium import CHROMIUM, CHROMIUM_ARGS, HEADLESS_SHELL

from .support import ARTIFACTS, SERVER, Accessibility, ConsoleErrors, Screenshots


@pytest.fixture(scope="session", autouse=True)
def _chromium_present():
    missing = [path for path in (HEADLESS_SHELL, CHROMIUM) if not Path(path).exists()]
    if missing:
        packages = " ".join(Path(path).name for path in missing)
        message = f"{', '.join(missing)} missing: apt-get install -y {packages}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browsers here; drive the system's headless shell.
    return {
        **browser_type_launch_args,
        "executable_path": HEADLESS_SHELL,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    SERVER.url = live_server.url
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "viewport": {"width": 1280, "height": 900},
        "locale": "en-GB",
        "timezone_id": "Europe/Vienna",
        "accept_downloads": True,
        # Bootstrap then skips its transitions (collapse, modal, smooth scrolling): an action
        # no longer waits for an element to stop moving. The pages behave the same.
        "reduced_motion": "reduce",
    }


@pytest.fixture
def browser_page(browser_type, browser_context_args) -> Iterator[Page]:
    """A page in the full Chromium, for a journey that needs the browser itself (its PDF
    viewer: the headless shell downloads an inline PDF instead of showing it)."""
    browser = browser_type.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()
    browser.close()


@pytest.fixture
def demo(transactional_db, live_server, demo_snapshot) -> Programme:
    """The demo programme (the browser journeys run on the demo data), restored from the copy
    made once per session: loading the demo took a minute per journey."""
    demo_snapshot.copy.restore()
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
