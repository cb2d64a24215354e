"""Challenges' lists in the core's export registry (collider.exports)."""

from __future__ import annotations

from django.db.models import Count, ExpressionWrapper, F, FloatField, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from collider.exports import CHUNK, register_export

from .enums import IdeaStatus
from .models import Challenge, Idea, Score


def _challenges(programme):
    return Challenge.objects.filter(programme=programme)


def _challenge_rows(programme, params):
    rows = (
        _challenges(programme)
        .select_related("organisation", "owner")
        .annotate(idea_count=Count("ideas", filter=~Q(ideas__status=IdeaStatus.DRAFT)))
        .order_by("created_at", "pk")
    )
    for c in rows.iterator(chunk_size=CHUNK):
        yield [
            c.title,
            c.organisation.name if c.organisation_id else "",
            c.owner.display_name,
            c.get_status_display(),
            c.budget_min,
            c.budget_max,
            c.published_at,
            c.idea_deadline,
            c.idea_count,
        ]


register_export(
    "challenges",
    _("Challenges"),
    headers=[
        _("Challenge"),
        _("Company"),
        _("Owner"),
        _("Status"),
        _("Budget from (EUR)"),
        _("Budget to (EUR)"),
        _("Published at"),
        _("Idea deadline"),
        _("Ideas submitted"),
    ],
    rows_fn=_challenge_rows,
    count_fn=lambda programme, params: _challenges(programme).count(),
    order=30,
)


def _ideas(programme):
    # Drafts belong to their team until submitted.
    return Idea.objects.filter(challenge__programme=programme).exclude(status=IdeaStatus.DRAFT)


def _weighted(idea_field: str, expression):
    """Per idea, over the scores of its submitted reviews: Σ of ``expression``."""
    return Subquery(
        Score.objects.filter(review__idea=OuterRef(idea_field), review__submitted_at__isnull=False)
        .order_by()
        .values("review__idea")
        .annotate(total=Sum(expression))
        .values("total")
    )


def _idea_rows(programme, params):
    # The weighted score pools every submitted review: Σ(weight * score) / Σ weight, on 1-5.
    # Subqueries, not joins, so the review count is not multiplied by the scores.
    rows = (
        _ideas(programme)
        .select_related("challenge", "lead")
        .annotate(
            reviews_submitted=Count("reviews", filter=Q(reviews__submitted_at__isnull=False)),
            weighted_sum=_weighted("pk", F("value") * F("criterion__weight")),
            weight_sum=_weighted("pk", F("criterion__weight")),
        )
        .annotate(
            weighted_score=ExpressionWrapper(
                F("weighted_sum") * 1.0 / F("weight_sum"), output_field=FloatField()
            )
        )
        .order_by("challenge__title", "pk")
    )
    for idea in rows.iterator(chunk_size=CHUNK):
        score = idea.weighted_score
        yield [
            idea.challenge.title,
            idea.title,
            idea.lead.display_name,
            idea.get_status_display(),
            idea.budget_estimate,
            idea.submitted_at,
            idea.reviews_submitted,
            "" if score is None else round(score, 2),
        ]


register_export(
    "ideas",
    _("Ideas with scores"),
    headers=[
        _("Challenge"),
        _("Idea"),
        _("Lead"),
        _("Status"),
        _("Budget estimate (EUR)"),
        _("Submitted at"),
        _("Reviews submitted"),
        _("Weighted score (1–5)"),
    ],
    rows_fn=_idea_rows,
    count_fn=lambda programme, params: _ideas(programme).count(),
    order=31,
)
