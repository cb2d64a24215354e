"""Every state-changing action of the follow-up app, declared once (STYLE §16): who may do it
(role **and** state, as one ``rules`` predicate), the service that performs it, the button, the
activity entry. The services are wrapped by these declarations, so their guard is the
declaration's; templates render the buttons with ``{% action_buttons %}``.
"""

from __future__ import annotations

import rules
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.actions import Action
from collider.models import Programme

from .enums import Stage, StoryStatus, SurveyState
from .models import Cooperation, Milestone, ReportingPeriod, SuccessStory, Survey
from .rules import can_follow_up, can_run_followup

#: From which stages a cooperation may move to each stage by hand.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.MEETING_HELD: (Stage.FIRST_CONTACT,),
    Stage.NEGOTIATION: (Stage.MEETING_HELD,),
    Stage.AGREEMENT: (Stage.NEGOTIATION, Stage.MEETING_HELD),
    Stage.RUNNING: (Stage.AGREEMENT,),
    Stage.COMPLETED: (Stage.RUNNING,),
    Stage.STOPPED: (
        Stage.FIRST_CONTACT,
        Stage.MEETING_HELD,
        Stage.NEGOTIATION,
        Stage.AGREEMENT,
        Stage.RUNNING,
    ),
}


class _CannotMove:
    """The wrong-state sentence of a move: it names both stages."""

    def __init__(self, to: str) -> None:
        self.to = to

    def __mod__(self, values: dict) -> str:
        return str(_("A cooperation cannot move from “%(from)s” to “%(to)s”.")) % {
            "from": values["state"],
            "to": Stage(self.to).label,
        }


def _url(name: str):
    def url(obj, verb: str) -> str:
        return reverse(name, args=[obj.programme.slug, obj.pk])

    return url


@rules.predicate
def is_unlocked(user, period) -> bool:
    return period is not None and not period.is_locked


@rules.predicate
def is_draft_survey(user, survey) -> bool:
    return survey is not None and survey.is_draft


@rules.predicate
def is_opened_survey(user, survey) -> bool:
    return survey is not None and not survey.is_draft


@rules.predicate
def is_unclosed_survey(user, survey) -> bool:
    return survey is not None and survey.state_at(timezone.now()) != SurveyState.CLOSED


# --- Reporting periods

PERIOD_LOCK = Action(
    "followup.period_lock",
    model=ReportingPeriod,
    who=can_run_followup,
    also=((is_unlocked, _("This period is locked; its figures can no longer change.")),),
    verb="lock",
    label=_("Lock the period"),
    style="outline-danger",
    done=_("The period is locked; its figures are frozen."),
    log=_("Reporting period “%(object)s” locked by %(actor)s"),
    url=_url("followup:period_lock"),
    target_arg="period",
)

# --- The cooperation pipeline, moved by hand (the platform's records move it in pipeline.py)


def _move(name: str, to: str, label, log) -> Action:
    return Action(
        f"followup.{name}",
        model=Cooperation,
        who=can_follow_up,
        state_field="stage",
        from_states=TRANSITIONS[to],
        to_state=to,
        wrong_state=_CannotMove(to),
        label=label,
        log=log,
        log_data=("note",),
    )


COOPERATION_MEETING_HELD = _move(
    "cooperation_meeting_held",
    Stage.MEETING_HELD,
    _("Meeting held"),
    _("Cooperation “%(object)s” moved to meeting held by %(actor)s: %(note)s"),
)
COOPERATION_NEGOTIATION_START = _move(
    "cooperation_negotiation_start",
    Stage.NEGOTIATION,
    _("Negotiation"),
    _("Cooperation “%(object)s” moved to negotiation by %(actor)s: %(note)s"),
)
COOPERATION_AGREEMENT_REACH = _move(
    "cooperation_agreement_reach",
    Stage.AGREEMENT,
    _("Agreement"),
    _("Cooperation “%(object)s” moved to agreement by %(actor)s: %(note)s"),
)
COOPERATION_RUN = _move(
    "cooperation_run",
    Stage.RUNNING,
    _("Running"),
    _("Cooperation “%(object)s” moved to running by %(actor)s: %(note)s"),
)
COOPERATION_COMPLETE = _move(
    "cooperation_complete",
    Stage.COMPLETED,
    _("Completed"),
    _("Cooperation “%(object)s” completed by %(actor)s: %(note)s"),
)
COOPERATION_STOP = _move(
    "cooperation_stop",
    Stage.STOPPED,
    _("Stopped"),
    _("Cooperation “%(object)s” stopped by %(actor)s: %(note)s"),
)

# --- Feedback surveys

