"""The tandem app reacting to the core: a partner-meeting event moved or cancelled on the core's
event pages re-times (or cancels) the meeting's reminders."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from collider.enums import EventKind, EventStatus
from collider.models import Event
from collider.services import reminders_cancel_for

from .models import PartnerMeeting
from .services import meeting_reminders_schedule


@receiver(post_save, sender=Event, dispatch_uid="tandems_partner_meeting_event_saved")
def partner_meeting_event_saved(sender, instance: Event, created: bool, **kwargs) -> None:
    # Other kinds of events cost nothing here; a new event has no meeting yet.
    if created or kwargs.get("raw") or instance.kind != EventKind.PARTNER_MEETING:
        return
    meeting = PartnerMeeting.objects.filter(event=instance).select_related("event").first()
    if meeting is None:
        return
    if instance.status == EventStatus.CANCELLED:
        reminders_cancel_for(target=meeting, kinds=["tandems_meeting_reminder"])
        return
    meeting.event = instance
    meeting_reminders_schedule(meeting=meeting)
