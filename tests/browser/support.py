"""Helpers for the browser journeys: screenshots, axe-core audits, log-in, mail."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from collider.demo import DEMO_PASSWORD

# The live server's address, set by the browser fixtures (tests/browser/conftest.py).
SERVER = SimpleNamespace(url="")
# The backend allauth's log-in form signs people in with.
ACCOUNT_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
# The journeys' screenshots, for people to look at: taken unless switched off, and switched off
# in CI (`CI=true`) unless BROWSER_SCREENSHOTS=1 asks for them. Nobody opens a CI clone's files,
# and the 192 full-page screenshots were 29 of the 354 core-seconds the journeys cost. A failing
# journey's open pages are photographed either way (``pytest_runtest_makereport`` in conftest.py).
TAKE_SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS", "" if os.environ.get("CI") else "1") == "1"
# Served by the live server from static/vendor/axe-core/axe.min.js (see the note in check()).
AXE_URL = "/static/vendor/axe-core/axe.min.js"
# Only violations are read: axe skips collecting the passed and incomplete checks per node.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]},
    "resultTypes": ["violations"],
}
# An assertion waits as long as an action does (pages wait 15 s, see ConsoleErrors.watch): on a
# loaded CI machine, expect()'s own 5 s default ran out while a POST was still being answered.
expect.set_options(timeout=15_000)


@dataclass
class Screenshots:
    """Numbered full-page screenshots: ``<folder>/[<prefix>-]NN-name.png``."""

    folder: Path
    prefix: str = ""
    taken: list[Path] = field(default_factory=list)

    @classmethod
    def fresh(cls, app: str, prefix: str = "") -> Screenshots:
        """A journey's screenshots in ``test-artifacts/browser/<app>/``. Its own earlier files
        are removed; other journeys sharing the folder (with another prefix) keep theirs."""
        folder = ARTIFACTS / app
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{prefix}-[0-9][0-9]-*.png" if prefix else "[0-9][0-9]-*.png"):
            old.unlink()
        return cls(folder, prefix)

    def __call__(self, page: Page, name: str) -> Path:
        """Photograph the whole page (see TAKE_SCREENSHOTS); returns where it is or would be."""
        stem = f"{len(self.taken) + 1:02d}-{name}.png"
        path = self.folder / (f"{self.prefix}-{stem}" if self.prefix else stem)
        if TAKE_SCREENSHOTS:
            page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        return path


@dataclass
class Accessibility:
    """axe-core (WCAG 2 A and AA rules) on each page; violations are collected, not raised,
    so one run reports every page. Call ``assert_clean()`` at the end of the test."""

    violations: dict[str, list[dict]] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)

    def check(self, page: Page, name: str) -> list[dict]:
        page.wait_for_load_state("load")
        # The CSP (script-src 'self') blocks inline scripts, and add_script_tag(path=...)
        # inlines the file; loading the same vendored file from the live server keeps the
        # real CSP in force during the journey instead of bypassing it.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(url=AXE_URL)
        found = page.evaluate(
            """async (options) => {
                const result = await axe.run(document, options);
                return result.violations.map((v) => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map((n) => n.target.join(' ')),
                    summaries: v.nodes.map((n) => n.failureSummary),
                }));
            }""",
            AXE_OPTIONS,
        )
        label = f"{name} ({page.url})"
        self.pages.append(label)
        if found:
            self.violations[label] = found
        return found

    def report(self) -> str:
        lines = []
        for label, found in self.violations.items():
            lines.append(label)
            for v in found:
                lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
                for target, summary in zip(v["targets"], v["summaries"], strict=True):
                    lines.append(f"      {target}")
                    lines.append("        " + " / ".join(summary.splitlines()[1:]).strip())
        return "\n".join(lines)

    def assert_clean(self) -> None:
        assert not self.violations, "axe found WCAG 2 A/AA violations:\n" + self.report()


def log_in(
    page: Page,
    email: str,
    password: str = DEMO_PASSWORD,
    a11y: Accessibility | None = None,
    land: bool = True,
) -> None:
    """Log in and land on the dashboard, as the log-in form leads there (``land=False``: for a
    caller that opens another page next).

    With ``a11y``, through allauth's form, auditing the form and the landing page (the journeys
    that do so keep the form itself covered in Chromium; tests/collider/test_login.py covers
    it over HTTP). Without, the person's session is opened server-side and handed to the
    browser as its cookie — what the form's answer does — which spared the suite about half a
    second of typing and two page loads per log-in, over a hundred of them.
    """
    if a11y is None:
        _log_in_by_session(page, email, password, land)
        return
    page.goto("/accounts/login/")
    if a11y:
        a11y.check(page, "log-in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    if a11y:
        a11y.check(page, "after-log-in")


def _log_in_by_session(page: Page, email: str, password: str, land: bool) -> None:
    user = get_user_model().objects.get(email__iexact=email)
    assert user.is_active and user.check_password(password), f"{email} cannot log in"
    client = Client()
    client.force_login(user, backend=ACCOUNT_BACKEND)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": SERVER.url}
    page.context.add_cookies([cookie])
    if land:
        page.goto(reverse(settings.LOGIN_REDIRECT_URL))
        expect(page.get_by_role("button", name="Log out")).to_be_visible()


def mail_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


class ConsoleErrors:
    """JavaScript errors and console errors (CSP violations, missing static files) per page."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def watch(self, page: Page) -> Page:
        page.on(
            "console", lambda m: m.type == "error" and self.errors.append(f"{page.url}: {m.text}")
        )
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))
        page.set_default_timeout(15_000)
        return page
