"""Signal receivers: the earlier phases' records move the cooperation pipeline (see
``pipeline.py``). Connected in ``FollowupConfig.ready()``."""

from challenges.signals import idea_selection_confirmed
from matchmaking.signals import agreement_signed, meeting_held

from . import pipeline


def on_idea_selection_confirmed(sender, *, idea, **kwargs) -> None:
    pipeline.record_idea_confirmed(idea)


def on_meeting_held(sender, *, request, **kwargs) -> None:
    pipeline.record_meeting_held(request)


def on_agreement_signed(sender, *, agreement, **kwargs) -> None:
    pipeline.record_agreement_signed(agreement)


def connect() -> None:
    idea_selection_confirmed.connect(on_idea_selection_confirmed, dispatch_uid="followup-idea")
    meeting_held.connect(on_meeting_held, dispatch_uid="followup-meeting")
    agreement_signed.connect(on_agreement_signed, dispatch_uid="followup-agreement")
