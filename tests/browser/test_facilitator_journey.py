"""Browser journey of the facilitator on the demo programme, by visible labels only (no typed
URL after the log-in): from the dashboard to a challenge, its review criteria (the link is in
the challenge menu and on the challenge), a new criterion, the ranking; then the follow-up tab:
the cooperation board, a cooperation with its check-ins (a milestone added, the stage moved),
the KPI dashboard (read, without the partners' period tools) and the success stories. Every
page is audited with axe-core; screenshots land in test-artifacts/browser/facilitator/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from challenges.models import ReviewCriterion
from followup.enums import Stage
from followup.models import Cooperation

from .support import ConsoleErrors, Screenshots, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VESNA = "vesna.mlakar@demo.collider.test"
CHALLENGE = "Make cobot safety zones understandable on the shop floor"
COOPERATION = "Showroom storytelling for a machining line"


@pytest.fixture
def snap() -> Screenshots:
    return Screenshots.fresh("facilitator")


def flash(page: Page):
    return page.locator(".messages .alert")


def phase_menu(page: Page, number: int) -> None:
    page.get_by_role("button", name=re.compile(rf"phase {number}\b", re.IGNORECASE)).click()


def test_facilitator_runs_criteria_ranking_and_follow_up(
    demo, new_context, snap, a11y, live_server
):
    console = ConsoleErrors()
    vesna = console.watch(new_context().new_page())
    log_in(vesna, VESNA, a11y=a11y)

    # 1. The dashboard names the programme; its title leads to the programme.
    expect(vesna.get_by_role("heading", name=demo.name)).to_be_visible()
    snap(vesna, "dashboard")
    vesna.get_by_role("link", name=demo.name, exact=True).first.click()

    # 2. The challenge menu offers the review criteria next to the challenges.
    phase_menu(vesna, 4)
    menu = vesna.locator(".dropdown-menu.show")
    expect(menu.get_by_role("link", name="Review criteria")).to_be_visible()
    snap(vesna, "challenge-menu")
    menu.get_by_role("link", name="Challenges", exact=True).click()
    expect(vesna.get_by_role("link", name="Review criteria")).to_be_visible()
    a11y.check(vesna, "challenge-list")
    vesna.get_by_role("link", name=CHALLENGE).click()
    a11y.check(vesna, "challenge")
    snap(vesna, "challenge")

    # 3. From the challenge's workflow card to the criteria and weights; a new criterion.
    vesna.get_by_role("link", name="Review criteria and weights").click()
    expect(vesna.get_by_role("heading", name="Review criteria", exact=True)).to_be_visible()
    vesna.get_by_label(re.compile(r"^\s*Criterion\s*\*?\s*$")).fill("Sustainability")
    vesna.get_by_label(re.compile(r"^\s*Weight\s*\*?\s*$")).fill("2")
    vesna.get_by_label("Description").fill("Materials, energy and reuse.")
    vesna.get_by_role("button", name="Save", exact=True).click()
    expect(flash(vesna)).to_contain_text("Criterion saved.")
    expect(vesna.get_by_role("cell", name=re.compile("^Sustainability"))).to_be_visible()
    a11y.check(vesna, "criteria")
    snap(vesna, "criteria")
    assert ReviewCriterion.objects.filter(programme=demo, name="Sustainability").exists()

    # 4. The ranking weighs the reviews by those criteria.
    phase_menu(vesna, 4)
    vesna.locator(".dropdown-menu.show").get_by_role("link", name="Challenges", exact=True).click()
    vesna.get_by_role("link", name=CHALLENGE).click()
    vesna.get_by_role("link", name="Ranking").click()
    expect(vesna.get_by_role("columnheader", name=re.compile("Sustainability"))).to_be_visible()
    a11y.check(vesna, "ranking")
    snap(vesna, "ranking")

    # 5. The follow-up tab: cooperations, KPIs and stories are in the facilitator's menu.
    phase_menu(vesna, 6)
    menu = vesna.locator(".dropdown-menu.show")
    for label in ("Cooperations", "KPIs", "Success stories"):
        expect(menu.get_by_role("link", name=label, exact=True)).to_be_visible()
    snap(vesna, "follow-up-menu")
    menu.get_by_role("link", name="Cooperations", exact=True).click()
    expect(vesna.get_by_role("heading", name="Cooperation pipeline")).to_be_visible()
    a11y.check(vesna, "board")
    snap(vesna, "board")

    # 6. A cooperation: its check-ins, a milestone, and a move to agreement.
    vesna.get_by_role("link", name=COOPERATION).click()
    expect(vesna.get_by_role("heading", name="Check-ins")).to_be_visible()
    # The demo's facilitator agreed a next step with the partners earlier.
    expect(
        vesna.get_by_role("button", name="Mark done Concept sketches shared with the AVM side")
    ).to_be_visible()
    expect(
        vesna.get_by_role("rowheader", name=re.compile("after the meeting")).first
    ).to_be_visible()
    vesna.get_by_label(re.compile(r"^\s*Milestone\s*\*?\s*$")).fill("Showroom concept presented")
    vesna.get_by_label(re.compile(r"^\s*Due on\s*\*?\s*$")).fill("2027-02-15")
    vesna.get_by_role("button", name="Add milestone").click()
    expect(flash(vesna)).to_contain_text("Milestone added.")
    vesna.locator("#id_to").select_option(label="Agreement")
    vesna.locator("#id_note").fill("Both sides agreed the showroom scope in the check-in call.")
    vesna.get_by_role("button", name="Move").click()
    expect(flash(vesna)).to_contain_text("Stage changed.")
    a11y.check(vesna, "cooperation")
    snap(vesna, "cooperation")
    cooperation = Cooperation.objects.get(programme=demo, title=COOPERATION)
    assert (
        cooperation.stage,
        cooperation.milestones.filter(title__startswith="Showroom").count(),
    ) == (
        Stage.AGREEMENT,
        1,
    )

    # 7. The KPIs: read, with the report; the period tools stay the partners'.
    phase_menu(vesna, 6)
    vesna.locator(".dropdown-menu.show").get_by_role("link", name="KPIs", exact=True).click()
    expect(vesna.get_by_role("link", name="Programme report (PDF)")).to_be_visible()
    expect(vesna.get_by_role("link", name="New reporting period")).to_have_count(0)
    expect(vesna.get_by_role("button", name="Lock the period")).to_have_count(0)
    expect(vesna.get_by_role("link", name="KPIs (CSV)")).to_have_count(0)
    a11y.check(vesna, "kpis")
    snap(vesna, "kpis")

    # 8. The success stories: read and drafted by facilitators, published by partners.
    phase_menu(vesna, 6)
    vesna.locator(".dropdown-menu.show").get_by_role(
        "link", name="Success stories", exact=True
    ).click()
    expect(vesna.get_by_role("heading", name="Success stories", exact=True)).to_be_visible()
    a11y.check(vesna, "stories")
    snap(vesna, "stories")

    assert console.errors == []
    a11y.assert_clean()
