"""The matchmaking app's declared buttons, checked for every state and role by the generated
test (``tests/actions.py``): allowed → done and logged, refused → 400/403/404 with the reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from collider.enums import Role, Sector
from matchmaking import services
from matchmaking.actions import MEETING_HELD, SCHEDULE_PUBLISH
from matchmaking.enums import RequestStatus
from matchmaking.models import MeetingRequest
from tests.actions import check_actions
from tests.factories import member

from .factories import accepted, begin, profile, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(programme):
    return member(programme, Role.PARTNER)


def test_meeting_held_follows_its_declaration(client, programme, partner):
    held_in = workshop(programme, actor=partner)
    bystander = member(programme, Role.PARTICIPANT, Sector.CCI)

    def make(state):
        begin(held_in, ago=-timedelta(days=10))  # requests are asked before the workshop
        request = services.meeting_request_create(
            actor=profile(programme, "UX").user,
            workshop=held_in,
            recipient=profile(programme, "UX", sector=Sector.AVM),
            reason="We fit.",
        )
        MeetingRequest.objects.filter(pk=request.pk).update(status=state)
        begin(held_in)  # and marked held once it started
        return request

    posts = check_actions(
        client,
        [MEETING_HELD],
        states=RequestStatus.values,
        make=make,
        roles={
            "anonymous": lambda r: None,
            "requester": lambda r: r.requester.user,
            "recipient": lambda r: r.recipient.user,
            "organiser": lambda r: partner,
            # A member who is no side of the request does not see it (404).
            "bystander": lambda r: bystander,
        },
    )

    assert posts == 25


def test_schedule_publish_follows_its_declaration(client, programme, partner):
    facilitator = member(programme, Role.FACILITATOR)

    def make(state):
        placed = workshop(programme, actor=partner, slots=2, tables=1)
        accepted(placed, profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM))
        services.schedule_run(actor=partner, workshop=placed)
        return placed

    posts = check_actions(
        client,
        [SCHEDULE_PUBLISH],
        states=[None],
        make=make,
        roles={
            "anonymous": lambda w: None,
            "partner": lambda w: partner,
            "facilitator": lambda w: facilitator,
        },
    )

    assert posts == 3
