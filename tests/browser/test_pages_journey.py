"""The key pages as each role reads them, at 1280 and at 390 px: every one audited with axe-core,
with the layout promises a phone depends on checked (a chart tall enough to read, programme
tabs in one row, a cockpit that says what waits). Screenshots land in
test-artifacts/browser/pages/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from challenges.models import Challenge
from matchmaking.models import Workshop
from outreach.models import Checklist

from .support import Screenshots, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN = "admin@demo.collider.test"
PARTNER = "petra.lindner@creativehub-graz.example"
CCI = "mira.kovac@demo.collider.test"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def shots() -> Screenshots:
    return Screenshots.fresh("pages")


#: Pages wider than a phone's screen (they scroll sideways as a whole): name → width.
TOO_WIDE: dict[str, int] = {}


def _both_widths(page, a11y, shots, name):
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.reload()
        a11y.check(page, f"{name}-{size['width']}")
        shots(page, f"{name}-{size['width']}")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        TOO_WIDE[name] = width


def test_key_pages_for_each_role_at_desktop_and_phone_width(demo, new_context, shots, a11y):
    slug = demo.slug
    challenge = Challenge.objects.filter(programme=demo).order_by("pk").first()
    workshop = Workshop.objects.filter(event__programme=demo).order_by("pk").first()
    checklist = Checklist.objects.get(programme=demo)

    # The platform admin's cockpit says what waits across programmes.
    admin = new_context().new_page()
    log_in(admin, ADMIN, land=False)
    admin.goto("/dashboard/")
    expect(admin.get_by_text("Next step")).to_be_visible()
    expect(admin.get_by_role("link", name="Review 2 applications")).to_be_visible()
    _both_widths(admin, a11y, shots, "admin-dashboard")

    # A partner: cockpit with KPIs against targets, the scheduler grid, charts on a phone.
    partner = new_context().new_page()
    log_in(partner, PARTNER, land=False)
    partner.goto("/dashboard/")
    expect(partner.get_by_role("heading", name="KPIs against targets")).to_be_visible()
    _both_widths(partner, a11y, shots, "partner-dashboard")
    for name, path in (
        ("programme", f"/p/{slug}/"),
        ("challenge", f"/p/{slug}/challenges/{challenge.pk}/"),
        ("scheduler", f"/p/{slug}/matchmaking/workshops/{workshop.pk}/schedule/"),
        ("kpis", f"/p/{slug}/followup/kpis/"),
        ("checklist-results", f"/p/{slug}/checklists/{checklist.pk}/results/"),
        ("tasks", f"/p/{slug}/tandem/tasks/"),
    ):
        partner.goto(path)
        _both_widths(partner, a11y, shots, f"partner-{name}")

    partner.goto(f"/p/{slug}/matchmaking/workshops/{workshop.pk}/schedule/")
    expect(
        partner.get_by_role("table", name="Meetings by slot (rows) and table (columns)")
    ).to_be_visible()
    partner.goto(f"/p/{slug}/checklists/{checklist.pk}/results/")
    partner.set_viewport_size(PHONE)
    partner.reload()
    chart = partner.locator("#results-chart").bounding_box()
    tabs = partner.locator(".programme-nav").bounding_box()
    # Readable on a phone: the chart keeps its height; the tabs stay one row and scroll.
    assert (chart["height"] >= 250, tabs["height"] < 60) == (True, True)

    # A participant: the next step first, then their own figures.
    participant = new_context().new_page()
    log_in(participant, CCI, land=False)
    participant.goto("/dashboard/")
    expect(participant.get_by_text("Next step")).to_be_visible()
    expect(participant.get_by_role("heading", name="Your participation")).to_be_visible()
    _both_widths(participant, a11y, shots, "cci-dashboard")
    for name, path in (
        ("catalogue", f"/p/{slug}/training/"),
        ("library", f"/p/{slug}/training/library/"),
    ):
        participant.goto(path)
        _both_widths(participant, a11y, shots, f"cci-{name}")

    a11y.assert_clean()
    assert TOO_WIDE == {}
