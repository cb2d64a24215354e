import io
import time

from django.utils import timezone
from pypdf import PdfReader

from collider.enums import Role
from collider.pdf import render_pdf
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.pdfcheck import pdf_info, pdf_link_uris, pdf_pages_text
from training.models import Certificate
from training.pdf import certificate_context


def test_certificate_context_links_the_public_verification_page(programme, cci, settings):
    certificate = Certificate.objects.create(
        programme=programme,
        user=cci,
        holder_name="Julia Wagner",
        sessions=[],
        issued_at=timezone.now(),
    )

    context = certificate_context(certificate)

    assert context["verify_url"] == (
        f"{settings.SITE_URL}/certificates/verify/?code={certificate.code}"
    )


def test_certificate_pdf_renders_every_session_row(programme, cci, capsys):
    rows = [
        {
            "title": f"Session {n}",
            "module": "M",
            "dimension": "Technology",
            "kind": "Training session",
            "date": f"2026-01-{n:02d}",
        }
        for n in range(1, 13)
    ]
    certificate = Certificate.objects.create(
        programme=programme,
        user=cci,
        holder_name="Julia Wagner",
        sessions=rows,
        issued_at=timezone.now(),
    )

    started = time.perf_counter()
    pdf = render_pdf("training/pdf/certificate.html", certificate_context(certificate))
    elapsed = time.perf_counter() - started
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    with capsys.disabled():
        print(f"\ncertificate PDF with 12 sessions: {len(pdf)} bytes in {elapsed:.2f} s")
    assert [f"Session {n}" in text for n in range(1, 13)] == [True] * 12
    assert ("Julia Wagner" in text, certificate.code in text) == (True, True)


def test_certificate_is_one_page_with_issuers_and_a_signature_line_each(programme, cci):
    for name in ("Creative Hub Graz", "Styrian Chamber of Commerce"):
        MembershipFactory(
            programme=programme,
            user=UserFactory(),
            role=Role.PARTNER,
            organisation=OrganisationFactory(name=name),
        )
    certificate = Certificate.objects.create(
        programme=programme,
        user=cci,
        holder_name="Julia Wagner",
        sessions=[
            {
                "title": "Meet the expert",
                "module": "M",
                "dimension": "Technology",
                "kind": "Training session",
                "date": "2026-12-02",
            }
        ],
        issued_at=timezone.now(),
    )

    pdf = render_pdf("training/pdf/certificate.html", certificate_context(certificate))

    [page] = pdf_pages_text(pdf)
    text = " ".join(page.split())
    assert (
        "2 Dec 2026 Meet the expert" in text,
        text.count("Signature and stamp"),
        "Creative Hub Graz" in text and "Styrian Chamber of Commerce" in text,
        pdf_info(pdf)["Author"],
        pdf_link_uris(pdf),
    ) == (
        True,
        2,
        True,
        "Creative Hub Graz, Styrian Chamber of Commerce",
        [certificate_context(certificate)["verify_url"]],
    )
