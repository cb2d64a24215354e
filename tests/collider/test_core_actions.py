"""The generated test of the core's declared actions (``collider.core_actions``): deciding
applications, revoking invitations, cancelling events and setting phases, for every state and
every role of the access matrix, through the declared service."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from collider import actions
from collider.core_actions import (
    ATTENDANCE_MARK,
    EVENT_CANCEL,
    INVITATION_CREATE,
    INVITATION_REVOKE,
    MEMBERSHIP_APPROVE,
    MEMBERSHIP_REJECT,
    PHASES_UPDATE,
)
from collider.enums import EventStatus, MembershipStatus, Role
from collider.models import ActivityEntry, Event, Invitation, Membership
from collider.services import invitation_create
from tests.actions import check_actions
from tests.factories import EventFactory, InvitationFactory, MembershipFactory
from tests.service_actions import check_services


def test_the_core_declares_its_transitions():
    assert set(actions.declared(Membership)) == {MEMBERSHIP_APPROVE, MEMBERSHIP_REJECT}
    assert set(actions.declared(Invitation)) == {INVITATION_CREATE, INVITATION_REVOKE}


def test_membership_decisions_follow_their_declarations(programme, people):
    check_services(
        [MEMBERSHIP_APPROVE, MEMBERSHIP_REJECT],
        states=MembershipStatus.values,
        make=lambda state: MembershipFactory(programme=programme, status=state),
        roles=people,
    )


def _as_buttons(people) -> dict:
    return {role: (lambda _obj, person=person: person) for role, person in people.items()}


def test_the_buttons_are_declared():
    assert (
        actions.declared(Membership, buttons=True),
        set(actions.declared(Invitation, buttons=True)),
        set(actions.declared(Event, buttons=True)) >= {EVENT_CANCEL},
        ATTENDANCE_MARK.is_button,
    ) == ([MEMBERSHIP_APPROVE, MEMBERSHIP_REJECT], {INVITATION_REVOKE}, True, False)


def test_membership_decision_buttons_follow_their_declarations(client, programme, people):
    posts = check_actions(
        client,
        [MEMBERSHIP_APPROVE, MEMBERSHIP_REJECT],
        states=MembershipStatus.values,
        make=lambda state: MembershipFactory(programme=programme, status=state),
        roles=_as_buttons(people),
        data={"approve": {"note": "Welcome aboard"}},
    )
    assert posts == 2 * len(MembershipStatus.values) * len(people)


def test_attendance_mark_follows_its_declaration(programme, people):
    """The partners record who came from the event's start; before it, and for anybody else,
    the declaration refuses with its message."""
    past = timezone.now() - timedelta(hours=2)

    calls = check_services(
        [ATTENDANCE_MARK],
        states=[None],
        make=lambda _state: EventFactory(programme=programme, starts_at=past),
        roles=people,
        data={"attendance": {"attended_ids": set(), "absent_ids": set()}},
    )
    upcoming = EventFactory(programme=programme)

    assert (calls, ATTENDANCE_MARK.refusal(people["partner"], upcoming).code) == (
        len(people),
        "state",
    )


def test_invitation_revoke_button_follows_its_declaration(client, programme, people):
    def make(state):
        invitation = InvitationFactory(programme=programme)
        if state == "revoked":
            invitation.revoked_at = timezone.now()
            invitation.save()
        return invitation

    posts = check_actions(
        client,
        [INVITATION_REVOKE],
        states=["open", "revoked"],
        make=make,
        roles=_as_buttons(people),
    )
    assert posts == 2 * len(people)


def test_event_cancel_button_follows_its_declaration(client, programme, people):
    posts = check_actions(
        client,
        [EVENT_CANCEL],
        states=EventStatus.values,
        make=lambda state: EventFactory(programme=programme, status=state),
        roles=_as_buttons(people),
    )
    assert posts == len(EventStatus.values) * len(people)


def test_phases_update_follows_its_declaration(programme, people):
    check_services(
        [PHASES_UPDATE],
        states=[None],
        make=lambda _state: programme,
        roles=people,
        data={"phases": {"changes": {}}},
    )


def test_invitation_create_is_logged_on_the_invitation(programme, people):
    invitation = invitation_create(
        actor=people["partner"], programme=programme, email="new@example.org", role=Role.EXPERT
    )

    entry = ActivityEntry.objects.get(action=INVITATION_CREATE.name)
    assert (entry.object_id, entry.programme, entry.actor) == (
        invitation.pk,
        programme,
        people["partner"],
    )


def test_registration_cancel_follows_its_declaration(programme, people):
    from collider.core_actions import REGISTRATION_CANCEL
    from collider.enums import RegistrationStatus
    from tests.factories import RegistrationFactory

    calls = check_services(
        [REGISTRATION_CANCEL],
        states=RegistrationStatus.values,
        make=lambda state: RegistrationFactory(
            event=EventFactory(programme=programme), user=people["cci"], status=state
        ),
        roles=people,
    )

    assert calls == len(RegistrationStatus.values) * len(people)


def test_a_guest_cancels_by_the_link_and_nobody_else_does(programme, people):
    """The guest's secret link acts without an account (actor None); a member's registration
    cannot be cancelled that way, and an entry records the guest's cancellation."""
    from collider.core_actions import REGISTRATION_CANCEL
    from collider.enums import RegistrationStatus
    from collider.services import registration_cancel
    from tests.factories import RegistrationFactory

    event = EventFactory(programme=programme)
    guest = RegistrationFactory(event=event, user=None, email="guest@example.org")
    members = RegistrationFactory(event=event, user=people["cci"])

    cancelled = registration_cancel(actor=None, registration=guest)

    assert (
        cancelled.status,
        REGISTRATION_CANCEL.allows(None, members),
        ActivityEntry.objects.filter(action=REGISTRATION_CANCEL.name, object_id=guest.pk).count(),
    ) == (RegistrationStatus.CANCELLED, False, 1)
