"""Events and registrations (capacity, waitlist, attendance)."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import (
    EventFormat,
    EventKind,
    EventStatus,
    Phase,
    RegistrationMode,
    RegistrationStatus,
    Sector,
)
from .choices import ChoiceLabels
from .people import TIMEZONE_CHOICES, Organisation, new_token
from .programmes import Programme


class Event(ChoiceLabels):
    """Anything with a date that people attend; every phase creates events of its kind."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="events", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ON_SITE
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(
        _("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="Europe/Vienna"
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_mode = models.CharField(
        _("who can register"),
        max_length=12,
        choices=RegistrationMode.choices,
        default=RegistrationMode.MEMBERS,
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True
    )
    host_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host organisation"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    uid = models.CharField(
        _("calendar UID"), max_length=64, unique=True, default=new_token, editable=False
    )
    sequence = models.PositiveIntegerField(_("calendar sequence number"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["programme", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collider:event_detail", kwargs={"slug": self.programme.slug, "pk": self.pk})

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_public(self) -> bool:
        return self.registration_mode == RegistrationMode.PUBLIC

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def registration_open(self) -> bool:
        if self.is_cancelled or self.starts_at <= timezone.now():
            return False
        if self.registration_mode == RegistrationMode.INVITE_ONLY:
            return False
        return self.registration_closes_at is None or self.registration_closes_at > timezone.now()


class Registration(ChoiceLabels):
    """A seat (or a waitlist place) at an event, for a user or for a guest without account."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    # The language the guest registered in: their e-mails are written in it.
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    # Waitlist order: the time the person (re-)joined; promotion takes the earliest.
    queued_at = models.DateTimeField(_("waiting list since"), default=timezone.now)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(_("attendance marked at"), null=True, blank=True)
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="uniq_registration_email")
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"

    def get_additional_data(self) -> dict:
        return {"programme": self.event.programme_id}

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_cancelled(self) -> bool:
        return self.status == RegistrationStatus.CANCELLED
