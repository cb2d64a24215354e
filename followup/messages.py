"""How the follow-up app's outbox rows become e-mails."""

from django.urls import reverse

from collider.models import Reminder
from collider.registry import Message, register_renderer

from .enums import Stage
from .models import CheckIn, Milestone
from .services import CHECKIN_KIND, MILESTONE_OVERDUE_KIND


@register_renderer(CHECKIN_KIND)
def render_checkin(reminder: Reminder) -> Message | None:
    """A check-in question to one side; none once answered or when the cooperation stopped."""
    checkin = (
        CheckIn.objects.select_related("cooperation__programme", "respondent")
        .filter(pk=reminder.target_id)
        .first()
    )
    if checkin is None or checkin.is_answered or checkin.cooperation.stage == Stage.STOPPED:
        return None
    programme = checkin.cooperation.programme
    return Message(
        "followup_checkin",
        {
            "checkin": checkin,
            "cooperation": checkin.cooperation,
            "programme": programme,
            "recipient": checkin.respondent,
            "answer_url": reverse(
                "followup:checkin_answer", kwargs={"slug": programme.slug, "pk": checkin.pk}
            ),
        },
    )


@register_renderer(MILESTONE_OVERDUE_KIND)
def render_milestone_overdue(reminder: Reminder) -> Message | None:
    """An overdue milestone, to one contact; none once it is done or the cooperation ended."""
    milestone = (
        Milestone.objects.select_related("cooperation__programme")
        .filter(pk=reminder.target_id)
        .first()
    )
    if (
        milestone is None
        or milestone.is_done
        or milestone.cooperation.stage in (Stage.STOPPED, Stage.COMPLETED)
        or reminder.recipient is None
    ):
        return None
    return Message(
        "followup_milestone_overdue",
        {
            "milestone": milestone,
            "cooperation": milestone.cooperation,
            "programme": milestone.cooperation.programme,
            "recipient": reminder.recipient,
        },
    )
