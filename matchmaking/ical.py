"""A participant's personal workshop agenda as iCalendar (one VEVENT per meeting)."""

from __future__ import annotations

import icalendar
from django.conf import settings
from django.utils import timezone


def agenda_calendar(*, workshop, profile, rows, online_link: str = "") -> bytes:
    """``online_link`` is the workshop's link as ``collider.rules.online_link_for`` gives it to
    the downloader ("" when they may not see it)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Collider//Match-making agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{workshop.event.title} · {profile.display_name}")
    tz = workshop.event.tz
    for row in rows:
        item = icalendar.Event()
        item.add("uid", f"mm-{workshop.pk}-{profile.pk}-{row.slot_index}@collider")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", row.starts_at.astimezone(tz))
        item.add("dtend", row.ends_at.astimezone(tz))
        item.add("summary", f"1:1 · {row.other}")
        place = f"{workshop.event.venue} · table {row.table}".strip(" ·")
        item.add("location", ", ".join(part for part in [place, online_link] if part))
        item.add("description", row.reason)
        item.add("url", settings.SITE_URL + workshop.get_absolute_url())
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
