"""The follow-up app reacting to the earlier phases: their records move the cooperation
pipeline (see ``pipeline.py``). Connected by importing this module in
``FollowupConfig.ready()``."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from challenges.signals import idea_selection_confirmed
from collider.cached import forget
from matchmaking.signals import agreement_signed, meeting_held

from . import pipeline
from .models import CheckIn, Cooperation, Milestone
from .next_steps import attention_scope


@receiver(idea_selection_confirmed, dispatch_uid="followup-idea")
def on_idea_selection_confirmed(sender, *, idea, **kwargs) -> None:
    pipeline.record_idea_confirmed(idea)


@receiver(meeting_held, dispatch_uid="followup-meeting")
def on_meeting_held(sender, *, request, **kwargs) -> None:
    pipeline.record_meeting_held(request)


@receiver(agreement_signed, dispatch_uid="followup-agreement")
def on_agreement_signed(sender, *, agreement, **kwargs) -> None:
    pipeline.record_agreement_signed(agreement)


@receiver(
    [post_save, post_delete], sender=Cooperation, dispatch_uid="followup-attention-cooperation"
)
@receiver([post_save, post_delete], sender=Milestone, dispatch_uid="followup-attention-milestone")
@receiver([post_save, post_delete], sender=CheckIn, dispatch_uid="followup-attention-checkin")
def on_attention_row_changed(sender, *, instance, **kwargs) -> None:
    """A cooperation, milestone or check-in changed: the partners' "needs attention" counts of
    its programme are recounted on the next dashboard, once the change is committed (a
    dashboard counting meanwhile would cache the old state again: see ``collider.cached``)."""
    if isinstance(instance, Cooperation):
        programme_id = instance.programme_id
    else:
        try:
            programme_id = instance.cooperation.programme_id
        except Cooperation.DoesNotExist:  # loaded raw before its cooperation: nothing cached
            return
    forget(attention_scope(programme_id))
