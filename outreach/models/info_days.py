"""Info days: the programme's items and the handouts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Event, Programme, new_token

from ..enums import Dimension, HandoutKind
from .common import _programme_data


class InfoDayItem(ChoiceLabels):
    """A slot of an info day's programme, tagged with the dimension it covers."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="info_day_items", verbose_name=_("event")
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("info-day item")
        verbose_name_plural = _("info-day items")
        ordering = ["starts_at", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"programme": self.event.programme_id}


def handout_path(instance: Handout, filename: str) -> str:
    return f"outreach/handouts/{instance.programme_id}/{new_token()[:12]}-{filename[-60:]}"


class Handout(ChoiceLabels):
    """Material to hand out: a leaflet, a printed brochure, slides… (optionally for one event)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="handouts", verbose_name=_("programme")
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="handouts",
        verbose_name=_("info day"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=HandoutKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=handout_path)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("file size"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("handout")
        verbose_name_plural = _("handouts")
        ordering = ["kind", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    get_additional_data = _programme_data