SURVEY_OPEN = Action(
    "followup.survey_open",
    model=Survey,
    who=can_run_followup,
    also=(
        (
            is_draft_survey,
            _("The survey is open already: its questions and settings can no longer change."),
        ),
    ),
    state_field="state",
    to_state=SurveyState.OPEN,
    verb="open",
    label=_("Open and invite"),
    style="success",
    done=_("The survey is open."),
    log=_("Survey “%(object)s” opened by %(actor)s"),
    url=_url("followup:feedback_open"),
    lock_related=("programme",),
)
SURVEY_CLOSE = Action(
    "followup.survey_close",
    model=Survey,
    who=can_run_followup,
    also=(
        (is_opened_survey, _("A draft is not open; there is nothing to close.")),
        (is_unclosed_survey, _("This survey is closed already.")),
    ),
    state_field="state",
    to_state=SurveyState.CLOSED,
    verb="close",
    label=_("Close now"),
    style="outline-danger",
    done=_("The survey is closed; answers can no longer change."),
    log=_("Survey “%(object)s” closed by %(actor)s"),
    url=_url("followup:feedback_close"),
    lock_related=("programme",),
)

# --- Success stories

STORY_ASK = Action(
    "followup.story_consent_request",
    model=SuccessStory,
    who=can_follow_up,
    from_states=(StoryStatus.DRAFT, StoryStatus.ASKED, StoryStatus.WITHDRAWN),
    to_state=StoryStatus.ASKED,
    wrong_state=_("The story is published already."),
    verb="ask",
    label=_("Ask both sides for consent"),
    done=_("Both sides are asked for their consent by e-mail."),
    log=_("Consent to the story “%(object)s” asked by %(actor)s"),
    url=_url("followup:story_ask"),
    target_arg="story",
    lock_related=("cooperation", "programme"),
)
STORY_PUBLISH = Action(
    "followup.story_publish",
    model=SuccessStory,
    who=can_run_followup,
    from_states=(StoryStatus.ASKED,),
    to_state=StoryStatus.PUBLISHED,
    wrong_state=_(
        "Both the CCI and the AVM side must consent to this text before it is published."
    ),
    label=_("Publish the story"),
    log=_("Story “%(object)s” published by %(actor)s"),
    target_arg="story",
    lock_related=("cooperation", "programme"),
)


# --- Writes that change no state: guarded and logged by a declaration too (no button; their
# forms are pages of their own).


def _write(name: str, model, label, log, *, who=can_run_followup, **options) -> Action:
    return Action(f"followup.{name}", model=model, who=who, label=label, log=log, **options)


PERIOD_CREATE = _write(
    "period_create",
    Programme,
    _("New reporting period"),
    _("Reporting period “%(object)s” created by %(actor)s"),
    lock=False,
    log_result=True,
)
PERIOD_TARGETS_SET = _write(
    "period_targets_set",
    ReportingPeriod,
    _("Set targets"),
    _("Targets of “%(object)s” set by %(actor)s"),
    also=((is_unlocked, _("This period is locked; its figures can no longer change.")),),
    target_arg="period",
)
KPI_CORRECTION_ADD = _write(
    "kpi_correction_add",
    ReportingPeriod,
    _("Add a correction"),
    _("A correction of %(key)s added to “%(object)s” by %(actor)s"),
    also=((is_unlocked, _("This period is locked; its figures can no longer change.")),),
    target_arg="period",
    log_data=("key",),
)
COOPERATION_CREATE = _write(
    "cooperation_create",
    Programme,
    _("Record a cooperation"),
    _("Cooperation “%(object)s” recorded by %(actor)s"),
    lock=False,
    log_result=True,
    who=can_follow_up,
)
MILESTONE_ADD = _write(
    "milestone_add",
    Cooperation,
    _("Add a milestone"),
    _("Milestone “%(title)s” added to “%(object)s” by %(actor)s"),
    log_data=("title",),
    who=can_follow_up,
)
MILESTONE_DONE = _write(
    "milestone_done",
    Milestone,
    _("Mark done"),
    _("Milestone “%(object)s” marked done by %(actor)s"),
    lock_related=("cooperation__programme",),
    who=can_follow_up,
)
SURVEY_CREATE = _write(
    "survey_create",
    Programme,
    _("New survey"),
    _("Survey “%(object)s” drafted by %(actor)s"),
    lock=False,
    log_result=True,
)
SURVEY_UPDATE = _write(
    "survey_update",
    Survey,
    _("Edit the survey"),
    _("Survey “%(object)s” edited by %(actor)s"),
    also=(
        (
            is_draft_survey,
            _("The survey is open already: its questions and settings can no longer change."),
        ),
    ),
    lock_related=("programme",),
)
STORY_CREATE = _write(
    "story_create",
    Cooperation,
    _("Draft a success story"),
    _("Success story of “%(object)s” drafted by %(actor)s"),
    who=can_follow_up,
)
STORY_UPDATE = _write(
    "story_update",
    SuccessStory,
    _("Edit the story"),
    _("Story “%(object)s” edited by %(actor)s"),
    target_arg="story",
    lock_related=("cooperation", "programme"),
    who=can_follow_up,
)
EVALUATION_SAVE = _write(
    "evaluation_save",
    ReportingPeriod,
    _("Save the evaluation"),
    _("Joint evaluation of “%(object)s” saved by %(actor)s"),
    target_arg="period",
)
