"""Browser journey of the feedback surveys on the demo programme: a partner creates a survey on
the info day, adds a question to the suggested ones and opens it; a CCI and an AVM participant
answer from the e-mailed link (one of them changes an answer); the partner reads the per-sector
results with the chart and the numbers in the tables, and downloads the CSV. Every page is
audited with axe-core; screenshots land in test-artifacts/browser/followup/ (prefix feedback-)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from collider.enums import Role, Sector
from collider.models import Membership
from collider.services import reminder_sweep
from followup.models import Survey

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVENT = "Info day: Creative meets Manufacturing"
EXTRA = "Would you come to the next info day?"


def _respond_link(address: str) -> str:
    body = mail_to(address)[-1].body
    return urlsplit(re.search(r"https?://\S+/followup/feedback/\d+/respond/", body).group(0)).path


def _registrant(demo, sector: str):
    event = demo.events.get(title=EVENT)
    users = [r.user for r in event.registrations.filter(status="confirmed").select_related("user")]
    sectors = dict(
        Membership.objects.filter(
            programme=demo, role=Role.PARTICIPANT, user__in=users
        ).values_list("user_id", "sector")
    )
    return next(user for user in users if sectors.get(user.pk) == sector)


def test_partner_surveys_an_event_and_reads_results_per_sector(demo, new_context, a11y):
    snap = Screenshots.fresh("followup", "feedback")
    console = ConsoleErrors()
    slug = demo.slug
    partner_email = demo.memberships.filter(role=Role.PARTNER).first().user.email

    # 1. The partner creates a survey on the info day from the survey list.
    partner = console.watch(new_context().new_page())
    log_in(partner, partner_email, land=False)
    partner.goto(f"/p/{slug}/followup/feedback/")
    expect(partner.get_by_role("heading", name="Feedback surveys")).to_be_visible()
    a11y.check(partner, "feedback-list")
    snap(partner, "list")
    partner.get_by_role("link", name="New survey").click()
    partner.get_by_label("An event").check()
    partner.get_by_label("Event or training session").select_option(label=EVENT)
    a11y.check(partner, "feedback-create")
    partner.get_by_role("button", name="Create draft").click()
    expect(partner.get_by_text("Draft created with the default questions")).to_be_visible()

    # 2. It adds a question to the suggested ones, saves, and opens the survey.
    partner.locator("#id_q-5-text").fill(EXTRA)
    a11y.check(partner, "feedback-edit")
    snap(partner, "edit")
    partner.get_by_role("button", name="Save survey").click()
    expect(partner.get_by_text("Survey saved.")).to_be_visible()
    expect(partner.get_by_text(EXTRA)).to_be_visible()
    partner.get_by_role("button", name="Open and invite").click()
    expect(
        partner.get_by_text(re.compile(r"The survey is open: \d+ people are invited"))
    ).to_be_visible()
    a11y.check(partner, "feedback-detail")
    snap(partner, "detail-open")
    survey = Survey.objects.get(event__title=EVENT)
    questions = list(survey.questions.all())
    assert [q.text for q in questions][-1] == EXTRA

    # 3. A CCI and an AVM participant answer from the link in their e-mail.
    reminder_sweep()
    cci, avm = _registrant(demo, Sector.CCI), _registrant(demo, Sector.AVM)
    plan = (
        (cci, [5, 4, 5, 5], "Meeting three manufacturers in one afternoon."),
        (avm, [3, 2, 4, 4], "The designers' portfolio talks."),
    )
    for person, ratings, text in plan:
        link = _respond_link(person.email)
        page = console.watch(new_context().new_page())
        log_in(page, person.email, land=False)
        page.goto(link)
        expect(page.get_by_role("heading", name=survey.title)).to_be_visible()
        a11y.check(page, f"feedback-respond-{person.pk}")
        ratings_iter = iter(ratings)
        for question in questions:
            if question.is_rating:
                page.locator(f'input[name="q{question.pk}"][value="{next(ratings_iter)}"]').check()
        page.get_by_label("What was the most valuable part for you?").fill(text)
        snap(page, f"respond-{'cci' if person == cci else 'avm'}")
        page.get_by_role("button", name="Send my answers").click()
        expect(page.get_by_text("Thank you: your answers are recorded.")).to_be_visible()
        if person == avm:
            # The AVM participant thinks again and raises the first rating: one response stays.
            page.locator(f'input[name="q{questions[0].pk}"][value="4"]').check()
            page.get_by_role("button", name="Update my answers").click()
            expect(page.get_by_text("Thank you: your answers are recorded.")).to_be_visible()
            a11y.check(page, "feedback-respond-updated")
    assert survey.responses.count() == 2

    # 4. The partner reads the results per sector: chart, tables, rates, written answers.
    partner.goto(f"/p/{slug}/followup/feedback/{survey.pk}/results/")
    first = partner.locator(f'[data-question="{questions[0].pk}"]')
    expect(first.locator("svg.feedback-chart")).to_be_visible()
    expect(first.locator('tr[data-sector="cci"] .mean')).to_have_text("5.00")
    expect(first.locator('tr[data-sector="avm"] .mean')).to_have_text("4.00")
    expect(first.locator('tr[data-sector="all"] .mean')).to_have_text("4.50")
    rates = partner.locator('[data-table="rates"]')
    expect(rates.locator('tr[data-sector="cci"] td').nth(1)).to_have_text("1")
    expect(rates.locator('tr[data-sector="avm"] td').nth(1)).to_have_text("1")
    expect(partner.get_by_text("Meeting three manufacturers in one afternoon.")).to_be_visible()
    # Anonymous by default: the answers carry the sector, never the name.
    expect(partner.get_by_text(cci.display_name)).to_have_count(0)
    a11y.check(partner, "feedback-results")
    snap(partner, "results")

    # 5. The CSV export reads back with one row per response.
    with partner.expect_download() as download_info:
        partner.get_by_role("link", name="Responses (CSV)").click()
    body = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert sorted(row["Sector"] for row in rows) == ["AVM side", "CCI side"]

    assert console.errors == []
    a11y.assert_clean()
