"""Read an ``.ics`` the way two independent calendar parsers do: `icalendar` (which we write
with) and `vobject` (which we do not), so a file only one of them accepts fails the test.

Both must parse it, find the same VEVENTs (UID, SEQUENCE, start) and — RFC 5545 — at least one
component in the VCALENDAR.
"""

from __future__ import annotations

import icalendar
import vobject


def _vobject_events(content: bytes | str) -> list[tuple[str, int, object]]:
    calendar = vobject.readOne(content.decode("utf-8") if isinstance(content, bytes) else content)
    components = list(calendar.components())
    assert components, "a VCALENDAR needs at least one component (RFC 5545, 3.6)"
    return [
        (
            event.uid.value,
            int(event.sequence.value) if hasattr(event, "sequence") else 0,
            event.dtstart.value,
        )
        for event in components
        if event.name == "VEVENT"
    ]


def parse_ics(content: bytes | str) -> icalendar.Calendar:
    """The calendar as icalendar reads it, after checking vobject reads the same events."""
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar.subcomponents, "a VCALENDAR needs at least one component (RFC 5545, 3.6)"
    ours = [
        (str(event["UID"]), int(event.get("SEQUENCE", 0)), event.decoded("DTSTART"))
        for event in calendar.walk("VEVENT")
    ]
    assert _vobject_events(content) == ours
    return calendar


def vevents(content: bytes | str) -> list:
    """The VEVENTs of a file both parsers agree on."""
    return parse_ics(content).walk("VEVENT")
