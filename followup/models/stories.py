"""Models of the joint evaluation and the success stories (with their confirmations and
consents)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Programme

from ..enums import (
    CheckInSide,
    StoryStatus,
)
from .pipeline import Cooperation, ReportingPeriod


class JointEvaluation(models.Model):
    """The tandem's own look back at a reporting period, written by both partner organisations.

    Once every partner organisation has confirmed the same text it is final: ``kpi_snapshot``
    then holds the period's KPI rows as they stood, and they are never computed again.
    """

    period = models.OneToOneField(
        ReportingPeriod,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("period"),
    )
    strengths = models.TextField(_("strengths of the tandem cooperation"), blank=True)
    weaknesses = models.TextField(_("weaknesses of the tandem cooperation"), blank=True)
    challenges = models.TextField(_("biggest challenges"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    kpi_snapshot = models.JSONField(_("KPI snapshot"), default=list, blank=True)

    SECTIONS = ("strengths", "weaknesses", "challenges", "lessons")
    VERSION_FIELD = "edited_at"

    class Meta:
        verbose_name = _("joint evaluation")
        verbose_name_plural = _("joint evaluations")

    def __str__(self) -> str:
        return str(self.period)

    def get_absolute_url(self) -> str:
        return reverse(
            "followup:evaluation", kwargs={"slug": self.period.programme.slug, "pk": self.period_id}
        )

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None

    def sections(self) -> list[tuple[str, str, str]]:
        return [
            (name, self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.SECTIONS
        ]

    def get_additional_data(self) -> dict:
        return {"programme": self.period.programme_id}


class EvaluationConfirmation(models.Model):
    """One partner organisation's confirmation of the evaluation's current text."""

    evaluation = models.ForeignKey(
        JointEvaluation,
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("evaluation"),
    )
    partner = models.ForeignKey(
        "tandems.TandemPartner",
        on_delete=models.CASCADE,
        related_name="evaluation_confirmations",
        verbose_name=_("partner"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        verbose_name = _("evaluation confirmation")
        verbose_name_plural = _("evaluation confirmations")
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "partner"], name="followup_evaluation_confirm_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} · {self.evaluation}"

    def get_additional_data(self) -> dict:
        return {"programme": self.evaluation.period.programme_id}


class SuccessStory(ChoiceLabels):
    """A completed cooperation told as a story; with both sides' consent it is published into
    the best-practice library (and so can go into the brochure)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="stories", verbose_name=_("programme")
    )
    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.PROTECT, related_name="stories", verbose_name=_("cooperation")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1500)
    challenge = models.TextField(_("the challenge"), max_length=3000)
    solution = models.TextField(_("the solution"), max_length=3000)
    results = models.TextField(_("the results"), max_length=3000)
    quote = models.TextField(_("quote"), max_length=600, blank=True)
    quote_by = models.CharField(_("quote by"), max_length=200, blank=True)
    image = models.ImageField(_("image"), upload_to="followup/stories/%Y/", blank=True)
    image_content_type = models.CharField(
        _("image content type"), max_length=40, blank=True, editable=False
    )
    image_alt = models.CharField(_("alternative text of the image"), max_length=250, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StoryStatus.choices, default=StoryStatus.DRAFT
    )
    practice = models.ForeignKey(
        "outreach.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("library entry"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    #: The fields a consent covers: changing any of them needs both consents again.
    TEXT_FIELDS = ("title", "summary", "challenge", "solution", "results", "quote", "quote_by")
    VERSION_FIELD = "updated_at"

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followup:story_detail", kwargs={"slug": self.programme.slug, "pk": self.pk})

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    @property
    def is_published(self) -> bool:
        return self.status == StoryStatus.PUBLISHED


class StoryConsent(ChoiceLabels):
    """One side's consent to one version of the story's text (a hash of it), with name and
    time; a withdrawal keeps the row as the record."""

    story = models.ForeignKey(
        SuccessStory, on_delete=models.CASCADE, related_name="consents", verbose_name=_("story")
    )
    side = models.CharField(_("side"), max_length=3, choices=CheckInSide.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=200)
    text_hash = models.CharField(_("text hash"), max_length=64)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("story consent")
        verbose_name_plural = _("story consents")
        ordering = ["given_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "side"],
                condition=Q(withdrawn_at__isnull=True),
                name="followup_story_consent_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.story}"

    def get_additional_data(self) -> dict:
        return {"programme": self.story.programme_id}
