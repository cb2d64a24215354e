"""The core's declared write actions (STYLE §16; the framework is ``collider.actions``):
deciding applications, inviting and revoking, cancelling events, setting the phases. Each
declaration is the rule (role and state) that the service's guard checks, the button the
pages render with ``{% action_buttons %}`` (revoking an invitation, cancelling an event) and the
sentence on the programme's activity timeline. Approving and rejecting an application are
buttons too (in the management page's rows); inviting, setting the phases and recording
attendance are done on pages of their own (``url=None``)."""

from __future__ import annotations

import rules
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .actions import Action
from .enums import EventStatus, MembershipStatus, RegistrationStatus
from .forms import DecisionForm
from .models import Event, Invitation, Membership, Programme, Registration
from .rules import can_manage_event, can_manage_programme, has_started, is_registrant


@rules.predicate
def is_open_invitation(user, invitation) -> bool:
    return invitation is not None and invitation.is_open


def _url(name: str):
    def url(obj, verb: str) -> str:
        return reverse(name, args=[obj.programme.slug, obj.pk])

    return url


PARTNERS_DECIDE = _("Only the programme's partners decide applications.")
PARTNERS_INVITE = _("Only the programme's partners invite and revoke invitations.")


def _decision(verb: str, to_state: str, label, done, log, **more) -> Action:
    """Approving or rejecting an open application: the same rule, another outcome; a button
    of its own in the management page's rows."""
    return Action(
        f"collider.membership_{verb}",
        model=Membership,
        who=can_manage_programme,
        from_states=(MembershipStatus.APPLIED,),
        to_state=to_state,
        verb=verb,
        label=label,
        done=done,
        denied=PARTNERS_DECIDE,
        wrong_state=_("Only open applications can be decided."),
        log=log,
        log_data=("note",),
        fixed={"approve": to_state == MembershipStatus.APPROVED},
        form=DecisionForm,
        url=_url(f"collider:membership_{verb}"),
        **more,
    )


MEMBERSHIP_APPROVE = _decision(
    "approve",
    MembershipStatus.APPROVED,
    _("Approve"),
    _("Application approved."),
    _("Application of %(object)s approved by %(actor)s"),
    style="success",
)
MEMBERSHIP_REJECT = _decision(
    "reject",
    MembershipStatus.REJECTED,
    _("Reject"),
    _("Application rejected."),
    _("Application of %(object)s rejected by %(actor)s"),
    style="outline-danger",
    confirm=_("Reject this application?"),
)
INVITATION_CREATE = Action(
    "collider.invitation_create",
    model=Invitation,
    who=can_manage_programme,
    verb="invite",
    label=_("Send invitation"),
    denied=PARTNERS_INVITE,
    log=_("Invitation %(object)s sent by %(actor)s"),
    target_arg="programme",
    lock=False,
    log_result=True,
)
INVITATION_REVOKE = Action(
    "collider.invitation_revoke",
    model=Invitation,
    who=can_manage_programme,
    also=((is_open_invitation, _("Only open invitations can be revoked.")),),
    verb="revoke",
    label=_("Revoke"),
    style="outline-danger",
    done=_("Invitation revoked."),
    denied=PARTNERS_INVITE,
    log=_("Invitation %(object)s revoked by %(actor)s"),
    url=_url("collider:invitation_revoke"),
)
EVENT_CANCEL = Action(
    "collider.event_cancel",
    model=Event,
    who=can_manage_event,
    from_states=(EventStatus.SCHEDULED,),
    to_state=EventStatus.CANCELLED,
    verb="cancel",
    label=_("Cancel event"),
    done=_("Event cancelled. Everyone registered is informed."),
    denied=_("Only the programme's partners cancel events."),
    wrong_state=_("This event is cancelled already."),
    log=_("Event “%(object)s” cancelled by %(actor)s"),
    update_caller=True,
    style="outline-danger",
    confirm=_("Cancel this event and notify everyone registered?"),
    url=_url("collider:event_cancel"),
)


def _not_started(event) -> str:
    start = timezone.localtime(event.starts_at, event.tz)
    return _("Attendance can be recorded from the start of the event (%(start)s).") % {
        "start": date_format(start, "DATETIME_FORMAT")
    }


# Who came is known only once the event has begun: no attendance (and so no certificate)
# before. Recorded on the event's attendance page (a training session's too: sessions are
# events), whose checkboxes are the form.
ATTENDANCE_MARK = Action(
    "collider.attendance_mark",
    model=Event,
    who=can_manage_event,
    also=((has_started, _not_started),),
    verb="attendance",
    label=_("Save attendance"),
    denied=_("Only the programme's partners record attendance."),
    log=_("Attendance of “%(object)s” recorded by %(actor)s"),
    lock_related=("programme",),
)
PHASES_UPDATE = Action(
    "collider.programme_phases_update",
    model=Programme,
    who=can_manage_programme,
    verb="phases",
    label=_("Save phases"),
    denied=_("Only the programme's partners set its phases."),
    log=_("Phases of %(object)s set by %(actor)s"),
    target_arg="programme",
    lock=False,
)


@rules.predicate
def is_before_start(user, registration) -> bool:
    return registration is not None and registration.event.starts_at > timezone.now()


# A registration is cancelled by the person it belongs to: a member from the event page, a
# guest (no account, so no actor) from the secret link in their e-mail, whose registration has
# no user either. Done from those pages' own forms.
REGISTRATION_CANCEL = Action(
    "collider.registration_cancel",
    model=Registration,
    who=is_registrant,
    from_states=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
    also=(
        (
            is_before_start,
            _("The event has started; registrations can no longer be cancelled."),
        ),
    ),
    verb="unregister",
    label=_("Cancel my registration"),
    denied=_("Only the person registered can cancel this registration."),
    wrong_state=_("This registration is already cancelled."),
    log=_("Registration of %(object)s cancelled"),
    target_arg="registration",
    # The service locks the event before the registration, as every registration write does.
    lock=False,
)
