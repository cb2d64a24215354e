"""The programme report PDF, read back with pypdf."""

import io

from django.urls import reverse
from pypdf import PdfReader

from followup import services
from followup.pdf import report_context
from tests.factories import EventFactory
from tests.pdfcheck import pdf_pages_text

from .factories import ReportingPeriodFactory


def test_report_context_lists_periods_phases_and_pipeline(programme, partner, pair):
    period = ReportingPeriodFactory(programme=programme, name="Year one")
    services.period_targets_set(actor=partner, period=period, targets={"events.total": 38})

    context = report_context(programme)

    assert [entry["period"].name for entry in context["periods"]] == ["Year one"]
    assert [row.key for row in context["periods"][0]["rows"]] == [
        "events.total",
        "participants.cci",
        "participants.avm",
    ]
    assert len(context["phases"]) == 6
    assert context["pipeline"][0] == ("First contact", 1)


def test_report_pdf_reads_back_with_kpis_and_timeline(client, programme, partner):
    period = ReportingPeriodFactory(programme=programme, name="Year one")
    services.period_targets_set(actor=partner, period=period, targets={"events.total": 38})
    EventFactory(programme=programme)
    client.force_login(partner)

    response = client.get(reverse("followup:report_pdf", kwargs={"slug": programme.slug}))

    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert response["Content-Type"] == "application/pdf"
    assert "Programme report" in text
    assert "Year one" in text
    assert "Events organised 1 38 2 %" in text
    assert "6. Follow-up" in text
    assert "2. Make a connection" in text and "Open" in text


def test_report_pdf_keeps_percentages_whole_beside_their_indicator(client, programme, partner):
    period = ReportingPeriodFactory(programme=programme, name="Year one")
    services.period_targets_set(actor=partner, period=period, targets={"events.total": 38})
    for _ in range(16):
        EventFactory(programme=programme)
    client.force_login(partner)

    response = client.get(reverse("followup:report_pdf", kwargs={"slug": programme.slug}))

    lines = [
        " ".join(line.split())
        for page in pdf_pages_text(response.content)
        for line in page.splitlines()
    ]
    # "42 %" on one line (a no-break space), beside its indicator; and the chart's full label.
    assert [line for line in lines if line.startswith("Events organised")] == [
        "Events organised 16 38 42 %",
        "Events organised 16 / 38",
    ]
