"""Browser fixtures: Debian's Chromium headless shell through pytest-playwright (the full
browser where a journey needs it, see tests/chromium.py), against pytest-django's live server
(which serves static files itself, like StaticLiveServerTestCase).

Without /usr/bin/chromium-headless-shell and /usr/bin/chromium the browser tests are skipped;
with ``CI=true`` they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core import mail
from django.utils.cache import patch_cache_control
from playwright.sync_api import Browser, Error, Page
from pytest_django.live_server_helper import LiveServer

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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed journey leaves, for every page it still has open, its address and HTML and a
    full-page screenshot in ``test-artifacts/browser/failures/`` (also in CI, where the journeys
    take no others), and the report shows each page's address and the start of its text: a
    failure that happens once in a CI run is then legible from the log alone."""
    report = yield
    if report.when == "call" and report.failed:
        report.sections.append(("Open pages at the failure", _record_open_pages(item)))
    return report


def _record_open_pages(item) -> str:
    browsers = {value for value in item.funcargs.values() if isinstance(value, Browser)}
    browsers |= {
        value.context.browser for value in item.funcargs.values() if isinstance(value, Page)
    }
    pages = [
        page
        for browser in browsers
        if browser is not None
        for context in browser.contexts
        for page in context.pages
    ]
    folder = ARTIFACTS / "failures"
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "-", item.nodeid).strip("-")
    seen = []
    for number, page in enumerate(pages, start=1):
        with contextlib.suppress(Error):
            text = " ".join(page.inner_text("body", timeout=5000).split())
            seen.append(f"{number}. {page.url}\n   {text[:1500]}")
        # The HTML first: it needs no painting, so it is there even when the screenshot is not
        # (a page that crashed or closed, or one that does not paint in time on a loaded machine).
        with contextlib.suppress(Error):  # the report stands either way
            html = f"<!-- {page.url} -->\n{page.content()}"
            (folder / f"{stem}-{number}.html").write_text(html, encoding="utf-8")
        with contextlib.suppress(Error):
            page.screenshot(
                path=str(folder / f"{stem}-{number}.png"), full_page=True, timeout=15000
            )
    return "\n".join(seen) or f"none of the test's browsers had a page open ({len(browsers)})"


@pytest.fixture(scope="session", autouse=True)
def _no_old_failures():
    """What failed journeys of an earlier run left is removed when the journeys start."""
    for old in (ARTIFACTS / "failures").glob("*.*"):
        old.unlink()


class _StaticFilesKept(StaticFilesHandler):
    """The live server's static files with an hour's ``max-age``, as production's hashed files
    are kept for a year (WhiteNoise): a page then loads its stylesheets, scripts and fonts from
    the browser's cache, as people's browsers do, instead of asking the server again for each
    of the ~600 pages of the journeys. Django's own handler sends no ``Cache-Control``, so
    Chromium revalidated every file on every page: a dashboard cost 220 ms of its CPU per load
    against 135 ms with the files kept, and 340 against 210 ms."""

    def serve(self, request):
        response = super().serve(request)
        patch_cache_control(response, public=True, max_age=3600)
        return response


@pytest.fixture(scope="session")
def live_server(request) -> Iterator[LiveServer]:
    """pytest-django's live server (same address options), serving static files through
    ``_StaticFilesKept``."""
    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with mock.patch("django.contrib.staticfiles.handlers.StaticFilesHandler", _StaticFilesKept):
        server = LiveServer(address)
    yield server
    server.stop()


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
