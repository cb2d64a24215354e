"""Funding opportunities the partners curate, and the reminders of the ideas that use them."""

from __future__ import annotations

from collider.models import Programme, User

from .. import actions
from ..enums import IdeaStatus
from ..inputs import FUNDING_FIELDS
from ..models import FundingOpportunity
from .common import funding_reminders, save_fields

__all__ = ["FUNDING_FIELDS", "funding_opportunity_save"]


@actions.FUNDING_OPPORTUNITY_SAVE.performs
def funding_opportunity_save(
    *, actor: User, programme: Programme, opportunity: FundingOpportunity | None = None, **fields
) -> FundingOpportunity:
    """A partner adds or edits a funding opportunity; considered ideas' reminders follow."""
    item = save_fields(
        opportunity or FundingOpportunity(programme=programme), fields, FUNDING_FIELDS
    )
    for idea in item.ideas.exclude(status=IdeaStatus.WITHDRAWN).select_related(
        "lead", "challenge__programme"
    ):
        funding_reminders(idea)
    return item
