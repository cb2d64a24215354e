"""Writes of the tandem: its partner organisations."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collider.models import Organisation, Programme, User
from collider.rules import require

from .. import selectors
from ..models import (
    TandemPartner,
)

# --- Tandem -----------------------------------------------------------------------------------


@transaction.atomic
def tandem_partner_add(
    *, actor: User, programme: Programme, organisation: Organisation, role: str, **fields
) -> TandemPartner:
    """Add a partner organisation to the tandem (one of the programme's partner members')."""
    require(actor, "tandems.manage_tandem", programme)
    if (
        not selectors.organisations_joinable(programme=programme)
        .filter(pk=organisation.pk)
        .exists()
    ):
        raise ValidationError(
            _("Only organisations of the programme's partner members can join the tandem.")
        )
    with set_actor(actor):
        if fields.get("is_lead"):
            TandemPartner.objects.filter(programme=programme, is_lead=True).update(is_lead=False)
        partner = TandemPartner(programme=programme, organisation=organisation, role=role, **fields)
        partner.full_clean()
        partner.save()
    return partner


@transaction.atomic
def tandem_partner_update(*, actor: User, partner: TandemPartner, **fields) -> TandemPartner:
    require(actor, "tandems.manage_tandem", partner.programme)
    with set_actor(actor):
        if fields.get("is_lead"):
            TandemPartner.objects.filter(programme=partner.programme, is_lead=True).exclude(
                pk=partner.pk
            ).update(is_lead=False)
        for name, value in fields.items():
            setattr(partner, name, value)
        partner.full_clean()
        partner.save()
    return partner
