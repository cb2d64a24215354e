"""Browser journey of phase 5's experts and external parties on the demo programme: a
facilitator invites the expert who reviewed idea pitches to the match-making workshop (listed
first, e-mailed), a CCI asks the expert for a meeting and the expert accepts, the scheduler
places it (CP-SAT, since experts take part) with no violation; an agreement gets an external
party, the two participants sign, the external party opens the personal link from the e-mail
and signs last, which signs the agreement; the PDF lists all three signatures. Every page is
audited with axe-core; screenshots land in test-artifacts/browser/matchmaking/experts-*.png."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from collider.demo import CCI, _slug_email
from collider.models import User
from matchmaking.enums import AgreementStatus, RequestStatus, Side
from matchmaking.models import Agreement, MeetingRequest, Party, Profile, Workshop

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FACILITATOR = "vesna.mlakar@demo.collider.test"
EXPERT = "georg.haas@demo.collider.test"
CCI_EMAIL = _slug_email(CCI[1][0])
EXTERNAL = "erika.berger@ip-law.example"


@pytest.fixture
def snap() -> Screenshots:
    return Screenshots.fresh("matchmaking", "experts")


def _sign(page, name: str) -> None:
    page.get_by_label("Your full name").fill(name)
    page.get_by_label("I agree to this version").check()
    page.get_by_role("button", name="Sign this version").click()


def test_expert_invited_meets_and_external_party_signs_by_link(
    demo, new_context, snap, a11y, live_server
):
    console = ConsoleErrors()
    workshop = Workshop.objects.get(event__programme=demo)
    expert = User.objects.get(email=EXPERT)

    # 1. The facilitator invites the expert from the idea pitch; they are listed first.
    facilitator = console.watch(new_context().new_page())
    log_in(facilitator, FACILITATOR, land=False)
    facilitator.goto(workshop.get_absolute_url())
    facilitator.get_by_role("link", name="Invite experts").click()
    first = facilitator.locator("#expert-candidates li").first
    expect(first).to_contain_text(expert.display_name)
    expect(first).to_contain_text("idea pitch")
    a11y.check(facilitator, "experts-invite")
    facilitator.get_by_label("Expert*", exact=True).select_option(str(expert.pk))
    facilitator.get_by_label("Message to the expert").fill("Please advise on IP and standards.")
    facilitator.get_by_role("button", name="Invite", exact=True).click()
    expect(facilitator.get_by_text("can now be asked for meetings")).to_be_visible()
    expect(facilitator.locator("#invited-experts")).to_contain_text(expert.display_name)
    a11y.check(facilitator, "experts-invited")
    snap(facilitator, "invited")
    assert [m.subject for m in mail_to(EXPERT) if "expert" in m.subject] == [
        f"[Collider] You are invited as an expert to {workshop}"
    ]

    # 2. A CCI asks the expert for a meeting; the expert accepts.
    expert_profile = Profile.objects.get(programme=demo, user=expert, side=Side.EXPERT)
    person = console.watch(new_context().new_page())
    log_in(person, CCI_EMAIL, land=False)
    person.goto(workshop.get_absolute_url())
    person.get_by_label("Meet with*", exact=True).select_option(str(expert_profile.pk))
    person.get_by_label("Why you want to meet").fill("Advice on licensing our textile sensors.")
    person.get_by_role("button", name="Send request").click()
    expect(person.get_by_text("Your request is sent.")).to_be_visible()
    advisor = console.watch(new_context().new_page())
    log_in(advisor, EXPERT, land=False)
    advisor.goto(workshop.get_absolute_url())
    item = advisor.locator("#requests li", has_text="licensing our textile sensors")
    item.get_by_role("button", name="Accept").click()
    expect(advisor.get_by_text("Your answer is sent.")).to_be_visible()
    a11y.check(advisor, "workshop-expert")
    snap(advisor, "workshop-expert-accepted")

    # 3. The scheduler places every meeting, the expert's too, and says why not König.
    facilitator.goto(workshop.get_absolute_url())
    facilitator.get_by_role("link", name="Scheduler").click()
    facilitator.get_by_role("button", name="Run the scheduler").click()
    outcome = facilitator.locator("#outcome")
    expect(facilitator.locator("#run")).to_contain_text("Checker: 0 violations.")
    expect(outcome).to_contain_text("experts take part")
    a11y.check(facilitator, "scheduler-experts")
    snap(facilitator, "scheduler-with-expert")
    meeting = MeetingRequest.objects.get(recipient=expert_profile)
    assert (meeting.status, meeting.slot is not None) == (RequestStatus.ACCEPTED, True)

    # 4. The facilitator drafts an agreement from an accepted CCI-AVM meeting and adds an
    #    external party, who is e-mailed a personal signing link.
    pair = (
        MeetingRequest.objects.filter(
            workshop=workshop, status=RequestStatus.ACCEPTED, requester__side=Side.CCI
        )
        .exclude(recipient__side=Side.EXPERT)
        .select_related("requester__user", "recipient__user")
        .first()
    )
    facilitator.goto(f"/p/{demo.slug}/matchmaking/agreements/new/?source=meeting:{pair.pk}")
    facilitator.get_by_label("Title").fill("Sensor housing with licensed textile sensors")
    facilitator.get_by_role("button", name="Draft").click()
    facilitator.get_by_label("Goals*", exact=True).fill("Build two sensor housing prototypes.")
    facilitator.get_by_label("Deliverables", exact=True).fill("2027-04-30 Prototype housings")
    facilitator.get_by_role("button", name="Save").click()
    form = facilitator.locator("#external-party")
    form.get_by_label("Name*", exact=True).fill("Erika Berger")
    form.get_by_label("E-mail*", exact=True).fill(EXTERNAL)
    form.get_by_label("Organisation", exact=True).fill("Berger IP Law")
    form.get_by_label("Role in the agreement").fill("External IP expert")
    form.get_by_role("button", name="Add and send the signing link").click()
    expect(facilitator.get_by_text("we e-mailed them a personal signing link")).to_be_visible()
    expect(facilitator.locator("#parties")).to_contain_text("Erika Berger (Berger IP Law)")
    a11y.check(facilitator, "agreement-external-party")
    snap(facilitator, "agreement-with-external-party")
    agreement = Agreement.objects.get(title="Sensor housing with licensed textile sensors")

    # 5. The two participants sign in the platform.
    for user in (pair.requester.user, pair.recipient.user):
        page = console.watch(new_context().new_page())
        log_in(page, user.email, land=False)
        page.goto(agreement.get_absolute_url())
        _sign(page, user.display_name)
        expect(page.get_by_text("Signed.")).to_be_visible()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT

    # 6. The external party opens the link from the e-mail (no account) and signs last.
    (message,) = [m for m in mail_to(EXTERNAL) if "Please sign" in m.subject]
    path = re.search(r"(/matchmaking/sign/[^/\s]+/)", message.body).group(1)
    outsider = console.watch(new_context().new_page())
    outsider.goto(path)
    expect(outsider.get_by_role("heading", name=re.compile("Sensor housing"))).to_be_visible()
    a11y.check(outsider, "sign-link")
    snap(outsider, "sign-link-before")
    _sign(outsider, "Erika Berger")
    expect(outsider.locator("#signed-note")).to_contain_text("You signed this version")
    expect(outsider.locator("#agreement-status")).to_have_text("Signed by every party")
    a11y.check(outsider, "sign-link-signed")
    snap(outsider, "sign-link-signed")

    # 7. The PDF lists all three signatures and the fingerprint they signed.
    facilitator.goto(agreement.get_absolute_url())
    with facilitator.expect_download() as info:
        facilitator.get_by_role("link", name="PDF").click()
    pdf_text = " ".join(
        " ".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(Path(info.value.path()).read_bytes())).pages
        ).split()
    )
    agreement.refresh_from_db()
    parties = list(Party.objects.filter(agreement=agreement).order_by("pk"))
    assert (
        agreement.status,
        [p.signed_name for p in parties],
        all(p.signed_name in pdf_text for p in parties),
        "Berger IP Law" in pdf_text,
        len({p.signed_hash for p in parties}),
    ) == (
        AgreementStatus.SIGNED,
        [pair.recipient.user.display_name, pair.requester.user.display_name, "Erika Berger"],
        True,
        True,
        1,
    )

    assert console.errors == []
    a11y.assert_clean()
