"""Pure context builders for the outreach PDFs (rendered by ``collider.pdf.render_pdf``)."""

from __future__ import annotations

import base64

from django.conf import settings
from django.utils import timezone

from collider.models import Programme
from collider.uploads import read_upload

from .models import Brochure, Checklist
from .qr import qr_data_uri
from .selectors import brochure_entries, checklist_sections


def _image_data_uri(image) -> str | None:
    # The PDF fetcher refuses media URLs (only our static files), so images travel inline.
    data = read_upload(image.image)
    if data is None:
        return None
    return f"data:{image.content_type};base64,{base64.b64encode(data).decode()}"


def brochure_context(brochure: Brochure) -> dict:
    entries = brochure_entries(brochure)
    stories = []
    for entry in entries:
        practice = entry.practice
        images = [
            {"src": uri, "alt": image.alt_text, "caption": image.caption}
            for image in list(practice.images.all())[:2]
            if (uri := _image_data_uri(image))
        ]
        stories.append({"practice": practice, "images": images, "anchor": f"story-{practice.pk}"})
    programme: Programme = brochure.programme
    return {
        "brochure": brochure,
        "programme": programme,
        "entries": entries,
        "stories": stories,
        "good_count": sum(1 for s in stories if s["practice"].assessment == "good"),
        "generated_at": timezone.now(),
    }


def checklist_context(checklist: Checklist, *, sector: str = "") -> dict:
    """The printable checklist: every question with answer boxes, plus the online link."""
    sections = checklist_sections(checklist)
    rows = []
    for section in sections:
        questions = [q for q in section.questions.all() if not sector or q.asked_to(sector)]
        for question in questions:
            question.scale_values = list(range(1, question.scale_max + 1))
        rows.append({"section": section, "questions": questions})
    url = settings.SITE_URL + checklist.public_path()
    return {
        "checklist": checklist,
        "programme": checklist.programme,
        "sections": rows,
        "sector": sector,
        "public_url": url,
        "qr": qr_data_uri(url),
        "generated_at": timezone.now(),
    }
