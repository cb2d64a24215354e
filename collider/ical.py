"""iCalendar documents built with the `icalendar` library."""

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone

from .enums import EventStatus
from .models import Event, Registration, User
from .rules import online_link_for


def _vevent(event: Event, *, online_link: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"{event.uid}@collider")
    item.add("sequence", event.sequence)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.starts_at.astimezone(event.tz))
    item.add("dtend", event.ends_at.astimezone(event.tz))
    item.add("summary", event.title)
    if event.description:
        item.add("description", event.description)
    location = ", ".join(part for part in [event.venue, event.address, online_link] if part)
    if location:
        item.add("location", location)
    item.add("url", settings.SITE_URL + event.get_absolute_url())
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    item.add("categories", [event.get_kind_display()])
    return item


def calendar_for(
    events: Iterable[Event],
    *,
    name: str,
    user: User | None = None,
    registration: Registration | None = None,
) -> bytes:
    """A VCALENDAR with one VEVENT per event; time zones are added for every TZID used.

    ``user`` (or a guest's ``registration``) is who receives the file: an event's online link
    is written only where ``online_link_for`` lets them see it, as on the event page.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Collider//Tandem collider programmes//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        link = online_link_for(event, user=user, registration=registration)
        calendar.add_component(_vevent(event, online_link=link))
    calendar.add_missing_timezones()
    return calendar.to_ical()
