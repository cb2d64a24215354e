"""Matchmaking's figures on a participant's dashboard cockpit: meetings and requests."""

from __future__ import annotations

from collections import Counter

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from collider.enums import Role
from collider.registry import Tile
from collider.rules import programme_ids_as

from .enums import RequestStatus
from .models import MeetingRequest
from .next_steps import _facts


def participant_tiles(*, user, programmes) -> dict[int, list[Tile]]:
    mine = programme_ids_as(user, Role.PARTICIPANT)
    if not mine:
        return {}
    facts = _facts(user)  # shared with the next steps: no query of its own
    accepted = Counter(
        MeetingRequest.objects.filter(
            Q(requester__user=user) | Q(recipient__user=user),
            status=RequestStatus.ACCEPTED,
            workshop__event__programme_id__in=mine,
        ).values_list("workshop__event__programme_id", flat=True)
    )
    tiles = {}
    for programme in programmes:
        if programme.pk not in mine:
            continue
        url = reverse("matchmaking:hub", args=[programme.slug])
        waiting = facts["waiting"][programme.pk]
        tiles[programme.pk] = [
            Tile(
                label=_("Meetings agreed"),
                value=accepted[programme.pk],
                url=url,
                hint=_("Requests to answer: %(n)s") % {"n": waiting} if waiting else "",
            )
        ]
    return tiles
