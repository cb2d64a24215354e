"""A CCI team's idea pitch: co-authors, external expert needs, attachments."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Programme

from ..enums import CoAuthorStatus, ExpertNeedKind, IdeaStatus
from .challenge import Challenge
from .funding import FundingOpportunity


class Idea(ChoiceLabels):
    """A CCI team's idea pitch answering one challenge."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("challenge")
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ideas_led",
        verbose_name=_("lead"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    approach = models.TextField(_("approach"))
    deliverables = models.TextField(_("deliverables"))
    time_plan = models.TextField(_("time plan"))
    budget_estimate = models.PositiveIntegerField(_("budget estimate (EUR)"), null=True, blank=True)
    funding_sources = models.TextField(_("funding sources considered"), blank=True)
    funding_opportunities = models.ManyToManyField(
        FundingOpportunity,
        blank=True,
        related_name="ideas",
        verbose_name=_("funding opportunities considered"),
    )
    status = models.CharField(
        _("status"), max_length=14, choices=IdeaStatus.choices, default=IdeaStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    lead_confirmed_at = models.DateTimeField(_("selection confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["challenge", "status"]),
            # The idea list's order: a page of 50 is read in order, not sorted out of all.
            models.Index(
                fields=["challenge", "-submitted_at", "-id"], name="challenges_idea_submitted"
            ),
        ]

    VERSION_FIELD = "updated_at"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "challenges:idea_detail", kwargs={"slug": self.challenge.programme.slug, "pk": self.pk}
        )

    def get_additional_data(self) -> dict:
        return {"programme": self.challenge.programme_id}

    @property
    def programme(self) -> Programme:
        return self.challenge.programme


class IdeaCoAuthor(ChoiceLabels):
    """A co-author invited by the lead; part of the team once they accept."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="coauthors", verbose_name=_("idea")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_coauthorships",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CoAuthorStatus.choices, default=CoAuthorStatus.INVITED
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")
        ordering = ["invited_at"]
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="uniq_idea_coauthor")]

    def __str__(self) -> str:
        return f"{self.user} · {self.idea}"

    def get_additional_data(self) -> dict:
        return {"programme": self.idea.challenge.programme_id}


class ExpertNeed(ChoiceLabels):
    """External expertise an idea needs (typed), e.g. legal/IPR advice on a licence."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="expert_needs", verbose_name=_("idea")
    )
    kind = models.CharField(_("kind of expert"), max_length=12, choices=ExpertNeedKind.choices)
    description = models.TextField(_("what for"))

    class Meta:
        verbose_name = _("external expert need")
        verbose_name_plural = _("external expert needs")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:40]}"

    @property
    def programme(self) -> Programme:
        return self.idea.challenge.programme


def attachment_path(instance: "IdeaAttachment", filename: str) -> str:
    return f"challenges/ideas/{instance.idea_id}/{filename}"


class IdeaAttachment(models.Model):
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("idea")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=60)
    size = models.PositiveIntegerField(_("file size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def programme(self) -> Programme:
        return self.idea.challenge.programme
