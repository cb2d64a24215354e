"""The declared actions' activity entries."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .programmes import Programme


class ActivityEntry(models.Model):
    """One declared action done on one object: "Challenge published by Petra" (STYLE §16).

    Written by ``collider.actions.Action.record`` inside the service's transaction, beside the
    field diffs django-auditlog keeps. The sentence is not stored: it is built when the entry is
    shown, from the action's translatable template, so it reads in the reader's language.
    """

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="activity_entries",
        verbose_name=_("programme"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=100)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    target = GenericForeignKey("content_type", "object_id")
    # What the object was called when it happened: the entry stays readable once it is deleted.
    object_repr = models.CharField(_("object description"), max_length=200)
    data = models.JSONField(_("details"), default=dict, blank=True)
    timestamp = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("activity entry")
        verbose_name_plural = _("activity entries")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(fields=["programme", "-timestamp"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} · {self.object_repr}"
