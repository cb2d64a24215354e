"""Every write action of phase 4, declared once (``collider.actions``): who may do it (a role
predicate), from which states, what it is called on its button, what the activity timeline says.

The services are wrapped by these declarations (``@CHALLENGE_PUBLISH.performs``), so their
guard, their state check and their activity entry come from here; the pages render the buttons
with ``{% action_buttons challenge %}``; ``tests/challenges/test_actions.py`` tries every button
action in every state for every role.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from collider.actions import Action
from collider.models import Programme
from collider.rules import is_admin

from .enums import EDITABLE_STATES, PUBLIC_STATES, ChallengeStatus, IdeaStatus
from .forms import NoteForm
from .models import Challenge, ExpertNeed, Idea, IdeaAttachment, Question, Review, ReviewCriterion
from .rules import (
    can_manage_challenges,
    has_open_invitation,
    has_pitch_taken_place,
    is_assigned_reviewer,
    is_avm,
    is_before_deadline,
    is_cci,
    is_challenge_owner,
    is_expert,
    is_idea_changeable,
    is_idea_lead,
    is_idea_team,
    is_idea_window_open,
    is_ideation_closed,
    is_ideation_open,
    is_invited_coauthor,
    is_organiser,
    is_review_open,
    is_translator,
    is_unconfirmed,
    of_idea,
    sees_confidential_by_role,
    takes_ideas,
)


def challenge_action_url(challenge: Challenge, verb: str) -> str:
    return reverse(
        "challenges:challenge_transition", args=[challenge.programme.slug, challenge.pk, verb]
    )


def idea_action_url(idea: Idea, verb: str) -> str:
    return reverse("challenges:idea_action", args=[idea.challenge.programme.slug, idea.pk, verb])


S = ChallengeStatus
I = IdeaStatus  # noqa: E741 - reads like the states it names
NOT_ANY_MORE = _("The idea is “%(state)s” and can no longer be changed.")
LOCKED = _("The idea deadline has passed; the idea is locked.")
REVIEWERS = is_translator | can_manage_challenges


def _on_challenge(name: str, **options) -> Action:
    """An action on a challenge (locked with its programme); a button when it has a verb."""
    if "verb" in options:
        options["url"] = challenge_action_url
    return Action(f"challenges.{name}", model=Challenge, lock_related=("programme",), **options)


def _on_idea(name: str, **options) -> Action:
    """An action on an idea (locked with its challenge); a button when it has a verb."""
    if "verb" in options:
        options["url"] = idea_action_url
    return Action(
        f"challenges.{name}", model=Idea, lock_related=("challenge__programme",), **options
    )


def _idea_state_refused(obj) -> str:
    return NOT_ANY_MORE % {"state": obj.idea.get_status_display()}


# --- The challenge template and its expert review ----------------------------------------------

CHALLENGE_CREATE = Action(
    "challenges.challenge_create",
    model=Programme,
    who=is_avm | is_admin,
    label=_("Define a challenge"),
    denied=_("Only AVM participants of this programme can define challenges."),
    log=_("Challenge “%(object)s” drafted by %(actor)s"),
    lock=False,
    log_result=True,
)
CHALLENGE_UPDATE = _on_challenge(
    "challenge_update",
    who=is_challenge_owner,
    from_states=EDITABLE_STATES,
    wrong_state=_("The challenge is “%(state)s” and can no longer be edited."),
    label=_("Edit the challenge"),
    denied=_("Only the challenge owner can edit it."),
    log=_("Challenge “%(object)s” edited by %(actor)s"),
)
CHALLENGE_TRANSLATOR_ASSIGN = _on_challenge(
    "challenge_translator_assign",
    who=can_manage_challenges,
    from_states=(S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED),
    label=_("Assign expert"),
    doing=_("assign an expert"),
    denied=_("Only tandem partners assign experts."),
    log=_("Expert translator of “%(object)s” assigned by %(actor)s"),
)
CHALLENGE_COMMENT_ADD = _on_challenge(
    "challenge_comment_add",
    who=REVIEWERS,
    from_states=(S.IN_REVIEW,),
    label=_("Comment"),
    doing=_("comment"),
    denied=_("Only the assigned expert or a partner can comment."),
    log=_("%(actor)s commented on “%(object)s”"),
)
CHALLENGE_MATURITY_UPDATE = _on_challenge(
    "challenge_maturity_update",
    who=REVIEWERS,
    from_states=(S.IN_REVIEW,),
    label=_("Save the checklist"),
    doing=_("update the checklist"),
    denied=_("Only the assigned expert or a partner can do this."),
    log=_("Maturity checklist of “%(object)s” updated by %(actor)s"),
)
CHALLENGE_SUBMIT = _on_challenge(
    "challenge_submit",
    who=is_challenge_owner,
    from_states=EDITABLE_STATES,
    to_state=S.IN_REVIEW,
    verb="submit",
    label=_("Submit for expert review"),
    doing=_("submit for review"),
    done=_("Sent to the expert review."),
    denied=_("Only the challenge owner can submit it."),
    log=_("Challenge “%(object)s” sent to the expert review by %(actor)s"),
)
CHALLENGE_REQUEST_CHANGES = _on_challenge(
    "challenge_request_changes",
    who=REVIEWERS,
    from_states=(S.IN_REVIEW,),
    to_state=S.CHANGES_REQUESTED,
    verb="request_changes",
    label=_("Request changes"),
    style="warning",
    doing=_("request changes"),
    done=_("Changes requested; the owner was e-mailed."),
    denied=_("Only the assigned expert or a partner can do this."),
    form=NoteForm,
    log=_("Changes to “%(object)s” requested by %(actor)s"),
)
CHALLENGE_APPROVE = _on_challenge(
    "challenge_approve",
    who=can_manage_challenges,
    from_states=(S.IN_REVIEW,),
    to_state=S.APPROVED,
    verb="approve",
    label=_("Approve"),
    style="success",
    doing=_("approve"),
    done=_("Challenge approved."),
    denied=_("Only tandem partners approve challenges."),
    log=_("Challenge “%(object)s” approved by %(actor)s"),
)
CHALLENGE_PUBLISH = _on_challenge(
    "challenge_publish",
    who=can_manage_challenges,
    from_states=(S.APPROVED,),
    to_state=S.PUBLISHED,
    verb="publish",
    label=_("Publish"),
    style="success",
    doing=_("publish"),
    done=_("Challenge published."),
    denied=_("Only tandem partners publish challenges."),
    log=_("Challenge “%(object)s” published by %(actor)s"),
)

# --- Pitch, ideation window, selection ----------------------------------------------------------

CHALLENGE_SCHEDULE = _on_challenge(
    "challenge_schedule",
    who=is_organiser,
    from_states=(S.APPROVED, S.PUBLISHED, S.PITCHED, S.IDEATION_OPEN),
    label=_("Schedule pitches and deadline"),
    doing=_("schedule"),
    denied=_("Only organisers schedule pitches."),
    log=_("Pitches and idea deadline of “%(object)s” scheduled by %(actor)s"),
)


def _pitch_not_yet(challenge) -> str:
    """Why a step that needs the challenge pitch behind it cannot happen yet."""
    event = challenge.pitch_event
    if event is None:
        return gettext("Schedule the challenge pitch event first.")
    if event.is_cancelled:
        return gettext("The challenge pitch event was cancelled; schedule another one first.")
    return gettext(
        "The challenge pitch is on %(when)s: the challenge is pitched, and ideation opens, "
        "only once it has taken place."
    ) % {"when": date_format(timezone.localtime(event.starts_at, event.tz), "DATETIME_FORMAT")}


CHALLENGE_MARK_PITCHED = _on_challenge(
    "challenge_mark_pitched",
    who=is_organiser,
    from_states=(S.PUBLISHED,),
    also=((has_pitch_taken_place, _pitch_not_yet),),
    to_state=S.PITCHED,
    verb="pitched",
    label=_("Mark as pitched"),
    doing=_("mark as pitched"),
    done=_("Marked as pitched."),
    denied=_("Only organisers can do this."),
    log=_("Challenge “%(object)s” marked as pitched by %(actor)s"),
)
CHALLENGE_IDEATION_OPEN = _on_challenge(
    "challenge_ideation_open",
    who=is_organiser,
    from_states=(S.PITCHED,),
    also=((has_pitch_taken_place, _pitch_not_yet),),
    to_state=S.IDEATION_OPEN,
    verb="open_ideation",
    label=_("Open ideation"),
    doing=_("open ideation"),
    done=_("Ideation is open."),
    denied=_("Only organisers can do this."),
    log=_("Ideation on “%(object)s” opened by %(actor)s"),
)
CHALLENGE_IDEATION_CLOSE = _on_challenge(
    "challenge_ideation_close",
    who=is_organiser,
    from_states=(S.IDEATION_OPEN,),
    to_state=S.IDEATION_CLOSED,
    verb="close_ideation",
    label=_("Close ideation"),
    style="outline-primary",
    confirm=_("Close ideation now? Drafts will be locked."),
    doing=_("close ideation"),
    done=_("Ideation is closed."),
    denied=_("Only organisers can do this."),
    log=_("Ideation on “%(object)s” closed by %(actor)s"),
)
CHALLENGE_SELECTION_COMPLETE = _on_challenge(
    "challenge_selection_complete",
    who=is_organiser,
    from_states=(S.IDEATION_CLOSED,),
    to_state=S.SELECTION_DONE,
    verb="complete_selection",
    label=_("Complete the selection"),
    doing=_("complete the selection"),
    done=_("Selection completed."),
    denied=_("Only organisers can do this."),
    log=_("Selection on “%(object)s” completed by %(actor)s"),
)
CHALLENGE_CLOSE = _on_challenge(
    "challenge_close",
    who=can_manage_challenges,
    from_states=(S.SELECTION_DONE,),
    to_state=S.CLOSED,
    verb="close",
    label=_("Close the challenge"),
    style="outline-secondary",
    doing=_("close"),
    done=_("Challenge closed."),
    denied=_("Only tandem partners close challenges."),
    log=_("Challenge “%(object)s” closed by %(actor)s"),
)
CHALLENGE_WITHDRAW = _on_challenge(
    "challenge_withdraw",
    who=is_challenge_owner | can_manage_challenges,
    from_states=[s for s in S.values if s not in (S.CLOSED, S.WITHDRAWN, S.SELECTION_DONE)],
    to_state=S.WITHDRAWN,
    verb="withdraw",
    label=_("Withdraw"),
    style="outline-danger",
    confirm=_("Withdraw this challenge?"),
    doing=_("withdraw"),
    done=_("Challenge withdrawn."),
    denied=_("Only the owner or a tandem partner can withdraw a challenge."),
    log=_("Challenge “%(object)s” withdrawn by %(actor)s"),
    log_data=("note",),
)

# --- NDA and Q&A --------------------------------------------------------------------------------

NDA_ACCEPT = _on_challenge(
    "nda_accept",
    who=(is_cci | is_expert) & ~sees_confidential_by_role,
    from_states=PUBLIC_STATES,
    wrong_state=_("This challenge is not published."),
    label=_("Accept the NDA"),
    denied=_("Only CCI participants and experts of the programme sign the NDA."),
    log=_("NDA of “%(object)s” accepted by %(actor)s"),
    actor_arg="user",
    lock=False,
)
QUESTION_ASK = _on_challenge(
    "question_ask",
    who=is_cci,
    from_states=[s for s in PUBLIC_STATES if s not in (S.SELECTION_DONE, S.CLOSED)],
    wrong_state=_("Questions are closed for this challenge."),
    label=_("Ask"),
    denied=_("Only CCI participants ask questions."),
    log=_("%(actor)s asked a question about “%(object)s”"),
    actor_arg="user",
    lock=False,
)
QUESTION_ANSWER = Action(
    "challenges.question_answer",
    model=Question,
    who=is_challenge_owner | is_organiser,
    label=_("Publish answer"),
    denied=_("Only the challenge owner or a facilitator answers questions."),
    log=_("%(actor)s answered the question “%(object)s”"),
    lock_related=("challenge__programme",),
)

# --- Ideas --------------------------------------------------------------------------------------

IDEA_CREATE = _on_challenge(
    "idea_create",
    who=is_cci,
    also=((takes_ideas, _("This challenge does not take ideas (any more).")),),
    label=_("Pitch an idea"),
    denied=_("Only CCI participants pitch ideas."),
    log=_("Idea “%(object)s” drafted by %(actor)s"),
    actor_arg="lead",
    lock=False,
    log_result=True,
)
IDEA_UPDATE = _on_idea(
    "idea_update",
    who=is_idea_team,
    from_states=(I.DRAFT, I.SUBMITTED),
    wrong_state=NOT_ANY_MORE,
    also=((is_idea_window_open, LOCKED),),
    label=_("Edit the idea"),
    denied=_("Only the idea's team can edit it."),
    log=_("Idea “%(object)s” edited by %(actor)s"),
)
IDEA_SUBMIT = _on_idea(
    "idea_submit",
    who=is_idea_lead,
    from_states=(I.DRAFT,),
    to_state=I.SUBMITTED,
    also=(
        (is_before_deadline, _("The idea deadline has passed; late submissions are not accepted.")),
        (is_ideation_open, _("Ideation is not open for this challenge yet.")),
    ),
    verb="submit",
    label=_("Submit the idea"),
    doing=_("submit"),
    done=_("Idea submitted. Good luck!"),
    denied=_("Only the lead submits the idea."),
    log=_("Idea “%(object)s” submitted by %(actor)s"),
)
IDEA_WITHDRAW = _on_idea(
    "idea_withdraw",
    who=is_idea_lead,
    from_states=(I.DRAFT, I.SUBMITTED, I.SHORTLISTED),
    to_state=I.WITHDRAWN,
    verb="withdraw",
    label=_("Withdraw"),
    style="outline-danger",
    confirm=_("Withdraw this idea?"),
    doing=_("withdraw"),
    done=_("Idea withdrawn."),
    denied=_("Only the lead withdraws the idea."),
    log=_("Idea “%(object)s” withdrawn by %(actor)s"),
)
IDEA_COAUTHOR_INVITE = _on_idea(
    "idea_coauthor_invite",
    who=is_idea_lead,
    from_states=(I.DRAFT, I.SUBMITTED),
    wrong_state=NOT_ANY_MORE,
    also=((is_idea_window_open, LOCKED),),
    label=_("Invite"),
    denied=_("Only the lead invites co-authors."),
    log=_("%(actor)s invited a co-author to “%(object)s”"),
)
IDEA_COAUTHOR_ACCEPT = _on_idea(
    "idea_coauthor_accept",
    who=is_invited_coauthor,
    also=((has_open_invitation, _("You have already answered this invitation.")),),
    verb="accept_invitation",
    label=_("Accept"),
    done=_("You joined the team."),
    denied=_("You were not invited to this idea."),
    log=_("%(actor)s joined the team of “%(object)s”"),
    actor_arg="user",
)
IDEA_COAUTHOR_DECLINE = _on_idea(
    "idea_coauthor_decline",
    who=is_invited_coauthor,
    also=((has_open_invitation, _("You have already answered this invitation.")),),
    verb="decline_invitation",
    label=_("Decline"),
    style="outline-dark",
    done=_("Invitation declined."),
    denied=_("You were not invited to this idea."),
    log=_("%(actor)s declined to join the team of “%(object)s”"),
    actor_arg="user",
)
_TEAM_EDIT = {
    "who": of_idea(is_idea_team),
    "also": (
        (of_idea(is_idea_changeable), _idea_state_refused),
        (of_idea(is_idea_window_open), LOCKED),
    ),
    "denied": _("Only the idea's team can edit it."),
    "lock_related": ("idea__challenge__programme",),
}
IDEA_EXPERT_NEED_ADD = _on_idea(
    "idea_expert_need_add",
    who=is_idea_team,
    from_states=(I.DRAFT, I.SUBMITTED),
    wrong_state=NOT_ANY_MORE,
    also=((is_idea_window_open, LOCKED),),
    label=_("Add the need"),
    denied=_("Only the idea's team can edit it."),
    log=_("%(actor)s added an external expert need to “%(object)s”"),
)
IDEA_EXPERT_NEED_REMOVE = Action(
    "challenges.idea_expert_need_remove",
    model=ExpertNeed,
    label=_("Remove"),
    log=_("%(actor)s removed the expert need “%(object)s”"),
    target_arg="need",
    **_TEAM_EDIT,
)
IDEA_ATTACHMENT_ADD = _on_idea(
    "idea_attachment_add",
    who=is_idea_team,
    from_states=(I.DRAFT, I.SUBMITTED),
    wrong_state=NOT_ANY_MORE,
    also=((is_idea_window_open, LOCKED),),
    label=_("Attach"),
    denied=_("Only the idea's team can edit it."),
    log=_("%(actor)s attached a file to “%(object)s”"),
)
IDEA_ATTACHMENT_REMOVE = Action(
    "challenges.idea_attachment_remove",
    model=IdeaAttachment,
    label=_("Remove"),
    log=_("%(actor)s removed the attachment “%(object)s”"),
    target_arg="attachment",
    **_TEAM_EDIT,
)

# --- Reviews, shortlist and selection -----------------------------------------------------------

REVIEW_CRITERION_SAVE = Action(
    "challenges.review_criterion_save",
    model=Programme,
    who=is_organiser,
    label=_("Save criterion"),
    denied=_("Only tandem partners and facilitators define criteria."),
    log=_("Review criterion “%(object)s” saved by %(actor)s"),
    lock=False,
    log_result=True,
)
REVIEW_CRITERION_DELETE = Action(
    "challenges.review_criterion_delete",
    model=ReviewCriterion,
    who=is_organiser,
    label=_("Remove"),
    denied=_("Only tandem partners and facilitators define criteria."),
    log=_("Review criterion “%(object)s” removed by %(actor)s"),
    target_arg="criterion",
)
REVIEW_ASSIGN = _on_idea(
    "review_assign",
    who=is_organiser,
    from_states=(I.SUBMITTED, I.SHORTLISTED),
    wrong_state=_("Only submitted ideas are reviewed."),
    label=_("Assign reviewer"),
    denied=_("Only organisers assign reviewers."),
    log=_("%(actor)s assigned a reviewer to “%(object)s”"),
)
REVIEW_DECLARE_CONFLICT = Action(
    "challenges.review_declare_conflict",
    model=Review,
    who=is_assigned_reviewer,
    also=((is_review_open, _("The review is already submitted.")),),
    label=_("Save"),
    denied=_("You are not assigned to this review."),
    log=_("Conflict of interest in review “%(object)s” answered by %(actor)s"),
    lock_related=("idea__challenge__programme",),
)
REVIEW_SUBMIT = Action(
    "challenges.review_submit",
    model=Review,
    who=is_assigned_reviewer,
    label=_("Submit the review"),
    denied=_("You are not assigned to review this idea."),
    log=_("Review “%(object)s” submitted by %(actor)s"),
    lock_related=("idea__challenge__programme",),
)
IDEA_SHORTLIST = _on_idea(
    "idea_shortlist",
    who=is_organiser,
    from_states=(I.SUBMITTED,),
    to_state=I.SHORTLISTED,
    also=((is_ideation_closed, _("Close ideation before shortlisting.")),),
    verb="shortlist",
    label=_("Shortlist and invite to the idea pitch"),
    doing=_("shortlist"),
    done=_("Shortlisted; the team is invited to the idea pitch."),
    denied=_("Only organisers shortlist ideas."),
    log=_("Idea “%(object)s” shortlisted by %(actor)s"),
)
IDEA_SELECT = _on_idea(
    "idea_select",
    who=is_organiser,
    from_states=(I.SHORTLISTED,),
    to_state=I.SELECTED,
    verb="select",
    label=_("Select"),
    style="success",
    doing=_("decide"),
    done=_("Idea selected; the team was e-mailed."),
    denied=_("Only organisers select ideas."),
    log=_("Idea “%(object)s” selected by %(actor)s"),
)
IDEA_REJECT = _on_idea(
    "idea_reject",
    who=is_organiser,
    from_states=(I.SHORTLISTED,),
    to_state=I.NOT_SELECTED,
    verb="reject",
    label=_("Not selected"),
    style="outline-secondary",
    doing=_("decide"),
    done=_("Idea not selected; the team was e-mailed."),
    denied=_("Only organisers select ideas."),
    log=_("Idea “%(object)s” not selected, decided by %(actor)s"),
)
IDEA_SELECTION_CONFIRM = _on_idea(
    "idea_selection_confirm",
    who=is_idea_lead,
    from_states=(I.SELECTED,),
    also=((is_unconfirmed, _("You have already confirmed.")),),
    verb="confirm",
    label=_("Confirm"),
    doing=_("confirm"),
    done=_("Thank you for confirming."),
    denied=_("Only the lead confirms."),
    log=_("The team of “%(object)s” confirmed, by %(actor)s"),
)

# --- Funding opportunities ----------------------------------------------------------------------

FUNDING_OPPORTUNITY_SAVE = Action(
    "challenges.funding_opportunity_save",
    model=Programme,
    who=can_manage_challenges,
    label=_("Save"),
    denied=_("Only tandem partners manage funding."),
    log=_("Funding opportunity “%(object)s” saved by %(actor)s"),
    lock=False,
    log_result=True,
)
