"""How the feedback surveys' outbox rows become e-mails: the invitation and the reminder."""

from __future__ import annotations

from django.urls import reverse

from collider.models import Reminder
from collider.registry import Message, register_renderer

from ..enums import SurveyState
from ..models import Survey, SurveyInvitation
from .services import INVITATION_KIND, REMINDER_KIND


def _respond_url(survey: Survey) -> str:
    return reverse(
        "followup:feedback_respond", kwargs={"slug": survey.programme.slug, "pk": survey.pk}
    )


def _invitation_message(reminder: Reminder, *, template: str) -> Message | None:
    """The e-mail of one invitation; none once the survey closed (or, for the reminder, once
    the person answered)."""
    invitation = (
        SurveyInvitation.objects.select_related("survey__programme", "survey__event", "user")
        .filter(pk=reminder.target_id)
        .first()
    )
    if invitation is None:
        return None
    survey = invitation.survey
    if survey.state in (SurveyState.CLOSED, SurveyState.DRAFT):
        return None
    answered = survey.responses.filter(respondent_id=invitation.user_id).exists()
    if template == REMINDER_KIND and answered:
        return None
    return Message(
        template,
        {
            "survey": survey,
            "programme": survey.programme,
            "recipient": invitation.user,
            "closes_on": survey.closes_on,
            "anonymous": survey.anonymous,
            "respond_url": _respond_url(survey),
        },
    )


@register_renderer(INVITATION_KIND)
def render_invitation(reminder: Reminder) -> Message | None:
    return _invitation_message(reminder, template=INVITATION_KIND)


@register_renderer(REMINDER_KIND)
def render_reminder(reminder: Reminder) -> Message | None:
    return _invitation_message(reminder, template=REMINDER_KIND)
