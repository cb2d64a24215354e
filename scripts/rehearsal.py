"""The production rehearsal's Python parts, run by ``scripts/rehearsal`` against a real stack
(gunicorn on the base settings, Celery worker and beat on Redis, PostgreSQL, an SMTP sink):

- ``sink``: an SMTP server on 127.0.0.1 that stores every message as a ``.eml`` file, slowly
  (``--delay`` seconds per message) so that several senders overlap;
- ``journey``: headless Chromium signs up (confirming from the sink's message), applies, has a
  partner approve, registers for an event, downloads its .ics and the programme's PDF, runs a
  background export and receives a reminder sent by beat's sweep; every output is read back;
- ``outbox``: queues N reminders at once and counts what the sink received (exactly once each);
- ``access-log``: fails on any 5xx answer in gunicorn's access log.

Each check prints one line; the first failed check stops the step with exit status 1.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import re
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - after the path

NEWCOMER = {
    "first": "Nora",
    "last": "Brandstätter",
    "email": "nora.rehearsal@studio-nora.example",
    "password": "Tandem-Collider-2031!",
}
PARTNER = "petra.lindner@creativehub-graz.example"
# Members-only, months ahead (its reminders are pending), registered on the event page itself.
EVENT = "Challenge pitch workshop"


class CheckFailed(Exception):
    pass


def check(condition: bool, message: str, detail: object = "") -> None:
    print(("ok    " if condition else "FAIL  ") + message + (f": {detail}" if detail else ""))
    sys.stdout.flush()
    if not condition:
        raise CheckFailed(message)


# --- SMTP sink ------------------------------------------------------------------------------


def run_sink(args: argparse.Namespace) -> None:
    import asyncio

    from aiosmtpd.controller import Controller

    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 10**9))

    class Store:
        async def handle_DATA(self, server, session, envelope):
            await asyncio.sleep(args.delay)  # a slow relay: senders overlap
            name = f"{time.time():.6f}-{next(counter):06d}"
            temporary = folder / f".{name}.tmp"
            temporary.write_bytes(envelope.original_content or envelope.content)
            temporary.rename(folder / f"{name}.eml")  # readers only ever see whole files
            return "250 Message accepted for delivery"

    controller = Controller(Store(), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"SMTP sink on 127.0.0.1:{args.port}, storing in {folder}", flush=True)
    try:
        import signal

        signal.sigwait({signal.SIGTERM, signal.SIGINT})
    finally:
        controller.stop()


def read_mails(folder: Path) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(folder.glob("*.eml"))
    ]


def wait_for_mail(folder: Path, to: str, subject: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in read_mails(folder):
            if to in str(message["To"]) and subject.lower() in str(message["Subject"]).lower():
                return message
        time.sleep(0.5)
    raise CheckFailed(f"no mail to {to} about {subject!r} within {timeout:.0f} s")


def mail_parts(message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if part.get_content_type() in ("text/plain", "text/html")
    }


def check_mail_links(message, site_url: str, label: str) -> None:
    """Text and HTML parts, both linking to SITE_URL; no link to another address of ours."""
    parts = mail_parts(message)
    check(sorted(parts) == ["text/html", "text/plain"], f"{label}: text and HTML parts")
    for kind, body in parts.items():
        links = re.findall(r"https?://[^\s\"'<>]+", body)
        ours = [link for link in links if link.startswith(site_url + "/")]
        check(bool(ours), f"{label}: {kind} links to {site_url}", ours[0] if ours else links)
        # The branded layout also links the site itself (its name in the header) as SITE_URL.
        stray = [
            link
            for link in links
            if re.match(r"https?://(127\.0\.0\.1|localhost)", link)
            and link not in ours
            and link != site_url
        ]
        check(not stray, f"{label}: {kind} has no link to another local address", stray)


# --- Journey ------------------------------------------------------------------------------------


def django_setup() -> None:
    # Playwright's sync API keeps an event loop in this thread; the ORM calls here are plain
    # synchronous reads and updates of the rehearsal's own database.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()


def run_journey(args: argparse.Namespace) -> dict:
    import icalendar
    import openpyxl
    from playwright.sync_api import expect, sync_playwright

    from tests.pdfcheck import check_pdf

    django_setup()
    from django.conf import settings
    from django.utils import timezone

    from collider.demo import DEMO_PASSWORD, DEMO_SLUG
    from collider.enums import ReminderState
    from collider.models import Programme, Reminder

    site = settings.SITE_URL
    mails, artifacts = Path(args.mail_dir), Path(args.artifacts)
    artifacts.mkdir(parents=True, exist_ok=True)
    programme = Programme.objects.get(slug=DEMO_SLUG)
    timings: dict[str, float] = {}
    started = time.monotonic()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        options = {
            "base_url": site,
            "locale": "en-GB",
            "timezone_id": "Europe/Vienna",
            "accept_downloads": True,
            "viewport": {"width": 1280, "height": 900},
        }
        newcomer = browser.new_context(**options).new_page()
        newcomer.set_default_timeout(30_000)

        # 1. Sign up, confirm from the SMTP sink's message.
        newcomer.goto("/")
        newcomer.get_by_role("link", name="Sign up").click()
        newcomer.get_by_label("First name").fill(NEWCOMER["first"])
        newcomer.get_by_label("Last name").fill(NEWCOMER["last"])
        newcomer.get_by_label("Email").fill(NEWCOMER["email"])
        newcomer.get_by_label(re.compile(r"^\s*Password\W*$")).fill(NEWCOMER["password"])
        newcomer.get_by_label("Password (again)").fill(NEWCOMER["password"])
        # The demo publishes a privacy notice; sign-up records the version accepted.
        newcomer.get_by_label(re.compile(r"accept the privacy notice")).check()
        newcomer.get_by_role("button", name="Create account").click()
        expect(newcomer.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
        confirmation = wait_for_mail(mails, NEWCOMER["email"], "confirm")
        body = mail_parts(confirmation)["text/plain"]
        link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", body)
        check(bool(link) and link.group(0).startswith(site), "sign-up mail links to SITE_URL")
        newcomer.goto(link.group(0))
        newcomer.get_by_role("button", name="Confirm").click()
        expect(newcomer.get_by_role("button", name="Log out")).to_be_visible()
        check(True, "signed up and confirmed through the SMTP sink")

        # 2. Apply to the demo programme.
        newcomer.goto(programme.get_absolute_url())
        newcomer.get_by_role("link", name="Apply to this programme").click()
        newcomer.get_by_label("Cultural and creative industries (CCI)").check()
        newcomer.get_by_label("New organisation name").fill("Studio Nora (rehearsal)")
        newcomer.get_by_label("Kind of organisation").select_option(label="CCI freelancer")
        newcomer.get_by_label("Country").select_option(label="Austria")
        newcomer.get_by_label("Why do you want to take part?").fill("Production rehearsal.")
        newcomer.get_by_role("button", name="Send application").click()
        expect(newcomer.get_by_text("Your application: Applied")).to_be_visible()
        check(True, "applied to the programme")

        # 3. A tandem partner approves.
        partner = browser.new_context(**options).new_page()
        partner.set_default_timeout(30_000)
        partner.goto("/accounts/login/")
        partner.get_by_label("Email").fill(PARTNER)
        partner.get_by_label("Password").fill(DEMO_PASSWORD)
        partner.get_by_role("button", name="Log in", exact=True).click()
        expect(partner.get_by_role("button", name="Log out")).to_be_visible()
        partner.goto(programme.get_absolute_url())
        partner.get_by_role("button", name="Manage").click()
        partner.get_by_role("link", name="Members and applications").click()
        partner.get_by_label("Status").select_option(label="Applied")
        partner.get_by_role("button", name="Filter").click()
        row = partner.get_by_role("row").filter(has_text=NEWCOMER["email"])
        row.get_by_role("button", name="Approve").click()
        expect(partner.get_by_role("alert")).to_contain_text("was approved")
        check(True, "a partner approved the application")

        # 4. Register for an event; download its .ics and the programme's PDF.
        newcomer.goto(programme.get_absolute_url())
        newcomer.get_by_role("link", name="Events", exact=True).click()
        newcomer.get_by_role("link", name=EVENT).click()
        newcomer.get_by_role("button", name="Register").click()
        expect(newcomer.locator("#registration-status")).to_have_text("You are registered.")
        with newcomer.expect_download() as download:
            newcomer.get_by_role("link", name="Add to calendar (.ics)").click()
        ics = artifacts / "event.ics"
        download.value.save_as(ics)
        (vevent,) = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
        check(str(vevent["SUMMARY"]) == EVENT, "the .ics holds the event", vevent["SUMMARY"])

        newcomer.goto(programme.get_absolute_url())
        pdf = artifacts / "one-pager.pdf"
        # Served inline (Chromium would open its viewer): fetched with the page's session.
        href = newcomer.get_by_role("link", name="Download the one-pager (PDF)").get_attribute(
            "href"
        )
        clock = time.monotonic()
        response = newcomer.request.get(href)
        timings["pdf_render_s"] = round(time.monotonic() - clock, 2)
        check(
            response.status == 200 and response.headers["content-type"] == "application/pdf",
            "the one-pager PDF downloads",
            f"{response.status} in {timings['pdf_render_s']} s",
        )
        pdf.write_bytes(response.body())
        result = check_pdf(pdf, artifacts / "one-pager-page-1.png")
        check(result["house_fonts"], "PDF uses the house fonts", result["fonts"])
        check(result["logo"], "PDF shows the logo (page 1 rendered)", result["logo_pixels"])
        print(f"      pdfimages -list: {len(result['images'])} raster images (the logo is SVG)")

        # 5. A background export (EXPORT_DIRECT_MAX_ROWS is low) written by the worker.
        partner.goto(f"/p/{programme.slug}/exports/")
        partner.locator('tr[data-export="participants"]').get_by_role(
            "button", name="Prepare XLSX"
        ).click()
        clock = time.monotonic()
        link = partner.get_by_role("link", name="Download the file")
        expect(link).to_be_visible(timeout=60_000)
        timings["export_job_s"] = round(time.monotonic() - clock, 2)
        with partner.expect_download() as download:
            link.click()
        xlsx = artifacts / "participants.xlsx"
        download.value.save_as(xlsx)
        rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
        check(
            len(rows) > 1 and rows[0][:2] == ("Name", "E-mail"),
            "the export opens in openpyxl",
            f"{len(rows) - 1} rows",
        )
        emails = {row[1] for row in rows[1:]}
        check(NEWCOMER["email"] in emails, "the export lists the newcomer")

        # 6. A reminder sent by beat's sweep (made due now; no task is queued for it).
        reminder = (
            Reminder.objects.filter(
                email=NEWCOMER["email"], kind="event_reminder", state=ReminderState.PENDING
            )
            .order_by("due_at")
            .first()
        )
        check(reminder is not None, "registering scheduled a reminder")
        Reminder.objects.filter(pk=reminder.pk).update(due_at=timezone.now())
        clock = time.monotonic()
        message = wait_for_mail(mails, NEWCOMER["email"], "Reminder", timeout=60)
        timings["reminder_s"] = round(time.monotonic() - clock, 2)
        check(True, "beat's sweep sent the reminder through SMTP", f"{timings['reminder_s']} s")
        check_mail_links(message, site, "reminder mail")
        newcomer.screenshot(path=str(artifacts / "event-registered.png"), full_page=True)
        browser.close()

    timings["journey_s"] = round(time.monotonic() - started, 2)
    return timings


# --- Outbox scale-out -----------------------------------------------------------------------


def run_outbox(args: argparse.Namespace) -> dict:
    django_setup()
    from django.db import transaction
    from django.db.models import Count
    from django.utils import timezone

    from collider import services
    from collider.enums import ReminderState
    from collider.models import Registration, Reminder

    mails = Path(args.mail_dir)
    registration = Registration.objects.select_related("event__programme").get(
        email=NEWCOMER["email"], event__title=EVENT
    )
    run = f"{time.time():.0f}"
    addresses = {f"scale-{run}-{i:04d}@rehearsal.example" for i in range(args.count)}
    due = timezone.now() + timedelta(seconds=3)
    # Due a moment from now, in one transaction: nothing is queued at creation, so beat's
    # overlapping sweeps on both workers compete for every row.
    with transaction.atomic():
        for address in sorted(addresses):
            services.reminder_schedule(
                kind="event_reminder",
                email=address,
                due_at=due,
                dedupe_key=f"rehearsal:{address}",
                programme=registration.event.programme,
                target=registration,
                context={"offset_seconds": 3600},
            )
    started = time.monotonic()
    deadline = started + args.timeout

    def received() -> list[str]:
        return [str(m["To"]) for m in read_mails(mails) if str(m["To"]).startswith(f"scale-{run}-")]

    while time.monotonic() < deadline and len(set(received())) < args.count:
        time.sleep(1)
    elapsed = round(time.monotonic() - started, 2)
    time.sleep(args.settle)  # late duplicates would arrive now
    got = received()
    delivered, duplicates = len(set(got)), len(got) - len(set(got))
    states = dict(
        Reminder.objects.filter(dedupe_key__startswith=f"rehearsal:scale-{run}-")
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    print(f"      delivered/expected: {delivered}/{args.count}, duplicates: {duplicates}")
    print(f"      outbox states: {states}; all delivered after {elapsed} s")
    check(delivered == args.count, "every reminder delivered", f"{delivered}/{args.count}")
    check(duplicates == 0, "no reminder delivered twice", f"{duplicates} duplicates")
    check(states == {ReminderState.SENT: args.count}, "every outbox row is sent", states)
    return {"delivered": delivered, "expected": args.count, "duplicates": duplicates}


# --- Access log -----------------------------------------------------------------------------


def run_access_log(args: argparse.Namespace) -> dict:
    """The access log format is ``%(s)s %(m)s %(U)s`` (status, method, path) per line."""
    lines = Path(args.log).read_text().splitlines()
    statuses = [line.split(" ", 2) for line in lines if line.strip()]
    errors = [" ".join(parts) for parts in statuses if parts[0].startswith("5")]
    check(bool(statuses), "gunicorn logged the journey's requests", f"{len(statuses)} requests")
    check(not errors, "no request answered 5xx", errors[:5])
    return {"requests": len(statuses)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sink = commands.add_parser("sink")
    sink.add_argument("--port", type=int, required=True)
    sink.add_argument("--dir", required=True)
    sink.add_argument("--delay", type=float, default=0.0)
    journey = commands.add_parser("journey")
    journey.add_argument("--mail-dir", required=True)
    journey.add_argument("--artifacts", required=True)
    outbox = commands.add_parser("outbox")
    outbox.add_argument("--mail-dir", required=True)
    outbox.add_argument("--count", type=int, default=200)
    outbox.add_argument("--timeout", type=float, default=90)
    outbox.add_argument("--settle", type=float, default=3)
    access = commands.add_parser("access-log")
    access.add_argument("--log", required=True)
    parser.add_argument("--report", help="append the step's figures (JSON) to this file")
    args = parser.parse_args()
    if args.command == "sink":
        run_sink(args)
        return
    step = {"journey": run_journey, "outbox": run_outbox, "access-log": run_access_log}
    try:
        figures = step[args.command](args)
    except CheckFailed:
        sys.exit(1)
    if args.report:
        with open(args.report, "a") as report:
            report.write(json.dumps({args.command: figures}) + "\n")


if __name__ == "__main__":
    main()
