"""Who may do what in matchmaking. Deny by default; predicates are pure ``(user, obj)``."""

from __future__ import annotations

import rules

from collider.rules import (
    is_admin,
    is_expert,
    is_facilitator,
    is_member,
    is_participant,
    is_partner,
)


@rules.predicate
def is_party(user, agreement) -> bool:
    if agreement is None or not getattr(user, "is_authenticated", False):
        return False
    return any(party.user_id == user.pk for party in agreement.parties.all())


@rules.predicate
def is_request_recipient(user, meeting_request) -> bool:
    return meeting_request is not None and meeting_request.recipient.user_id == getattr(
        user, "pk", None
    )


@rules.predicate
def is_request_side(user, meeting_request) -> bool:
    uid = getattr(user, "pk", None)
    return meeting_request is not None and uid in (
        meeting_request.requester.user_id,
        meeting_request.recipient.user_id,
    )


@rules.predicate
def is_challenge_company(user, challenge) -> bool:
    """The AVM company that owns ``challenge`` (its owner or a participant of its organisation)."""
    if challenge is None or not getattr(user, "is_authenticated", False):
        return False
    if challenge.owner_id == user.pk:
        return True
    return (
        challenge.organisation_id is not None
        and user.memberships.filter(
            programme_id=challenge.programme_id,
            organisation_id=challenge.organisation_id,
            role="participant",
            status="approved",
        ).exists()
    )


can_curate = is_partner | is_facilitator | is_admin
can_organise = is_partner | is_facilitator | is_admin

rules.add_perm("matchmaking.view", is_member | is_admin)
rules.add_perm("matchmaking.edit_profile", is_participant)
rules.add_perm("matchmaking.edit_terms", is_partner | is_admin)
rules.add_perm("matchmaking.curate", can_curate)
rules.add_perm("matchmaking.organise", can_organise)
# Invited experts ask for meetings too; the service checks they take part in the workshop.
rules.add_perm("matchmaking.request_meeting", is_participant | is_expert)
rules.add_perm("matchmaking.invite_experts", can_organise)
rules.add_perm("matchmaking.view_challenge_cci", can_organise | is_challenge_company)
rules.add_perm("matchmaking.answer_request", is_request_recipient)
rules.add_perm("matchmaking.view_agreement", is_party | can_organise)
rules.add_perm("matchmaking.edit_agreement", is_party | can_organise)
rules.add_perm("matchmaking.sign_agreement", is_party)
rules.add_perm("matchmaking.draft_agreement", is_participant | can_organise)
