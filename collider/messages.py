"""How the core's outbox rows become e-mails. Each renderer reads its target fresh at send time,
so a reminder always carries the current time and place, and returns None when it no longer
applies (the row is then cancelled instead of sent)."""

from __future__ import annotations

from django.urls import reverse

from .enums import EventStatus, RegistrationStatus
from .ical import calendar_for, ics_attachment
from .models import Invitation, Membership, OrganisationInvitation, Registration, Reminder
from .registry import Message, register_renderer
from .rules import online_link_for


def _registration(reminder: Reminder) -> Registration | None:
    return (
        Registration.objects.select_related("event__programme", "user")
        .filter(pk=reminder.target_id)
        .first()
    )


def _event_context(registration: Registration) -> dict:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "programme": event.programme,
        "event_url": event.get_absolute_url(),
        "manage_url": reverse("collider:registration_manage", args=[registration.token]),
        "online_link": online_link_for(event, registration=registration),
    }


def _ics(registration: Registration) -> list[tuple[str, bytes, str]]:
    event = registration.event
    ics = calendar_for([event], name=event.title, registration=registration)
    return [ics_attachment(ics, filename=f"event-{event.pk}.ics")]


@register_renderer("event_reminder")
def render_event_reminder(reminder: Reminder) -> Message | None:
    registration = _registration(reminder)
    if (
        registration is None
        or registration.status != RegistrationStatus.CONFIRMED
        or registration.event.status == EventStatus.CANCELLED
    ):
        return None
    context = _event_context(registration)
    context["offset_hours"] = reminder.context.get("offset_seconds", 0) // 3600
    return Message("event_reminder", context, _ics(registration))


def _registration_message(template: str, *, with_ics: bool):
    def render(reminder: Reminder) -> Message | None:
        registration = _registration(reminder)
        if registration is None:
            return None
        return Message(
            template, _event_context(registration), _ics(registration) if with_ics else []
        )

    return render


register_renderer("registration_confirmed")(
    _registration_message("registration_confirmed", with_ics=True)
)
register_renderer("waitlisted")(_registration_message("waitlisted", with_ics=False))
register_renderer("waitlist_promoted")(_registration_message("waitlist_promoted", with_ics=True))
register_renderer("event_cancelled")(_registration_message("event_cancelled", with_ics=False))


def _membership_message(template: str):
    def render(reminder: Reminder) -> Message | None:
        membership = (
            Membership.objects.select_related("programme", "user", "organisation")
            .filter(pk=reminder.target_id)
            .first()
        )
        if membership is None:
            return None
        return Message(
            template,
            {
                "membership": membership,
                "programme": membership.programme,
                "programme_url": membership.programme.get_absolute_url(),
                "manage_url": reverse("collider:programme_manage", args=[membership.programme.slug])
                + "?status=applied",
                "recipient": reminder.recipient,
            },
        )

    return render


for _kind in ("application_received", "application_to_review", "application_decided"):
    register_renderer(_kind)(_membership_message(_kind))


@register_renderer("organisation_invitation")
def render_organisation_invitation(reminder: Reminder) -> Message | None:
    invitation = (
        OrganisationInvitation.objects.select_related("organisation", "invited_by")
        .filter(pk=reminder.target_id)
        .first()
    )
    if invitation is None or not invitation.is_open:
        return None
    return Message(
        "organisation_invitation",
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "accept_url": reverse(
                "collider:organisation_invitation_accept", args=[invitation.token]
            ),
            "signup_url": reverse("account_signup"),
        },
    )


@register_renderer("invitation")
def render_invitation(reminder: Reminder) -> Message | None:
    invitation = (
        Invitation.objects.select_related("programme", "invited_by")
        .filter(pk=reminder.target_id)
        .first()
    )
    if invitation is None or not invitation.is_open:
        return None
    return Message(
        "invitation",
        {
            "invitation": invitation,
            "programme": invitation.programme,
            "accept_url": reverse("collider:invitation_accept", args=[invitation.token]),
            "signup_url": reverse("account_signup"),
        },
    )
