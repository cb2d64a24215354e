"""Funding opportunities the partners curate, and the reminders of the ideas that use them."""

from __future__ import annotations

from collider.models import Programme, User

from .. import actions
from ..enums import IdeaStatus
from ..models import FundingOpportunity
from .common import funding_reminders

__all__ = ["FUNDING_FIELDS", "funding_opportunity_save"]

FUNDING_FIELDS = (
    "title",
    "kind",
    "provider",
    "description",
    "amount_min",
    "amount_max",
    "cofinancing_rate",
    "deadline",
    "eligible_sectors",
    "eligible_sizes",
    "eligible_countries",
    "link",
)


@actions.FUNDING_OPPORTUNITY_SAVE.performs
def funding_opportunity_save(
    *, actor: User, programme: Programme, opportunity: FundingOpportunity | None = None, **fields
) -> FundingOpportunity:
    """A partner adds or edits a funding opportunity; considered ideas' reminders follow."""
    item = opportunity or FundingOpportunity(programme=programme)
    for name, value in fields.items():
        if name in FUNDING_FIELDS:
            setattr(item, name, value)
    item.full_clean()
    item.save()
    for idea in item.ideas.exclude(status=IdeaStatus.WITHDRAWN).select_related(
        "lead", "challenge__programme"
    ):
        funding_reminders(idea)
    return item
