"""Outreach's indicators, registered with the core's KPI engine (collider.kpis)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from collider.kpis import register_count, within

from .models import ChecklistResponse


def _responses(start: date, end: date):
    # Online answers and those typed in from paper both count: each is one filled-in checklist.
    return ChecklistResponse.objects.filter(within("submitted_at", start, end))


register_count(
    "outreach.checklists_answered",
    _("Readiness checklists answered"),
    _responses,
    programme_path="checklist__programme",
    order=35,
)
