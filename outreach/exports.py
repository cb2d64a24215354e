"""Outreach's lists in the core's export registry (collider.exports)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from collider.exports import CHUNK, register_export

from .models import ChecklistResponse


def _responses(programme):
    return ChecklistResponse.objects.filter(checklist__programme=programme)


def _response_rows(programme, params):
    rows = _responses(programme).select_related("checklist").order_by("submitted_at", "pk")
    for r in rows.iterator(chunk_size=CHUNK):
        yield [
            r.checklist.title,
            r.get_sector_display(),
            r.respondent_label,
            r.email,
            r.get_source_display(),
            r.total_score,
            r.submitted_at,
        ]


register_export(
    "checklist_responses",
    _("Checklist responses"),
    headers=[
        _("Checklist"),
        _("Sector"),
        _("Organisation"),
        _("E-mail"),
        _("Answered"),
        _("Total score"),
        _("Submitted at"),
    ],
    rows_fn=_response_rows,
    count_fn=lambda programme, params: _responses(programme).count(),
    order=20,
)
