"""Cooperation agreements, their signing parties and deliverables."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Organisation, Programme

from ..enums import AgreementKind, AgreementStatus
from .requests import MeetingRequest


class Agreement(ChoiceLabels):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="mm_agreements",
        verbose_name=_("programme"),
    )
    kind = models.CharField(
        _("type"), max_length=12, choices=AgreementKind.choices, default=AgreementKind.COOPERATION
    )
    title = models.CharField(_("title"), max_length=200)
    meeting = models.ForeignKey(
        MeetingRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("meeting"),
    )
    idea_id = models.PositiveBigIntegerField(
        _("idea ID"), null=True, blank=True, help_text="challenges.Idea this grew from"
    )
    goals = models.TextField(_("goals"))
    scope = models.TextField(_("scope"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    budget = models.PositiveIntegerField(_("budget (EUR)"), null=True, blank=True)
    funding = models.CharField(_("funding"), max_length=240, blank=True)
    ip_terms = models.TextField(_("intellectual property"), blank=True)
    confidentiality = models.TextField(_("confidentiality"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    signatures_cleared_note = models.CharField(
        _("reason signatures were cleared"), max_length=300, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="mm_agreement_dates",
            )
        ]

    #: Every change of the signed content starts a new revision (collider.versioning).
    VERSION_FIELD = "revision"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:agreement_detail", args=[self.programme.slug, self.pk])

    @property
    def is_signed(self) -> bool:
        """Every party signed this revision: the agreement is in force."""
        return self.status == AgreementStatus.SIGNED

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Party(models.Model):
    """A signatory: a platform user, or an external party (name, e-mail, organisation name, no
    account) who signs through a personal link e-mailed to them."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mm_parties",
        null=True,
        blank=True,
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role in the agreement"), max_length=80, blank=True)
    signed_name = models.CharField(_("signed name"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_hash = models.CharField(_("signature hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("agreement party")
        verbose_name_plural = _("agreement parties")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "user"], name="mm_party_unique"),
            models.UniqueConstraint(
                fields=["agreement", "email"],
                condition=Q(user__isnull=True),
                name="mm_external_party_unique",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | (~Q(name="") & ~Q(email="")),
                name="mm_external_party_named",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation_label or self.display_name

    @property
    def is_external(self) -> bool:
        return self.user_id is None

    @property
    def display_name(self) -> str:
        return self.user.display_name if self.user_id else self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class Deliverable(models.Model):
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="deliverables",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("deliverable"), max_length=200)
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
