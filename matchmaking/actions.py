"""Every state-changing action of the matchmaking app, declared once (STYLE §16): who may do it
(role **and** state, as one ``rules`` predicate), the service that performs it, the button, the
activity entry. The services in ``services/`` are wrapped by these declarations, so their guard
is the declaration's; templates render the buttons with ``{% action_buttons %}`` or ask
``{% has_perm "<action name>" user obj %}``.
"""

from __future__ import annotations

import rules
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from collider.actions import Action
from collider.models import Programme
from collider.rules import is_admin, is_participant, is_partner

from .enums import AgreementStatus, RequestStatus
from .models import (
    Agreement,
    MeetingRequest,
    Participation,
    Pick,
    Profile,
    ScheduleRun,
    Table,
    Term,
    Workshop,
)
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


@rules.predicate
def has_started(user, meeting_request) -> bool:
    """The meeting has begun: its slot (once scheduled), else its workshop, has started."""
    if meeting_request is None:
        return False
    slot = meeting_request.slot
    starts_at = slot.starts_at if slot is not None else meeting_request.workshop.event.starts_at
    return starts_at <= timezone.now()


def _not_started(meeting_request) -> str:
    slot = meeting_request.slot
    starts_at = slot.starts_at if slot is not None else meeting_request.workshop.event.starts_at
    return str(_("The meeting has not taken place yet: it starts on %(when)s.")) % {
        "when": date_format(
            timezone.localtime(starts_at, meeting_request.workshop.event.tz), "DATETIME_FORMAT"
        )
    }


MEETING_HELD = Action(
    "matchmaking.meeting_mark_held",
    model=MeetingRequest,
    who=is_request_side | can_organise,
    from_states=(RequestStatus.ACCEPTED,),
    # "Held" only once it started: a meeting marked before it took place counts as nothing.
    also=((has_started, _not_started),),
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


# --- Writes that change no state: one declaration each for the guard (their forms are pages
# of their own; the services call ``check``).


@rules.predicate
def is_own_participation(user, participation) -> bool:
    return participation is not None and participation.profile.user_id == getattr(user, "pk", None)


def _write(name: str, model, who, denied, label, log) -> Action:
    return Action(f"matchmaking.{name}", model=model, who=who, denied=denied, label=label, log=log)


can_edit_terms = is_partner | is_admin
_TAXONOMIES = _("Only partners edit the taxonomies.")
_CURATORS = _("Only facilitators and partners curate shortlists.")
_RUNNERS = _("Only organisers run the scheduler.")
_EDITORS = _("Only a party or an organiser edits this agreement.")

TERM_CREATE = _write(
    "term_create",
    Programme,
    can_edit_terms,
    _TAXONOMIES,
    _("Add a term"),
    _("Term added by %(actor)s"),
)
TERM_DELETE = _write(
    "term_delete",
    Term,
    can_edit_terms,
    _TAXONOMIES,
    _("Remove"),
    _("Term “%(object)s” removed by %(actor)s"),
)
PROFILE_SAVE = _write(
    "profile_save",
    Programme,
    is_participant,
    _("Only participants of this programme have a matchmaking profile."),
    _("Save the profile"),
    _("Matchmaking profile saved by %(actor)s"),
)
PICK_SET = _write(
    "pick_set",
    Profile,
    can_organise,
    _CURATORS,
    _("Shortlist"),
    _("Shortlist of “%(object)s” changed by %(actor)s"),
)
PICK_CLEAR = _write(
    "pick_clear",
    Pick,
    can_organise,
    _CURATORS,
    _("Remove"),
    _("“%(object)s” removed from a shortlist by %(actor)s"),
)
WORKSHOP_CREATE = _write(
    "workshop_create",
    Programme,
    can_organise,
    _("Only facilitators and partners organise workshops."),
    _("New workshop"),
    _("Workshop created by %(actor)s"),
)
TABLE_FIX = _write(
    "table_fix",
    Table,
    can_organise,
    _("Only organisers assign tables."),
    _("Assign"),
    _("Table “%(object)s” assigned by %(actor)s"),
)
PARTICIPATION_UPDATE = _write(
    "participation_update",
    Participation,
    is_own_participation | can_organise,
    _("You can change only your own availability."),
    _("Save the availability"),
    _("Availability of “%(object)s” saved by %(actor)s"),
)
EXPERT_INVITE = _write(
    "expert_invite",
    Workshop,
    can_organise,
    _("Only facilitators and partners invite experts."),
    _("Invite"),
    _("An expert invited to “%(object)s” by %(actor)s"),
)
MEETING_LOCK = _write(
    "meeting_lock",
    MeetingRequest,
    can_organise,
    _("Only organisers lock meetings."),
    _("Lock"),
    _("Meeting “%(object)s” locked by %(actor)s"),
)
MEETING_MOVE = _write(
    "meeting_move",
    MeetingRequest,
    can_organise,
    _("Only organisers move meetings."),
    _("Move"),
    _("Meeting “%(object)s” moved by %(actor)s"),
)
SCHEDULE_RUN = _write(
    "schedule_run",
    Workshop,
    can_organise,
    _RUNNERS,
    _("Run the scheduler"),
    _("Scheduler run for “%(object)s” by %(actor)s"),
)
SCHEDULE_RUN_STOP = _write(
    "schedule_run_stop",
    ScheduleRun,
    can_organise,
    _("Only organisers stop the scheduler."),
    _("Stop"),
    _("Scheduler run “%(object)s” stopped by %(actor)s"),
)
AGREEMENT_UPDATE = _write(
    "agreement_update",
    Agreement,
    is_party | can_organise,
    _EDITORS,
    _("Save"),
    _("Agreement “%(object)s” edited by %(actor)s"),
)
AGREEMENT_PARTY_ADD = _write(
    "agreement_party_add_external",
    Agreement,
    is_party | can_organise,
    _EDITORS,
    _("Add a party"),
    _("An external party added to “%(object)s” by %(actor)s"),
)
