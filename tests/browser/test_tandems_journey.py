"""Browser journey of phase 1 on the demo programme: both partners edit and confirm the charter,
a partner creates a monthly meeting series and the sweep e-mails the generated agenda with a
calendar file, and a contact CSV with two bad rows is rejected before a corrected one imports.
Every page is audited with axe-core; screenshots land in test-artifacts/browser/tandems/."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from collider.services import reminder_sweep
from tandems.models import Contact, MeetingSeries

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HUB = "petra.lindner@creativehub-graz.example"
CHAMBER = "markus.feldbauer@chamber-styria.example"
VIENNA = ZoneInfo("Europe/Vienna")
HEADER = "kind,name,organisation,sector,email,phone,tags,source,consent_basis,consent_date,notes\n"
GOOD_ROW = (
    "target_group,Martina Weiss,Weiss Metallbau GmbH,avm,martina@weiss.example,,metal,"
    "Chamber list,legitimate_interest,,\n"
)
BAD_KIND = (
    "colleague,Luka Vidmar,Vidmar Studio,cci,luka@vidmar.example,,UX,Hub community,consent,"
    "2024-05-01,\n"
)
BAD_EMAIL = "expert,Irene Koch,FH Joanneum,,irene-at-fh,,design,Referral,consent,2024-05-02,\n"
FIXED_KIND = BAD_KIND.replace("colleague", "target_group")
FIXED_EMAIL = BAD_EMAIL.replace("irene-at-fh", "irene.koch@fh.example")


@pytest.fixture
def snap() -> Screenshots:
    return Screenshots.fresh("tandems")


def test_charter_meetings_and_contact_import(demo, new_context, snap, a11y, live_server):
    console = ConsoleErrors()
    slug = demo.slug

    # 1. The hub's partner edits the charter (a new version) and confirms it for her organisation.
    hub = console.watch(new_context().new_page())
    log_in(hub, HUB, land=False)
    hub.goto(f"/p/{slug}/tandem/")
    expect(hub.get_by_role("heading", name="The tandem")).to_be_visible()
    a11y.check(hub, "tandem")
    snap(hub, "tandem")
    hub.get_by_role("link", name="Open the charter").click()
    a11y.check(hub, "charter-v2")
    snap(hub, "charter-v2-one-confirmation-missing")
    hub.get_by_role("link", name="Edit (creates a new version)").click()
    hub.get_by_label("Decision making").fill(
        "Decisions are taken by consensus in the partner meeting.\n"
        "Budget changes above EUR 5,000 need the written agreement of both leads."
    )
    hub.get_by_label("What changed").fill("Higher threshold for budget decisions.")
    a11y.check(hub, "charter-edit")
    hub.get_by_role("button", name="Save as new version").click()
    expect(hub.get_by_text("Charter version 3 saved")).to_be_visible()
    expect(hub.locator("#confirmations")).to_contain_text(
        "Styrian Chamber of Commerce — not confirmed yet"
    )
    hub.get_by_role("button", name="Confirm version 3").click()
    expect(hub.get_by_text("Creative Hub Graz confirmed charter version 3.")).to_be_visible()
    a11y.check(hub, "charter-v3-hub-confirmed")
    snap(hub, "charter-v3-hub-confirmed-with-diff")

    # 2. The chamber's partner reads the diff and confirms for the chamber.
    chamber = console.watch(new_context().new_page())
    log_in(chamber, CHAMBER, land=False)
    chamber.goto(f"/p/{slug}/tandem/charter/")
    expect(chamber.locator(".diff-added")).to_contain_text("EUR 5,000")
    expect(chamber.locator(".diff-removed")).to_contain_text("EUR 2,000")
    chamber.get_by_role("button", name="Confirm version 3").click()
    expect(
        chamber.get_by_text("Every partner organisation confirmed this version.")
    ).to_be_visible()
    a11y.check(chamber, "charter-v3-confirmed")
    snap(chamber, "charter-v3-confirmed-by-both")

    # 3. The hub's partner creates a monthly meeting series (monthly is the default).
    hub.goto(f"/p/{slug}/tandem/meetings/")
    hub.get_by_role("link", name="New meeting series").click()
    first = timezone.localtime(timezone.now(), VIENNA) + timedelta(days=12)
    first = first.replace(hour=14, minute=0, second=0, microsecond=0)
    hub.get_by_label("Title").fill("Tandem steering meeting")
    hub.get_by_label("First meeting (local time)").fill(first.strftime("%Y-%m-%dT%H:%M"))
    hub.get_by_label("Number of meetings").fill("4")
    hub.get_by_label("Online link").fill("https://meet.example/steering")
    expect(hub.get_by_label("Repeats")).to_have_value("MONTHLY")
    a11y.check(hub, "series-form")
    snap(hub, "series-form")
    hub.get_by_role("button", name="Create meetings").click()
    expect(hub.get_by_text("4 partner meetings scheduled")).to_be_visible()
    a11y.check(hub, "meeting-list")
    snap(hub, "meeting-list")
    series = MeetingSeries.objects.get(title="Tandem steering meeting")
    meeting = series.meetings.order_by("event__starts_at").first()
    hub.goto(meeting.get_absolute_url())
    expect(hub.get_by_role("textbox", name="Agenda")).to_have_value(re.compile("2. Overdue tasks"))
    a11y.check(hub, "meeting-detail")
    snap(hub, "meeting-detail-generated-agenda")

    # 4. Three days before, the sweep e-mails the agenda with a calendar file.
    starts = meeting.event.starts_at
    assert starts.astimezone(VIENNA).replace(tzinfo=None) == first.replace(tzinfo=None)
    reminder_sweep(now=starts - timedelta(days=3) + timedelta(minutes=1))
    (message,) = [m for m in mail_to(CHAMBER) if "Tandem steering meeting" in m.subject]
    assert "Agenda" in message.body
    assert "4. Action items carried forward" in message.body
    assert "Share the chamber's AVM contact list" in message.body
    (attachment,) = message.attachments
    assert (attachment[0], attachment[2]) == (f"meeting-{meeting.event.pk}.ics", "text/calendar")
    ics = attachment[1] if isinstance(attachment[1], str) else attachment[1].decode()
    assert "SUMMARY:Tandem steering meeting" in ics

    # 5. A CSV with two bad rows is rejected with both errors; the corrected file imports.
    before = Contact.objects.filter(programme=demo).count()
    hub.goto(f"/p/{slug}/tandem/contacts/")
    hub.get_by_role("link", name="Import CSV").click()
    hub.get_by_label("CSV file").set_input_files(
        files=[
            {
                "name": "contacts.csv",
                "mimeType": "text/csv",
                "buffer": (HEADER + GOOD_ROW + BAD_KIND + BAD_EMAIL).encode(),
            }
        ]
    )
    hub.get_by_role("button", name="Check the file").click()
    report = hub.locator("table.import-errors tbody tr")
    expect(report).to_have_count(2)
    expect(report.nth(0)).to_contain_text("3")
    expect(report.nth(0)).to_contain_text("kind")
    expect(report.nth(1)).to_contain_text("4")
    expect(report.nth(1)).to_contain_text("not a valid e-mail address")
    a11y.check(hub, "import-errors")
    snap(hub, "import-rejected-two-errors")
    assert Contact.objects.filter(programme=demo).count() == before

    hub.get_by_label("CSV file").set_input_files(
        files=[
            {
                "name": "contacts.csv",
                "mimeType": "text/csv",
                "buffer": (HEADER + GOOD_ROW + FIXED_KIND + FIXED_EMAIL).encode("cp1252"),
            }
        ]
    )
    hub.get_by_role("button", name="Check the file").click()
    expect(hub.get_by_role("button", name="Import 3 contacts")).to_be_visible()
    a11y.check(hub, "import-preview")
    snap(hub, "import-preview")
    hub.get_by_role("button", name="Import 3 contacts").click()
    expect(hub.get_by_text("Imported 3 contacts: 3 new, 0 updated.")).to_be_visible()
    a11y.check(hub, "contacts")
    snap(hub, "contacts-after-import")
    assert Contact.objects.filter(programme=demo).count() == before + 3

    # 6. The timeline and a pilot action, for the record.
    hub.goto(f"/p/{slug}/tandem/timeline/")
    expect(hub.locator(".tl-overdue").first).to_be_visible()
    a11y.check(hub, "timeline")
    snap(hub, "timeline")
    hub.goto(f"/p/{slug}/tandem/pilots/")
    hub.get_by_role("link", name="Industrial Hackathon Styria").click()
    a11y.check(hub, "pilot-detail")
    snap(hub, "pilot-detail")

    # The rejected upload answers 400 on purpose (bad input is a 4xx); nothing else may fail.
    expected = (
        f"{live_server.url}/p/{slug}/tandem/contacts/import/: Failed to load resource: "
        "the server responded with a status of 400 (Bad Request)"
    )
    assert console.errors == [expected]
    a11y.assert_clean()
