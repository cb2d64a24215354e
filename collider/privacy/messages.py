"""The e-mail a person gets when their erasure is scheduled (read fresh when it is sent)."""

from __future__ import annotations

from django.urls import reverse

from ..enums import ErasureStatus
from ..models import ErasureRequest, Reminder
from ..registry import Message, register_renderer
from .services import ERASURE_REQUESTED


@register_renderer(ERASURE_REQUESTED)
def render_erasure_requested(reminder: Reminder) -> Message | None:
    request = ErasureRequest.objects.select_related("user").filter(pk=reminder.target_id).first()
    if request is None or request.status != ErasureStatus.PENDING:
        return None  # cancelled (or carried out) before the mail went out
    return Message(
        ERASURE_REQUESTED,
        {
            "name": request.user.display_name,
            "due_at": request.due_at,
            "privacy_url": reverse("collider:privacy"),
        },
    )
