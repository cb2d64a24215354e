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


def test_charter_confirm_follows_its_declaration(programme, people, tandem):
    """Only a partner acting for that organisation confirms; everyone else (the admin too: no
    one confirms in another organisation's name) is refused with the declaration's message,
    and every confirmation leaves one activity entry."""
    from tandems import services
    from tandems.actions import CHARTER_CONFIRM
    from tandems.models import CharterConfirmation
    from tests.service_actions import check_services

    from .test_services import SECTIONS

    hub, cluster = tandem
    version = services.charter_version_create(actor=hub.person, programme=programme, **SECTIONS)

    def make(_state):
        CharterConfirmation.objects.all().delete()
        return hub

    calls = check_services(
        [CHARTER_CONFIRM],
        states=[None],
        make=make,
        roles={**people, "hub_staff": hub.person, "cluster_staff": cluster.person},
        data={CHARTER_CONFIRM.verb: {"version": version}},
    )

    assert (calls, CHARTER_CONFIRM.allows(hub.person, hub)) == (len(people) + 2, True)
    assert [CHARTER_CONFIRM.allows(u, hub) for u in (cluster.person, people["admin"])] == [
        False,
        False,
    ]


def test_action_item_done_button_follows_its_declaration(client, programme, people):
    """Partners (and the admin) tick off open items; the facilitator, who reads the minutes, is
    refused with the message; to the others the internal item does not exist (404)."""
    from django.utils import timezone

    from tandems.actions import ACTION_ITEM_COMPLETE
    from tandems.models import ActionItem

    from .factories import PartnerMeetingFactory

    meeting = PartnerMeetingFactory(event__programme=programme)

    def make(_state, done_at=None):
        return ActionItem.objects.create(
            programme=programme, meeting=meeting, title="Share the AVM list", done_at=done_at
        )

    posts = check_actions(
        client,
        [ACTION_ITEM_COMPLETE],
        states=[None],
        make=make,
        roles={role: (lambda _item, person=person: person) for role, person in people.items()},
    )
    done = make(None, done_at=timezone.now())
    client.force_login(people["partner"])
    again = client.post(ACTION_ITEM_COMPLETE.url_for(done))

    assert (posts, actions.declared(ActionItem, buttons=True)) == (
        len(people),
        [ACTION_ITEM_COMPLETE],
    )
    assert (again.status_code, "This action is already done." in again.content.decode()) == (
        400,
        True,
    )
