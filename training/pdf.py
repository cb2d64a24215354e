"""The certificate of attendance: a pure context builder for collider.pdf.render_pdf."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from .models import Certificate


def certificate_context(certificate: Certificate) -> dict:
    verify = reverse("training:certificate_verify")
    return {
        "certificate": certificate,
        "programme": certificate.programme,
        "sessions": certificate.sessions,
        "verify_url": f"{settings.SITE_URL}{verify}?code={certificate.code}",
        "verify_page": f"{settings.SITE_URL}{verify}",
    }
