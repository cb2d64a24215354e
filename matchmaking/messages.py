"""Outbox renderers. The reminder reads its request fresh and is cancelled once answered."""

from __future__ import annotations

from django.urls import reverse

from collider.models import Reminder
from collider.registry import Message, register_renderer

from .enums import AgreementStatus, RequestStatus
from .models import MeetingRequest, Party
from .services import SIGN_LINK_MAX_AGE, SIGN_REQUEST_KIND, agreement_hash, sign_link_url


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


@register_renderer("matchmaking_sign_link")
def render_sign_link(reminder: Reminder) -> Message | None:
    """The personal signing link, built when sent so no token is stored; a link for a revision
    that has since changed (a newer row carries the new one) or an already signed party is
    cancelled."""
    party = (
        Party.objects.select_related("agreement__programme")
        .filter(pk=reminder.target_id, user=None)
        .first()
    )
    revision = reminder.context.get("revision")
    if party is None or party.signed_at is not None or party.agreement.revision != revision:
        return None
    agreement = party.agreement
    return Message(
        "matchmaking_sign_link",
        {
            "name": party.name,
            "title": agreement.title,
            "kind": str(agreement.get_kind_display()),
            "programme": agreement.programme.name,
            "revision": revision,
            "by": reminder.context.get("by", ""),
            "hash": agreement_hash(agreement),
            "url": sign_link_url(party, revision=revision),
            "days": SIGN_LINK_MAX_AGE.days,
        },
    )


@register_renderer(SIGN_REQUEST_KIND)
def render_sign_request(reminder: Reminder) -> Message | None:
    """ "[Action required] Sign": to a party with an account, for one revision; none once they
    signed, the revision changed or the agreement is no longer waiting for signatures."""
    party = (
        Party.objects.select_related("agreement__programme", "user")
        .filter(pk=reminder.target_id, user__isnull=False)
        .first()
    )
    revision = reminder.context.get("revision")
    if (
        party is None
        or party.signed_at is not None
        or party.agreement.revision != revision
        or party.agreement.status != AgreementStatus.DRAFT
    ):
        return None
    agreement = party.agreement
    return Message(
        SIGN_REQUEST_KIND,
        {
            "recipient": party.user,
            "agreement": agreement,
            "programme": agreement.programme,
            "revision": revision,
            "days_waiting": reminder.context.get("days_waiting", 0),
            "cleared_note": agreement.signatures_cleared_note,
            "url": agreement.get_absolute_url(),
        },
    )
