"""Writes of the media log: commitments, commit, publish."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collider.models import Programme, User
from collider.rules import require, roles_in

from ..actions import MEDIA_COMMIT, MEDIA_PUBLISH, PARTNERS
from ..enums import (
    MediaStatus,
)
from ..models import (
    MediaCommitment,
)
from ..rules import MANAGE
from .common import _apply

# --- Media log -------------------------------------------------------------------------------


def _check_responsible(programme: Programme, responsible: User) -> None:
    if not (responsible.is_superuser or "partner" in roles_in(responsible, programme)):
        raise ValidationError(_("The responsible person must be a partner of this programme."))


@transaction.atomic
def media_commitment_create(
    *, actor: User, programme: Programme, responsible: User, **fields
) -> MediaCommitment:
    require(actor, MANAGE, programme, PARTNERS)
    _check_responsible(programme, responsible)
    with set_actor(actor):
        item = MediaCommitment(programme=programme, responsible=responsible)
        _apply(item, {**fields, "status": MediaStatus.CONTACTED})
    return item


@transaction.atomic
def media_commitment_update(
    *, actor: User, item: MediaCommitment, responsible: User, **fields
) -> MediaCommitment:
    require(actor, MANAGE, item.programme, PARTNERS)
    _check_responsible(item.programme, responsible)
    with set_actor(actor):
        _apply(item, {**fields, "responsible": responsible})
    return item


@MEDIA_COMMIT.performs
def media_commitment_commit(*, actor: User, item: MediaCommitment) -> MediaCommitment:
    """Contacted → committed: the outlet agreed to publish (the declaration moves the state)."""
    return item


@MEDIA_PUBLISH.performs
def media_commitment_publish(
    *,
    actor: User,
    item: MediaCommitment,
    link: str,
    published_on,
    estimated_reach: int | None,
) -> MediaCommitment:
    """Committed → published, with the publication's link, date and estimated reach."""
    with set_actor(actor):
        _apply(
            item,
            {
                "status": MediaStatus.PUBLISHED,
                "link": link,
                "published_on": published_on,
                "estimated_reach": estimated_reach,
            },
        )
    return item
