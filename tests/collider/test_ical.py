"""iCalendar documents: one event's .ics and what calendar apps read back from it."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse

from collider import services
from collider.enums import RegistrationMode
from collider.ical import calendar_for
from tests.factories import EventFactory, member

pytestmark = pytest.mark.django_db


def vevents(content: bytes) -> list:
    return icalendar.Calendar.from_ical(content).walk("VEVENT")


def test_event_ics_holds_one_event_at_its_start_instant(client, programme):
    start = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)
    event = EventFactory(
        programme=programme,
        title="Idea pitch day",
        registration_mode=RegistrationMode.PUBLIC,
        timezone="America/New_York",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        venue="Chamber hall",
        address="Main street 1",
    )

    response = client.get(reverse("collider:event_ics", args=[programme.slug, event.pk]))

    (item,) = vevents(response.content)
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    assert str(item["SUMMARY"]) == "Idea pitch day"
    assert item.decoded("DTSTART") == start
    assert item.decoded("DTEND") == start + timedelta(hours=3)
    assert item["DTSTART"].params["TZID"] == "America/New_York"
    assert str(item["UID"]) == f"{event.uid}@collider"
    assert str(item["LOCATION"]) == "Chamber hall, Main street 1"
    assert str(item["STATUS"]) == "CONFIRMED"
    timezones = [
        str(tz["TZID"]) for tz in icalendar.Calendar.from_ical(response.content).walk("VTIMEZONE")
    ]
    assert timezones == ["America/New_York"]


def test_event_ics_keeps_its_uid_and_raises_sequence_when_the_event_moves(programme, partner):
    event = EventFactory(programme=programme)
    (before,) = vevents(calendar_for([event], name="x"))
    # iCalendar times have whole seconds.
    new_start = (event.starts_at + timedelta(days=1)).replace(microsecond=0)

    moved = services.event_update(
        actor=partner, event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=1)
    )

    (after,) = vevents(calendar_for([moved], name="x"))
    assert str(after["UID"]) == str(before["UID"])
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("DTSTART") == new_start


def test_event_ics_of_a_cancelled_event_says_cancelled(programme, partner):
    event = EventFactory(programme=programme)

    services.event_cancel(actor=partner, event=event)

    (item,) = vevents(calendar_for([event], name="x"))
    assert (str(item["STATUS"]), item["SEQUENCE"]) == ("CANCELLED", 1)


def test_event_ics_of_a_members_event_is_hidden_from_other_members(
    client, programme, other_programme
):
    event = EventFactory(programme=programme)
    client.force_login(member(other_programme))

    response = client.get(reverse("collider:event_ics", args=[programme.slug, event.pk]))

    assert response.status_code == 404
    assert b"BEGIN:VEVENT" not in response.content
