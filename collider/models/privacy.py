"""Personal data: the privacy notice, acceptances, erasure requests and retention runs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..enums import (
    ErasureStatus,
)
from .choices import ChoiceLabels


class PrivacyNotice(models.Model):
    """One published version of the installation's privacy notice; a new edit is a new row."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    VERSION_FIELD = "version"

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("collider:privacy_notice")


class NoticeAcceptance(models.Model):
    """A person accepted a version of the privacy notice (at sign-up or later)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_acceptances",
        verbose_name=_("user"),
    )
    notice = models.ForeignKey(
        PrivacyNotice, on_delete=models.PROTECT, related_name="+", verbose_name=_("notice")
    )
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("privacy notice acceptance")
        verbose_name_plural = _("privacy notice acceptances")
        ordering = ["-accepted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "notice"], name="uniq_notice_acceptance")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.notice}"


class ErasureRequest(ChoiceLabels):
    """A request to erase a person: carried out by the beat sweep once ``due_at`` has passed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="erasure_requests",
        verbose_name=_("user"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    note = models.TextField(_("how the request reached us"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    due_at = models.DateTimeField(_("carried out on"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    executed_at = models.DateTimeField(_("executed at"), null=True, blank=True)
    pseudonym = models.CharField(_("pseudonym"), max_length=60, blank=True)
    #: What erasure changed, per kind of record: ``{"label": count}``.
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="uniq_pending_erasure"
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_status_display()}"


class RetentionRun(models.Model):
    """One pass of the retention sweep and what it anonymised, for the operator."""

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    #: ``[{"rule": key, "label": text, "days": n, "count": n}, ...]`` in rule order.
    results = models.JSONField(_("results"), default=list, blank=True)
    total = models.PositiveIntegerField(_("records anonymised"), default=0)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} · {self.total}"
