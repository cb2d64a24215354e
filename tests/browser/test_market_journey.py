"""Browser journeys of issue 16's items 4 and 7 on the demo programme, by visible labels only:
an expert with two challenges in review finds both on the dashboard, opens one and reviews it;
a CCI browses the marketplace of offers and needs, filters it, opens a company's profile and
requests a meeting from the card. Every page is audited with axe-core; screenshots land in
test-artifacts/browser/market/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from challenges.enums import ChallengeStatus, MaturityItem
from challenges.models import Challenge
from collider.demo import CCI, _slug_email
from collider.models import User
from matchmaking.enums import RequestStatus, Side
from matchmaking.models import MeetingRequest, Profile
from tests.challenges.factories import ChallengeFactory

from .support import ConsoleErrors, Screenshots, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXPERT = "georg.haas@demo.collider.test"
CCI_EMAIL = _slug_email(CCI[0][0])


@pytest.fixture
def expert_snap() -> Screenshots:
    return Screenshots.fresh("market", prefix="expert")


@pytest.fixture
def snap() -> Screenshots:
    return Screenshots.fresh("market", prefix="cci")


def test_expert_sees_every_challenge_in_review_and_reviews_one(
    demo, new_context, expert_snap, a11y
):
    snap = expert_snap
    console = ConsoleErrors()
    expert = User.objects.get(email=EXPERT)
    waiting = list(Challenge.objects.filter(translator=expert, status=ChallengeStatus.IN_REVIEW))
    second = ChallengeFactory(
        programme=demo,
        status=ChallengeStatus.IN_REVIEW,
        translator=expert,
        title="Make the welding cell's status readable from the hall",
    )
    titles = [c.title for c in [*waiting, second]]
    assert len(titles) >= 2

    page = console.watch(new_context().new_page())
    log_in(page, EXPERT)
    page.get_by_role("link", name="Dashboard").first.click()
    for title in titles:
        expect(page.get_by_role("link", name=f"Review the challenge “{title}”")).to_be_visible()
    a11y.check(page, "dashboard-expert")
    snap(page, "dashboard-expert-all-challenges-in-review")

    page.get_by_role("link", name=f"Review the challenge “{second.title}”").click()
    expect(page.get_by_role("heading", name=f"Expert review: {second.title}")).to_be_visible()
    for box in page.locator("input[name=items]").all():
        box.check()
    page.get_by_role("button", name="Save checklist").click()
    expect(page.get_by_role("status").or_(page.locator(".alert-success")).first).to_contain_text(
        "Checklist saved."
    )
    a11y.check(page, "challenge-review-expert")
    snap(page, "challenge-review-checklist-saved")
    second.refresh_from_db()
    assert sorted(second.maturity) == sorted(MaturityItem.values)

    # The other challenge still waits on the dashboard.
    page.get_by_role("link", name="Dashboard").first.click()
    for title in titles:
        expect(page.get_by_role("link", name=f"Review the challenge “{title}”")).to_be_visible()
    a11y.assert_clean()
    assert console.errors == []


def test_cci_browses_the_marketplace_filters_and_requests_a_meeting(demo, new_context, snap, a11y):
    console = ConsoleErrors()
    cci = Profile.objects.get(programme=demo, user__email=CCI_EMAIL)
    asked = MeetingRequest.objects.filter(
        requester=cci, status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED]
    ).values("recipient")
    asked_back = MeetingRequest.objects.filter(
        recipient=cci, status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED]
    ).values("requester")
    company = (
        Profile.objects.filter(programme=demo, side=Side.AVM, organisation__isnull=False)
        .exclude(pk__in=asked)
        .exclude(pk__in=asked_back)
        .select_related("organisation")
        .prefetch_related("terms")
        .first()
    )
    term = company.terms.first()

    page = console.watch(new_context().new_page())
    log_in(page, CCI_EMAIL)
    page.get_by_role("link", name=demo.name).first.click()
    page.get_by_role("button", name=re.compile(r"phase 5")).click()
    page.get_by_role("link", name="Offers and needs").click()
    expect(page.get_by_role("heading", name="Offers and needs")).to_be_visible()
    a11y.check(page, "market-cci")
    snap(page, "market-all")

    page.get_by_label("Sector").select_option(label="AVM (needs)")
    page.get_by_label("Offer or need").select_option(label=term.name)
    page.get_by_role("button", name="Filter").click()
    cards = page.locator("#market article")
    expect(cards.filter(has_text=company.organisation.name)).to_have_count(1)
    for side in cards.locator(".card-subtitle").all_inner_texts():
        assert side.startswith("AVM")
    a11y.check(page, "market-filtered")
    snap(page, "market-filtered")

    # The company's profile, then back to the filtered list.
    page.get_by_role("link", name=company.organisation.name, exact=True).click()
    expect(page.get_by_role("heading", name=company.organisation.name)).to_be_visible()
    expect(page.get_by_text(term.name).first).to_be_visible()
    a11y.check(page, "market-profile")
    snap(page, "market-profile")
    page.go_back()

    card = cards.filter(has_text=company.organisation.name)
    card.get_by_text("Request a meeting").click()
    card.get_by_label(re.compile("Why you want to meet")).fill(
        "Our prototypes could show your team what the new line can do."
    )
    a11y.check(page, "market-request-open")
    snap(page, "market-request-form")
    card.get_by_role("button", name=re.compile("Send the request to")).click()
    expect(page.get_by_text("Your request is sent.")).to_be_visible()
    expect(page.locator("#requests")).to_contain_text(company.display_name)
    a11y.check(page, "workshop-after-request")
    snap(page, "workshop-request-sent")
    request = MeetingRequest.objects.get(requester=cci, recipient=company)
    assert (request.status, request.reason) == (
        RequestStatus.PENDING,
        "Our prototypes could show your team what the new line can do.",
    )
    a11y.assert_clean()
    assert console.errors == []
