"""Every state-changing action of the matchmaking app, declared once (STYLE §16): who may do it
(role **and** state, as one ``rules`` predicate), the service that performs it, the button, the
activity entry. The services in ``services/`` are wrapped by these declarations, so their guard
is the declaration's; templates render the buttons with ``{% action_buttons %}`` or ask
``{% has_perm "<action name>" user obj %}``.
"""

from __future__ import annotations

import rules
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.actions import Action

from .enums import AgreementStatus, RequestStatus
from .models import Agreement, MeetingRequest, Workshop
from .rules import can_organise, is_party, is_request_recipient, is_request_side


class _LowerState:
    """A wrong-state sentence that names the state in lower case inside the sentence ("This
    request is already expired.")."""

    def __init__(self, text) -> None:
        self.text = text

    def __mod__(self, values: dict) -> str:
        return str(self.text) % {key: str(value).lower() for key, value in values.items()}


def _meeting_url(meeting: MeetingRequest, verb: str) -> str:
    return reverse(
        f"matchmaking:meeting_{verb}",
        args=[meeting.workshop.event.programme.slug, meeting.workshop_id, meeting.pk],
    )


def _workshop_url(workshop: Workshop, verb: str) -> str:
    return reverse(f"matchmaking:{verb}", args=[workshop.event.programme.slug, workshop.pk])


@rules.predicate
def has_placements(user, workshop) -> bool:
    """The working schedule places at least one meeting (something to publish)."""
    return (
        workshop is not None
        and MeetingRequest.objects.filter(
            workshop=workshop, slot__isnull=False, table__isnull=False
        ).exists()
    )


_ANSWERED = _LowerState(_("This request is already %(state)s."))
_REQUEST_ROWS = ("workshop__event__programme", "requester__user", "recipient__user")

REQUEST_ACCEPT = Action(
    "matchmaking.meeting_request_accept",
    model=MeetingRequest,
    who=is_request_recipient,
    from_states=(RequestStatus.PENDING,),
    to_state=RequestStatus.ACCEPTED,
    wrong_state=_ANSWERED,
    label=_("Accept"),
    denied=_("Only the person asked can answer this request."),
    log=_("Meeting request “%(object)s” accepted by %(actor)s"),
    target_arg="request",
    lock_related=_REQUEST_ROWS,
)
REQUEST_DECLINE = Action(
    "matchmaking.meeting_request_decline",
    model=MeetingRequest,
    who=is_request_recipient,
    from_states=(RequestStatus.PENDING,),
    to_state=RequestStatus.DECLINED,
    wrong_state=_ANSWERED,
    label=_("Decline"),
    denied=_("Only the person asked can answer this request."),
    log=_("Meeting request “%(object)s” declined by %(actor)s"),
    target_arg="request",
    lock_related=_REQUEST_ROWS,
)
MEETING_HELD = Action(
    "matchmaking.meeting_mark_held",
    model=MeetingRequest,
    who=is_request_side | can_organise,
    from_states=(RequestStatus.ACCEPTED,),
    to_state=RequestStatus.ACCEPTED,
    wrong_state=_("Only an accepted meeting can be held."),
    verb="held",
    label=_("Mark as held"),
    style="outline-secondary",
    done=_("Marked as held."),
    denied=_("Only the two participants or an organiser mark a meeting as held."),
    log=_("Meeting “%(object)s” marked as held by %(actor)s"),
    url=_meeting_url,
    target_arg="request",
    lock_related=_REQUEST_ROWS,
)
SCHEDULE_PUBLISH = Action(
    "matchmaking.schedule_publish",
    model=Workshop,
    who=can_organise,
    also=((has_placements, _("Nothing to publish: run the scheduler first.")),),
    verb="publish",
    label=_("Publish this schedule"),
    style="success",
    done=_("Schedule published."),
    denied=_("Only organisers publish the schedule."),
    log=_("Schedule of “%(object)s” published by %(actor)s"),
    url=_workshop_url,
    lock_related=("event__programme",),
)
AGREEMENT_SIGN = Action(
    "matchmaking.agreement_sign",
    model=Agreement,
    who=is_party,
    from_states=(AgreementStatus.DRAFT,),
    wrong_state=_("You already signed this version."),
    label=_("Sign"),
    denied=_("Only a party can sign this agreement."),
    log=_("Agreement “%(object)s” signed by %(actor)s"),
)
