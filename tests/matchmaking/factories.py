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


def begin(workshop, *, ago=timedelta(hours=1)):
    """Move ``workshop`` (its event and slots) so that it started ``ago``: a meeting is marked
    held only once it has started."""
    from collider.models import Event

    event = Event.objects.get(pk=workshop.event_id)
    shift = timezone.now() - ago - event.starts_at
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at + shift, ends_at=event.ends_at + shift
    )
    for slot in workshop.slots.all():
        slot.starts_at += shift
        slot.ends_at += shift
        slot.save(update_fields=["starts_at", "ends_at"])
    return workshop
