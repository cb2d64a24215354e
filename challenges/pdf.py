"""The challenge sheet: a pure context builder; collider.pdf.render_pdf renders it."""

from __future__ import annotations

from django.utils import timezone

from .models import Challenge


def challenge_sheet_context(challenge: Challenge) -> dict:
    """Everything the one-page challenge sheet shows. Confidential details are never included:
    the sheet is shared freely at the challenge pitch."""
    return {
        "challenge": challenge,
        "programme": challenge.programme,
        "organisation": challenge.organisation,
        "competences": [tag.name for tag in challenge.required_competences.all()],
        "has_confidential": bool(challenge.confidential_details),
        "pitch_event": challenge.pitch_event,
        "idea_event": challenge.idea_event,
        "generated_at": timezone.now(),
    }
