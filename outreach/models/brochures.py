"""The brochure: a selection of practices rendered to PDF."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Programme

from ..enums import PublicationStatus
from .common import _programme_data
from .practices import Practice


class Brochure(ChoiceLabels):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="brochures", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    intro_cci = models.TextField(_("introduction to the creative industries"), max_length=3000)
    intro_avm = models.TextField(_("introduction to advanced manufacturing"), max_length=3000)
    contacts = models.TextField(_("contacts"), blank=True)
    practices = models.ManyToManyField(
        Practice, through="BrochureEntry", related_name="brochures", verbose_name=_("stories")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    pdf = models.FileField(_("PDF"), upload_to="outreach/brochures/", blank=True, editable=False)
    pdf_fingerprint = models.CharField(
        _("PDF fingerprint"), max_length=64, blank=True, editable=False
    )
    pdf_pages = models.PositiveSmallIntegerField(
        _("number of PDF pages"), null=True, blank=True, editable=False
    )
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("brochure")
        verbose_name_plural = _("brochures")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The partners' page of the brochure, where its buttons are."""
        return reverse(
            "outreach:brochure_edit", kwargs={"slug": self.programme.slug, "pk": self.pk}
        )

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    get_additional_data = _programme_data


class BrochureEntry(models.Model):
    brochure = models.ForeignKey(
        Brochure, on_delete=models.CASCADE, related_name="entries", verbose_name=_("brochure")
    )
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="+", verbose_name=_("practice")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("brochure entry")
        verbose_name_plural = _("brochure entries")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["brochure", "practice"], name="uniq_brochure_practice")
        ]

    def __str__(self) -> str:
        return f"{self.brochure_id} · {self.practice_id}"
