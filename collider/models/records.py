"""The outbox of reminders and e-mails, and background export jobs."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import (
    ExportStatus,
    ReminderState,
)
from .choices import ChoiceLabels
from .people import Organisation
from .programmes import Programme


class Reminder(ChoiceLabels):
    """One outgoing message in the outbox: an e-mail due at a time, sent at most once.

    Reminders and immediate notifications alike are rows here. The dedupe key makes creating
    the same reminder twice a no-op; the sweep claims a row with a conditional update, so two
    sweeps never send the same row.
    """

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    email = models.EmailField(_("recipient e-mail"))
    # The language of a recipient without an account (the one they used); an account's own
    # choice wins, the programme's first language is the fallback (collider.languages).
    language = models.CharField(_("language"), max_length=10, blank=True)
    kind = models.CharField(_("kind"), max_length=60)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("target type")
    )
    target_id = models.PositiveBigIntegerField(_("target ID"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    context = models.JSONField(_("context"), default=dict, blank=True)
    due_at = models.DateTimeField(_("due at"))
    dedupe_key = models.CharField(_("deduplication key"), max_length=200, unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ReminderState.choices, default=ReminderState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.email} @ {self.due_at:%Y-%m-%d %H:%M}"


class ExportJob(ChoiceLabels):
    """A large export written in the background; only the person who asked may download it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("user"),
    )
    # Empty for a personal data archive (the person's own, or an organisation's for its admins).
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="export_jobs",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    dataset = models.CharField(_("list"), max_length=60)
    format = models.CharField(_("format"), max_length=4)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    rows_done = models.PositiveIntegerField(_("rows exported"), default=0)
    rows_total = models.PositiveIntegerField(_("total rows"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.dataset}.{self.format} · {self.get_status_display()}"

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def is_done(self) -> bool:
        return self.status == ExportStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == ExportStatus.FAILED
