"""Requests for 1:1 meetings; an accepted one is a meeting the scheduler places."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Programme

from ..enums import RequestStatus
from .profiles import Profile
from .workshops import Slot, Table, Workshop


class MeetingRequest(ChoiceLabels):
    """A request for a 1:1 meeting; once accepted it is a meeting the scheduler places."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="requests", verbose_name=_("workshop")
    )
    requester = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="requests_sent", verbose_name=_("requester")
    )
    recipient = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="requests_received",
        verbose_name=_("recipient"),
    )
    reason = models.TextField(_("why you want to meet"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answer = models.CharField(_("answer"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    facilitator_pick = models.BooleanField(_("picked by the facilitator"), default=False)
    # Both asked: the recipient sent a request back while this one was open.
    mutual = models.BooleanField(_("requested by both sides"), default=False)
    # Placement in the working (unpublished) schedule; locked placements survive re-runs.
    slot = models.ForeignKey(
        Slot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("slot"),
    )
    table = models.ForeignKey(
        Table,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("table"),
    )
    locked = models.BooleanField(_("locked"), default=False)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="mm_request_not_self"
            ),
            models.UniqueConstraint(
                fields=["workshop", "requester", "recipient"],
                condition=Q(status__in=["pending", "accepted"]),
                name="mm_request_open_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"

    def get_absolute_url(self) -> str:
        """A request is shown on its workshop's page."""
        return self.workshop.get_absolute_url()

    @property
    def programme(self) -> Programme:
        return self.workshop.event.programme

    def get_additional_data(self) -> dict:
        return {"programme": self.workshop.event.programme_id}
