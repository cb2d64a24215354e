"""iCalendar documents: one event's .ics and what calendar apps read back from it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from collider import services
from collider.enums import EventFormat, RegistrationMode, RegistrationStatus
from collider.ical import calendar_for
from collider.rules import online_link_for
from tests.factories import EventFactory, RegistrationFactory, member
from tests.icalcheck import parse_ics, vevents

pytestmark = pytest.mark.django_db


def test_event_ics_holds_one_event_at_its_start_instant(client, programme, settings):
    settings.SITE_URL = "https://collider.example.org"
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
    assert str(item["UID"]) == f"{event.uid}@collider.example.org"
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert str(item["LOCATION"]) == "Chamber hall, Main street 1"
    assert str(item["STATUS"]) == "CONFIRMED"
    timezones = [str(tz["TZID"]) for tz in parse_ics(response.content).walk("VTIMEZONE")]
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


# --- The online link: one rule for the page, the .ics, the feed, e-mails and agendas ----------

LINK = "https://meet.example/secret-room"


def online_event(programme, **kwargs):
    return EventFactory(
        programme=programme,
        format=EventFormat.ONLINE,
        venue="",
        online_url=LINK,
        registration_mode=RegistrationMode.PUBLIC,
        **kwargs,
    )


def test_event_ics_and_page_show_the_online_link_only_to_confirmed_registrants_and_managers(
    client, programme, partner
):
    event = online_event(programme)
    confirmed, waitlisted, unregistered = member(programme), member(programme), member(programme)
    RegistrationFactory(event=event, user=confirmed)
    RegistrationFactory(event=event, user=waitlisted, status=RegistrationStatus.WAITLISTED)
    ics_url = reverse("collider:event_ics", args=[programme.slug, event.pk])

    seen = {}
    for label, viewer in [
        ("anonymous", None),
        ("unregistered", unregistered),
        ("waitlisted", waitlisted),
        ("confirmed", confirmed),
        ("partner", partner),
    ]:
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        (item,) = vevents(client.get(ics_url).content)
        page = client.get(event.get_absolute_url()).content.decode()
        seen[label] = (LINK in str(item.get("LOCATION", "")), LINK in page)

    assert seen == {
        "anonymous": (False, False),
        "unregistered": (False, False),
        "waitlisted": (False, False),
        "confirmed": (True, True),
        "partner": (True, True),
    }


def test_calendar_feed_writes_the_online_link_only_where_the_seat_is_confirmed(client, programme):
    user = member(programme)
    seat = online_event(programme, title="Seat")
    queue = online_event(programme, title="Queue")
    RegistrationFactory(event=seat, user=user)
    RegistrationFactory(event=queue, user=user, status=RegistrationStatus.WAITLISTED)

    response = client.get(reverse("collider:calendar_feed", args=[user.calendar_token]))

    locations = {str(e["SUMMARY"]): str(e.get("LOCATION", "")) for e in vevents(response.content)}
    assert locations == {"Seat": LINK, "Queue": ""}


def test_guest_confirmation_mail_attachment_carries_the_link_and_waitlist_mail_none(
    programme, django_capture_on_commit_callbacks
):
    event = online_event(programme, capacity=1)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, name="A", email="a@example.org")
        services.registration_create(event=event, name="B", email="b@example.org")

    attachments = {
        message.to[0]: [
            str(item.get("LOCATION", ""))
            for _name, content, _type in message.attachments
            for item in vevents(content)
        ]
        for message in mail.outbox
    }
    assert attachments == {"a@example.org": [LINK], "b@example.org": []}


def test_online_link_for_follows_the_registration_of_a_guest(programme):
    event = online_event(programme)
    other = online_event(programme)
    guest = RegistrationFactory(event=event, user=None, email="g@example.org")

    assert (
        online_link_for(event, registration=guest),
        online_link_for(other, registration=guest),
        online_link_for(event),
    ) == (LINK, "", "")


def test_calendar_without_events_is_valid_and_shows_nothing(client, programme, settings):
    settings.SITE_URL = "https://collider.example.org"
    user = member(programme)

    response = client.get(reverse("collider:calendar_feed", args=[user.calendar_token]))

    calendar = parse_ics(response.content)
    (free,) = calendar.subcomponents
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (free.name, "FREEBUSY" in free, calendar.walk("VEVENT")) == ("VFREEBUSY", False, [])
    assert str(free["UID"]).endswith("@collider.example.org")
    assert free.decoded("DTEND") - free.decoded("DTSTART") == timedelta(days=365)


def test_registration_mail_attaches_the_event_as_a_utf8_calendar(
    programme, django_capture_on_commit_callbacks
):
    event = EventFactory(
        programme=programme, title="Café Kreativ", registration_mode=RegistrationMode.PUBLIC
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, name="Zoë", email="zoe@example.org")

    [message] = mail.outbox
    [part] = [p for p in message.message().walk() if p.get_filename() == f"event-{event.pk}.ics"]
    (item,) = vevents(part.get_payload(decode=True))
    assert part.get_content_type() == "text/calendar"
    assert part.get_content_charset() == "utf-8"
    assert str(item["SUMMARY"]) == "Café Kreativ"
