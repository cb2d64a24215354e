"""Signal receivers: a change to what a programme's rankings read forgets the cached rankings
(``selectors.ranking_for``). Connected in ``ChallengesConfig.ready()``."""

from django.db.models.signals import post_delete, post_save

from collider.cached import forget

from .models import Challenge, Idea, Review, ReviewCriterion, Score
from .selectors import ranking_scope


def _programme_id(instance) -> int | None:
    if isinstance(instance, ReviewCriterion):
        return instance.programme_id
    challenges = Challenge.objects.all()
    if isinstance(instance, Idea):
        challenges = challenges.filter(pk=instance.challenge_id)
    elif isinstance(instance, Review):
        challenges = challenges.filter(ideas=instance.idea_id)
    else:
        challenges = challenges.filter(ideas__reviews=instance.review_id)
    return challenges.values_list("programme_id", flat=True).first()


def on_ranking_row_changed(sender, *, instance, **kwargs) -> None:
    """An idea, review, score or criterion was saved or deleted. Scores are created in bulk
    (no signal) by the service that then saves their review, which is signalled."""
    programme_id = _programme_id(instance)
    if programme_id is not None:  # None: deleted with its challenge, nothing left to rank
        forget(ranking_scope(programme_id))


def connect() -> None:
    for model in (Idea, Review, Score, ReviewCriterion):
        for signal in (post_save, post_delete):
            signal.connect(
                on_ranking_row_changed,
                sender=model,
                dispatch_uid=f"challenges-ranking-{model.__name__}",
            )
