"""Browser journeys of the CCI and the AVM participant on the demo programme (issue 16 item 3):
from the dashboard to "My cooperation", each signs the agreement, uploads evidence for a
milestone, answers the check-in that is due and gives consent to the success story, by visible
labels only. Every page is audited with axe-core; screenshots land in
test-artifacts/browser/followup/participant-*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from collider.services import reminder_sweep
from followup import services as followup
from followup.enums import Outcome
from followup.models import CheckIn, Cooperation, Milestone
from followup.stories import story_consent_request, story_create
from matchmaking import selectors as mm_selectors
from matchmaking import services as mm
from matchmaking.models import Agreement, Party
from tests.matchmaking.factories import accepted, profile, workshop

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOWROOM = "Showroom storytelling for a machining line"
FAIR = "Trade fair booth that runs the line live"
STORY = {
    "title": "A trade fair booth that runs the line live",
    "summary": "A storytelling studio and a machine maker took the line to the fair.",
    "challenge": "Fair visitors walked past a silent machine.",
    "solution": "A booth that runs a shortened line with a narrated tour.",
    "results": "Three times the leads of the year before.",
}


def _prepare(programme):
    """What the two participants find waiting: an agreement to sign (drafted by a partner from
    their meeting), and a completed cooperation whose success story asks for their consent.
    The demo gives the showroom cooperation a milestone and a due check-in already."""
    showroom = Cooperation.objects.select_related("cci_contact", "avm_contact", "created_by").get(
        title=SHOWROOM
    )
    lead = showroom.created_by
    cci, avm = showroom.cci_contact, showroom.avm_contact
    profiles = [
        mm_selectors.profile_for(user=person, programme=programme)
        or profile(programme, "Storytelling", sector=sector, user=person)
        for person, sector in ((cci, "cci"), (avm, "avm"))
    ]
    meeting = accepted(workshop(programme, actor=lead), profiles[0], profiles[1])
    agreement = mm.agreement_create(
        actor=lead, programme=programme, meeting=meeting, title="Showroom storytelling terms"
    )
    fair = followup.cooperation_create(
        actor=lead,
        programme=programme,
        title=FAIR,
        cci_organisation=showroom.cci_organisation,
        avm_organisation=showroom.avm_organisation,
        cci_contact=cci,
        avm_contact=avm,
    )
    for move in (
        followup.cooperation_meeting_held,
        followup.cooperation_agreement_reach,
        followup.cooperation_run,
        followup.cooperation_complete,
    ):
        fair = move(actor=lead, cooperation=fair, note="Done before the journey.")
    story = story_create(actor=lead, cooperation=fair, **STORY)
    story_consent_request(actor=lead, story=story)
    reminder_sweep()
    return showroom, agreement, story


def _to_my_cooperation(page) -> None:
    """Through the programme's "Follow up" menu, as a participant finds it."""
    page.get_by_role("button", name=re.compile("Follow up")).click()
    page.get_by_role("link", name="My cooperation").click()
    expect(page.get_by_role("heading", name="My cooperation", level=1)).to_be_visible()


@pytest.mark.parametrize("side", ["cci", "avm"])
def test_participant_does_their_part_from_my_cooperation(
    side, demo, new_context, a11y, live_server, tmp_path
):
    console = ConsoleErrors()
    snap = Screenshots.fresh("followup", f"participant-{side}")
    showroom, agreement, story = _prepare(demo)
    person = showroom.cci_contact if side == "cci" else showroom.avm_contact
    assert [m.subject for m in mail_to(person.email) if "Sign the agreement" in m.subject] == [
        "[Collider] [Action required] Sign the agreement “Showroom storytelling terms”"
    ]

    # 1. From the dashboard's next step to "My cooperation".
    page = console.watch(new_context().new_page())
    log_in(page, person.email, a11y=a11y)
    page.get_by_role("link", name="My dashboard").click()
    a11y.check(page, f"dashboard-{side}")
    snap(page, "dashboard")
    page.get_by_role("link", name=re.compile("Deliver “Storyboard for the showroom”")).click()
    expect(page.get_by_role("heading", name="My cooperation", level=1)).to_be_visible()
    a11y.check(page, f"my-cooperation-{side}")
    snap(page, "my-cooperation")

    # 2. Sign the agreement: a name that is not theirs is refused, their own is recorded.
    page.get_by_label("Your full name").fill("Somebody Else")
    page.get_by_label("I agree to this version").check()
    page.get_by_role("button", name="Sign this version").click()
    expect(page.get_by_text("The name does not match this party.")).to_be_visible()
    a11y.check(page, f"sign-refused-{side}")
    snap(page, "sign-refused")
    page.get_by_label("Your full name").fill(person.display_name.upper())
    page.get_by_label("I agree to this version").check()
    page.get_by_role("button", name="Sign this version").click()
    expect(page.get_by_text("Signed.")).to_be_visible()
    assert Party.objects.get(agreement=agreement, user=person).signed_at is not None
    _to_my_cooperation(page)

    # 3. Upload the evidence for the milestone (through the one upload validator).
    evidence = tmp_path / "storyboard.pdf"
    evidence.write_bytes(b"%PDF-1.4 storyboard, version 2")
    milestone = Milestone.objects.get(cooperation=showroom, title="Storyboard for the showroom")
    item = page.locator(f'[data-milestone="{milestone.pk}"]')
    item.get_by_label("Evidence file").set_input_files(str(evidence))
    item.get_by_role("button", name="Upload the evidence").click()
    expect(
        page.get_by_text("Thank you: the milestone is done and its evidence is kept.")
    ).to_be_visible()
    snap(page, "evidence-given")

    # 4. Answer the check-in that is due.
    page.get_by_role("link", name="Answer the check-in").first.click()
    a11y.check(page, f"checkin-{side}")
    page.get_by_label(str(Outcome.VALUABLE_CONTACT.label)).check()
    snap(page, "checkin")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("Thank you: your answer is recorded.")).to_be_visible()
    page.get_by_role("link", name="Back to my cooperation").click()

    # 5. Give consent to the success story.
    page.get_by_role("link", name="Read the story and give your consent").click()
    expect(page.get_by_role("heading", name=STORY["title"])).to_be_visible()
    page.get_by_label("I have read the story").check()
    page.get_by_role("button", name="Give my consent").click()
    expect(page.get_by_text("Thank you: your consent is recorded.")).to_be_visible()
    page.get_by_role("link", name="Back to my cooperation").click()
    expect(page.get_by_role("link", name="Withdraw my consent")).to_be_visible()
    a11y.check(page, f"my-cooperation-done-{side}")
    snap(page, "my-cooperation-done")

    assert Milestone.objects.get(pk=milestone.pk).is_done
    assert CheckIn.objects.filter(
        cooperation=showroom, respondent=person, answered_at__isnull=False
    ).exists()
    assert story.consents.filter(user=person, withdrawn_at=None).exists()
    assert Agreement.objects.get(pk=agreement.pk).parties.filter(signed_at=None).count() == 1
    # The one refused signature answered 400, as it should; nothing else went wrong.
    assert [e.split(": ", 1)[1] for e in console.errors] == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    assert "/sign/" in console.errors[0]
    a11y.assert_clean()
