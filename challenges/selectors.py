"""Reads that encode visibility. Every view starts from one of these.

Phase 5 (matchmaking) reads ``selected_ideas_of_programme``, ``challenge_required_competences``,
``challenges_published`` and ``took_part_in_challenges``; followup reads ``idea_get``. They are
part of this app's public interface: later phases read through them, not through the models.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from collider import selectors as core_selectors
from collider.cached import cached
from collider.enums import MembershipStatus, Role, Sector
from collider.models import Organisation, Programme, User
from collider.rules import roles_in
from collider.selectors import count_subquery

from .enums import (
    PUBLIC_STATES,
    RANKED_STATES,
    CoAuthorStatus,
    IdeaStatus,
)
from .models import (
    NDA_VERSION,
    Challenge,
    CompetenceTag,
    FundingOpportunity,
    Idea,
    IdeaCoAuthor,
    NdaAcceptance,
    Question,
    Review,
    ReviewCriterion,
    Score,
)


def _challenges_visible_to(*, user: User, programme: Programme) -> QuerySet[Challenge]:
    """Organisers see every challenge; experts also those they translate; the AVM owner their
    own; everyone else (CCI, visitors of a public programme) the published ones. Each carries
    ``nda_accepted`` (the user accepted the current NDA), which the rules read."""
    roles = roles_in(user, programme)
    qs = Challenge.objects.filter(programme=programme)
    if not (user.is_superuser or {Role.PARTNER, Role.FACILITATOR} & roles):
        if not (roles or programme.is_public):
            raise Http404
        visible = Q(status__in=PUBLIC_STATES)
        if user.is_authenticated:
            visible |= Q(owner=user) | Q(translator=user)
        qs = qs.filter(visible)
    if user.is_authenticated:
        nda = Exists(
            NdaAcceptance.objects.filter(challenge=OuterRef("pk"), user=user, version=NDA_VERSION)
        )
    else:
        nda = Value(False)
    return qs.select_related("programme", "organisation", "owner", "translator").annotate(
        nda_accepted=nda
    )


def challenge_list_visible_to(*, user: User, programme: Programme) -> QuerySet[Challenge]:
    """The challenges the user may see (:func:`_challenges_visible_to`), newest first, each with
    its competences and ``submitted_count``, the ideas submitted to it, for the list."""
    return (
        _challenges_visible_to(user=user, programme=programme)
        .prefetch_related(Prefetch("required_competences", queryset=CompetenceTag.objects.all()))
        .annotate(
            submitted_count=count_subquery(
                Idea.objects.filter(status__in=RANKED_STATES), on="challenge"
            ),
        )
        .order_by("-created_at", "-pk")
    )


def challenge_get_visible(*, user: User, programme: Programme, pk: int) -> Challenge:
    """One challenge the user may see, else 404: the list's visibility without what only the
    list shows (its count of ideas, its competences prefetched for every row)."""
    return get_object_or_404(_challenges_visible_to(user=user, programme=programme), pk=pk)


def challenges_published(*, programme: Programme) -> QuerySet[Challenge]:
    """The programme's challenges in a public state, for later phases (matchmaking's CCI lists)."""
    return Challenge.objects.filter(programme=programme, status__in=PUBLIC_STATES)


def took_part_in_challenges(*, programme: Programme) -> Q:
    """An expression over users (``OuterRef("pk")``): reviewed an idea or translated a
    challenge of ``programme``. Matchmaking ranks the experts it invites by it."""
    return Exists(
        Review.objects.filter(reviewer=OuterRef("pk"), idea__challenge__programme=programme)
    ) | Exists(Challenge.objects.filter(translator=OuterRef("pk"), programme=programme))


def idea_get(pk: int) -> Idea | None:
    """One idea by its key, whatever its state (followup links a cooperation to it), or None."""
    return Idea.objects.filter(pk=pk).first()


def challenge_required_competences(challenge: Challenge) -> list[str]:
    """Competence names the challenge requires (for phase 5 matchmaking)."""
    return [tag.name for tag in challenge.required_competences.all()]


def selected_ideas_of_programme(programme: Programme) -> QuerySet[Idea]:
    """Selected ideas of a programme with challenge, company and accepted team (phase 5)."""
    return (
        Idea.objects.filter(challenge__programme=programme, status=IdeaStatus.SELECTED)
        .select_related("challenge__organisation", "challenge__owner", "lead")
        .prefetch_related(
            Prefetch(
                "coauthors",
                queryset=IdeaCoAuthor.objects.filter(status=CoAuthorStatus.ACCEPTED).select_related(
                    "user"
                ),
                to_attr="accepted_coauthors",
            ),
            "challenge__required_competences",
            "expert_needs",
        )
        .order_by("challenge_id", "pk")
    )


def question_list(*, challenge: Challenge) -> QuerySet[Question]:
    return challenge.questions.select_related("author", "answered_by").order_by("created_at")


def _idea_base() -> QuerySet[Idea]:
    return Idea.objects.select_related("challenge__programme", "challenge__owner", "lead")


def idea_get_visible(*, user: User, programme: Programme, pk: int) -> Idea:
    """An idea the user may see (team, invited co-author, organisers, its reviewers, and the
    challenge owner once submitted); otherwise 404 so private drafts do not leak."""
    idea = get_object_or_404(
        _idea_base().prefetch_related(
            Prefetch("coauthors", queryset=IdeaCoAuthor.objects.select_related("user")),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
        ),
        challenge__programme=programme,
        pk=pk,
    )
    if not user.has_perm("challenges.view_idea", idea):
        raise Http404
    return idea


def idea_list_for_challenge(*, challenge: Challenge) -> QuerySet[Idea]:
    """Every idea past draft of a challenge, for organisers and the owner."""
    return (
        _idea_base()
        .filter(challenge=challenge)
        .exclude(status=IdeaStatus.DRAFT)
        .annotate(
            team_size=count_subquery(
                IdeaCoAuthor.objects.filter(status=CoAuthorStatus.ACCEPTED), on="idea"
            )
            + 1,
            review_count=count_subquery(Review.objects.all(), on="idea"),
            reviews_done=count_subquery(
                Review.objects.filter(submitted_at__isnull=False), on="idea"
            ),
        )
        .order_by("-submitted_at", "-pk")
    )


def idea_list_for_user(*, user: User, programme: Programme) -> QuerySet[Idea]:
    """Ideas a person leads or co-authors (or was invited to) in a programme."""
    return (
        _idea_base()
        .filter(challenge__programme=programme)
        .filter(Q(lead=user) | Q(coauthors__user=user))
        .distinct()
        .order_by("-updated_at", "-pk")
    )


def idea_for_user_on(*, user: User, challenge: Challenge) -> list[Idea]:
    if not user.is_authenticated:
        return []
    return list(
        challenge.ideas.filter(Q(lead=user) | Q(coauthors__user=user))
        .exclude(status=IdeaStatus.WITHDRAWN)
        .distinct()
    )


def reviews_visible_to(*, user: User, idea: Idea) -> list[Review]:
    """Others' reviews only after one's own is submitted; organisers see all.

    A reviewer who has not submitted sees only their own assignment."""
    reviews = list(
        idea.reviews.select_related("reviewer").prefetch_related(
            Prefetch("scores", queryset=Score.objects.select_related("criterion"))
        )
    )
    own = [r for r in reviews if r.reviewer_id == user.pk]
    if own:
        # An assigned reviewer (even a facilitator) sees others only after submitting.
        if own[0].is_submitted:
            return [r for r in reviews if r.is_submitted or r.reviewer_id == user.pk]
        return own
    if user.is_superuser or {Role.PARTNER, Role.FACILITATOR} & roles_in(
        user, idea.challenge.programme
    ):
        return reviews
    return []


def review_list_for_user(*, user: User, programme: Programme) -> QuerySet[Review]:
    return (
        Review.objects.filter(reviewer=user, idea__challenge__programme=programme)
        .select_related("idea__challenge", "idea__lead")
        .order_by("submitted_at", "due_at", "pk")
    )


def review_get_for_reviewer(*, user: User, programme: Programme, pk: int) -> Review:
    """A review assignment: its reviewer may open it; organisers may look (404 for others)."""
    review = get_object_or_404(
        Review.objects.select_related("idea__challenge__programme", "idea__lead", "reviewer"),
        idea__challenge__programme=programme,
        pk=pk,
    )
    if review.reviewer_id == user.pk or user.has_perm("challenges.decide_idea", review.idea):
        return review
    raise Http404


def criteria_for(programme: Programme) -> list[ReviewCriterion]:
    return list(ReviewCriterion.objects.filter(programme=programme).order_by("order", "pk"))


@dataclass
class RankingRow:
    idea: Idea | None  # loaded by ranking_details, for the rows shown
    weighted_mean: float | None
    normalised: float | None
    reviews: int
    per_criterion: dict[int, float] = field(default_factory=dict)
    conflicts: int = 0
    idea_id: int = 0
    review_ids: list[int] = field(default_factory=list)


def ranking_scope(programme_id: int) -> str:
    """The rows a programme's rankings are computed from: its ideas, reviews, scores and
    criteria (``receivers.py`` forgets the rankings when one of them changes)."""
    return f"challenges:ranking:{programme_id}"


def ranking_for(
    *,
    challenge: Challenge,
    normalise: bool = False,
    details: bool = True,
    criteria: list[ReviewCriterion] | None = None,
) -> Sequence[RankingRow]:
    """Ideas under review ranked by the weighted mean of their submitted reviews.

    The ranking reads every submitted review of the challenge, so it is kept in the shared
    cache (``collider.cached``) until an idea, review, score or criterion of the programme
    changes; ``ranking_details`` then loads what the shown rows display.

    Each review's weighted score is Σ(weight·score)/Σweight on 1-5. With ``normalise``, each
    reviewer's weighted scores in this challenge are turned into z-scores (reviewer's mean 0,
    standard deviation 1) before averaging, so strict and lenient reviewers count alike; the
    ranking then sorts by the normalised value.

    The database sums each review's weighted score (one row per review, not per score); the
    ranking itself needs every review. With ``details=False`` the rows carry no ``idea`` and no
    per-criterion means: pass the rows shown (a page) to :func:`ranking_details`, so a long
    ranking loads only what it displays. Queries stay constant whatever the number of ideas.
    ``criteria``: the programme's ``criteria_for``, when the caller has read them already."""
    if criteria is None:
        criteria = criteria_for(challenge.programme)
    criteria = [c.pk for c in criteria]
    ranked = cached(  # plain tuples: a tenth of the rows' pickled size and reading time
        ranking_scope(challenge.programme_id),
        f"{challenge.pk}:{int(normalise)}:tuples",
        lambda: [
            (r.idea_id, r.weighted_mean, r.normalised, r.reviews, r.review_ids, r.conflicts)
            for r in _ranked(challenge, criteria, normalise)
        ],
    )
    if not details:
        return RankedRows(ranked)
    result = list(RankedRows(ranked))
    ranking_details(result, criteria=criteria)
    return result


