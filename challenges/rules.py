"""Permission predicates of phase 4. Pure ``(user, obj)``.

Role predicates (``is_…``) say who; state predicates (``is_ideation_open``…) say when. The
write actions combine both in their declarations (``challenges/actions.py``)."""

from __future__ import annotations

import rules

from collider.enums import Role, Sector
from collider.rules import (
    approved_memberships,
    is_admin,
    is_expert,
    is_facilitator,
    is_member,
    is_partner,
    is_public_programme,
    programme_of,
)

from .enums import IDEA_DRAFT_STATES, PUBLIC_STATES, ChallengeStatus, CoAuthorStatus, IdeaStatus
from .models import NDA_VERSION, Challenge, Idea, Review


def participant_sectors(user, programme) -> frozenset[str]:
    """Sectors in which ``user`` is an approved participant of ``programme`` (read from the
    memberships the core caches on the user object: no query of its own)."""
    if programme is None:
        return frozenset()
    return frozenset(
        sector
        for programme_id, role, _org, sector in approved_memberships(user)
        if programme_id == programme.pk and role == Role.PARTICIPANT
    )


def _challenge_of(obj):
    """The challenge ``obj`` belongs to: itself, an idea's, or that of anything with one."""
    if obj is None or isinstance(obj, Challenge):
        return obj
    if isinstance(obj, Review):
        return obj.idea.challenge
    if hasattr(obj, "challenge"):
        return obj.challenge
    if hasattr(obj, "idea"):
        return obj.idea.challenge
    return None


@rules.predicate
def is_cci(user, obj) -> bool:
    return Sector.CCI in participant_sectors(user, programme_of(_challenge_of(obj) or obj))


@rules.predicate
def is_avm(user, obj) -> bool:
    return Sector.AVM in participant_sectors(user, programme_of(_challenge_of(obj) or obj))


@rules.predicate
def is_challenge_owner(user, obj) -> bool:
    challenge = _challenge_of(obj)
    return challenge is not None and challenge.owner_id == getattr(user, "pk", None)


@rules.predicate
def is_translator(user, obj) -> bool:
    challenge = _challenge_of(obj)
    return (
        challenge is not None
        and challenge.translator_id is not None
        and challenge.translator_id == getattr(user, "pk", None)
    )


@rules.predicate
def is_published(user, obj) -> bool:
    challenge = _challenge_of(obj)
    return challenge is not None and challenge.status in PUBLIC_STATES


@rules.predicate
def has_current_nda(user, challenge) -> bool:
    if not getattr(user, "is_authenticated", False) or challenge is None:
        return False
    accepted = getattr(challenge, "nda_accepted", None)  # annotated by the selector
    if accepted is not None:
        return bool(accepted)
    return challenge.ndas.filter(user=user, version=NDA_VERSION).exists()


@rules.predicate
def is_idea_lead(user, idea) -> bool:
    return idea is not None and idea.lead_id == getattr(user, "pk", None)


@rules.predicate
def is_idea_team(user, idea) -> bool:
    if idea is None or not getattr(user, "is_authenticated", False):
        return False
    if idea.lead_id == user.pk:
        return True
    return any(
        c.user_id == user.pk and c.status == CoAuthorStatus.ACCEPTED for c in idea.coauthors.all()
    )


@rules.predicate
def is_invited_coauthor(user, idea) -> bool:
    if idea is None or not getattr(user, "is_authenticated", False):
        return False
    return any(c.user_id == user.pk for c in idea.coauthors.all())


@rules.predicate
def is_assigned_reviewer(user, obj) -> bool:
    if isinstance(obj, Review):
        return obj.reviewer_id == getattr(user, "pk", None)
    if isinstance(obj, Idea):
        return any(r.reviewer_id == getattr(user, "pk", None) for r in obj.reviews.all())
    return False


@rules.predicate
def is_past_draft(user, idea) -> bool:
    return idea is not None and idea.status != IdeaStatus.DRAFT


# --- State predicates: when an action is possible (obj named in each) ----------------------


@rules.predicate
def takes_ideas(user, challenge) -> bool:
    """The challenge takes new ideas: published or later in ideation, deadline not passed."""
    return challenge.status in IDEA_DRAFT_STATES and not challenge.deadline_passed


@rules.predicate
def is_before_deadline(user, idea) -> bool:
    return not idea.challenge.deadline_passed


@rules.predicate
def is_ideation_open(user, idea) -> bool:
    return idea.challenge.status == ChallengeStatus.IDEATION_OPEN


