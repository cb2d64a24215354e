"""Browser journey of phase 6's success stories and joint evaluation on the demo programme.

A partner drafts a story from a completed cooperation and asks both sides; the CCI and the AVM
contact consent from the link in their e-mail; the partner publishes the story and it appears
in the best-practice library. Then both partner organisations confirm the joint evaluation of a
new reporting period, which becomes final, and its PDF is downloaded and read back. Every page
is audited with axe-core; screenshots land in test-artifacts/browser/followup/stories-*.png.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from collider.enums import MembershipStatus, Role
from collider.models import Membership
from collider.services import reminder_sweep
from followup import services
from followup.models import Cooperation, JointEvaluation
from tandems.models import TandemPartner

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COOPERATION = "Showroom storytelling for a machining line"
TITLE = "A showroom that tells the machining story"
LESSON = "Share the minutes within two days of each partner meeting."


def _consent_link(address: str) -> str:
    body = mail_to(address)[-1].body
    return urlsplit(re.search(r"https?://[^\s]+/followup/stories/\d+/consent/", body).group(0)).path


def _partner_emails(programme) -> list[str]:
    """One staff member of each tandem partner organisation."""
    emails = []
    for partner in TandemPartner.objects.filter(programme=programme).order_by("-is_lead", "pk"):
        membership = (
            Membership.objects.filter(
                programme=programme,
                role=Role.PARTNER,
                status=MembershipStatus.APPROVED,
                organisation=partner.organisation,
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        emails.append(membership.user.email)
    return emails


def test_story_consent_publish_and_joint_evaluation(demo, new_context, a11y, live_server):
    console = ConsoleErrors()
    snap = Screenshots.fresh("followup", "stories")
    slug = demo.slug
    # The showroom cooperation has come to its end (the demo leaves it in negotiation).
    cooperation = Cooperation.objects.select_related(
        "cci_contact", "avm_contact", "created_by"
    ).get(title=COOPERATION)
    lead = cooperation.created_by
    for service in (
        services.cooperation_agreement_reach,
        services.cooperation_run,
        services.cooperation_complete,
    ):
        cooperation = service(actor=lead, cooperation=cooperation, note="Done in the journey.")
    today = timezone.localdate()
    period = services.period_create(
        actor=lead,
        programme=demo,
        name="Year two",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=30),
    )
    services.period_targets_set(actor=lead, period=period, targets={"cooperations.completed": 4})
    first_email, second_email = _partner_emails(demo)

    # 1. A partner drafts the story from the completed cooperation and asks both sides.
    partner = console.watch(new_context().new_page())
    log_in(partner, first_email, land=False)
    partner.goto(f"/p/{slug}/followup/cooperations/{cooperation.pk}/")
    partner.get_by_role("link", name="Write a success story").click()
    expect(partner.get_by_role("heading", name="Write a success story")).to_be_visible()
    a11y.check(partner, "story-form")
    partner.get_by_label("Title").fill(TITLE)
    partner.get_by_label("Summary").fill("A machine maker's showroom now explains its line.")
    partner.get_by_label("The challenge").fill("Visitors did not understand the machining line.")
    partner.get_by_label("The solution").fill("A storytelling studio staged the line as a tour.")
    partner.get_by_label("The results").fill("Twice as many qualified leads from fairs.")
    partner.get_by_label("Quote", exact=True).fill("Our machines finally tell their story.")
    partner.get_by_label("Quote by").fill("Sales lead")
    snap(partner, "story-form")
    partner.get_by_role("button", name="Draft the story").click()
    expect(partner.get_by_text("The story is drafted.")).to_be_visible()
    partner.get_by_role("button", name="Ask both sides for consent").click()
    expect(partner.get_by_text("Both sides are asked for their consent by e-mail.")).to_be_visible()
    a11y.check(partner, "story-asked")
    snap(partner, "story-asked")

    # 2. The CCI and the AVM contact each consent from the link in their e-mail.
    reminder_sweep()
    for person in (cooperation.cci_contact, cooperation.avm_contact):
        page = console.watch(new_context().new_page())
        log_in(page, person.email, land=False)
        page.goto(_consent_link(person.email))
        expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
        a11y.check(page, f"consent-{person.pk}")
        page.get_by_label("I have read the story").check()
        snap(page, f"consent-{person.pk}")
        page.get_by_role("button", name="Give my consent").click()
        expect(page.get_by_text("Thank you: your consent is recorded.")).to_be_visible()
        expect(page.locator('[data-consent="given"]')).to_contain_text(person.display_name)
        page.context.close()

    # 3. The partner publishes it; it appears in the best-practice library.
    partner.reload()
    expect(partner.locator('[data-side="cci"]')).to_contain_text(
        cooperation.cci_contact.display_name
    )
    expect(partner.locator('[data-side="avm"]')).to_contain_text(
        cooperation.avm_contact.display_name
    )
    a11y.check(partner, "story-consented")
    partner.get_by_role("button", name="Publish the story").click()
    expect(
        partner.get_by_text("The story is published in the best-practice library.")
    ).to_be_visible()
    snap(partner, "story-published")
    partner.goto(f"/p/{slug}/practices/")
    expect(partner.get_by_role("link", name=TITLE)).to_be_visible()
    partner.get_by_role("link", name=TITLE).click()
    expect(partner.get_by_text("Our machines finally tell their story.")).to_be_visible()
    a11y.check(partner, "library-story")
    snap(partner, "library-story")

    # 4. Both partner organisations write and confirm the joint evaluation of "Year two".
    partner.goto(f"/p/{slug}/followup/kpis/?period={period.pk}")
    partner.get_by_role("link", name="Joint evaluation").click()
    expect(partner.get_by_role("heading", name="Joint evaluation")).to_be_visible()
    partner.get_by_label("Strengths of the tandem cooperation").fill("Fast joint decisions.")
    partner.get_by_label("Weaknesses of the tandem cooperation").fill("Minutes came late.")
    partner.get_by_label("Biggest challenges").fill("Finding AVM companies for the workshop.")
    partner.get_by_label("Lessons learned").fill(LESSON)
    partner.get_by_role("button", name="Save the evaluation").click()
    expect(partner.get_by_text("The evaluation is saved.")).to_be_visible()
    partner.get_by_role("button", name=re.compile("^Confirm for ")).click()
    expect(partner.get_by_text("The other partner organisation confirms next.")).to_be_visible()
    a11y.check(partner, "evaluation-one-confirmed")
    snap(partner, "evaluation-one-confirmed")

    other = console.watch(new_context().new_page())
    log_in(other, second_email, land=False)
    other.goto(f"/p/{slug}/followup/periods/{period.pk}/evaluation/")
    other.get_by_role("button", name=re.compile("^Confirm for ")).click()
    expect(other.locator('[data-evaluation-state="final"]')).to_be_visible()
    expect(other.locator('#evaluation-kpis tr[data-kpi="cooperations.completed"]')).to_contain_text(
        "4"
    )
    a11y.check(other, "evaluation-final")
    snap(other, "evaluation-final")
    assert JointEvaluation.objects.get(period=period).is_final

    # 5. The evaluation PDF downloads and reads back: final, with the text and the KPI chart.
    with other.expect_download() as download_info:
        other.get_by_role("link", name="Evaluation (PDF)").click()
    pages = PdfReader(io.BytesIO(Path(download_info.value.path()).read_bytes())).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Final: confirmed by every partner organisation" in text
    assert LESSON in text
    assert "Cooperations completed" in text
    assert "/ 4" in text  # the chart's value / target label

    assert console.errors == []
    a11y.assert_clean()
