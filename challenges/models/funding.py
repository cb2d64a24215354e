"""Funding opportunities that can finance ideas."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from collider.enums import OrganisationSize, Sector
from collider.models import ChoiceLabels, Organisation, Programme

from ..enums import FundingKind


class FundingOpportunity(ChoiceLabels):
    """A scholarship, subsidy, voucher, grant or AVM budget that can finance ideas."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="funding_opportunities",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=FundingKind.choices)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    amount_min = models.PositiveIntegerField(_("amount from (EUR)"), null=True, blank=True)
    amount_max = models.PositiveIntegerField(_("amount up to (EUR)"), null=True, blank=True)
    cofinancing_rate = models.PositiveSmallIntegerField(
        _("co-financing rate (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the costs the funder pays."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    eligible_sectors = models.JSONField(
        _("eligible sectors"), default=list, blank=True, help_text=_("Empty: any sector.")
    )
    eligible_sizes = models.JSONField(
        _("eligible company sizes"), default=list, blank=True, help_text=_("Empty: any size.")
    )
    eligible_countries = CountryField(
        _("eligible countries"), multiple=True, blank=True, help_text=_("Empty: any country.")
    )
    link = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("funding opportunity")
        verbose_name_plural = _("funding opportunities")
        ordering = ["deadline", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_max__gte=models.F("amount_min")),
                name="funding_amount_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    def is_eligible(self, organisation: Organisation | None) -> bool:
        """Does ``organisation`` meet sector, size and country? Empty lists accept anyone."""
        if organisation is None:
            return not (self.eligible_sectors or self.eligible_sizes or self.eligible_countries)
        if self.eligible_sectors and organisation.sector not in self.eligible_sectors:
            return False
        if self.eligible_sizes and organisation.size not in self.eligible_sizes:
            return False
        codes = [c.code for c in self.eligible_countries]
        return not (codes and organisation.country.code not in codes)

    @property
    def sector_labels(self) -> list[str]:
        return [str(Sector(s).label) for s in self.eligible_sectors if s in Sector.values]

    @property
    def size_labels(self) -> list[str]:
        return [
            str(OrganisationSize(s).label)
            for s in self.eligible_sizes
            if s in OrganisationSize.values
        ]
