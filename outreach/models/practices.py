"""The best-practice library: cases of cross-sectoral cooperation and their images."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Programme, new_token

from ..enums import PracticeAssessment, PracticeKind, PracticeLevel, PublicationStatus
from .common import _programme_data


class Practice(ChoiceLabels):
    """A case of cross-sectoral cooperation (or of one that went wrong, with its lesson)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="practices", verbose_name=_("programme")
    )
    shared = models.BooleanField(
        _("shared with every programme"),
        default=False,
        help_text=_("Shared cases appear in the libraries of all programmes."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1500)
    kind = models.CharField(_("kind"), max_length=20, choices=PracticeKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=PracticeLevel.choices)
    assessment = models.CharField(
        _("good or bad practice"),
        max_length=10,
        choices=PracticeAssessment.choices,
        default=PracticeAssessment.GOOD,
    )
    involves_cci = models.BooleanField(_("CCI involved"), default=True)
    involves_avm = models.BooleanField(_("AVM involved"), default=True)
    involves_intermediary = models.BooleanField(_("intermediary involved"), default=False)
    country = models.CharField(_("country or region"), max_length=120, blank=True)
    avm_technology = models.CharField(_("AVM technology"), max_length=200, blank=True)
    collaboration_format = models.CharField(_("collaboration format"), max_length=200, blank=True)
    ip_arrangement = models.TextField(_("IP arrangement"), blank=True)
    outcome = models.TextField(_("outcome and results"), blank=True)
    costs = models.CharField(_("costs"), max_length=200, blank=True)
    contacts = models.TextField(_("contacts"), blank=True)
    testimonial = models.TextField(_("testimonial"), blank=True)
    testimonial_by = models.CharField(_("testimonial by"), max_length=200, blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    lesson = models.TextField(
        _("lesson learned"), blank=True, help_text=_("Required for bad practices.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
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
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        ordering = ["-published_at", "-created_at", "pk"]
        indexes = [models.Index(fields=["programme", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(assessment="bad") | ~Q(lesson=""), name="bad_practice_has_lesson"
            )
        ]

    def __str__(self) -> str:
        return self.title

    get_additional_data = _programme_data

    def get_absolute_url(self) -> str:
        return reverse(
            "outreach:practice_detail", kwargs={"slug": self.programme.slug, "pk": self.pk}
        )

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def sector_labels(self) -> list[str]:
        labels = []
        if self.involves_cci:
            labels.append(str(_("CCI")))
        if self.involves_avm:
            labels.append(str(_("AVM")))
        if self.involves_intermediary:
            labels.append(str(_("Intermediary")))
        return labels


def practice_image_path(instance: PracticeImage, filename: str) -> str:
    return f"outreach/practices/{instance.practice_id}/{new_token()[:12]}-{filename[-60:]}"


class PracticeImage(models.Model):
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="images", verbose_name=_("practice")
    )
    image = models.ImageField(_("image"), upload_to=practice_image_path)
    content_type = models.CharField(_("content type"), max_length=40, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("practice image")
        verbose_name_plural = _("practice images")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return reverse(
            "outreach:practice_image",
            kwargs={"slug": self.practice.programme.slug, "pk": self.pk},
        )

    def get_additional_data(self) -> dict:
        return {"programme": self.practice.programme_id}
