"""The tandem app's declared write actions (STYLE §16): the pilot action's stages and its
place in the public toolbox. Each declaration is the rule (role and state), the guard of the
service, the button on the pilot page and the sentence on the programme's activity timeline."""

from __future__ import annotations

import rules
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.actions import Action

from .enums import PilotStage
from .models import ActionItem, PilotAction, TandemPartner
from .rules import can_confirm_charter, can_manage_tandem


def pilot_action_url(pilot: PilotAction, verb: str) -> str:
    return reverse("tandems:pilot_action", args=[pilot.programme.slug, pilot.pk, verb])


@rules.predicate
def is_in_toolbox(user, pilot) -> bool:
    return pilot is not None and pilot.published


@rules.predicate
def is_not_in_toolbox(user, pilot) -> bool:
    return pilot is not None and not pilot.published


DENIED = _("Only the tandem's partners move pilot actions on.")


def _advance(stage: str, after: str, verb: str, label, log) -> Action:
    return Action(
        f"tandems.pilot_{verb}",
        model=PilotAction,
        who=can_manage_tandem,
        from_states=(after,),
        to_state=stage,
        state_field="stage",
        verb=verb,
        label=label,
        done=_("Moved to the next stage."),
        denied=DENIED,
        doing=_("move it on"),
        log=log,
        url=pilot_action_url,
        target_arg="pilot",
        fixed={"to_stage": stage},
    )


TO_CONCEPT = _advance(
    PilotStage.CONCEPT,
    PilotStage.IDEA,
    "concept",
    _("Move to Concept"),
    _("Pilot action “%(object)s” moved to the concept stage by %(actor)s"),
)
TO_IMPLEMENTATION = _advance(
    PilotStage.IMPLEMENTATION,
    PilotStage.CONCEPT,
    "implementation",
    _("Move to Implementation"),
    _("Pilot action “%(object)s” moved to implementation by %(actor)s"),
)
TO_EVALUATION = _advance(
    PilotStage.EVALUATION,
    PilotStage.IMPLEMENTATION,
    "evaluation",
    _("Move to Evaluation"),
    _("Pilot action “%(object)s” moved to evaluation by %(actor)s"),
)
CLOSE = _advance(
    PilotStage.CLOSED,
    PilotStage.EVALUATION,
    "close",
    _("Move to Closed (evaluated)"),
    _("Pilot action “%(object)s” closed (evaluated) by %(actor)s"),
)
#: The action that moves a pilot action into each stage.
ADVANCE = {a.to_state: a for a in (TO_CONCEPT, TO_IMPLEMENTATION, TO_EVALUATION, CLOSE)}

PUBLISH = Action(
    "tandems.pilot_publish",
    model=PilotAction,
    who=can_manage_tandem,
    from_states=(PilotStage.CLOSED,),
    also=((is_not_in_toolbox, _("The pilot action is in the public toolbox already.")),),
    state_field="stage",
    verb="publish",
    label=_("Publish in the toolbox"),
    style="success",
    done=_("Toolbox visibility saved."),
    denied=DENIED,
    wrong_state=_("Only evaluated (closed) pilot actions can be published."),
    log=_("Pilot action “%(object)s” published in the toolbox by %(actor)s"),
    url=pilot_action_url,
    target_arg="pilot",
    fixed={"published": True},
)
UNPUBLISH = Action(
    "tandems.pilot_unpublish",
    model=PilotAction,
    who=can_manage_tandem,
    also=((is_in_toolbox, _("The pilot action is not in the public toolbox.")),),
    state_field="stage",
    verb="unpublish",
    label=_("Remove from the public toolbox"),
    style="outline-secondary",
    done=_("Toolbox visibility saved."),
    denied=_("Only the tandem's partners take a pilot action out of the toolbox."),
    log=_("Pilot action “%(object)s” removed from the toolbox by %(actor)s"),
    url=pilot_action_url,
    target_arg="pilot",
    fixed={"published": False},
)


# --- The charter: a partner confirms the latest version for their own organisation. Its form
# (which organisation) is on the charter page, so it is no button; the declaration is its guard.
CHARTER_CONFIRM = Action(
    "tandems.charter_confirm",
    model=TandemPartner,
    who=can_confirm_charter,
    label=_("Confirm for my organisation"),
    denied=_("You can only confirm for your own partner organisation."),
    log=_("Charter “%(version)s” confirmed for %(object)s by %(actor)s"),
    target_arg="partner",
    log_data=("version",),
    lock_related=("programme", "organisation"),
)


# --- Action items of partner meetings: "Done" is a button on the meeting page.


@rules.predicate
def is_open_item(user, item) -> bool:
    return item is not None and item.done_at is None


ACTION_ITEM_COMPLETE = Action(
    "tandems.action_item_complete",
    model=ActionItem,
    who=can_manage_tandem,
    also=((is_open_item, _("This action is already done.")),),
    verb="done",
    label=_("Done"),
    style="outline-success",
    done=_("Action marked as done."),
    denied=_("Only the tandem's partners tick off action items."),
    log=_("Action item “%(object)s” done, ticked off by %(actor)s"),
    url=lambda item, verb: reverse("tandems:action_done", args=[item.programme.slug, item.pk]),
    target_arg="item",
    lock_related=("programme", "meeting__event"),
)
