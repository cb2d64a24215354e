"""International meetings: events *or* 1:1 meetings with participants from two countries."""

from datetime import timedelta

from django.utils import timezone

from collider import kpis
from matchmaking.enums import RequestStatus
from matchmaking.models import MeetingRequest
from tests.collider import records
from tests.factories import EventFactory, RegistrationFactory


def _values(programme):
    today = timezone.localdate()
    return kpis.compute(programme, today - timedelta(days=10), today + timedelta(days=10))


def _keys(values):
    keys = ("events.international", "matchmaking.international_meetings", "international.meetings")
    return tuple(values[key] for key in keys)


def _meet(world, a, b, *, days=-1):
    return MeetingRequest.objects.create(
        workshop=world.workshop,
        requester=world.profiles[a],
        recipient=world.profiles[b],
        reason="We fit.",
        status=RequestStatus.ACCEPTED,
        expires_at=timezone.now() + timedelta(days=5),
        held_at=timezone.now() + timedelta(days=days),
    )


def test_a_held_meeting_across_two_countries_counts_once_in_each_total(programme):
    world = records.build(programme)
    before = _keys(_values(programme))

    _meet(world, world.dora, world.clara)  # AT ↔ AT: not international
    _meet(world, world.dora, world.bojan)  # AT ↔ SI: international

    assert (before, _keys(_values(programme))) == ((1, 1, 2), (1, 2, 3))


def test_a_meeting_held_outside_the_period_is_not_counted(programme):
    world = records.build(programme)

    _meet(world, world.bojan, world.ana, days=-30)

    assert _keys(_values(programme)) == (1, 1, 2)


def test_an_international_event_and_meeting_add_up(programme):
    world = records.build(programme)

    event = EventFactory(programme=programme, starts_at=timezone.now() - timedelta(days=1))
    RegistrationFactory(event=event, user=world.clara)
    RegistrationFactory(event=event, user=world.bojan)

    assert _keys(_values(programme)) == (2, 1, 3)
