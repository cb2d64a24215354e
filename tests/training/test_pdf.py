import io
import time

from django.utils import timezone
from pypdf import PdfReader

from collider.pdf import render_pdf
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
