"""Browser journey of phase 2 on the demo programme: an anonymous visitor answers the public
readiness checklist and sees section scores; a partner reads the aggregate chart, enters a
paper response and downloads the checklist and brochure PDFs. Every page is audited with
axe-core; screenshots land in test-artifacts/browser/outreach/."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from outreach.models import Brochure, Checklist, ChecklistResponse

from .support import Screenshots, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNER = "petra.lindner@creativehub-graz.example"


@pytest.fixture
def shots() -> Screenshots:
    return Screenshots.fresh("outreach")


def _watch(page: Page, errors: list[str]) -> Page:
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    return page


def _answer(page: Page, question: str, choice: str) -> None:
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


def test_checklist_answered_online_scored_aggregated_and_printed(demo, new_context, shots, a11y):
    errors: list[str] = []
    checklist = Checklist.objects.get(programme=demo)
    before = ChecklistResponse.objects.filter(checklist=checklist).count()

    # 1. An anonymous visitor opens the public link (from the QR code) and picks a sector.
    visitor = _watch(new_context().new_page(), errors)
    visitor.goto(f"/checklist/{checklist.token}/")
    expect(visitor.get_by_role("heading", name=checklist.title)).to_be_visible()
    a11y.check(visitor, "checklist-choose")
    shots(visitor, "checklist-choose-sector")
    visitor.get_by_role("link", name="Cultural and creative industries (CCI)").click()

    # 2. They answer every question (CCI variant) and give e-mail, organisation and consent.
    expect(visitor.get_by_text("We budget")).to_have_count(0)
    _answer(visitor, "I know which production technologies my partner sector uses.", "2")
    _answer(
        visitor,
        "Have you visited a factory (CCI) or a creative studio (AVM) in the last year?",
        "Yes",
    )
    _answer(visitor, "How often do you follow trends in the other sector?", "Once a year")
    _answer(visitor, "I can explain the value of my work in terms of costs, time and quality.", "3")
    _answer(visitor, "Which of these have you done with the other sector?", "Met at an event")
    _answer(visitor, "Which of these have you done with the other sector?", "Joint workshop")
    _answer(visitor, "Do you have a template for IP and confidentiality agreements?", "No")
    visitor.get_by_label("What worries you most about sharing ideas?").fill(
        "Losing control of our designs."
    )
    visitor.get_by_label("Organisation").fill("Studio Nora")
    visitor.get_by_label("Send me my results").check()
    visitor.get_by_label("E-mail address").fill("nora@studio-nora.example")
    visitor.get_by_label(re.compile("I agree that the programme")).check()
    a11y.check(visitor, "checklist-answer")
    shots(visitor, "checklist-filled")
    visitor.get_by_role("button", name="See my result").click()

    # 3. The result page shows a score per section and the next steps for weak sections.
    expect(visitor.get_by_role("heading", name="Your readiness result")).to_be_visible()
    response = ChecklistResponse.objects.get(email="nora@studio-nora.example")
    scores = {s.section.title: s.score for s in response.section_scores.select_related("section")}
    assert scores == {
        "Technology": 50,
        "Future trends": 30,
        "Mindset and business language": 50,
        "Intellectual property": 0,
    }
    for title, score in scores.items():
        expect(visitor.get_by_text(title, exact=True).first).to_be_visible()
        expect(visitor.get_by_role("progressbar", name=title)).to_have_attribute(
            "value", str(score)
        )
    expect(
        visitor.get_by_text("Watch the IPR tutorial and use the cooperation agreement template.")
    ).to_be_visible()
    a11y.check(visitor, "checklist-result")
    shots(visitor, "checklist-result")

    # 4. A partner sees the aggregate chart per section and sector.
    partner = _watch(new_context().new_page(), errors)
    log_in(partner, PARTNER, land=False)
    partner.goto(f"/p/{demo.slug}/checklists/")
    partner.get_by_role("link", name=checklist.title, exact=True).click()
    expect(partner.get_by_role("img", name="QR code of the checklist link")).to_be_visible()
    a11y.check(partner, "checklist-builder")
    shots(partner, "checklist-builder-and-qr")
    partner.get_by_role("link", name="Results").first.click()
    chart = partner.locator("#results-chart")
    expect(chart).to_be_visible()
    partner.wait_for_function("() => window.Chart && Chart.getChart('results-chart') !== undefined")
    assert partner.evaluate("() => Chart.getChart('results-chart').data.datasets.length") == 2
    expect(partner.get_by_role("rowheader", name="Intellectual property")).to_be_visible()
    a11y.check(partner, "checklist-results")
    shots(partner, "checklist-results-chart")

    # 5. The partner types in a paper checklist from a company visit (AVM variant).
    partner.goto(f"/p/{demo.slug}/checklists/{checklist.pk}/paper/?sector=avm")
    # Paper forms often carry neither an address nor an organisation: both stay empty.
    partner.get_by_label("The respondent signed the consent box on the paper form.").check()
    _answer(partner, "I know which production technologies my partner sector uses.", "5")
    _answer(
        partner,
        "Have you visited a factory (CCI) or a creative studio (AVM) in the last year?",
        "Yes",
    )
    _answer(partner, "How often do you follow trends in the other sector?", "Weekly")
    _answer(partner, "Our company would pay for design or creative services in the next year.", "4")
    _answer(partner, "Which of these have you done with the other sector?", "Paid project")
    _answer(partner, "Do you have a template for IP and confidentiality agreements?", "Yes")
    a11y.check(partner, "checklist-paper")
    shots(partner, "checklist-paper-filled")
    partner.get_by_role("button", name="Save paper answers").click()
    expect(partner.get_by_text("Paper answers of Anonymous respondent saved")).to_be_visible()
    paper = ChecklistResponse.objects.filter(checklist=checklist).latest("pk")
    assert (
        paper.source,
        paper.sector,
        paper.email,
        paper.organisation_name,
        ChecklistResponse.objects.filter(checklist=checklist).count(),
    ) == ("paper", "avm", "", "", before + 2)

    # 6. The printable checklist PDF for on-site visits.
    pdf = partner.context.request.get(f"/p/{demo.slug}/checklists/{checklist.pk}/checklist.pdf")
    assert (pdf.ok, pdf.headers["content-type"]) == (True, "application/pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert (
        checklist.title in text,
        "1.1 I know which production technologies" in text,
        "Signature" in text,
    ) == (True, True, True)

    # 7. The brochure PDF from the brochures page: title, a story title and page numbers.
    brochure = Brochure.objects.get(programme=demo)
    partner.goto(f"/p/{demo.slug}/brochures/")
    a11y.check(partner, "brochures")
    shots(partner, "brochures")
    href = partner.get_by_role("link", name=re.compile("Download PDF")).first.get_attribute("href")
    body = partner.context.request.get(href).body()
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(body)).pages]
    first_story = brochure.entries.order_by("order").first().practice.title
    assert (
        brochure.title.split(":")[0] in pages[0],
        first_story in " ".join(pages[3].split()),  # a long title wraps over two lines
        pages[3].strip().splitlines()[-1].startswith("4 "),
        pages[4].strip().splitlines()[-1].endswith(" 5"),
    ) == (True, True, True, True)

    # 8. The public library, with filters, as the visitor sees it.
    visitor.goto(f"/p/{demo.slug}/practices/?assessment=bad")
    expect(visitor.get_by_role("heading", name="Best-practice library")).to_be_visible()
    expect(visitor.get_by_text("2 cases")).to_be_visible()
    a11y.check(visitor, "library")
    shots(visitor, "library-bad-practices")

    assert errors == []
    a11y.assert_clean()
