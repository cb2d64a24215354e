"""The media log: commitments of outlets to cover the programme."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Programme

from ..enums import Audience, MediaChannel, MediaStatus
from .common import _programme_data


class MediaCommitment(ChoiceLabels):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="media_commitments",
        verbose_name=_("programme"),
    )
    outlet = models.CharField(_("outlet"), max_length=200)
    channel = models.CharField(_("channel"), max_length=20, choices=MediaChannel.choices)
    target_group = models.CharField(
        _("target group"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible partner"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MediaStatus.choices, default=MediaStatus.CONTACTED
    )
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    link = models.URLField(_("publication link"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    estimated_reach = models.PositiveIntegerField(_("estimated reach"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("media commitment")
        verbose_name_plural = _("media commitments")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="published_media_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.outlet} ({self.get_channel_display()})"

    def get_absolute_url(self) -> str:
        """The partners' media log, where the record's buttons are."""
        return reverse("outreach:media_list", kwargs={"slug": self.programme.slug})

    get_additional_data = _programme_data
