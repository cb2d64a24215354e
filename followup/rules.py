"""Permission predicates of the follow-up app.

Tandem partners (and admins) run it; facilitators follow the cooperations up with them (DESIGN
§1). Who does what, page by page (the README's role table says the same):

- **Facilitators and partners**: the cooperation board and each cooperation (record one, move
  it, add milestones and mark them done with evidence, read its check-ins), the KPI dashboard
  and the programme report, the success stories (draft, edit, ask both sides for consent) and
  the feedback results.
- **Partners only**: reporting periods (targets, corrections, locking: the tandem answers for
  its figures to the funder), the joint evaluation (the tandem's assessment of itself, confirmed
  per partner organisation), publishing a story, running feedback surveys and the exports of
  personal data.
"""

import rules

from collider.enums import Role
from collider.rules import (
    is_admin,
    is_facilitator,
    is_participant,
    is_partner,
    organisation_ids_as,
)

can_run_followup = is_partner | is_admin
can_follow_up = can_run_followup | is_facilitator

rules.add_perm("followup.view_kpis", can_follow_up)
rules.add_perm("followup.manage_kpis", can_run_followup)
rules.add_perm("followup.view_board", can_follow_up)
rules.add_perm("followup.manage_cooperations", can_follow_up)
rules.add_perm("followup.export", can_run_followup)

# --- Feedback surveys: partners run them; facilitators read the results too.
rules.add_perm("followup.view_feedback", can_run_followup | is_facilitator)
rules.add_perm("followup.manage_feedback", can_run_followup)


# --- Joint evaluation and success stories
@rules.predicate
def is_story_contact(user, story) -> bool:
    """The CCI or AVM contact of the story's cooperation: the people whose consent it needs."""
    if story is None or not getattr(user, "is_authenticated", False):
        return False
    cooperation = story.cooperation
    return user.pk in (cooperation.cci_contact_id, cooperation.avm_contact_id)


rules.add_perm("followup.manage_evaluation", can_run_followup)
rules.add_perm("followup.view_stories", can_follow_up)
# Drafting, editing and asking for consent; publishing is the partners' (followup.story_publish).
rules.add_perm("followup.manage_stories", can_follow_up)
rules.add_perm("followup.publish_stories", can_run_followup)
rules.add_perm("followup.consent_story", is_story_contact)


# --- The participants' own part: their cooperations, check-ins, milestones


@rules.predicate
def is_checkin_respondent(user, checkin) -> bool:
    """The person a check-in asks (never a superuser in their name)."""
    return checkin is not None and checkin.respondent_id == getattr(user, "pk", None)


@rules.predicate
def is_cooperation_party(user, obj) -> bool:
    """A participant of the CCI or the AVM organisation of ``obj``'s cooperation (a cooperation
    or a milestone), or one of its two contact persons."""
    cooperation = getattr(obj, "cooperation", obj)
    if cooperation is None or not getattr(user, "is_authenticated", False):
        return False
    if user.pk in (cooperation.cci_contact_id, cooperation.avm_contact_id):
        return True
    mine = organisation_ids_as(user, Role.PARTICIPANT, cooperation.programme_id)
    return bool(mine & {cooperation.cci_organisation_id, cooperation.avm_organisation_id})


rules.add_perm("followup.view_own_cooperations", is_participant)
