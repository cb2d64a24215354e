"""Browser journey of phase 4 on the demo programme: an AVM drafts a challenge, the expert
requests changes, the AVM edits, a partner publishes and schedules (the ideation window
refuses a too-early deadline), a CCI accepts the NDA, asks a question, forms a two-person
team and submits an idea, two reviewers score it, the facilitator shortlists and selects,
and the e-mails arrive. Every page is audited with axe; screenshots in
test-artifacts/browser/challenges/."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from challenges.enums import ChallengeStatus, IdeaStatus
from challenges.models import Challenge, Idea, NdaAcceptance
from collider import registry
from collider.demo import DEMO_SLUG
from collider.enums import EventKind
from collider.models import Event, Programme
from tests.matchmaking.factories import terms

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANDREA = "andrea.reiter@demo.collider.test"  # AVM participant
PETRA = "petra.lindner@creativehub-graz.example"  # tandem partner
GEORG = "georg.haas@demo.collider.test"  # expert
VESNA = "vesna.mlakar@demo.collider.test"  # facilitator
MIRA = "mira.kovac@demo.collider.test"  # CCI lead
JONAS = "jonas.pichler@demo.collider.test"  # CCI co-author
TITLE = "Make our precision parts' packaging tell their story"


@pytest.fixture
def programme(transactional_db, live_server, monkeypatch) -> Programme:
    """The demo programme with the core data and this app's demo data only, so the journey
    does not depend on other phases' demo builders."""
    from challenges.demo import build_demo

    monkeypatch.setattr(registry, "_demo_builders", [(40, build_demo)])
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    mail.outbox.clear()
    programme = Programme.objects.get(slug=DEMO_SLUG)
    # The programme's taxonomy (matchmaking's demo is not loaded here): the challenge form
    # offers these terms as required competences.
    terms(programme, "branding", "UX", "product design")
    return programme


@pytest.fixture
def snap() -> Screenshots:
    return Screenshots.fresh("challenges")


def flash(page: Page):
    return page.locator(".messages .alert")


