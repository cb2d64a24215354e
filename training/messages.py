"""How the training app's outbox rows become e-mails (rendered fresh at send time)."""

from __future__ import annotations

from django.urls import reverse

from collider.models import Registration, Reminder
from collider.registry import Message, register_renderer


@register_renderer("training_feedback_request")
def render_feedback_request(reminder: Reminder) -> Message | None:
    registration = (
        Registration.objects.select_related("event__programme", "event__training", "user")
        .filter(pk=reminder.target_id)
        .first()
    )
    if (
        registration is None
        or not registration.attended
        or not hasattr(registration.event, "training")
    ):
        return None
    if hasattr(registration, "training_feedback"):
        return None  # already answered: nothing to ask
    session = registration.event.training
    programme = registration.event.programme
    return Message(
        "training_feedback_request",
        {
            "registration": registration,
            "event": registration.event,
            "programme": programme,
            "is_visit": session.is_visit,
            "feedback_url": reverse("training:feedback", args=[programme.slug, session.pk]),
        },
    )
