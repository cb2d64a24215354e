"""The participant's readiness profile (checklist scores per dimension) on the cockpit."""

from __future__ import annotations

from collider.enums import Role
from collider.registry import Tile
from collider.rules import programme_ids_as

from .enums import Dimension
from .selectors import checklist_section_scores_for


def checklist_profile_tiles(*, user, programmes) -> dict[int, list[Tile]]:
    mine = programme_ids_as(user, Role.PARTICIPANT)
    tiles = {}
    for programme in programmes:
        if programme.pk not in mine:
            continue
        # One query for every programme, cached on the user and shared with training's steps.
        scores = checklist_section_scores_for(user=user, programme=programme)
        tiles[programme.pk] = [
            Tile(
                label=str(Dimension(dimension).label),
                value=score,
                target=100,
                tone="warning" if score < 60 else "",
            )
            for dimension, score in scores.items()
            if dimension in Dimension.values
        ]
    return tiles
