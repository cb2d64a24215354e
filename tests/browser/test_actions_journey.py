"""Browser journey of a declared action (collider.actions): a partner publishes a challenge
with its button, a second tab still showing the old state is refused with the reason (400,
nothing done twice), and the programme's activity timeline says "Challenge … published by …"
beside the field diffs. Pages audited with axe; screenshots in test-artifacts/browser/actions/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from challenges.enums import ChallengeStatus
from collider.enums import Role
from collider.models import ActivityEntry
from tests.challenges.factories import ChallengeFactory
from tests.factories import PASSWORD, ProgrammeFactory, member

from .support import Screenshots, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publish_button_stale_tab_and_timeline(live_server, new_context, a11y):
    programme = ProgrammeFactory()
    partner = member(programme, Role.PARTNER, first_name="Petra", last_name="Lindner")
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.APPROVED)
    snap = Screenshots.fresh("actions")
    context = new_context()
    page = context.new_page()
    log_in(page, partner.email, PASSWORD)
    stale = context.new_page()
    stale.goto(challenge.get_absolute_url())
    page.goto(challenge.get_absolute_url())
    a11y.check(page, "challenge-approved")

    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages .alert")).to_contain_text("Challenge published.")
    expect(page.get_by_role("region", name="History")).to_contain_text("published by Petra Lindner")
    a11y.check(page, "challenge-published")
    snap(page, "challenge-published")
    stale.get_by_role("button", name="Publish", exact=True).click()
    expect(stale.get_by_role("alert")).to_contain_text(
        "Cannot publish: the challenge is “Published” (expected: Approved)."
    )
    a11y.check(stale, "action-refused")
    snap(stale, "action-refused")
    page.goto(f"/p/{programme.slug}/manage/activity/")
    expect(
        page.get_by_text(f"Challenge “{challenge.title}” published by Petra Lindner")
    ).to_be_visible()
    a11y.check(page, "activity-timeline")
    snap(page, "activity-timeline")

    assert ActivityEntry.objects.filter(action="challenges.challenge_publish").count() == 1
    a11y.assert_clean()
