"""Models of the KPIs and the cooperation pipeline: reporting periods, targets, corrections,
cooperations, their stage moves, check-ins and milestones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Organisation, Programme

from ..enums import (
    Anchor,
    CheckInSide,
    Outcome,
    Stage,
)


class ReportingPeriod(models.Model):
    """A span the programme reports on; once locked its KPI values are frozen in ``snapshot``."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="reporting_periods",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("locked by"),
    )
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="followup_period_dates_ordered"
            ),
            models.UniqueConstraint(fields=["programme", "name"], name="followup_period_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """A period is shown on the KPI dashboard."""
        url = reverse("followup:kpi_dashboard", args=[self.programme.slug])
        return f"{url}?period={self.pk}"

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class KpiTarget(models.Model):
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="targets", verbose_name=_("period")
    )
    key = models.CharField(_("indicator"), max_length=60)
    target = models.PositiveIntegerField(_("target"))

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["period", "key"], name="followup_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.target}"

    def get_additional_data(self) -> dict:
        return {"programme": self.period.programme_id}


class KpiCorrection(models.Model):
    """A manual adjustment of a computed value, always with a reason and an evidence file."""

    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("period"),
    )
    key = models.CharField(_("indicator"), max_length=60)
    delta = models.IntegerField(_("change"), help_text=_("Added to the computed value."))
    reason = models.TextField(_("reason"))
    evidence = models.FileField(_("evidence"), upload_to="followup/evidence/%Y/")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("KPI correction")
        verbose_name_plural = _("KPI corrections")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.key} {self.delta:+d}"

    def get_additional_data(self) -> dict:
        return {"programme": self.period.programme_id}


class Cooperation(ChoiceLabels):
    """A CCI-AVM pair on its way from first contact to a completed (or stopped) cooperation."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="cooperations",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=200)
    cci_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("CCI organisation"),
    )
    avm_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("AVM organisation"),
    )
    cci_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("CCI contact person"),
    )
    avm_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("AVM contact person"),
    )
    goals = models.TextField(_("goals"), blank=True)
    # The platform records the pair came from; each may move the stage on its own.
    meeting = models.ForeignKey(
        "matchmaking.MeetingRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cooperations",
        verbose_name=_("meeting"),
    )
    idea = models.ForeignKey(
        "challenges.Idea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cooperations",
        verbose_name=_("idea"),
    )
    agreement = models.ForeignKey(
        "matchmaking.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cooperations",
        verbose_name=_("agreement"),
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.FIRST_CONTACT
    )
    stage_changed_at = models.DateTimeField(_("stage changed at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        ordering = ["-stage_changed_at", "pk"]
        indexes = [models.Index(fields=["programme", "stage"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_completed(self) -> bool:
        return self.stage == Stage.COMPLETED

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class StageMove(ChoiceLabels):
    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="moves", verbose_name=_("cooperation")
    )
    from_stage = models.CharField(_("from stage"), max_length=16, choices=Stage.choices)
    to_stage = models.CharField(_("to stage"), max_length=16, choices=Stage.choices)
    note = models.TextField(_("note"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("moved by"),
    )
    at = models.DateTimeField(_("moved at"))

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["to_stage", "at"])]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"

    def get_additional_data(self) -> dict:
        return {"programme": self.cooperation.programme_id}


class CheckIn(ChoiceLabels):
    """One side's answer, some months after the meeting or the agreement."""

    cooperation = models.ForeignKey(
        Cooperation,
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("cooperation"),
    )
    anchor = models.CharField(_("anchor date"), max_length=10, choices=Anchor.choices)
    months = models.PositiveSmallIntegerField(_("months after anchor"))
    side = models.CharField(_("side"), max_length=3, choices=CheckInSide.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followup_checkins",
        verbose_name=_("respondent"),
    )
    due_at = models.DateTimeField(_("due at"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    comment = models.TextField(_("comments"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["due_at", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "anchor", "months", "side"], name="followup_checkin_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cooperation} · {self.months} m · {self.side}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def get_additional_data(self) -> dict:
        return {"programme": self.cooperation.programme_id}


class Milestone(models.Model):
    """A deliverable of a cooperation: due date, and evidence (a file or a link) once done."""

    cooperation = models.ForeignKey(
        Cooperation,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("cooperation"),
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    # Set when the milestone is a deliverable of a signed agreement (kept in step on re-signing).
    agreement = models.ForeignKey(
        "matchmaking.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("agreement"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to="followup/milestones/%Y/", blank=True
    )
    evidence_link = models.URLField(_("evidence link"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def programme(self) -> Programme:
        return self.cooperation.programme

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue_on(self, day) -> bool:
        return not self.is_done and self.due_on < day

    def get_additional_data(self) -> dict:
        return {"programme": self.cooperation.programme_id}
