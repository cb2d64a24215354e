"""Writes of the info days: the event, its items, registrations and handouts."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collider import services as core
from collider.enums import EventKind, Phase, RegistrationMode
from collider.models import Event, Programme, Registration, User
from collider.rules import require

from ..actions import PARTNERS
from ..models import (
    Handout,
    InfoDayItem,
)
from ..rules import MANAGE
from .common import _apply, _file_delete_on_commit

# --- Info days ------------------------------------------------------------------------------------


@transaction.atomic
def info_day_create(*, actor: User, programme: Programme, **fields) -> Event:
    """An info day is a public event of phase 2 that anyone can register for."""
    require(actor, MANAGE, programme, PARTNERS)
    return core.event_create(
        actor=actor,
        programme=programme,
        kind=EventKind.INFO_DAY,
        phase=Phase.CONNECT,
        registration_mode=RegistrationMode.PUBLIC,
        **fields,
    )


@transaction.atomic
def info_day_item_add(*, actor: User, event: Event, **fields) -> InfoDayItem:
    require(actor, MANAGE, event.programme, PARTNERS)
    with set_actor(actor):
        item = InfoDayItem(event=event, order=event.info_day_items.count())
        _apply(item, fields)
    return item


@transaction.atomic
def info_day_item_delete(*, actor: User, item: InfoDayItem) -> None:
    require(actor, MANAGE, item.event.programme, PARTNERS)
    with set_actor(actor):
        item.delete()


def info_day_register(
    *, event: Event, name: str, email: str, organisation_name: str, sector: str
) -> Registration:
    """A guest registers for an info day without an account (the core's guest registration).

    Side effects: confirmation e-mail with a calendar file, reminders before the day.
    """
    if event.kind != EventKind.INFO_DAY or not event.is_public:
        raise ValidationError(_("This is not a public info day."))
    return core.registration_create(
        event=event, name=name, email=email, organisation_name=organisation_name, sector=sector
    )


@transaction.atomic
def handout_add(
    *,
    actor: User,
    programme: Programme,
    kind: str,
    title: str,
    file,
    content_type: str,
    event: Event | None = None,
) -> Handout:
    """Store a handout (type and size were checked by the form)."""
    require(actor, MANAGE, programme, PARTNERS)
    if event is not None and event.programme_id != programme.pk:
        raise PermissionDenied
    with set_actor(actor):
        handout = Handout(
            programme=programme,
            event=event,
            kind=kind,
            title=title,
            file=file,
            content_type=content_type,
            size=file.size,
            uploaded_by=actor,
        )
        handout.save()
    return handout


@transaction.atomic
def handout_delete(*, actor: User, handout: Handout) -> None:
    require(actor, MANAGE, handout.programme, PARTNERS)
    with set_actor(actor):
        handout.delete()
    _file_delete_on_commit(handout.file)
