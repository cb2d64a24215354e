"""Match-making workshops: their slots, tables and participations."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Event, Programme

from ..enums import RequestMode
from .profiles import Profile


class Workshop(ChoiceLabels):
    """The match-making settings of an event of kind matchmaking."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="workshop", verbose_name=_("event")
    )
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=20)
    break_minutes = models.PositiveSmallIntegerField(
        _("break between meetings (minutes)"), default=5
    )
    request_mode = models.CharField(
        _("request mode"), max_length=8, choices=RequestMode.choices, default=RequestMode.CONFIRM
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        _("requests expire after (days)"), default=5
    )
    default_cap = models.PositiveSmallIntegerField(
        _("meetings per participant at most"), default=12
    )
    booking_closes_at = models.DateTimeField(_("booking closes at"), null=True, blank=True)
    published_version = models.PositiveIntegerField(
        _("published schedule version"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("matchmaking workshop")
        verbose_name_plural = _("matchmaking workshops")
        ordering = ["event__starts_at"]

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:workshop_detail", args=[self.event.programme.slug, self.pk])

    @property
    def programme(self) -> Programme:
        return self.event.programme

    def get_additional_data(self) -> dict:
        return {"programme": self.event.programme_id}


class Slot(models.Model):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="slots", verbose_name=_("workshop")
    )
    index = models.PositiveSmallIntegerField(_("slot number"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["index"]
        constraints = [models.UniqueConstraint(fields=["workshop", "index"], name="mm_slot_unique")]

    def __str__(self) -> str:
        return f"{self.index + 1}"


class Table(models.Model):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="tables", verbose_name=_("workshop")
    )
    name = models.CharField(_("table"), max_length=40)
    fixed_for = models.ForeignKey(
        Profile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fixed_tables",
        verbose_name=_("kept by"),
    )

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["workshop", "name"], name="mm_table_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def programme(self) -> Programme:
        return self.workshop.programme


class Participation(models.Model):
    """A profile taking part in a workshop, with a cap and the slots they can attend."""

    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("workshop"),
    )
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="participations", verbose_name=_("profile")
    )
    cap = models.PositiveSmallIntegerField(_("meetings at most"), null=True, blank=True)
    unavailable = models.ManyToManyField(
        Slot, blank=True, related_name="+", verbose_name=_("slots I cannot attend")
    )

    class Meta:
        verbose_name = _("workshop participation")
        verbose_name_plural = _("workshop participations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "profile"], name="mm_participation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.profile} at {self.workshop}"

    @property
    def programme(self) -> Programme:
        return self.workshop.programme
