"""iCalendar documents, built with the `icalendar` library: the one writer of every ``.ics``.

- UIDs end in the site's domain (``<uuid>@collider.example.org``), as RFC 5545 recommends,
  so they are unique across installations.
- Every event carries SEQUENCE, so a calendar replaces a changed event instead of keeping both.
- A calendar with nothing to show is still valid: RFC 5545 wants at least one component, so an
  empty one carries a VFREEBUSY that publishes "no busy time" for the period it covers — true,
  and ignored by calendar apps (no fake event, no stray time zone).
- Served and attached as ``text/calendar; charset=utf-8``.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from .enums import EventStatus
from .models import Event, Registration, User
from .rules import online_link_for

CONTENT_TYPE = "text/calendar; charset=utf-8"
#: How far ahead an empty calendar says "nothing scheduled".
EMPTY_WINDOW = timedelta(days=365)


def site_domain() -> str:
    return urlparse(settings.SITE_URL).hostname or "localhost"


def uid(local: str) -> str:
    """A UID unique across installations: ``local`` at the site's domain."""
    return f"{local}@{site_domain()}"


def new_calendar(*, name: str, product: str = "Tandem collider programmes") -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Collider//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)  # RFC 7986
    return calendar


def to_ical(calendar: icalendar.Calendar, *, key: str, now: datetime | None = None) -> bytes:
    """The finished file: time zones for every TZID used, and a component even when empty."""
    if not calendar.subcomponents:
        now = now or timezone.now()
        free = icalendar.FreeBusy()
        free.add("uid", uid(f"{key}-free"))
        free.add("dtstamp", now)
        free.add("dtstart", now.astimezone(UTC))
        free.add("dtend", (now + EMPTY_WINDOW).astimezone(UTC))
        calendar.add_component(free)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_response(body: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ics_attachment(body: bytes, *, filename: str) -> tuple[str, bytes, str]:
    """``(filename, content, mimetype)`` for :func:`collider.emails.send_email`; Django's mail
    adds ``charset=utf-8`` to a ``text/*`` attachment itself."""
    return (filename, body, "text/calendar")


def _vevent(event: Event, *, online_link: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", uid(str(event.uid)))
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
    key: str = "events",
) -> bytes:
    """A VCALENDAR with one VEVENT per event; time zones are added for every TZID used.

    ``user`` (or a guest's ``registration``) is who receives the file: an event's online link
    is written only where ``online_link_for`` lets them see it, as on the event page.
    """
    calendar = new_calendar(name=name)
    for event in events:
        link = online_link_for(event, user=user, registration=registration)
        calendar.add_component(_vevent(event, online_link=link))
    return to_ical(calendar, key=key)
