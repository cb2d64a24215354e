"""Invitations by e-mail: what all of them share, and the organisations' own."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import OrganisationRole
from .choices import ChoiceLabels
from .people import Organisation, new_token


class InvitationBase(ChoiceLabels):
    """What every e-mailed invitation has: a secret link, who sent it, and whether it is still
    open (not accepted, revoked or past its expiry). Programme invitations and organisation
    invitations are both this."""

    email = models.EmailField(_("e-mail address"))
    message = models.TextField(_("personal message"), blank=True)
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class OrganisationInvitation(InvitationBase):
    """An organisation administrator's e-mailed invitation to a colleague to join as member or
    administrator."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=OrganisationRole.choices, default=OrganisationRole.MEMBER
    )

    class Meta(InvitationBase.Meta):
        verbose_name = _("organisation invitation")
        verbose_name_plural = _("organisation invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="uniq_open_organisation_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