@rules.predicate
def has_pitch_taken_place(user, challenge) -> bool:
    """The challenge pitch event is set, not cancelled and has begun: the AVM cannot have
    pitched before it, and CCI ideate on what they heard there."""
    event = challenge.pitch_event
    return event is not None and not event.is_cancelled and event.has_started


@rules.predicate
def is_ideation_closed(user, idea) -> bool:
    return idea.challenge.status == ChallengeStatus.IDEATION_CLOSED


@rules.predicate
def is_idea_window_open(user, idea) -> bool:
    """The idea's challenge still takes changes: drafting states, deadline not passed."""
    challenge = idea.challenge
    return challenge.status in IDEA_DRAFT_STATES and not challenge.deadline_passed


@rules.predicate
def is_idea_changeable(user, idea) -> bool:
    return idea.status in (IdeaStatus.DRAFT, IdeaStatus.SUBMITTED)


@rules.predicate
def is_unconfirmed(user, idea) -> bool:
    return idea.lead_confirmed_at is None


@rules.predicate
def has_open_invitation(user, idea) -> bool:
    return any(
        c.user_id == getattr(user, "pk", None) and c.status == CoAuthorStatus.INVITED
        for c in idea.coauthors.all()
    )


@rules.predicate
def is_review_open(user, review) -> bool:
    return not review.is_submitted


def of_idea(predicate: rules.Predicate) -> rules.Predicate:
    """``predicate`` (about an idea) asked about the idea of a need or an attachment."""
    return rules.Predicate(
        lambda user, obj: predicate.test(user, obj.idea), name=f"{predicate.name}_of_idea"
    )


is_organiser = is_partner | is_facilitator | is_admin
can_manage_challenges = is_partner | is_admin

# Programme-level permissions (obj is a programme).
rules.add_perm("challenges.view_challenges", is_public_programme | is_member | is_admin)
rules.add_perm("challenges.create_challenge", is_avm | is_admin)
# Facilitators run the challenge → idea pitch workflow with the partners (DESIGN §1): the review
# criteria and their weights are theirs too.
rules.add_perm("challenges.manage_criteria", is_organiser)
rules.add_perm("challenges.view_funding", is_member | is_admin)
rules.add_perm("challenges.manage_funding", can_manage_challenges)
rules.add_perm("challenges.view_my_ideas", is_cci)
rules.add_perm("challenges.view_my_reviews", is_facilitator | is_expert | is_avm | is_admin)

# Challenge-level permissions (obj is a challenge).
rules.add_perm("challenges.edit_challenge", is_challenge_owner)
rules.add_perm("challenges.submit_challenge", is_challenge_owner)
rules.add_perm("challenges.assign_translator", can_manage_challenges)
rules.add_perm("challenges.review_challenge", is_translator | can_manage_challenges)
rules.add_perm("challenges.approve_challenge", can_manage_challenges)
rules.add_perm("challenges.run_challenge", is_organiser)
rules.add_perm("challenges.withdraw_challenge", is_challenge_owner | can_manage_challenges)
# Confidential details: the owner, the challenge's translator and the organisers read them as
# part of their job; CCI and the other experts sign the NDA first. Other AVM companies (possibly
# competitors) never see them: the stricter choice.
sees_confidential_by_role = is_challenge_owner | is_translator | is_organiser
may_sign_nda = (is_cci | is_expert) & is_published & ~sees_confidential_by_role
rules.add_perm(
    "challenges.view_confidential",
    sees_confidential_by_role | (may_sign_nda & has_current_nda),
)
rules.add_perm("challenges.accept_nda", may_sign_nda)
rules.add_perm("challenges.ask_question", is_cci & is_published)
rules.add_perm("challenges.answer_question", is_challenge_owner | is_organiser)
rules.add_perm("challenges.create_idea", is_cci)
rules.add_perm("challenges.view_ideas", is_organiser | is_challenge_owner)
rules.add_perm("challenges.view_ranking", is_organiser)

# Idea-level permissions (obj is an idea).
rules.add_perm(
    "challenges.view_idea",
    is_idea_team
    | is_invited_coauthor
    | is_organiser
    | is_assigned_reviewer
    | (is_challenge_owner & is_past_draft),
)
rules.add_perm("challenges.edit_idea", is_idea_team)
rules.add_perm("challenges.lead_idea", is_idea_lead)
rules.add_perm("challenges.respond_coauthor", is_invited_coauthor)
rules.add_perm("challenges.assign_reviewers", is_organiser)
rules.add_perm("challenges.decide_idea", is_organiser)

# Review-level permissions (obj is a review).
rules.add_perm("challenges.do_review", is_assigned_reviewer)
