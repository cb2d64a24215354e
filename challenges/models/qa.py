"""Before ideation: the click-through NDA and the CCI's questions on a challenge."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.models import Programme

from .challenge import Challenge

#: The click-through NDA text version; bump it when the text changes (old acceptances lapse).
NDA_VERSION = "2026-1"


class NdaAcceptance(models.Model):
    """A click-through non-disclosure agreement, recorded with time and text version."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="ndas", verbose_name=_("challenge")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="challenge_ndas",
        verbose_name=_("user"),
    )
    version = models.CharField(_("NDA version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("NDA acceptance")
        verbose_name_plural = _("NDA acceptances")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user", "version"], name="uniq_nda_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.challenge} · v{self.version}"

    def get_additional_data(self) -> dict:
        return {"programme": self.challenge.programme_id}


class Question(models.Model):
    """A CCI's question on a published challenge; the answer is visible to all CCI."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="questions", verbose_name=_("challenge")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def programme(self) -> Programme:
        return self.challenge.programme

    def get_additional_data(self) -> dict:
        return {"programme": self.challenge.programme_id}