class RankedRows(Sequence):
    """A ranking without details: the cached tuples, turned into :class:`RankingRow` only
    where read (a page of 50 builds 50 rows, not one per idea of the challenge). Each read
    builds new rows: pass a slice (a list) to :func:`ranking_details`."""

    def __init__(self, ranked: list[tuple]) -> None:
        self._ranked = ranked

    def __len__(self) -> int:
        return len(self._ranked)

    @staticmethod
    def _row(item: tuple) -> RankingRow:
        pk, mean, z, reviews, ids, conflicts = item
        return RankingRow(None, mean, z, reviews, idea_id=pk, review_ids=ids, conflicts=conflicts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(item) for item in self._ranked[index]]
        return self._row(self._ranked[index])


def _ranked(challenge: Challenge, criteria: list[int], normalise: bool) -> list[RankingRow]:
    ideas = (
        Idea.objects.filter(challenge=challenge, status__in=RANKED_STATES)
        .annotate(conflicts=Count("reviews", filter=Q(reviews__conflict_declared=True)))
        .order_by("pk")
        .values_list("pk", "conflicts")
    )
    counted = Q(scores__criterion__in=list(criteria))
    reviews = (
        Review.objects.filter(
            idea__challenge=challenge,
            submitted_at__isnull=False,
            idea__status__in=RANKED_STATES,
        )
        .annotate(
            points=Sum(F("scores__value") * F("scores__criterion__weight"), filter=counted),
            weights=Sum("scores__criterion__weight", filter=counted),
        )
        .filter(weights__gt=0)
        .order_by("pk")
        .values_list("pk", "idea_id", "reviewer_id", "points", "weights")
    )
    weighted: dict[int, float] = {}
    reviewer_of: dict[int, int] = {}
    per_idea: dict[int, list[int]] = {}
    by_reviewer: dict[int, list[float]] = {}
    for review_id, idea_id, reviewer_id, points, weights in reviews:
        weighted[review_id] = points / weights
        reviewer_of[review_id] = reviewer_id
        per_idea.setdefault(idea_id, []).append(review_id)
        by_reviewer.setdefault(reviewer_id, []).append(weighted[review_id])
    stats = {
        reviewer: (
            statistics.fmean(values),
            statistics.pstdev(values) if len(values) > 1 else 0.0,
        )
        for reviewer, values in by_reviewer.items()
    }
    result = []
    for idea_id, conflicts in ideas:
        review_ids = per_idea.get(idea_id, [])
        mean = statistics.fmean(weighted[r] for r in review_ids) if review_ids else None
        zs = []
        for r in review_ids:
            mu, sigma = stats[reviewer_of[r]]
            zs.append((weighted[r] - mu) / sigma if sigma else 0.0)
        result.append(
            RankingRow(
                idea=None,
                idea_id=idea_id,
                weighted_mean=round(mean, 3) if mean is not None else None,
                normalised=round(statistics.fmean(zs), 3) if zs else None,
                reviews=len(review_ids),
                review_ids=review_ids,
                conflicts=conflicts,
            )
        )
    key = (lambda row: row.normalised) if normalise else (lambda row: row.weighted_mean)
    result.sort(key=lambda row: (key(row) is None, -(key(row) or 0), row.idea_id))
    return result


