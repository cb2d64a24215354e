"""Outbox renderers. The reminder reads its request fresh and is cancelled once answered."""

from __future__ import annotations

from django.urls import reverse

from collider.models import Reminder
from collider.registry import Message, register_renderer

from .enums import RequestStatus
from .models import MeetingRequest


@register_renderer("matchmaking_request_reminder")
def render_request_reminder(reminder: Reminder) -> Message | None:
    request = (
        MeetingRequest.objects.select_related(
            "workshop__event__programme",
            "requester__user",
            "requester__organisation",
            "recipient__user",
        )
        .filter(pk=reminder.target_id)
        .first()
    )
    if request is None or request.status != RequestStatus.PENDING:
        return None
    programme = request.workshop.event.programme
    return Message(
        "matchmaking_request_reminder",
        {
            "requester": request.requester.display_name,
            "reason": request.reason,
            "workshop": str(request.workshop),
            "expires_at": request.expires_at,
            "url": reverse(
                "matchmaking:workshop_detail", args=[programme.slug, request.workshop_id]
            ),
        },
    )
