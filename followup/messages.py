"""How the follow-up app's outbox rows become e-mails."""

from django.urls import reverse

from collider.models import Reminder
from collider.registry import Message, register_renderer

from .enums import Stage, StoryStatus
from .evaluation.services import CONFIRM_KIND
from .models import CheckIn, JointEvaluation, Milestone, SuccessStory
from .services import CHECKIN_KIND, MILESTONE_OVERDUE_KIND
from .stories.selectors import consents_by_side, text_hash


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


# --- Joint evaluation and success stories


@register_renderer("followup_story_consent")
def render_story_consent(reminder: Reminder) -> Message | None:
    """A consent request to one side, for one version of the text; none once that version is
    outdated, the side has consented, or the story is no longer waiting for consent."""
    story = (
        SuccessStory.objects.select_related("programme", "cooperation")
        .filter(pk=reminder.target_id)
        .first()
    )
    if story is None or reminder.recipient is None or story.status != StoryStatus.ASKED:
        return None
    side = reminder.context.get("side")
    if reminder.context.get("text_hash") != text_hash(story) or side in consents_by_side(story):
        return None
    programme = story.programme
    return Message(
        "followup_story_consent",
        {
            "story": story,
            "cooperation": story.cooperation,
            "programme": programme,
            "recipient": reminder.recipient,
            "consent_url": reverse(
                "followup:story_consent", kwargs={"slug": programme.slug, "pk": story.pk}
            ),
        },
    )


@register_renderer(CONFIRM_KIND)
def render_evaluation_confirm(reminder: Reminder) -> Message | None:
    """ "[Action required] Confirm the joint evaluation": to the staff of a partner organisation
    that has not confirmed this text; none once it did, the text changed or it is final."""
    evaluation = (
        JointEvaluation.objects.select_related("period__programme")
        .filter(pk=reminder.target_id)
        .first()
    )
    context = reminder.context
    if (
        evaluation is None
        or reminder.recipient is None
        or evaluation.is_final
        or evaluation.edited_at is None
        or evaluation.edited_at.isoformat() != context.get("version")
        or evaluation.confirmations.filter(
            partner__organisation_id=context.get("organisation")
        ).exists()
    ):
        return None
    return Message(
        CONFIRM_KIND,
        {
            "evaluation": evaluation,
            "period": evaluation.period,
            "programme": evaluation.period.programme,
            "recipient": reminder.recipient,
            "days_waiting": context.get("days_waiting", 0),
            "url": evaluation.get_absolute_url(),
        },
    )