def ranking_details(rows: list[RankingRow], *, criteria: list[int] | None = None) -> None:
    """Load the ideas and the per-criterion means of ``rows`` (two queries)."""
    rows = list(rows)
    ideas = _idea_base().in_bulk([row.idea_id for row in rows])
    review_ids = [r for row in rows for r in row.review_ids]
    scores = Score.objects.filter(review__in=review_ids)
    if criteria is not None:
        scores = scores.filter(criterion__in=criteria)
    means = (
        scores.order_by()
        .values("review__idea_id", "criterion_id")
        .annotate(mean=Avg("value"))
        .values_list("review__idea_id", "criterion_id", "mean")
    )
    per_criterion: dict[int, dict[int, float]] = {}
    for idea_id, criterion_id, mean in means if review_ids else ():
        per_criterion.setdefault(idea_id, {})[criterion_id] = float(mean)
    for row in rows:
        row.idea = ideas[row.idea_id]
        row.per_criterion = per_criterion.get(row.idea_id, {})


def funding_list(
    *, programme: Programme, upcoming_only: bool = False
) -> QuerySet[FundingOpportunity]:
    qs = FundingOpportunity.objects.filter(programme=programme)
    if upcoming_only:
        qs = qs.filter(Q(deadline__isnull=True) | Q(deadline__gte=timezone.localdate()))
    return qs.order_by(
        Coalesce("deadline", Value(timezone.localdate().replace(year=9999))), "title"
    )


def funding_matching(
    *, programme: Programme, organisation: Organisation | None
) -> list[FundingOpportunity]:
    """Open opportunities whose eligibility (sector, size, country) the organisation meets."""
    return [
        item
        for item in funding_list(programme=programme, upcoming_only=True)
        if item.is_eligible(organisation)
    ]


def organisation_of(user: User, programme: Programme) -> Organisation | None:
    """The organisation a participant acts for in a programme."""
    membership = (
        core_selectors.membership_list(programme=programme, role=Role.PARTICIPANT)
        .filter(user=user)
        .first()
    )
    return membership.organisation if membership else None


def programme_people(programme: Programme, role: str) -> QuerySet[User]:
    """The approved members of a programme in ``role`` (its experts, its partners…)."""
    return User.objects.filter(
        memberships__programme=programme,
        memberships__role=role,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()


def cci_participants(programme: Programme, *, exclude: User | None = None) -> QuerySet[User]:
    """CCI participants of a programme (for inviting co-authors)."""
    qs = User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.PARTICIPANT,
        memberships__sector=Sector.CCI,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("first_name", "last_name")
