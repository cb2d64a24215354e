"""Writes of the partner meetings: series, agenda, minutes, action items."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from auditlog.context import set_actor
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collider import services as core
from collider.enums import EventKind, RegistrationMode, ReminderState
from collider.models import Programme, Reminder, User
from collider.rules import require

from .. import selectors
from ..actions import ACTION_ITEM_COMPLETE
from ..models import (
    ActionItem,
    MeetingSeries,
    PartnerMeeting,
)

#: Partner-meeting reminders to partner staff, before the start.
MEETING_REMINDER_OFFSETS = (timedelta(days=3), timedelta(hours=1))
#: A series never produces more meetings than this, whatever its rule says.
MAX_SERIES_OCCURRENCES = 60
# --- Partner meetings -------------------------------------------------------------------------


def series_occurrences(
    *, rule: str, first_starts_at: datetime, tz: str, until: datetime | None = None
) -> list[datetime]:
    """The start times a recurrence rule produces (wall-clock time kept across DST)."""
    zone = ZoneInfo(tz)
    local_start = first_starts_at.astimezone(zone).replace(tzinfo=None)
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    try:
        recurrence = rrulestr(text, dtstart=local_start)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            {"rrule": _("Not a valid recurrence rule: %(e)s") % {"e": error}}
        ) from error
    starts = []
    limit = until.astimezone(zone).replace(tzinfo=None) if until else None
    for occurrence in recurrence:
        if limit is not None and occurrence > limit:
            break
        starts.append(occurrence.replace(tzinfo=zone))
        if len(starts) >= MAX_SERIES_OCCURRENCES:
            break
    if not starts:
        raise ValidationError({"rrule": _("The rule produces no meetings.")})
    return starts


def meeting_reminders_schedule(*, meeting: PartnerMeeting) -> None:
    """(Re-)schedule the reminders of a meeting for every partner member, 3 days and 1 hour
    before its start; times already past are cancelled. Idempotent (dedupe keys)."""
    event = meeting.event
    now = timezone.now()
    for membership in selectors.partner_staff(programme=event.programme):
        for offset in MEETING_REMINDER_OFFSETS:
            due = event.starts_at - offset
            key = f"tandems-meeting:{meeting.pk}:{membership.user_id}:{int(offset.total_seconds())}"
            if due <= now:
                Reminder.objects.filter(dedupe_key=key, state=ReminderState.PENDING).update(
                    state=ReminderState.CANCELLED
                )
                continue
            core.reminder_schedule(
                kind="tandems_meeting_reminder",
                email=membership.user.email,
                recipient=membership.user,
                programme=event.programme,
                due_at=due,
                dedupe_key=key,
                target=meeting,
                context={"offset_seconds": int(offset.total_seconds())},
            )


@transaction.atomic
def meeting_series_create(
    *,
    actor: User,
    programme: Programme,
    title: str,
    rrule: str,
    first_starts_at: datetime,
    duration_minutes: int = 60,
    tz: str = "Europe/Vienna",
    format: str = "online",
    venue: str = "",
    online_url: str = "",
) -> MeetingSeries:
    """Create a recurring partner meeting: one partner-meeting event per occurrence up to the
    programme's end. Side effects: reminders to partner staff 3 days and 1 hour before each."""
    require(actor, "tandems.manage_tandem", programme)
    programme_end = datetime.combine(programme.ends_on, time(23, 59), tzinfo=ZoneInfo(tz))
    starts = series_occurrences(
        rule=rrule, first_starts_at=first_starts_at, tz=tz, until=programme_end
    )
    with set_actor(actor):
        series = MeetingSeries(
            programme=programme,
            title=title,
            rrule=rrule.strip(),
            first_starts_at=first_starts_at,
            duration_minutes=duration_minutes,
            timezone=tz,
            format=format,
            venue=venue,
            online_url=online_url,
            created_by=actor,
        )
        series.full_clean()
        series.save()
    for start in starts:
        event = core.event_create(
            actor=actor,
            programme=programme,
            kind=EventKind.PARTNER_MEETING,
            title=title,
            description=_("Partner meeting of the tandem (agenda on the meeting page)."),
            format=format,
            venue=venue,
            online_url=online_url,
            starts_at=start,
            ends_at=start + timedelta(minutes=duration_minutes),
            timezone=tz,
            registration_mode=RegistrationMode.INVITE_ONLY,
        )
        meeting = PartnerMeeting.objects.create(event=event, series=series)
        meeting_reminders_schedule(meeting=meeting)
    return series


@transaction.atomic
def meeting_agenda_generate(*, actor: User, meeting: PartnerMeeting) -> PartnerMeeting:
    """Replace the agenda with one generated from the programme's current state."""
    require(actor, "tandems.manage_tandem", meeting.event.programme)
    meeting.agenda = selectors.agenda_text(selectors.agenda_build(meeting))
    meeting.agenda_edited_at = timezone.now()
    with set_actor(actor):
        meeting.save(update_fields=["agenda", "agenda_edited_at"])
    return meeting


@transaction.atomic
def meeting_agenda_update(*, actor: User, meeting: PartnerMeeting, agenda: str) -> PartnerMeeting:
    require(actor, "tandems.manage_tandem", meeting.event.programme)
    meeting.agenda = agenda
    meeting.agenda_edited_at = timezone.now()
    with set_actor(actor):
        meeting.save(update_fields=["agenda", "agenda_edited_at"])
    return meeting


@transaction.atomic
def meeting_minutes_record(*, actor: User, meeting: PartnerMeeting, minutes: str) -> PartnerMeeting:
    """Record the minutes once the meeting started; the programme's counts are kept so the next
    agenda can show what changed since."""
    require(actor, "tandems.manage_tandem", meeting.event.programme)
    if meeting.event.starts_at > timezone.now():
        raise ValidationError({"minutes": _("Minutes can be recorded once the meeting started.")})
    meeting.minutes = minutes
    meeting.minutes_recorded_at = timezone.now()
    meeting.counts_snapshot = selectors.programme_counts(meeting.event.programme)
    with set_actor(actor):
        meeting.save(update_fields=["minutes", "minutes_recorded_at", "counts_snapshot"])
    return meeting


@transaction.atomic
def action_item_create(
    *, actor: User, meeting: PartnerMeeting, title: str, assignee: User, due_on=None
) -> ActionItem:
    programme = meeting.event.programme
    require(actor, "tandems.manage_tandem", programme)
    if not selectors.partner_staff_users(programme=programme).filter(pk=assignee.pk).exists():
        raise ValidationError({"assignee": _("Assign the action to a partner member.")})
    with set_actor(actor):
        item = ActionItem(
            meeting=meeting, programme=programme, title=title, assignee=assignee, due_on=due_on
        )
        item.full_clean()
        item.save()
    return item


@ACTION_ITEM_COMPLETE.performs
def action_item_complete(*, actor: User, item: ActionItem) -> ActionItem:
    """Tick off an open action item (the declaration checks who, and that it is open)."""
    item.done_at = timezone.now()
    with set_actor(actor):
        item.save(update_fields=["done_at"])
    return item
