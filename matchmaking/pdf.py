"""Pure context builders for the app's PDFs (rendered by collider.pdf.render_pdf)."""

from __future__ import annotations

from django.utils import timezone

from .services import agreement_hash


def agreement_context(agreement) -> dict:
    parties = list(agreement.parties.all())
    return {
        "agreement": agreement,
        "programme": agreement.programme,
        "parties": parties,
        "deliverables": list(agreement.deliverables.all()),
        "hash": agreement_hash(agreement),
        "all_signed": all(p.signed_at for p in parties) and bool(parties),
        "generated_at": timezone.now(),
    }
