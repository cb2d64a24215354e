"""Browser journeys on the demo programme: sign-up to waitlist promotion, keyboard access and
the one-pager PDF. Each journey page is audited with axe-core (WCAG 2 A/AA); screenshots land
in test-artifacts/browser/."""

from __future__ import annotations

import io
import re
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from collider.enums import MembershipStatus, RegistrationStatus, ReminderState
from collider.models import Event, Membership, Registration, Reminder, User

from .support import log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEWCOMER = {
    "first": "Nora",
    "last": "Brandstätter",
    "email": "nora.brandstaetter@studio-nora.example",
    "password": "Tandem-Collider-2031!",
}
MIRA = "mira.kovac@demo.collider.test"
PARTNER = "petra.lindner@creativehub-graz.example"
VIENNA = ZoneInfo("Europe/Vienna")


def test_sign_up_apply_register_waitlist_and_promotion(demo, new_context, shots, a11y, console):
    newcomer = console.watch(new_context().new_page())

    # 1. An anonymous visitor finds the demo programme and signs up.
    newcomer.goto("/")
    expect(newcomer.get_by_role("link", name=demo.name)).to_be_visible()
    a11y.check(newcomer, "home")
    shots(newcomer, "home-anonymous")

    newcomer.get_by_role("link", name="Sign up").click()
    newcomer.get_by_label("First name").fill(NEWCOMER["first"])
    newcomer.get_by_label("Last name").fill(NEWCOMER["last"])
    newcomer.get_by_label("Email").fill(NEWCOMER["email"])
    newcomer.get_by_label(re.compile(r"^\s*Password\W*$")).fill(NEWCOMER["password"])
    newcomer.get_by_label("Password (again)").fill(NEWCOMER["password"])
    # The demo publishes a privacy notice; sign-up records the version accepted.
    newcomer.get_by_label(re.compile(r"accept the privacy notice")).check()
    a11y.check(newcomer, "sign-up")
    shots(newcomer, "sign-up-filled")
    newcomer.get_by_role("button", name="Create account").click()

    expect(newcomer.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    a11y.check(newcomer, "verification-sent")
    shots(newcomer, "verification-sent")
    (verification,) = mail_to(NEWCOMER["email"])
    confirm_path = re.search(r"/accounts/confirm-email/\S+/", verification.body).group(0)
    newcomer.goto(confirm_path)
    a11y.check(newcomer, "confirm-email")
    shots(newcomer, "confirm-email")
    newcomer.get_by_role("button", name="Confirm").click()
    # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION: the confirmation logs the new user in.
    expect(newcomer.get_by_role("button", name="Log out")).to_be_visible()
    expect(
        newcomer.get_by_role("link", name=f"{NEWCOMER['first']} {NEWCOMER['last']}")
    ).to_be_visible()
    a11y.check(newcomer, "dashboard-new-user")
    shots(newcomer, "dashboard-new-user")

    # 2. The new user applies to the demo programme as a CCI freelancer with a new organisation.
    newcomer.get_by_role("link", name="Programmes", exact=True).click()
    newcomer.get_by_role("link", name=demo.name).click()
    expect(newcomer.get_by_role("heading", level=1, name=demo.name)).to_be_visible()
    a11y.check(newcomer, "programme-detail")
    shots(newcomer, "programme-detail")
    newcomer.get_by_role("link", name="Apply to this programme").click()
    newcomer.get_by_label("Cultural and creative industries (CCI)").check()
    newcomer.get_by_label("New organisation name").fill("Studio Nora Brandstätter")
    newcomer.get_by_label("Kind of organisation").select_option(label="CCI freelancer")
    newcomer.get_by_label("Country").select_option(label="Austria")
    newcomer.get_by_label("Why do you want to take part?").fill(
        "I design tactile control panels and want to test them with a machine builder."
    )
    a11y.check(newcomer, "apply-form")
    shots(newcomer, "apply-form-filled")
    newcomer.get_by_role("button", name="Send application").click()
    expect(newcomer.get_by_role("alert")).to_contain_text("Your application was sent")
    expect(newcomer.get_by_text("Your application: Applied")).to_be_visible()
    a11y.check(newcomer, "application-sent")
    shots(newcomer, "application-sent")
    user = User.objects.get(email=NEWCOMER["email"])
    assert Membership.objects.get(programme=demo, user=user).status == MembershipStatus.APPLIED

    # 3. A tandem partner approves the application from the filtered member list.
    partner = console.watch(new_context().new_page())
    log_in(partner, PARTNER, a11y=a11y)
    partner.goto(demo.get_absolute_url())
    a11y.check(partner, "programme-detail-partner")
    # Management pages sit in the "Manage" menu; open it with the keyboard-reachable toggle.
    partner.get_by_role("button", name="Manage").click()
    a11y.check(partner, "programme-manage-menu-open")
    partner.get_by_role("link", name="Members and applications").click()
    a11y.check(partner, "members")
    partner.get_by_label("Status").select_option(label="Applied")
    partner.get_by_role("button", name="Filter").click()
    expect(partner).to_have_url(re.compile(r"status=applied"))
    row = partner.get_by_role("row").filter(has_text=NEWCOMER["email"])
    expect(row).to_contain_text("Applied")
    a11y.check(partner, "members-applied")
    shots(partner, "members-applied")
    row.get_by_role("button", name="Approve").click()
    expect(partner.get_by_role("alert")).to_contain_text("was approved")
    expect(partner.get_by_role("row").filter(has_text=NEWCOMER["email"])).to_have_count(0)
    a11y.check(partner, "members-approved")
    shots(partner, "members-approved")
    assert Membership.objects.get(programme=demo, user=user).status == MembershipStatus.APPROVED

    # 4. The partner creates a members-only prototype clinic with exactly one seat.
    day = timezone.localdate() + timedelta(days=12)
    starts = datetime.combine(day, time(17, 30), tzinfo=VIENNA)
    title = "Prototype clinic: tactile controls (one seat)"
    partner.get_by_role("link", name="Events", exact=True).click()
    a11y.check(partner, "event-list-partner")
    partner.get_by_role("link", name="New event").click()
    partner.get_by_label("Title").fill(title)
    partner.get_by_label("Kind").select_option(label="Other")
    partner.get_by_label("Description").fill("One designer, one machine builder, one afternoon.")
    partner.get_by_label("Format").select_option(label="On site")
    partner.get_by_label("Venue").fill("Creative Hub Graz, Lab 2")
    partner.get_by_label("Starts at").fill(f"{day.isoformat()}T17:30")
    partner.get_by_label("Ends at").fill(f"{day.isoformat()}T19:00")
    partner.get_by_label("Capacity").fill("1")
    partner.get_by_label("Who can register").select_option(label="Programme members")
    a11y.check(partner, "event-form")
    shots(partner, "event-form-filled")
    partner.get_by_role("button", name="Save event").click()
    expect(partner.get_by_role("alert")).to_contain_text("Event created.")
    expect(partner.get_by_role("heading", level=1, name=title)).to_be_visible()
    a11y.check(partner, "event-detail-partner")
    shots(partner, "event-created")
    event = Event.objects.get(programme=demo, title=title)
    assert event.capacity == 1
    assert event.starts_at == starts
    assert event.ends_at == starts + timedelta(minutes=90)

    # 5. The new participant registers for the last seat and downloads the calendar file.
    newcomer.goto(demo.get_absolute_url())
    newcomer.get_by_role("link", name="Events", exact=True).click()
    a11y.check(newcomer, "event-list-participant")
    newcomer.get_by_role("link", name=title).click()
    a11y.check(newcomer, "event-detail-before-registering")
    newcomer.get_by_role("button", name="Register").click()
    expect(newcomer.get_by_role("alert")).to_contain_text("You are registered. See you there!")
    expect(newcomer.locator("#registration-status")).to_have_text("You are registered.")
    expect(newcomer.get_by_text("Seats taken: 1 of 1")).to_be_visible()
    a11y.check(newcomer, "event-detail-registered")
    shots(newcomer, "event-registered")
    with newcomer.expect_download() as download_info:
        newcomer.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"event-{event.pk}.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title
    assert vevent.decoded("DTSTART") == starts
    assert vevent.decoded("DTSTART").tzinfo.key == "Europe/Vienna"

    # 6. A second participant finds the event full and joins the waitlist as number 1.
    mira = console.watch(new_context().new_page())
    log_in(mira, MIRA, a11y=a11y)
    mira.goto(event.get_absolute_url())
    a11y.check(mira, "event-detail-full")
    mira.get_by_role("button", name="Join the waitlist").click()
    expect(mira.get_by_role("alert")).to_contain_text("you are on the waitlist")
    expect(mira.locator("#registration-status")).to_have_text("You are number 1 on the waitlist.")
    a11y.check(mira, "event-detail-waitlisted")
    shots(mira, "event-waitlisted")

    # 7. The first participant cancels; the seat goes to the waitlist and Mira is e-mailed.
    dialogs: list[str] = []

    def accept(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.accept()

    newcomer.on("dialog", accept)
    newcomer.get_by_role("button", name="Cancel my registration").click()
    expect(newcomer.get_by_role("alert")).to_contain_text("Your registration was cancelled.")
    assert dialogs == ["Cancel your registration?"]
    expect(newcomer.get_by_role("button", name="Join the waitlist")).to_be_visible()
    a11y.check(newcomer, "event-detail-cancelled")
    shots(newcomer, "event-cancelled")

    mira.reload()
    expect(mira.locator("#registration-status")).to_have_text("You are registered.")
    a11y.check(mira, "event-detail-promoted")
    shots(mira, "event-promoted")
    assert Registration.objects.get(event=event, user__email=MIRA).status == (
        RegistrationStatus.CONFIRMED
    )
    promoted = [m for m in mail_to(MIRA) if "seat freed up" in m.subject]
    assert len(promoted) == 1, [m.subject for m in mail_to(MIRA)]
    assert title in promoted[0].subject
    assert Reminder.objects.get(kind="waitlist_promoted", email=MIRA).state == ReminderState.SENT

    # 8. Every page of the journey passed axe-core's WCAG 2 A/AA rules; no script errors.
    assert len(a11y.pages) == 27, a11y.pages
    a11y.assert_clean()
    assert not console.errors, "\n".join(console.errors)


def test_skip_link_is_the_first_tab_stop(page: Page, shots, console):
    console.watch(page)
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # visually hidden until focused
    # ...and painted on top: nothing (such as the navbar) covers its centre.
    box = skip.bounding_box()
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    on_top = "([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.textContent.trim()"
    assert page.evaluate(on_top, centre) == "Skip to main content"
    shots(page, "skip-link-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")
    assert not console.errors, "\n".join(console.errors)


def test_partner_downloads_the_programme_one_pager(demo, browser_page: Page, shots):
    page = browser_page
    log_in(page, PARTNER, land=False)
    page.goto(demo.get_absolute_url())
    link = page.get_by_role("link", name="Download the one-pager (PDF)")
    href = link.get_attribute("href")
    assert href == f"/p/{demo.slug}/one-pager.pdf"
    # The PDF is served inline, so Chromium opens it in its viewer rather than downloading it.
    link.click()
    expect(page).to_have_url(re.compile(r"/one-pager\.pdf$"))
    page.wait_for_timeout(1000)  # let the viewer paint before the screenshot
    shots(page, "one-pager-in-viewer")
    # The viewer hides the bytes from Playwright; fetch the same link with the partner's session.
    response = page.context.request.get(href)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert (
        response.headers["content-disposition"] == f'inline; filename="{demo.slug}-one-pager.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert demo.name in text
