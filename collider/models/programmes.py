"""Programmes, their phase timeline, memberships (roles per programme) and invitations."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from ..enums import (
    MembershipStatus,
    Phase,
    PhaseOverride,
    PhaseState,
    ProgrammeStatus,
    Role,
    Sector,
)
from ..languages import LanguagesField, codes
from .choices import ChoiceLabels
from .invitations import InvitationBase
from .people import TIMEZONE_CHOICES, Organisation


class Programme(ChoiceLabels):
    """One tandem collider programme, run by its tandem partners through six phases."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    tagline = models.CharField(_("tagline"), max_length=240, blank=True)
    description = models.TextField(_("description"), blank=True)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    regions = models.CharField(_("regions"), max_length=300, blank=True)
    languages = LanguagesField(_("languages"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="Europe/Vienna"
    )
    ideation_window_days = models.PositiveSmallIntegerField(
        _("ideation window (days)"),
        default=14,
        help_text=_("Minimum days between a challenge pitch and the idea deadline."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="programme_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("collider:programme_detail", kwargs={"slug": self.slug})

    @property
    def language_codes(self) -> list[str]:
        return codes(self.languages)

    @property
    def language_names(self) -> list[str]:
        """The working languages, named in the reader's language."""
        return [str(dict(settings.LANGUAGES)[code]) for code in self.language_codes]

    @property
    def is_public(self) -> bool:
        return self.status != ProgrammeStatus.DRAFT

    @property
    def accepts_applications(self) -> bool:
        return self.status in {ProgrammeStatus.OPEN, ProgrammeStatus.RUNNING}

    @property
    def is_open_for_applications(self) -> bool:
        return self.status == ProgrammeStatus.OPEN


class ProgrammePhase(ChoiceLabels):
    """A phase's dates in one programme. It opens and closes by date unless overridden."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="phases", verbose_name=_("programme")
    )
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    starts_on = models.DateField(_("opens on"), null=True, blank=True)
    ends_on = models.DateField(_("closes on"), null=True, blank=True)
    override = models.CharField(
        _("override"), max_length=10, choices=PhaseOverride.choices, default=PhaseOverride.AUTO
    )
    # The state the periodic sync last recorded; `state_on()` is always computed fresh.
    state = models.CharField(
        _("state"), max_length=10, choices=PhaseState.choices, default=PhaseState.UPCOMING
    )

    class Meta:
        verbose_name = _("programme phase")
        verbose_name_plural = _("programme phases")
        constraints = [
            models.UniqueConstraint(fields=["programme", "phase"], name="uniq_programme_phase"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="phase_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.get_phase_display()}"

    @property
    def number(self) -> int:
        return Phase(self.phase).number

    def state_on(self, day: date | None = None) -> str:
        if self.override == PhaseOverride.OPEN:
            return PhaseState.OPEN
        if self.override == PhaseOverride.CLOSED:
            return PhaseState.CLOSED
        day = day or timezone.localdate()
        if self.starts_on is None or day < self.starts_on:
            return PhaseState.UPCOMING
        if self.ends_on is not None and day > self.ends_on:
            return PhaseState.CLOSED
        return PhaseState.OPEN

    @property
    def is_open(self) -> bool:
        return self.state_on() == PhaseState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state_on() == PhaseState.CLOSED


class Membership(ChoiceLabels):
    """A person's role in one programme. Roles are per programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("status"), max_length=10, choices=MembershipStatus.choices)
    motivation = models.TextField(_("motivation"), blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user", "role"], name="uniq_membership_role"
            ),
            models.CheckConstraint(
                condition=~Q(role="participant") | Q(sector__in=["cci", "avm"]),
                name="participant_has_sector",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "role", "status"]),
            # The members page's order: a page is read in order, not sorted out of all.
            models.Index(
                fields=["programme", "status", "-created_at"], name="collider_membership_listed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.programme}"

    def get_absolute_url(self) -> str:
        """The partners' list of members and applications (where its buttons are)."""
        return reverse("collider:programme_manage", kwargs={"slug": self.programme.slug})

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    @property
    def is_applied(self) -> bool:
        return self.status == MembershipStatus.APPLIED

    @property
    def is_approved(self) -> bool:
        return self.status == MembershipStatus.APPROVED

    @property
    def is_rejected(self) -> bool:
        return self.status == MembershipStatus.REJECTED


class Invitation(InvitationBase):
    """An e-mailed invitation to join a programme as partner, facilitator or expert. A partner
    invitation may name the organisation the invitee will represent in the tandem."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("programme")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_invitations",
        verbose_name=_("on behalf of"),
    )

    class Meta(InvitationBase.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "email", "role"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="uniq_open_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.get_role_display()} · {self.programme}"

    def get_absolute_url(self) -> str:
        """The partners' list of the programme's invitations (where its button is)."""
        return reverse("collider:invitation_list", kwargs={"slug": self.programme.slug})

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}
