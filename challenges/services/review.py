"""Reviews of ideas: the programme's weighted criteria, assignment, conflict of interest and
scores. Each write is declared in ``challenges.actions`` (guard, state, activity entry)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.enums import MembershipStatus, Role
from collider.models import Programme, User
from collider.services import reminder_schedule, reminders_cancel_for

from .. import actions
from ..enums import IdeaStatus
from ..models import Idea, Review, ReviewCriterion, Score
from .common import REVIEW_DUE_OFFSET, notify

__all__ = [
    "DEFAULT_CRITERIA",
    "eligible_reviewers",
    "review_assign",
    "review_criteria_ensure",
    "review_criterion_delete",
    "review_criterion_save",
    "review_declare_conflict",
    "review_submit",
]

DEFAULT_CRITERIA = (
    ("Fit to the problem", "Does the idea answer the challenge as stated?", 3),
    ("Feasibility", "Can the team deliver it with the time and resources given?", 2),
    ("Innovation", "Is it new for the company and the sector?", 2),
    ("Team", "Do the competences of the team match the task?", 1),
    ("Cost", "Is the budget realistic and within the range?", 1),
)


@transaction.atomic
def review_criteria_ensure(*, programme: Programme) -> list[ReviewCriterion]:
    """The programme's criteria; the defaults are created the first time."""
    if not ReviewCriterion.objects.filter(programme=programme).exists():
        for order, (name, description, weight) in enumerate(DEFAULT_CRITERIA):
            ReviewCriterion.objects.get_or_create(
                programme=programme,
                name=name,
                defaults={"description": description, "weight": weight, "order": order},
            )
    return list(ReviewCriterion.objects.filter(programme=programme))


@actions.REVIEW_CRITERION_SAVE.performs
def review_criterion_save(
    *,
    actor: User,
    programme: Programme,
    name: str,
    weight: int,
    description: str = "",
    criterion: ReviewCriterion | None = None,
) -> ReviewCriterion:
    """A partner adds or changes a weighted criterion."""
    # Weights may change after scoring: rankings are always computed from current weights.
    item = criterion or ReviewCriterion(
        programme=programme, order=ReviewCriterion.objects.filter(programme=programme).count()
    )
    item.name = name
    item.weight = weight
    item.description = description
    item.full_clean()
    item.save()
    return item


@actions.REVIEW_CRITERION_DELETE.performs
def review_criterion_delete(*, actor: User, criterion: ReviewCriterion) -> None:
    if criterion.scores.exists():
        raise ValidationError(
            _("Reviewers already scored on this criterion; it cannot be removed.")
        )
    criterion.delete()


def eligible_reviewers(challenge):
    """Facilitators and experts of the programme, and the challenge's AVM owner."""
    return (
        User.objects.filter(
            memberships__programme=challenge.programme,
            memberships__status=MembershipStatus.APPROVED,
            memberships__role__in=[Role.FACILITATOR, Role.EXPERT],
        )
        | User.objects.filter(pk=challenge.owner_id)
    ).distinct()


@actions.REVIEW_ASSIGN.performs
def review_assign(*, actor: User, idea: Idea, reviewer: User, due_at: datetime) -> Review:
    """Assign a reviewer. Side effects: "[Action required]" e-mail and a reminder when due."""
    challenge = idea.challenge
    if not eligible_reviewers(challenge).filter(pk=reviewer.pk).exists():
        raise ValidationError(
            _("Reviewers are facilitators, experts or the challenge's AVM owner.")
        )
    if idea.lead_id == reviewer.pk or idea.coauthors.filter(user=reviewer).exists():
        raise ValidationError(_("Authors cannot review their own idea."))
    if due_at <= timezone.now():
        raise ValidationError(_("The due date must lie in the future."))
    review_criteria_ensure(programme=challenge.programme)
    try:
        with transaction.atomic():
            review = Review.objects.create(
                idea=idea, reviewer=reviewer, assigned_by=actor, due_at=due_at
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s already reviews this idea.") % {"name": reviewer}
        ) from error
    notify(
        "challenges_review_assigned",
        recipient=reviewer,
        target=review,
        programme=challenge.programme,
        key=f"{review.pk}",
    )
    reminder_schedule(
        kind="challenges_review_due",
        email=reviewer.email,
        recipient=reviewer,
        programme=challenge.programme,
        due_at=max(due_at - REVIEW_DUE_OFFSET, timezone.now() + timedelta(hours=1)),
        dedupe_key=f"challenges-review-due:{review.pk}",
        target=review,
    )
    return review


@actions.REVIEW_DECLARE_CONFLICT.performs
def review_declare_conflict(
    *, actor: User, review: Review, conflict: bool, note: str = ""
) -> Review:
    """The reviewer declares a conflict of interest (then cannot score) or confirms none."""
    if conflict and not note.strip():
        raise ValidationError(_("Describe the conflict of interest."))
    review.conflict_declared = conflict
    review.no_conflict_confirmed = not conflict
    review.conflict_note = note.strip() if conflict else ""
    review.save()
    if conflict:
        reminders_cancel_for(target=review)
    return review


@actions.REVIEW_SUBMIT.performs
def review_submit(
    *, actor: User, review: Review, scores: dict[int, tuple[int, str]], comment: str = ""
) -> Review:
    """Score 1-5 on every criterion (with comments) and submit; final once submitted.

    ``scores`` maps criterion id → (value, comment). Refused for unassigned or conflicted
    reviewers, for ideas no longer in review, and without a no-conflict confirmation."""
    idea = review.idea
    if review.conflict_declared:
        raise PermissionDenied(_("You declared a conflict of interest and cannot score this idea."))
    if not review.no_conflict_confirmed:
        raise ValidationError(_("Confirm that you have no conflict of interest first."))
    if review.is_submitted:
        raise ValidationError(_("You have already submitted this review."))
    if idea.status not in (IdeaStatus.SUBMITTED, IdeaStatus.SHORTLISTED):
        raise ValidationError(_("This idea is no longer in review."))
    criteria = review_criteria_ensure(programme=idea.challenge.programme)
    missing = [c.name for c in criteria if c.pk not in scores]
    if missing:
        raise ValidationError(
            _("Score every criterion: %(names)s.") % {"names": ", ".join(missing)}
        )
    for value, _comment in scores.values():
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError(_("Scores are whole numbers from 1 to 5."))
    Score.objects.bulk_create(
        [
            Score(review=review, criterion=c, value=scores[c.pk][0], comment=scores[c.pk][1])
            for c in criteria
        ]
    )
    review.comment = comment.strip()
    review.submitted_at = timezone.now()
    review.save()
    reminders_cancel_for(target=review)
    return review
