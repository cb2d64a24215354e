"""Offers and needs: the taxonomy, participants' profiles and facilitator picks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Organisation, Programme

from ..enums import PickKind, Side, TermKind


class Term(ChoiceLabels):
    """One entry of a partner-editable taxonomy (a networking domain or an AVM technology)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mm_terms", verbose_name=_("programme")
    )
    kind = models.CharField(_("taxonomy"), max_length=12, choices=TermKind.choices)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("matchmaking term")
        verbose_name_plural = _("matchmaking terms")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind", "name"], name="mm_term_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Profile(ChoiceLabels):
    """What a participant offers (CCI) or looks for (AVM) in one programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mm_profiles", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mm_profiles",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    side = models.CharField(_("side"), max_length=3, choices=Side.choices)
    terms = models.ManyToManyField(
        Term, blank=True, related_name="profiles", verbose_name=_("offers / needs")
    )
    description = models.TextField(_("in your own words"), blank=True)
    languages = models.CharField(
        _("working languages"),
        max_length=60,
        blank=True,
        help_text=_("Comma-separated codes, e.g. en, de, sl."),
    )
    region = models.CharField(_("region"), max_length=120, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="mm_profile_unique")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.user.display_name if hasattr(self.user, "display_name") else str(self.user)
        return f"{name} ({self.organisation.name})" if self.organisation_id else name

    @property
    def language_set(self) -> set[str]:
        return {code.strip().lower() for code in self.languages.split(",") if code.strip()}

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Pick(ChoiceLabels):
    """A facilitator's shortlist entry (pick) or veto of a CCI for an AVM company."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mm_picks", verbose_name=_("programme")
    )
    company = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="picks_as_company",
        verbose_name=_("company"),
    )
    candidate = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="picks_as_candidate",
        verbose_name=_("candidate"),
    )
    kind = models.CharField(_("decision"), max_length=4, choices=PickKind.choices)
    note = models.CharField(_("note"), max_length=240, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("picked by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("facilitator pick")
        verbose_name_plural = _("facilitator picks")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["company", "candidate"], name="mm_pick_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.candidate} for {self.company}"

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}
