"""How outreach outbox rows become e-mails (rendered fresh at send time)."""

from __future__ import annotations

from collider.models import Reminder
from collider.registry import Message, register_renderer

from .models import ChecklistResponse


@register_renderer("outreach_checklist_result")
def render_checklist_result(reminder: Reminder) -> Message | None:
    response = (
        ChecklistResponse.objects.select_related("checklist__programme")
        .filter(pk=reminder.target_id)
        .first()
    )
    if response is None:
        return None
    scores = list(
        response.section_scores.select_related("section").order_by("section__order", "section__pk")
    )
    return Message(
        "outreach_checklist_result",
        {
            "response": response,
            "checklist": response.checklist,
            "programme": response.checklist.programme,
            "scores": scores,
            "result_url": response.get_absolute_url(),
            "programme_url": response.checklist.programme.get_absolute_url(),
        },
    )
