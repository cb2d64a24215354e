"""The scheduler's background runs and the published schedule versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Programme

from ..enums import Binding, RunStatus
from .workshops import Workshop


class ScheduleRun(ChoiceLabels):
    """One background run of the scheduler: its progress, best result so far and outcome.

    The worker writes ``placed`` after each improvement round; the scheduler page polls it.
    ``stop_requested`` is how the partner stops a run: the worker reads it between rounds and
    keeps the best schedule found so far."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="runs", verbose_name=_("workshop")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    method = models.CharField(_("method"), max_length=20)
    time_limit = models.PositiveSmallIntegerField(_("time limit"), default=10)
    status = models.CharField(
        _("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.PENDING
    )
    stop_requested = models.BooleanField(_("stop requested"), default=False)
    phase = models.CharField(_("solver phase"), max_length=20, blank=True)
    total = models.PositiveIntegerField(_("meetings to place"), default=0)
    placed = models.PositiveIntegerField(_("meetings placed"), default=0)
    bound = models.PositiveIntegerField(
        _("most meetings that can be placed"), null=True, blank=True
    )
    binding = models.CharField(
        _("what limits the bound"), max_length=20, choices=Binding.choices, blank=True
    )
    idle_mean = models.FloatField(_("mean idle slots per participant"), null=True, blank=True)
    violations = models.PositiveIntegerField(_("constraint violations"), default=0)
    solver = models.CharField(_("solver"), max_length=20, blank=True)
    notes = models.JSONField(_("solver notes"), default=list, blank=True)
    # meeting request id → why it was not placed (kept small: the first 200).
    unscheduled = models.JSONField(_("unscheduled requests"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one unfinished run per workshop.
            models.UniqueConstraint(
                fields=["workshop"],
                condition=models.Q(status__in=["pending", "running"]),
                name="mm_run_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.workshop} · {self.get_status_display()}"

    @property
    def programme(self) -> Programme:
        return self.workshop.programme

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.STOPPED, RunStatus.FAILED)

    @property
    def has_failed(self) -> bool:
        return self.status == RunStatus.FAILED


class ScheduleVersion(models.Model):
    """A published schedule: ``placements`` maps request id → [slot index, table name]."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="versions", verbose_name=_("workshop")
    )
    number = models.PositiveIntegerField(_("version number"))
    placements = models.JSONField(_("placements"), default=dict)
    method = models.CharField(_("method"), max_length=10, blank=True)
    notified = models.PositiveIntegerField(_("people notified"), default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="mm_version_unique")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"

    def get_additional_data(self) -> dict:
        return {"programme": self.workshop.event.programme_id}
