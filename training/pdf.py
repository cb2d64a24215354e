"""The certificate of attendance: a pure context builder for collider.pdf.render_pdf."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse

from collider.selectors import programme_partner_organisations

from .models import Certificate


def certificate_context(certificate: Certificate) -> dict:
    """The certificate's page: holder, sessions, the issuing partner organisations (one signature
    line each) and the public verification link."""
    verify = reverse("training:certificate_verify")
    sessions = [
        # Frozen as ISO dates at issue time; a date object prints in the reader's format.
        {**row, "date": datetime.date.fromisoformat(row["date"]) if row.get("date") else None}
        for row in certificate.sessions
    ]
    return {
        "certificate": certificate,
        "programme": certificate.programme,
        "sessions": sessions,
        "issuers": list(programme_partner_organisations(certificate.programme).order_by("name")),
        "verify_url": f"{settings.SITE_URL}{verify}?code={certificate.code}",
        "verify_page": f"{settings.SITE_URL}{verify}",
    }
