"""Browser journey of phase 5 on the demo programme: a facilitator shortlists a CCI for a
company; the CCI requests a meeting; the company accepts; the facilitator runs the scheduler
and publishes; both download their agenda (iCal parsed back); after the meeting the CCI drafts
an agreement, both parties sign, and the PDF is read back. Every page is audited with axe-core;
screenshots land in test-artifacts/browser/matchmaking/."""

from __future__ import annotations

import io
import re
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from collider.demo import AVM, CCI, _slug_email
from matchmaking.enums import AgreementStatus, RequestStatus
from matchmaking.models import Agreement, MeetingRequest, Profile
from tests.matchmaking.factories import begin

from .support import ConsoleErrors, Screenshots, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FACILITATOR = "vesna.mlakar@demo.collider.test"
PARTNER = "petra.lindner@creativehub-graz.example"
CCI_EMAIL = _slug_email(CCI[0][0])
AVM_EMAIL = _slug_email(AVM[2][0])


@pytest.fixture
def snap() -> Screenshots:
    return Screenshots.fresh("matchmaking")


def _ics_summaries(page, link_name: str) -> list[str]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    return sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))


def test_shortlist_request_schedule_agenda_and_agreement(
    demo, new_context, snap, a11y, live_server
):
    console = ConsoleErrors()
    slug = demo.slug
    cci = Profile.objects.get(programme=demo, user__email=CCI_EMAIL)
    company = Profile.objects.get(programme=demo, user__email=AVM_EMAIL)

    # 1. The facilitator shortlists the CCI for the company.
    facilitator = console.watch(new_context().new_page())
    log_in(facilitator, FACILITATOR, land=False)
    facilitator.goto(f"/p/{slug}/matchmaking/")
    a11y.check(facilitator, "hub-facilitator")
    facilitator.get_by_role("link", name=company.display_name).click()
    expect(facilitator.get_by_role("heading", name="CCI for this company")).to_be_visible()
    facilitator.get_by_label("CCI*", exact=True).select_option(str(cci.pk))
    facilitator.get_by_label("Decision*", exact=True).select_option("pick")
    facilitator.get_by_label("Note", exact=True).fill(
        "Their 3D-printed prototypes fit the surface-finish need."
    )
    facilitator.get_by_role("button", name="Update the shortlist").click()
    expect(facilitator.locator("#shortlist")).to_contain_text(cci.display_name)
    a11y.check(facilitator, "company-shortlist")
    snap(facilitator, "company-recommendations-and-shortlist")

    # 2. The CCI requests a meeting with the company at the workshop.
    person = console.watch(new_context().new_page())
    log_in(person, CCI_EMAIL, land=False)
    person.goto(f"/p/{slug}/matchmaking/")
    a11y.check(person, "hub-cci")
    snap(person, "hub-cci-companies-for-you")
    person.get_by_role("link", name="Match-making workshop: CCI meets AVM").click()
    person.get_by_label("Meet with*", exact=True).select_option(str(company.pk))
    person.get_by_label("Why you want to meet").fill(
        "We print and finish prototypes; you need new surface finishes."
    )
    person.get_by_role("button", name="Send request").click()
    expect(person.get_by_text("Your request is sent.")).to_be_visible()
    a11y.check(person, "workshop-cci")
    request = MeetingRequest.objects.get(requester=cci, recipient=company)
    assert (request.status, request.facilitator_pick) == (RequestStatus.PENDING, True)

    # 3. The company accepts.
    avm = console.watch(new_context().new_page())
    log_in(avm, AVM_EMAIL, land=False)
    avm.goto(request.workshop.get_absolute_url())
    item = avm.locator("#requests li", has_text="surface finishes")
    item.get_by_role("button", name="Accept").click()
    expect(avm.get_by_text("Your answer is sent.")).to_be_visible()
    a11y.check(avm, "workshop-avm")
    snap(avm, "workshop-avm-accepted")

    # 4. The facilitator runs the scheduler and publishes version 2.
    facilitator.goto(request.workshop.get_absolute_url())
    facilitator.get_by_role("link", name="Scheduler").click()
    facilitator.get_by_role("button", name="Run the scheduler").click()
    # Every accepted meeting is placed and the bound says no schedule could place more.
    expect(facilitator.locator("#outcome")).to_contain_text(
        re.compile(r"Placed (\d+) of at most \1 possible meetings \(\1 accepted\)")
    )
    expect(facilitator.locator("#run")).to_contain_text("Checker: 0 violations.")
    a11y.check(facilitator, "scheduler-run")
    snap(facilitator, "scheduler-run")
    facilitator.get_by_role("button", name="Publish as version 2").click()
    expect(facilitator.get_by_text("Version 2 published")).to_be_visible()
    request.refresh_from_db()
    assert request.slot is not None

    # 5. Both download their agenda; the calendars parse back with the meeting.
    person.reload()
    expect(person.locator("#agenda")).to_contain_text(company.display_name)
    snap(person, "workshop-cci-agenda")
    assert f"1:1 · {company.display_name}" in _ics_summaries(person, "Agenda (iCal)")
    avm.reload()
    assert f"1:1 · {cci.display_name}" in _ics_summaries(avm, "Agenda (iCal)")
    with avm.expect_download() as info:
        avm.get_by_role("link", name="Agenda (PDF)").click()
    agenda_text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(info.value.path()).pages).split()
    )
    assert cci.display_name in agenda_text

    # 6. After the meeting (the workshop has started: "held" is offered only then) the CCI marks
    # it held and drafts an agreement; both sign.
    begin(request.workshop)
    person.reload()
    item = person.locator("#requests li", has_text="surface finishes")
    item.get_by_role("button", name="Mark as held").click()
    person.locator("#requests li", has_text="surface finishes").get_by_role(
        "link", name="Draft an agreement"
    ).click()
    person.get_by_role("button", name="Draft").click()
    person.get_by_label("Goals*", exact=True).fill(
        "Develop two surface finishes for printed housings."
    )
    person.get_by_label("Deliverables", exact=True).fill(
        "2027-03-31 Finish samples\n2027-06-30 Production guideline"
    )
    person.get_by_label("Budget (EUR)").fill("18000")
    a11y.check(person, "agreement-edit")
    person.get_by_role("button", name="Save").click()
    person.get_by_label("Your full name").fill(CCI[0][0])
    person.get_by_label("I agree to this version").check()
    person.get_by_role("button", name="Sign this version").click()
    expect(person.get_by_text("Signed.")).to_be_visible()
    agreement = Agreement.objects.get(meeting=request)
    avm.goto(agreement.get_absolute_url())
    avm.get_by_label("Your full name").fill(AVM[2][0])
    avm.get_by_label("I agree to this version").check()
    avm.get_by_role("button", name="Sign this version").click()
    expect(avm.locator("#agreement-status")).to_have_text("Signed by every party")
    a11y.check(avm, "agreement-signed")
    snap(avm, "agreement-signed")
    with avm.expect_download() as info:
        avm.get_by_role("link", name="PDF").click()
    pdf_text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(Path(info.value.path()).read_bytes())).pages
    )
    agreement.refresh_from_db()
    assert (
        agreement.status,
        CCI[0][0] in pdf_text,
        AVM[2][0] in pdf_text,
        "Finish samples" in pdf_text,
    ) == (
        AgreementStatus.SIGNED,
        True,
        True,
        True,
    )

    # 7. The signed agreement appears on the follow-up board by itself, at "Agreement", with
    # its two deliverables as milestones.
    partner = console.watch(new_context().new_page())
    log_in(partner, PARTNER, land=False)
    partner.goto(f"/p/{slug}/followup/board/")
    column = partner.locator('[data-stage="agreement"]')
    expect(column).to_contain_text(company.organisation.name)
    pair = f"{cci.organisation.name} × {company.organisation.name}"
    column.get_by_role("link", name=pair).click()
    expect(partner.locator("h1 .badge")).to_have_text("Agreement")
    milestones = partner.locator("[data-milestone]")
    expect(milestones).to_have_count(2)
    expect(milestones.first).to_contain_text("Finish samples")
    expect(partner.get_by_role("link", name=agreement.title)).to_be_visible()
    a11y.check(partner, "followup-cooperation-from-agreement")
    snap(partner, "followup-cooperation-from-agreement")

    assert console.errors == []
    a11y.assert_clean()
