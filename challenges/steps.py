"""What phase 4 asks of people on their dashboard ("your next steps").

The dashboard asks every provider once per programme; the data for all of a user's programmes
is read in one go (at most three queries) and cached on the user object, so the dashboard's query
count does not grow with the number of programmes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collider.enums import Role
from collider.registry import NextStep
from collider.rules import programme_ids_as

from .enums import ChallengeStatus, CoAuthorStatus, IdeaStatus
from .models import Challenge, Idea, IdeaCoAuthor, Review


@dataclass
class _StepData:
    reviews: Counter = field(default_factory=Counter)
    translating: dict = field(default_factory=dict)
    invitations: dict = field(default_factory=dict)
    drafts: dict = field(default_factory=dict)
    own_drafts: dict = field(default_factory=dict)


def _first_by_programme(rows) -> dict:
    result: dict = {}
    for programme_id, item in rows:
        result.setdefault(programme_id, item)
    return result


def _all_by_programme(rows) -> dict:
    result: dict = {}
    for programme_id, item in rows:
        result.setdefault(programme_id, []).append(item)
    return result


# An expert translating many challenges sees them one by one up to this many; beyond it the
# last line names how many more wait and opens the list of challenges in review.
REVIEW_STEPS_SHOWN = 4


def _data_for(user) -> _StepData:
    cached = getattr(user, "_challenges_steps", None)
    if cached is not None:
        return cached
    data = _StepData()
    data.reviews = Counter(
        Review.objects.filter(
            reviewer=user,
            submitted_at__isnull=True,
            conflict_declared=False,
            idea__status__in=[IdeaStatus.SUBMITTED, IdeaStatus.SHORTLISTED],
        ).values_list("idea__challenge__programme_id", flat=True)
    )
    # Challenges to review as translator and the user's own unfinished ones (participants
    # only): one query driven by the translator and owner indexes.
    taking_part = programme_ids_as(user, Role.PARTICIPANT)
    drafting = [ChallengeStatus.DRAFT, ChallengeStatus.CHANGES_REQUESTED]
    challenges = (
        Challenge.objects.filter(
            Q(translator=user, status=ChallengeStatus.IN_REVIEW)
            | Q(owner=user, status__in=drafting, programme_id__in=taking_part)
        )
        .select_related("programme")
        .order_by("pk")
    )
    translating, own_drafts = [], []
    for challenge in challenges:
        if challenge.status == ChallengeStatus.IN_REVIEW:
            translating.append((challenge.programme_id, challenge))
        else:
            own_drafts.append((challenge.programme_id, challenge))
    data.translating = _all_by_programme(translating)
    data.own_drafts = _first_by_programme(own_drafts)
    # Invitations (driven by the user's co-authorships) and the user's drafts: one query, for
    # participants only (an empty ``__in`` runs none).
    invited = IdeaCoAuthor.objects.filter(user=user, status=CoAuthorStatus.INVITED)
    ideas = (
        Idea.objects.filter(challenge__programme_id__in=taking_part)
        .filter(
            Q(pk__in=invited.values("idea"))
            | Q(lead=user, status=IdeaStatus.DRAFT, challenge__status=ChallengeStatus.IDEATION_OPEN)
        )
        .annotate(invited=Exists(invited.filter(idea=OuterRef("pk"))))
        .select_related("challenge__programme")
        .order_by("pk")
    )
    invitations, drafts = [], []
    for idea in ideas:
        if idea.invited:
            invitations.append((idea.challenge.programme_id, idea))
        draft = idea.lead_id == user.pk and idea.status == IdeaStatus.DRAFT
        if draft and idea.challenge.status == ChallengeStatus.IDEATION_OPEN:
            drafts.append((idea.challenge.programme_id, idea))
    data.invitations = _first_by_programme(invitations)
    data.drafts = _first_by_programme(drafts)
    user._challenges_steps = data
    return data


def _translating_steps(programme, challenges: list) -> list[NextStep]:
    """Every challenge the user reviews as expert translator (a line each, oldest first)."""
    shown = challenges
    if len(challenges) > REVIEW_STEPS_SHOWN:
        shown = challenges[: REVIEW_STEPS_SHOWN - 1]
    steps = [
        NextStep(
            title=_("Review the challenge “%(title)s”") % {"title": challenge.title},
            url=reverse("challenges:challenge_review", args=[programme.slug, challenge.pk]),
            reason=_("You are its expert translator."),
            priority=12,
        )
        for challenge in shown
    ]
    more = len(challenges) - len(shown)
    if more:
        steps.append(
            NextStep(
                title=ngettext("Review %(n)s more challenge", "Review %(n)s more challenges", more)
                % {"n": more},
                url=reverse("challenges:challenge_list", args=[programme.slug])
                + f"?status={ChallengeStatus.IN_REVIEW}",
                reason=_("You are their expert translator."),
                priority=12,
            )
        )
    return steps


def next_steps(*, user, programme, roles):
    data = _data_for(user)
    steps = []
    reviews = data.reviews.get(programme.pk, 0)
    if reviews:
        steps.append(
            NextStep(
                title=ngettext("Review %(n)s idea", "Review %(n)s ideas", reviews) % {"n": reviews},
                url=reverse("challenges:my_reviews", args=[programme.slug]),
                reason=_("Reviewers score ideas on weighted criteria."),
                priority=15,
            )
        )
    steps.extend(_translating_steps(programme, data.translating.get(programme.pk, [])))
    if Role.PARTICIPANT in roles:
        invitation = data.invitations.get(programme.pk)
        if invitation:
            steps.append(
                NextStep(
                    title=_("Answer the invitation to “%(title)s”") % {"title": invitation.title},
                    url=invitation.get_absolute_url(),
                    reason=_("A team invited you as co-author."),
                    priority=14,
                )
            )
        draft = data.drafts.get(programme.pk)
        if draft:
            steps.append(
                NextStep(
                    title=_("Submit your idea “%(title)s”") % {"title": draft.title},
                    url=draft.get_absolute_url(),
                    reason=_("Drafts are locked at the deadline."),
                    priority=16,
                )
            )
        own = data.own_drafts.get(programme.pk)
        if own:
            steps.append(
                NextStep(
                    title=_("Finish your challenge “%(title)s”") % {"title": own.title},
                    url=own.get_absolute_url(),
                    reason=_("Submit it for the expert review."),
                    priority=18,
                )
            )
    return steps
