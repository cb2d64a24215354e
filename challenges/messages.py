"""How phase 4's outbox rows become e-mails. Renderers read the target fresh at send time and
return None when the message no longer applies (the row is then cancelled, not sent)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from collider.models import Reminder
from collider.registry import Message, register_renderer

from .enums import ChallengeStatus, CoAuthorStatus, IdeaStatus
from .models import (
    Challenge,
    FundingOpportunity,
    Idea,
    IdeaCoAuthor,
    NdaAcceptance,
    Question,
    Review,
)


def _challenge_context(challenge: Challenge) -> dict:
    return {
        "challenge": challenge,
        "programme": challenge.programme,
        "challenge_url": challenge.get_absolute_url(),
    }


def _idea_context(idea: Idea) -> dict:
    return {**_challenge_context(idea.challenge), "idea": idea, "idea_url": idea.get_absolute_url()}


def _load(model, reminder: Reminder, related: tuple[str, ...]):
    return model.objects.select_related(*related).filter(pk=reminder.target_id).first()


def _register(kind: str, model, related: tuple[str, ...], build: Callable) -> None:
    def render(reminder: Reminder) -> Message | None:
        target = _load(model, reminder, related)
        if target is None:
            return None
        context = build(target, reminder)
        if context is None:
            return None
        return Message(kind, {**context, "recipient": reminder.recipient, **reminder.context})

    register_renderer(kind)(render)


_C = ("programme", "owner", "organisation", "translator")
_I = ("challenge__programme", "challenge__owner", "challenge__idea_event", "lead")

_register(
    "challenges_challenge_status",
    Challenge,
    _C,
    # The state at the time of the transition, not the current one (the row may be sent later).
    lambda c, r: {
        **_challenge_context(c),
        "state_label": ChallengeStatus(r.context.get("status", c.status)).label,
        # Changes requested wait on the owner: the subject says so.
        "action_required": r.context.get("status") == ChallengeStatus.CHANGES_REQUESTED,
    },
)
_register(
    "challenges_translator_assigned",
    Challenge,
    _C,
    lambda c, r: {
        **_challenge_context(c),
        "review_url": reverse("challenges:challenge_review", args=[c.programme.slug, c.pk]),
    },
)
_register(
    "challenges_review_requested",
    Challenge,
    _C,
    lambda c, r: {
        **_challenge_context(c),
        "review_url": reverse("challenges:challenge_review", args=[c.programme.slug, c.pk]),
    },
)
_register(
    "challenges_nda_accepted",
    NdaAcceptance,
    ("challenge__programme", "user"),
    lambda n, r: {
        **_challenge_context(n.challenge),
        "nda": n,
        "confidential_url": reverse(
            "challenges:challenge_confidential", args=[n.challenge.programme.slug, n.challenge_id]
        ),
    },
)
_register(
    "challenges_question_asked",
    Question,
    ("challenge__programme", "author"),
    lambda q, r: {**_challenge_context(q.challenge), "question": q},
)
_register(
    "challenges_question_answered",
    Question,
    ("challenge__programme", "author", "answered_by"),
    lambda q, r: {**_challenge_context(q.challenge), "question": q},
)


def _deadline(idea: Idea, reminder: Reminder) -> dict | None:
    # Only drafts need the nudge; a submitted or withdrawn idea cancels the reminder.
    if idea.status != IdeaStatus.DRAFT or idea.challenge.deadline_passed:
        return None
    return _idea_context(idea)


_register("challenges_idea_deadline", Idea, _I, _deadline)
_register("challenges_idea_submitted", Idea, _I, lambda i, r: _idea_context(i))
_register(
    "challenges_idea_shortlisted",
    Idea,
    _I,
    lambda i, r: {
        **_idea_context(i),
        "event": i.challenge.idea_event,
        "event_url": i.challenge.idea_event.get_absolute_url() if i.challenge.idea_event else "",
    },
)
_register(
    "challenges_idea_selected",
    Idea,
    _I,
    lambda i, r: _idea_context(i) if i.status == IdeaStatus.SELECTED else None,
)
_register("challenges_idea_not_selected", Idea, _I, lambda i, r: _idea_context(i))
_register("challenges_selection_confirmed", Idea, _I, lambda i, r: _idea_context(i))


def _funding(idea: Idea, reminder: Reminder) -> dict | None:
    if idea.status == IdeaStatus.WITHDRAWN:
        return None
    opportunity = FundingOpportunity.objects.filter(
        pk=reminder.context.get("opportunity_id"), ideas=idea
    ).first()
    if opportunity is None:
        return None
    return {**_idea_context(idea), "opportunity": opportunity}


_register("challenges_funding_deadline", Idea, _I, _funding)
_register(
    "challenges_coauthor_invited",
    IdeaCoAuthor,
    ("idea__challenge__programme", "idea__lead", "user"),
    lambda c, r: (
        {**_idea_context(c.idea), "coauthor": c} if c.status == CoAuthorStatus.INVITED else None
    ),
)


def _review(review: Review, reminder: Reminder) -> dict | None:
    if review.is_submitted or review.conflict_declared:
        return None
    if review.idea.status not in (IdeaStatus.SUBMITTED, IdeaStatus.SHORTLISTED):
        return None
    return {**_idea_context(review.idea), "review": review, "review_url": review.get_absolute_url()}


_RV = ("idea__challenge__programme", "idea__lead", "reviewer")
_register("challenges_review_assigned", Review, _RV, _review)
_register("challenges_review_due", Review, _RV, _review)
