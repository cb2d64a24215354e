import io
from decimal import Decimal

from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tandems.enums import PilotStage
from tandems.models import CharterConfirmation
from tests.pdfcheck import pdf_link_uris

from .factories import CharterVersionFactory, PilotActionFactory


def _text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_charter_pdf_is_the_confirmed_version_with_confirmations(client, programme, tandem):
    hub, cluster = tandem
    confirmed = CharterVersionFactory(
        programme=programme, number=1, meeting_cadence="Monthly on Tuesdays."
    )
    CharterConfirmation.objects.create(version=confirmed, partner=hub, confirmed_by=hub.person)
    CharterConfirmation.objects.create(
        version=confirmed, partner=cluster, confirmed_by=cluster.person
    )
    CharterVersionFactory(programme=programme, number=2, meeting_cadence="Weekly.")
    client.force_login(hub.person)

    response = client.get(reverse("tandems:charter_pdf", args=[programme.slug]))

    text = _text(response.content)
    assert response["Content-Disposition"] == f'inline; filename="{programme.slug}-charter-v1.pdf"'
    assert "Tandem charter, version 1" in text
    assert "Monthly on Tuesdays." in text
    assert "Weekly." not in text
    assert "Petra Lindner" in text


def test_charter_pdf_without_confirmed_version_is_404(client, programme, tandem):
    hub, _cluster = tandem
    CharterVersionFactory(programme=programme, number=1)
    client.force_login(hub.person)

    response = client.get(reverse("tandems:charter_pdf", args=[programme.slug]))

    assert response.status_code == 404


def test_pilot_pdf_sheet_has_template_fields(client, programme, tandem):
    hub, _cluster = tandem
    pilot = PilotActionFactory(
        programme=programme,
        title="CCI Factory Mentorship",
        stage=PilotStage.CLOSED,
        critical_factors="Host companies free their staff.",
        lessons="Start with production.",
    )
    client.force_login(hub.person)

    response = client.get(reverse("tandems:pilot_pdf", args=[programme.slug, pilot.pk]))

    text = _text(response.content)
    assert response["Content-Type"] == "application/pdf"
    for expected in (
        "CCI Factory Mentorship",
        "Host companies free their staff.",
        "Start with production.",
        "Critical factors",
        "Lessons learned",
    ):
        assert expected in text


def test_pilot_pdf_leaves_out_empty_fields_and_formats_money_in_the_readers_language(
    client, programme, tandem
):
    hub, _cluster = tandem
    pilot = PilotActionFactory(
        programme=programme,
        title="CCI Factory Mentorship",
        location="",
        frequency="",
        budget_planned=Decimal("18000.00"),
        budget_actual=Decimal("16450.50"),
        links="https://mentorship.example/report",
    )
    client.force_login(hub.person)
    url = reverse("tandems:pilot_pdf", args=[programme.slug, pilot.pk])

    english = client.get(url)
    with translation.override("de"):  # restores the language the middleware switches to
        german = client.get(url, HTTP_ACCEPT_LANGUAGE="de")

    text = " ".join(_text(english.content).split())
    assert (
        "planned 18,000 EUR · actual 16,450.50 EUR" in text,
        "18000.00" in text,
        "Location" in text,
        "Frequency" in text,
        "—" in text,
        pdf_link_uris(english.content),
        "18.000" in " ".join(_text(german.content).split()),
    ) == (True, False, False, False, False, ["https://mentorship.example/report"], True)
