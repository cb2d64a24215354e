"""QR codes for the public checklist link (segno renders SVG without any image library)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, *, scale: int = 4, title: str = "") -> str:
    """An inline ``<svg>`` element (no XML declaration) for embedding in a page."""
    return segno.make(url, error="m").svg_inline(scale=scale, title=title or None, border=2)


def qr_svg_document(url: str) -> bytes:
    out = segno.make(url, error="m")
    buffer = io.BytesIO()
    out.save(buffer, kind="svg", scale=8, border=4)
    return buffer.getvalue()


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)
