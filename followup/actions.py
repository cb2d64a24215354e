"""Every state-changing action of the follow-up app, declared once (STYLE §16): who may do it
(role **and** state, as one ``rules`` predicate), the service that performs it, the button, the
activity entry. The services are wrapped by these declarations, so their guard is the
declaration's; templates render the buttons with ``{% action_buttons %}``.
"""

from __future__ import annotations

import rules
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from collider.actions import Action
from collider.models import Programme

from .enums import Stage, StoryStatus, SurveyState
from .models import (
    CheckIn,
    Cooperation,
    JointEvaluation,
    Milestone,
    ReportingPeriod,
    SuccessStory,
    Survey,
)
from .rules import (
    can_follow_up,
    can_run_followup,
    is_checkin_respondent,
    is_cooperation_party,
    is_story_contact,
)

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
def is_open_milestone(user, milestone) -> bool:
    return milestone is not None and not milestone.is_done


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


# --- The participants' own steps (pages of their own: the check-in form, the consent page,
# the survey form, the evaluation's confirm button): the guard, the state and the entry come
# from these declarations like every other action's.


@rules.predicate
def is_unanswered_checkin(user, checkin) -> bool:
    return checkin is not None and not checkin.is_answered


@rules.predicate
def is_due_checkin(user, checkin) -> bool:
    """A check-in opens when it is due, not before (the e-mail goes out then, too)."""
    return checkin is not None and checkin.due_at <= timezone.now()


def checkin_opens_on(checkin) -> str:
    return str(_("This check-in opens on %(day)s.")) % {
        "day": date_format(timezone.localtime(checkin.due_at).date())
    }


CHECKIN_ANSWER = Action(
    "followup.checkin_answer",
    model=CheckIn,
    who=is_checkin_respondent,
    also=(
        (is_unanswered_checkin, _("This check-in has been answered already.")),
        (is_due_checkin, checkin_opens_on),
    ),
    label=_("Send my answer"),
    done=_("Thank you: your answer is recorded."),
    denied=_("Only the person asked can answer this check-in."),
    log=_("Check-in “%(object)s” answered by %(actor)s"),
    target_arg="checkin",
    lock_related=("cooperation__programme",),
    programme=lambda checkin: checkin.cooperation.programme,
)
MILESTONE_EVIDENCE = Action(
    "followup.milestone_evidence",
    model=Milestone,
    who=is_cooperation_party,
    also=((is_open_milestone, _("This milestone is done already.")),),
    label=_("Upload the evidence"),
    done=_("Thank you: the milestone is done and its evidence is kept."),
    denied=_("Only the parties of the cooperation give evidence for its milestones."),
    log=_("Evidence for the milestone “%(object)s” given by %(actor)s"),
    lock_related=("cooperation__programme",),
)


@rules.predicate
def has_side_to_consent(user, story) -> bool:
    """The user is a contact of a side that has not consented to the current text."""
    # Function-local: the stories package imports these declarations (a cycle otherwise).
    from .stories.selectors import consents_by_side, sides_of

    return bool(set(sides_of(user, story)) - set(consents_by_side(story)))


@rules.predicate
def has_own_consent(user, story) -> bool:
    return (
        story is not None
        and story.consents.filter(user_id=getattr(user, "pk", None), withdrawn_at=None).exists()
    )


STORY_CONSENT_GIVE = Action(
    "followup.story_consent_give",
    model=SuccessStory,
    who=is_story_contact,
    from_states=(StoryStatus.ASKED,),
    wrong_state=_("Your consent is not asked for this story now."),
    also=((has_side_to_consent, _("You have consented to this story already.")),),
    label=_("I consent to this text"),
    done=_("Thank you: your consent is recorded."),
    denied=_("Only the people the story is about can consent to it."),
    log=_("Consent to the story “%(object)s” given by %(actor)s"),
    target_arg="story",
    lock_related=("cooperation", "programme"),
)
STORY_CONSENT_WITHDRAW = Action(
    "followup.story_consent_withdraw",
    model=SuccessStory,
    who=is_story_contact,
    also=((has_own_consent, _("You have not consented to this story.")),),
    to_state=StoryStatus.WITHDRAWN,
    label=_("Withdraw my consent"),
    style="outline-danger",
    done=_("Your consent is withdrawn; the story is no longer published."),
    denied=_("Only the people the story is about can withdraw consent."),
    log=_("Consent to the story “%(object)s” withdrawn by %(actor)s"),
    target_arg="story",
    lock_related=("cooperation", "programme"),
)


@rules.predicate
def is_invited_to_survey(user, survey) -> bool:
    return (
        survey is not None
        and getattr(user, "is_authenticated", False)
        and survey.invitations.filter(user=user).exists()
    )


SURVEY_ANSWER = Action(
    "followup.survey_answer",
    model=Survey,
    who=is_invited_to_survey,
    # Opened (not a draft); whether it is open at the moment of the answer is the service's
    # check, as it takes that moment (the demo backfills answers to a past survey).
    also=((is_opened_survey, _("This survey is not open yet.")),),
    state_field="state",
    label=_("Send my answers"),
    denied=_("Only the people asked can answer this survey."),
    # Who answered what stays with the response; the entry does not name the respondent.
    log=_("Answers to the survey “%(object)s” recorded"),
    lock_related=("programme",),
)


@rules.predicate
def is_evaluation_partner(user, evaluation) -> bool:
    """Staff of one of the tandem's partner organisations (a superuser confirms nothing)."""
    from .evaluation.selectors import partner_of  # a cycle: evaluation imports these actions

    return evaluation is not None and (
        partner_of(user=user, programme=evaluation.period.programme) is not None
    )


@rules.predicate
def is_unfinal_evaluation(user, evaluation) -> bool:
    return evaluation is not None and not evaluation.is_final


@rules.predicate
def is_complete_evaluation(user, evaluation) -> bool:
    return evaluation is not None and all(
        getattr(evaluation, name).strip() for name in JointEvaluation.SECTIONS
    )


@rules.predicate
def is_unconfirmed_by_mine(user, evaluation) -> bool:
    from .evaluation.selectors import partner_of  # a cycle: evaluation imports these actions

    partner = partner_of(user=user, programme=evaluation.period.programme)
    return partner is None or not evaluation.confirmations.filter(partner=partner).exists()


def _confirmed_already(evaluation) -> str:
    return str(_("Your organisation has confirmed this evaluation already."))


EVALUATION_CONFIRM = Action(
    "followup.evaluation_confirm",
    model=JointEvaluation,
    who=is_evaluation_partner,
    also=(
        (is_unfinal_evaluation, _("The evaluation is final already.")),
        (is_complete_evaluation, _("Fill in every section before confirming.")),
        (is_unconfirmed_by_mine, _confirmed_already),
    ),
    label=_("Confirm for my organisation"),
    denied=_("Only staff of the tandem's partner organisations can confirm the evaluation."),
    log=_("Joint evaluation “%(object)s” confirmed by %(actor)s"),
    target_arg="evaluation",
    lock_related=("period__programme",),
    programme=lambda evaluation: evaluation.period.programme,
)
