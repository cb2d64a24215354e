"""Weighted review of ideas: criteria, reviewer assignments and scores."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import Programme

from .idea import Idea


class ReviewCriterion(models.Model):
    """A weighted criterion reviewers score ideas on, defined per programme."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="review_criteria",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="uniq_criterion_name"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (×{self.weight})"

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Review(models.Model):
    """One reviewer's assignment to one idea: conflict declaration, then scores."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("idea")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_reviews",
        verbose_name=_("reviewer"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    due_at = models.DateTimeField(_("due at"))
    conflict_declared = models.BooleanField(_("conflict of interest"), default=False)
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    no_conflict_confirmed = models.BooleanField(
        _("no conflict of interest confirmed"), default=False
    )
    comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "reviewer"], name="uniq_review_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.idea}"

    def get_absolute_url(self) -> str:
        return reverse(
            "challenges:review_form",
            kwargs={"slug": self.idea.challenge.programme.slug, "pk": self.pk},
        )

    def get_additional_data(self) -> dict:
        return {"programme": self.idea.challenge.programme_id}

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def programme(self) -> Programme:
        return self.idea.challenge.programme


class Score(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        ReviewCriterion,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="uniq_score"),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.value}"
