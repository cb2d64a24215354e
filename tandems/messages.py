"""How the tandem app's outbox rows become e-mails. Renderers read their target fresh at send
time and return None when the message no longer applies (the row is then cancelled)."""

from __future__ import annotations

from django.urls import reverse

from collider.enums import EventStatus
from collider.ical import calendar_for, ics_attachment
from collider.models import Reminder
from collider.registry import Message, register_renderer
from collider.rules import online_link_for

from . import selectors
from .enums import TaskStatus
from .models import CharterVersion, PartnerMeeting, PeerComment, Task


@register_renderer("tandems_meeting_reminder")
def render_meeting_reminder(reminder: Reminder) -> Message | None:
    meeting = (
        PartnerMeeting.objects.select_related("event__programme")
        .filter(pk=reminder.target_id)
        .first()
    )
    if meeting is None or meeting.event.status == EventStatus.CANCELLED:
        return None
    event = meeting.event
    # An agenda the partners wrote or generated wins; otherwise generate one now.
    agenda = meeting.agenda or selectors.agenda_text(selectors.agenda_build(meeting))
    context = {
        "meeting": meeting,
        "event": event,
        "programme": event.programme,
        "agenda": agenda,
        "recipient": reminder.recipient,
        "offset_hours": reminder.context.get("offset_seconds", 0) // 3600,
        "meeting_url": meeting.get_absolute_url(),
        "online_link": online_link_for(event, user=reminder.recipient),
    }
    ics = calendar_for([event], name=event.title, user=reminder.recipient)
    return Message(
        "tandems_meeting_reminder",
        context,
        [ics_attachment(ics, filename=f"meeting-{event.pk}.ics")],
    )


@register_renderer("tandems_task_due")
def render_task_due(reminder: Reminder) -> Message | None:
    task = (
        Task.objects.select_related("programme", "owner__organisation", "assignee")
        .filter(pk=reminder.target_id)
        .first()
    )
    if task is None or task.status == TaskStatus.DONE or task.assignee_id != reminder.recipient_id:
        return None
    return Message(
        "tandems_task_due",
        {
            "task": task,
            "programme": task.programme,
            "recipient": reminder.recipient,
            "task_url": reverse("tandems:task_list", args=[task.programme.slug]),
        },
    )


@register_renderer("tandems_charter_changed")
def render_charter_changed(reminder: Reminder) -> Message | None:
    version = (
        CharterVersion.objects.select_related("programme", "created_by")
        .filter(pk=reminder.target_id)
        .first()
    )
    if version is None:
        return None
    return Message(
        "tandems_charter_changed",
        {
            "version": version,
            "programme": version.programme,
            "recipient": reminder.recipient,
            "charter_url": reverse("tandems:charter", args=[version.programme.slug]),
        },
    )


@register_renderer("tandems_peer_comment")
def render_peer_comment(reminder: Reminder) -> Message | None:
    comment = (
        PeerComment.objects.select_related("pilot_action__programme", "author", "author_programme")
        .filter(pk=reminder.target_id)
        .first()
    )
    if comment is None:
        return None
    return Message(
        "tandems_peer_comment",
        {
            "comment": comment,
            "pilot": comment.pilot_action,
            "programme": comment.pilot_action.programme,
            "recipient": reminder.recipient,
            "pilot_url": comment.pilot_action.get_absolute_url(),
        },
    )
