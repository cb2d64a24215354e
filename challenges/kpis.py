"""Challenges' indicators, registered with the core's KPI engine (collider.kpis)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from collider.kpis import register_count, within

from .enums import IdeaStatus
from .models import Challenge, Idea


def _published(start: date, end: date):
    # Publication is dated once; a challenge withdrawn later was still published.
    return Challenge.objects.filter(within("published_at", start, end))


def _submitted(start: date, end: date):
    return Idea.objects.filter(within("submitted_at", start, end)).exclude(status=IdeaStatus.DRAFT)


register_count("challenges.published", _("Challenges published"), _published, order=52)
register_count(
    "challenges.ideas_submitted",
    _("Idea pitches submitted"),
    _submitted,
    programme_path="challenge__programme",
    order=53,
)
