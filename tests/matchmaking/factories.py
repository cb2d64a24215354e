"""Factories and small builders for matchmaking tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from collider.enums import Role, Sector
from matchmaking import services
from matchmaking.enums import TermKind
from matchmaking.models import Term
from tests.factories import member


def terms(programme, *names, kind=TermKind.DOMAIN):
    return [
        Term.objects.get_or_create(programme=programme, kind=kind, name=name)[0] for name in names
    ]


def profile(programme, *names, sector=Sector.CCI, user=None, languages="en", region=""):
    user = user or member(programme, Role.PARTICIPANT, sector)
    return services.profile_save(
        actor=user,
        programme=programme,
        terms=terms(programme, *names),
        languages=languages,
        region=region,
    )


def workshop(programme, *, actor, slots=4, tables=3, days=10, **fields):
    return services.workshop_create(
        actor=actor,
        programme=programme,
        title="Match-making workshop",
        starts_at=timezone.now() + timedelta(days=days),
        slots=slots,
        tables=tables,
        **fields,
    )


def accepted(workshop, cci, avm, reason="We fit."):
    request = services.meeting_request_create(
        actor=cci.user, workshop=workshop, recipient=avm, reason=reason
    )
    return services.meeting_request_accept(actor=avm.user, request=request)
