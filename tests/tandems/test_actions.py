"""The generated test of the tandem app's declared actions: every pilot action button, in
every stage, for every role of the access matrix."""

from __future__ import annotations

from decimal import Decimal

from collider import actions
from tandems.actions import ADVANCE, PUBLISH, UNPUBLISH
from tandems.enums import PilotStage
from tandems.models import PilotAction
from tests.actions import check_actions

from .factories import PilotActionFactory

#: Every field a stage gate asks for, filled: a pilot action that may move on from any stage.
READY = {
    "target_group": "Manufacturers and designers",
    "reach_target": 40,
    "stakeholders": "The regional chamber",
    "location": "Linz",
    "timeframe": "Spring",
    "frequency": "once",
    "methods": "Workshops",
    "critical_factors": "Time",
    "success_factors": "Trust",
    "budget_planned": Decimal("1000"),
    "budget_actual": Decimal("900"),
    "results": "34 people",
    "lessons": "Start early",
}


def test_every_pilot_action_button_is_declared():
    assert set(actions.declared(PilotAction, buttons=True)) == {
        *ADVANCE.values(),
        PUBLISH,
        UNPUBLISH,
    }


def test_pilot_actions_follow_their_declarations(client, programme, people):
    def make(state: str) -> PilotAction:
        return PilotActionFactory(programme=programme, stage=state, **READY)

    posts = check_actions(
        client,
        [*ADVANCE.values(), PUBLISH],
        states=PilotStage.values,
        make=make,
        roles={role: (lambda _pilot, person=person: person) for role, person in people.items()},
    )
    assert posts == 5 * len(PilotStage.values) * len(people)


def test_unpublish_follows_its_declaration(client, programme, people):
    def make(state: str) -> PilotAction:
        return PilotActionFactory(programme=programme, stage=state, published=True, **READY)

    check_actions(
        client,
        [UNPUBLISH],
        states=[PilotStage.CLOSED],
        make=make,
        roles={role: (lambda _pilot, person=person: person) for role, person in people.items()},
    )
