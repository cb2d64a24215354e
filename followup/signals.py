"""The follow-up app reacting to the earlier phases: their records move the cooperation
pipeline (see ``pipeline.py``). Connected by importing this module in
``FollowupConfig.ready()``."""

from django.dispatch import receiver

from challenges.signals import idea_selection_confirmed
from matchmaking.signals import agreement_signed, meeting_held

from . import pipeline


@receiver(idea_selection_confirmed, dispatch_uid="followup-idea")
def on_idea_selection_confirmed(sender, *, idea, **kwargs) -> None:
    pipeline.record_idea_confirmed(idea)


@receiver(meeting_held, dispatch_uid="followup-meeting")
def on_meeting_held(sender, *, request, **kwargs) -> None:
    pipeline.record_meeting_held(request)


@receiver(agreement_signed, dispatch_uid="followup-agreement")
def on_agreement_signed(sender, *, agreement, **kwargs) -> None:
    pipeline.record_agreement_signed(agreement)
