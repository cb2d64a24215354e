"""Browser journey of phase 6 on the demo programme: a partner moves a cooperation to agreement
on the board and marks a milestone done with evidence, both sides answer their check-in from the
e-mailed link and disagree (the flag shows), the KPI dashboard counts the agreement against the
ELCA target, and the programme report PDF is downloaded and read back. Every page is audited with
axe-core; screenshots land in test-artifacts/browser/followup/."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from collider.services import reminder_sweep
from followup.models import Cooperation
from tests.followup.factories import make_checkins_due

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "AR assembly instructions pilot"


@pytest.fixture
def snap() -> Screenshots:
    return Screenshots.fresh("followup")


def _answer_link(cooperation, person) -> str:
    """The link in ``person``'s e-mail to their earliest check-in on ``cooperation`` (other
    e-mails, e.g. on the demo's other cooperations, may have come after it)."""
    bodies = "\n".join(message.body for message in mail_to(person.email))
    for checkin in cooperation.checkins.filter(respondent=person).order_by("due_at", "pk"):
        path = reverse(
            "followup:checkin_answer",
            kwargs={"slug": cooperation.programme.slug, "pk": checkin.pk},
        )
        if path in bodies:
            return path
    raise AssertionError(f"no check-in e-mail to {person.email}")


def test_pipeline_check_ins_kpis_and_report(demo, new_context, snap, a11y, live_server):
    console = ConsoleErrors()
    slug = demo.slug
    cooperation = Cooperation.objects.select_related(
        "cci_contact", "avm_contact", "created_by"
    ).get(title=TITLE)
    partner_email = cooperation.created_by.email

    # 1. The partner opens the board and moves the cooperation to negotiation, then agreement.
    partner = console.watch(new_context().new_page())
    log_in(partner, partner_email, land=False)
    partner.goto(f"/p/{slug}/followup/board/")
    expect(partner.get_by_role("heading", name="Cooperation pipeline")).to_be_visible()
    a11y.check(partner, "board")
    snap(partner, "board")
    partner.get_by_role("link", name=TITLE).click()
    a11y.check(partner, "cooperation")
    for stage, note in (
        ("Negotiation", "Scope and budget on the table."),
        ("Agreement", "Signed at the chamber."),
    ):
        partner.locator("#id_to").select_option(label=stage)
        partner.locator("#id_note").fill(note)
        partner.get_by_role("button", name="Move").click()
        expect(partner.get_by_text("Stage changed.")).to_be_visible()
    expect(partner.locator("h1 .badge")).to_have_text("Agreement")
    # A deliverable of the agreement becomes a milestone, marked done with a link as evidence.
    partner.locator("#id_title").fill("Interactive prototype on the assembly line")
    partner.locator("#id_due_on").fill("2027-01-15")
    partner.get_by_role("button", name="Add milestone").click()
    expect(partner.get_by_text("Milestone added.")).to_be_visible()
    partner.get_by_label("or a link to the evidence").fill("https://files.example/prototype-video")
    partner.get_by_role("button", name="Mark done").click()
    expect(partner.get_by_text("Milestone marked done.")).to_be_visible()
    expect(partner.locator("[data-milestone]")).to_contain_text("done")
    a11y.check(partner, "cooperation-agreement")
    snap(partner, "cooperation-agreement")
    partner.goto(f"/p/{slug}/followup/board/")
    expect(partner.locator('[data-stage="agreement"]')).to_contain_text(TITLE)

    # 2. A month later each side gets its own check-in e-mail; they answer differently (a
    # check-in opens when it is due: the month has passed for it, too).
    reminder_sweep(now=timezone.now() + timedelta(days=31))
    make_checkins_due(cooperation=cooperation, months=1)
    cci_link = _answer_link(cooperation, cooperation.cci_contact)
    avm_link = _answer_link(cooperation, cooperation.avm_contact)
    assert cci_link != avm_link
    for person, link, outcome in (
        (cooperation.cci_contact, cci_link, "Agreement reached"),
        (cooperation.avm_contact, avm_link, "Knowledge gained"),
    ):
        page = console.watch(new_context().new_page())
        log_in(page, person.email, land=False)
        page.goto(link)
        a11y.check(page, f"checkin-{person.pk}")
        page.get_by_label(outcome).check()
        page.get_by_label("Comments").fill("Our view after one month.")
        snap(page, f"checkin-{person.pk}")
        page.get_by_role("button", name="Send answer").click()
        expect(page.get_by_text("Thank you: your answer is recorded.")).to_be_visible()

    # 3. The board flags the disagreement on that card.
    partner.goto(f"/p/{slug}/followup/board/")
    card = partner.locator(".board-card", has_text=TITLE)
    expect(card.get_by_text("Sides disagree")).to_be_visible()
    snap(partner, "board-disagreement")

    # 4. The KPI dashboard counts the cooperation that reached an agreement (with the demo's
    # completed one and the one recorded from its signed agreement), and the demo's signed
    # cooperation agreement against the ELCA target of 38.
    partner.goto(f"/p/{slug}/followup/kpis/")
    row = partner.locator('tr[data-kpi="cooperations.agreements"]')
    expect(row.locator(".kpi-value")).to_have_text("3")
    signed = partner.locator('tr[data-kpi="matchmaking.cooperation_agreements_signed"]')
    expect(signed.locator(".kpi-value")).to_have_text("1")
    expect(signed).to_contain_text("38")
    expect(partner.locator("#kpi-chart")).to_be_visible()
    a11y.check(partner, "kpis")
    snap(partner, "kpis")

    # 5. The programme report PDF downloads and reads back with the agreement counted.
    with partner.expect_download() as download_info:
        partner.get_by_role("link", name="Programme report (PDF)").click()
    pdf = download_info.value
    pages = PdfReader(io.BytesIO(Path(pdf.path()).read_bytes())).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Cooperations that reached an agreement 3" in text
    assert "Cooperation agreements signed 1 38 2 %" in text

    assert console.errors == []
    a11y.assert_clean()