def field(page: Page, label: str):
    """A form field by its label; crispy marks required fields with a trailing asterisk."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def transition(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def test_challenge_to_selected_idea(programme, new_context, snap, a11y, live_server):
    console = ConsoleErrors()

    def open_as(email: str) -> Page:
        page = console.watch(new_context().new_page())
        log_in(page, email, land=False)  # each goes to its own page next
        return page

    # 1. The AVM participant drafts a challenge on the template.
    andrea = open_as(ANDREA)
    andrea.goto(programme.get_absolute_url())
    andrea.get_by_role("button", name=re.compile(r"phase 4\b", re.IGNORECASE)).click()
    andrea.get_by_role("link", name="Challenges", exact=True).click()
    a11y.check(andrea, "challenge-list-avm")
    andrea.get_by_role("link", name="New challenge").click()
    fields = {
        "Title": TITLE,
        "Public summary": (
            "Our parts are precise, but the packaging looks like anyone's. "
            "We want packaging that shows quality and that customers reuse."
        ),
        "Context": "Reiter Präzisionstechnik machines precision parts for aerospace and medtech.",
        "Problem statement": "Customers see a grey box; they do not see the precision inside.",
        "Scope": "Everything about packaging.",
        "Expected outcome and deliverables": "Packaging concept, prototypes for two part families.",
        "Constraints": "Cleanroom-compatible materials only.",
        "Available resources": "Our packaging line, samples, a materials engineer.",
        "Budget from (EUR)": "6000",
        "Budget up to (EUR)": "15000",
        "Timeline": "Concept in 6 weeks, prototypes in 10.",
        "Other competences": "packaging design, circular design",
        "Confidential details": "€3.40 a unit today; main customer: an aircraft interior supplier.",
    }
    for label, value in fields.items():
        field(andrea, label).fill(value)
    andrea.get_by_role("checkbox", name="branding", exact=True).check()
    field(andrea, "IP stance").select_option(label="CCI keeps the IP")
    a11y.check(andrea, "challenge-form")
    snap(andrea, "challenge-form")
    andrea.get_by_role("button", name="Save challenge").click()
    expect(flash(andrea)).to_contain_text("Challenge saved as a draft.")
    challenge = Challenge.objects.get(title=TITLE)
    assert sorted(t.name for t in challenge.required_competences.all()) == [
        "branding",
        "circular design",
        "packaging design",
    ]

    # 2. A partner assigns the expert translator; the AVM submits for review.
    petra = open_as(PETRA)
    petra.goto(challenge.get_absolute_url())
    field(petra, "Expert (translator)").select_option(label="Georg Haas")
    petra.get_by_role("button", name="Assign expert").click()
    expect(flash(petra)).to_contain_text("Expert assigned and e-mailed.")
    andrea.reload()
    transition(andrea, "Submit for expert review")
    expect(flash(andrea)).to_contain_text("Sent to the expert review.")
    a11y.check(andrea, "challenge-in-review")

    # 3. The expert comments on the scope and requests changes.
    georg = open_as(GEORG)
    georg.goto(challenge.get_absolute_url())
    georg.get_by_role("link", name="Open the expert review").click()
    field(georg, "Field").select_option(label="Scope")
    field(georg, "Comment").fill(
        "“Everything” is too wide: name the two part families and leave logistics out."
    )
    georg.get_by_role("button", name="Add comment").click()
    expect(flash(georg)).to_contain_text("Comment added.")
    field(georg, "What should change?").fill("Please narrow the scope as commented.")
    a11y.check(georg, "expert-review")
    snap(georg, "expert-review")
    georg.get_by_role("button", name="Request changes").click()
    expect(flash(georg)).to_contain_text("Changes requested")

    # 4. The AVM edits (sees the comment) and resubmits.
    andrea.reload()
    expect(andrea.get_by_text("The expert requested changes")).to_be_visible()
    andrea.get_by_role("link", name="Edit the challenge").click()
    expect(andrea.get_by_text("name the two part families")).to_be_visible()
    field(andrea, "Scope").fill(
        "In: packaging of bearing sleeves and implant blanks. Out: logistics."
    )
    a11y.check(andrea, "challenge-edit-with-comments")
    snap(andrea, "challenge-edit-with-comments")
    andrea.get_by_role("button", name="Save challenge").click()
    transition(andrea, "Submit for expert review")
    expect(flash(andrea)).to_contain_text("Sent to the expert review.")

    # 5. The expert completes the checklist; the partner approves, publishes and schedules.
    georg.reload()
    georg.get_by_role("link", name="Open the expert review").click()
    for box in georg.locator("input[name=items]").all():
        box.check()
    georg.get_by_role("button", name="Save checklist").click()
    expect(flash(georg)).to_contain_text("Checklist saved.")
    petra.goto(challenge.get_absolute_url())
    petra.get_by_role("link", name="Open the expert review").click()
    petra.get_by_role("button", name="Approve").click()
    expect(flash(petra)).to_contain_text("Challenge approved.")
    transition(petra, "Publish")
    expect(flash(petra)).to_contain_text("Challenge published.")
    pitch = Event.objects.get(
        programme=programme, kind=EventKind.CHALLENGE_PITCH, starts_at__gt=timezone.now()
    )
    idea_event = Event.objects.get(programme=programme, kind=EventKind.IDEA_PITCH)
    petra.get_by_role("link", name="Schedule pitches and deadline").click()
    field(petra, "Challenge pitch event").select_option(label=pitch.title)
    field(petra, "Idea pitch event").select_option(label=idea_event.title)
    too_early = timezone.localtime(pitch.starts_at + timedelta(days=7))
    field(petra, "Idea deadline").fill(too_early.strftime("%Y-%m-%dT%H:%M"))
    petra.get_by_role("button", name="Save schedule").click()
    expect(petra.get_by_role("alert")).to_contain_text(
        "The idea deadline must be at least 14 days after the challenge pitch"
    )
    a11y.check(petra, "schedule-refused")
    snap(petra, "schedule-refused-window")
    deadline = timezone.localtime(pitch.starts_at + timedelta(days=20))
    field(petra, "Idea deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    petra.get_by_role("button", name="Save schedule").click()
    expect(flash(petra)).to_contain_text("Schedule saved.")
    # The pitch lies ahead: no "Mark as pitched" yet, and the page says why.
    expect(petra.locator("#waiting-for-pitch")).to_contain_text(
        "ideation opens, only once it has taken place"
    )
    expect(petra.get_by_role("button", name="Mark as pitched")).to_have_count(0)
    snap(petra, "challenge-waits-for-the-pitch")
    # The AVM pitched at the first round, which took place three days ago.
    held = Event.objects.get(
        programme=programme, kind=EventKind.CHALLENGE_PITCH, starts_at__lte=timezone.now()
    )
    petra.get_by_role("link", name="Schedule pitches and deadline").click()
    field(petra, "Challenge pitch event").select_option(label=held.title)
    deadline = timezone.localtime(held.starts_at + timedelta(days=20))
    field(petra, "Idea deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    petra.get_by_role("button", name="Save schedule").click()
    expect(flash(petra)).to_contain_text("Schedule saved.")
    transition(petra, "Mark as pitched")
    transition(petra, "Open ideation")
    expect(flash(petra)).to_contain_text("Ideation is open.")

    # 6. A CCI accepts the NDA, reads the details and asks a question.
    mira = open_as(MIRA)
    mira.goto(challenge.get_absolute_url())
    expect(mira.locator(".js-countdown")).to_contain_text("left")
    a11y.check(mira, "challenge-detail-cci")
    snap(mira, "challenge-detail-countdown")
    mira.get_by_role("link", name="Read and accept the NDA").click()
    a11y.check(mira, "nda")
    field(mira, "I accept the non-disclosure agreement").check()
    mira.get_by_role("button", name="Accept and continue").click()
    expect(mira.get_by_text("aircraft interior supplier")).to_be_visible()
    assert NdaAcceptance.objects.filter(challenge=challenge, user__email=MIRA).count() == 1
    mira.get_by_role("link", name="Back to the challenge").click()
    field(mira, "Your question").fill("May we use recycled PET trays in the cleanroom?")
    mira.get_by_role("button", name="Ask").click()
    expect(flash(mira)).to_contain_text("Question sent")

    # 7. She drafts an idea, invites a co-author who accepts, flags an expert need, submits.
    mira.get_by_role("link", name="Pitch an idea").click()
    idea_fields = {
        "Title": "Precision you can see: a reusable display pack",
        "Summary": "A transparent, reusable pack that presents each part like a jewel.",
        "Approach": "Customer interviews, three mock-ups, a cleanroom test with the engineer.",
        "Deliverables": "Pack design, dielines, two prototypes, brand guidelines for packaging.",
        "Time plan": "Weeks 1–3 research, 4–7 design, 8–10 prototypes.",
        "Budget estimate (EUR)": "12500",
        "Funding sources considered": "Reiter's budget and the Creative Industries Voucher Styria.",
    }
    for label, value in idea_fields.items():
        field(mira, label).fill(value)
    a11y.check(mira, "idea-form")
    snap(mira, "idea-form")
    mira.get_by_role("button", name="Save idea").click()
    expect(flash(mira)).to_contain_text("Idea saved as a draft.")
    field(mira, "Invite a co-author").select_option(label="Jonas Pichler")
    mira.get_by_role("button", name="Invite").click()
    expect(flash(mira)).to_contain_text("Invitation sent.")
    field(mira, "Kind of expert").select_option(label="Legal / IPR")
    field(mira, "What for").fill("Check that the CCI keeps the design rights as stated.")
    mira.get_by_role("button", name="Add expert need").click()
    expect(flash(mira)).to_contain_text("Expert need added.")
    idea = Idea.objects.get(challenge=challenge)

    jonas = open_as(JONAS)
    (invitation,) = [m for m in mail_to(JONAS) if "Join the team" in m.subject]
    assert invitation.subject == f"[Collider] [Action required] Join the team of “{idea.title}”"
    jonas.goto(idea.get_absolute_url())
    a11y.check(jonas, "coauthor-invitation")
    jonas.get_by_role("button", name="Accept", exact=True).click()
    expect(flash(jonas)).to_contain_text("You joined the team.")

    mira.reload()
    expect(mira.get_by_text("Jonas Pichler (Accepted)")).to_be_visible()
    a11y.check(mira, "idea-detail-draft")
    snap(mira, "idea-team")
    transition(mira, "Submit the idea")
    expect(flash(mira)).to_contain_text("Idea submitted.")

    # 8. The facilitator assigns two reviewers; both score the idea.
    vesna = open_as(VESNA)
    due = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    for reviewer in ("Georg Haas", "Vesna Mlakar"):
        vesna.goto(idea.get_absolute_url())
        field(vesna, "Reviewer").select_option(label=reviewer)
        field(vesna, "Due").fill(due)
        vesna.get_by_role("button", name="Assign", exact=True).click()
        expect(flash(vesna)).to_contain_text("Reviewer assigned and e-mailed.")
    for page, scores in ((georg, "4"), (vesna, "5")):
        page.goto(f"/p/{programme.slug}/reviews/")
        page.get_by_role("link", name=idea.title).click()
        field(page, "I have no conflict of interest with this idea or its team").check()
        page.get_by_role("button", name="Save declaration").click()
        expect(page.get_by_text("Other reviewers' scores are hidden")).to_be_visible()
        for radio in page.locator(f"input[type=radio][value='{scores}']").all():
            radio.check()
        field(page, "Overall comment").fill("Convincing and feasible.")
        a11y.check(page, f"review-form-{scores}")
        snap(page, f"review-form-{scores}")
        page.get_by_role("button", name="Submit review").click()
        expect(flash(page)).to_contain_text("Review submitted.")

    # 9. The facilitator ranks, closes ideation, shortlists and selects.
    vesna.goto(challenge.get_absolute_url())
    vesna.get_by_role("link", name="Ranking").click()
    expect(vesna.get_by_role("row").filter(has_text=idea.title)).to_contain_text("4.50")
    a11y.check(vesna, "ranking")
    snap(vesna, "ranking")
    vesna.goto(challenge.get_absolute_url())
    vesna.once("dialog", lambda dialog: dialog.accept())
    transition(vesna, "Close ideation")
    expect(flash(vesna)).to_contain_text("Ideation is closed.")
    vesna.goto(idea.get_absolute_url())
    transition(vesna, "Shortlist and invite to the idea pitch")
    expect(flash(vesna)).to_contain_text("Shortlisted")
    transition(vesna, "Select")
    expect(flash(vesna)).to_contain_text("Idea selected")
    a11y.check(vesna, "idea-selected")
    snap(vesna, "idea-selected")

    # 10. The e-mails arrived, and the lead confirms.
    subjects = [m.subject for m in mail_to(MIRA)]
    assert subjects == [
        f"[Collider] NDA accepted: “{TITLE}”",
        f"[Collider] Idea submitted: “{idea.title}”",
        f"[Collider] [Action required] Pitch “{idea.title}” at {idea_event.title}",
        f"[Collider] [Action required] Your idea “{idea.title}” was selected",
    ]
    status = f"[Collider] Challenge “{TITLE}”: "
    assert [m.subject for m in mail_to(ANDREA)] == [
        f"[Collider] [Action required] Challenge “{TITLE}”: Changes requested",
        status + "Approved",
        status + "Published",
        status + "Pitched",
        status + "Ideation open",
        f"[Collider] [Action required] New question on “{TITLE}”",
        status + "Ideation closed",
    ]
    mira.goto(idea.get_absolute_url())
    transition(mira, "Confirm")
    expect(flash(mira)).to_contain_text("Thank you for confirming.")
    snap(mira, "idea-confirmed")
    idea.refresh_from_db()
    challenge.refresh_from_db()
    assert (idea.status, challenge.status) == (IdeaStatus.SELECTED, ChallengeStatus.IDEATION_CLOSED)
    # The only console error is the deliberate 400 of the refused schedule.
    assert [e.split(": ", 1)[1] for e in console.errors] == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    assert console.errors[0].startswith(
        live_server.url + challenge.get_absolute_url() + "schedule/"
    )
    a11y.assert_clean()
