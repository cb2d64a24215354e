"""A participant's personal workshop agenda as iCalendar (one VEVENT per meeting), written by
the core's iCal writer (collider.ical)."""

from __future__ import annotations

import icalendar
from django.conf import settings
from django.utils import timezone

from collider.ical import new_calendar, to_ical, uid


def agenda_calendar(*, workshop, profile, rows, online_link: str = "", sequence: int = 0) -> bytes:
    """``online_link`` is the workshop's link as ``collider.rules.online_link_for`` gives it to
    the downloader ("" when they may not see it). ``sequence`` is the published schedule's
    version number: a meeting moved by a newer version replaces the old one in the calendar."""
    calendar = new_calendar(
        name=f"{workshop.event.title} · {profile.display_name}", product="Match-making agenda"
    )
    tz = workshop.event.tz
    for row in rows:
        item = icalendar.Event()
        # One UID per meeting, whatever slot it has: a move updates the event.
        item.add("uid", uid(f"meeting-{row.meeting_id}"))
        item.add("sequence", sequence)
        item.add("dtstamp", timezone.now())
        item.add("dtstart", row.starts_at.astimezone(tz))
        item.add("dtend", row.ends_at.astimezone(tz))
        item.add("summary", f"1:1 · {row.other}")
        place = f"{workshop.event.venue} · table {row.table}".strip(" ·")
        item.add("location", ", ".join(part for part in [place, online_link] if part))
        item.add("description", row.reason)
        item.add("url", settings.SITE_URL + workshop.get_absolute_url())
        calendar.add_component(item)
    return to_ical(calendar, key=f"agenda-{workshop.pk}-{profile.pk}")
