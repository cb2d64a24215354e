from __future__ import annotations

from datetime import UTC, datetime

import pytest

from collider.enums import Role
from matchmaking.forms import AvailabilityForm
from tests.factories import member

from .factories import workshop

pytestmark = pytest.mark.django_db


def _labels(w) -> list[str]:
    form = AvailabilityForm(workshop=w)
    return [label for _value, label in form.fields["unavailable"].choices]


@pytest.mark.parametrize(
    ("starts_utc", "expected"),
    [
        # Winter: Vienna is UTC+1.
        (datetime(2027, 1, 14, 8, 0, tzinfo=UTC), ["1: 09:00", "2: 09:25", "3: 09:50"]),
        # Summer: Vienna is UTC+2.
        (datetime(2027, 7, 14, 8, 0, tzinfo=UTC), ["1: 10:00", "2: 10:25", "3: 10:50"]),
    ],
)
def test_availability_slots_read_in_the_vienna_events_local_time(
    programme, settings, starts_utc, expected
):
    settings.TIME_ZONE = "UTC"  # the server's clock must not matter
    programme.timezone = "Europe/Vienna"
    programme.save(update_fields=["timezone"])
    w = workshop(programme, actor=member(programme, Role.PARTNER), slots=3, days=0)
    for slot in w.slots.all():
        offset = slot.starts_at - w.event.starts_at
        slot.starts_at = starts_utc + offset
        slot.save(update_fields=["starts_at"])
    w.event.refresh_from_db()

    assert w.event.timezone == "Europe/Vienna"
    assert _labels(w) == expected


def test_workshop_takes_the_programmes_time_zone(programme):
    programme.timezone = "Europe/Ljubljana"
    programme.save(update_fields=["timezone"])

    w = workshop(programme, actor=member(programme, Role.PARTNER), slots=1)

    assert w.event.timezone == "Europe/Ljubljana"
