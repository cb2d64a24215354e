"""Permission predicates: roles per programme, approved memberships only, cached per user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from collider.enums import MembershipStatus, ProgrammeStatus, RegistrationMode, Role
from collider.rules import (
    can_manage_programme,
    forget_roles,
    is_registrant,
    programme_of,
    require,
    roles_in,
)
from tests.factories import (
    EventFactory,
    MembershipFactory,
    ProgrammeFactory,
    RegistrationFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db

ALL_PERMS = [
    "collider.view_programme",
    "collider.manage_programme",
    "collider.apply_programme",
    "collider.view_audit",
]
EVENT_PERMS = ["collider.view_event", "collider.manage_event"]


def test_roles_in_loads_a_users_roles_once(programme, other_programme, django_assert_num_queries):
    user = member(programme, Role.PARTNER)
    MembershipFactory(programme=programme, user=user, role=Role.EXPERT, sector="")
    MembershipFactory(programme=other_programme, user=user, role=Role.PARTICIPANT)

    with django_assert_num_queries(1):
        first = roles_in(user, programme)
    with django_assert_num_queries(0):
        second = roles_in(user, programme)
        other = roles_in(user, other_programme)

    assert first == second == frozenset({Role.PARTNER, Role.EXPERT})
    assert other == frozenset({Role.PARTICIPANT})


def test_roles_in_counts_approved_memberships_only(programme):
    user = UserFactory()
    MembershipFactory(programme=programme, user=user, status=MembershipStatus.APPLIED)
    MembershipFactory(
        programme=programme, user=user, role=Role.EXPERT, sector="", status=MembershipStatus.LEFT
    )

    assert roles_in(user, programme) == frozenset()


def test_roles_in_for_anonymous_is_empty_without_queries(programme, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert roles_in(AnonymousUser(), programme) == frozenset()


def test_forget_roles_makes_the_next_check_see_a_new_membership(programme):
    user = UserFactory()
    assert roles_in(user, programme) == frozenset()
    MembershipFactory(programme=programme, user=user, role=Role.FACILITATOR, sector="")

    stale = roles_in(user, programme)
    forget_roles(user)

    assert (stale, roles_in(user, programme)) == (frozenset(), frozenset({Role.FACILITATOR}))


def test_partner_manages_own_programme_but_not_another(people, programme, other_programme):
    own = people["partner"]
    foreign = people["other_partner"]

    assert [
        own.has_perm("collider.manage_programme", programme),
        foreign.has_perm("collider.manage_programme", programme),
        foreign.has_perm("collider.manage_programme", other_programme),
        foreign.has_perm("collider.view_audit", programme),
    ] == [True, False, True, False]


def test_partner_of_another_programme_cannot_manage_its_events(people, programme):
    event = EventFactory(programme=programme)

    assert [
        people["partner"].has_perm("collider.manage_event", event),
        people["other_partner"].has_perm("collider.manage_event", event),
        people["other_partner"].has_perm("collider.view_event", event),
    ] == [True, False, False]


def test_staff_roles_other_than_partner_cannot_manage(people, programme):
    assert [
        people[name].has_perm("collider.manage_programme", programme)
        for name in ("cci", "avm", "expert", "facilitator")
    ] == [False] * 4


def test_admin_has_every_permission_everywhere(people, programme, other_programme):
    admin = people["admin"]
    draft = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    event = EventFactory(programme=draft)

    assert [
        admin.has_perm(perm, target)
        for target in (programme, other_programme, draft)
        for perm in ALL_PERMS
    ] == [True] * 12
    assert [admin.has_perm(perm, event) for perm in EVENT_PERMS] == [True, True]
    assert can_manage_programme.test(admin, draft) is True


def test_public_event_of_a_draft_programme_is_hidden_from_anonymous():
    draft = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    running = ProgrammeFactory()
    hidden = EventFactory(programme=draft, registration_mode=RegistrationMode.PUBLIC)
    shown = EventFactory(programme=running, registration_mode=RegistrationMode.PUBLIC)
    members_only = EventFactory(programme=running)
    anonymous = AnonymousUser()

    assert [
        anonymous.has_perm("collider.view_event", hidden),
        anonymous.has_perm("collider.view_event", shown),
        anonymous.has_perm("collider.view_event", members_only),
    ] == [False, True, False]


def test_apply_needs_an_account_and_a_public_programme(programme):
    draft = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    user = UserFactory()

    assert [
        AnonymousUser().has_perm("collider.apply_programme", programme),
        user.has_perm("collider.apply_programme", programme),
        user.has_perm("collider.apply_programme", draft),
    ] == [False, True, False]


def test_programme_of_finds_the_programme_of_related_objects(programme):
    event = EventFactory(programme=programme)
    registration = RegistrationFactory(event=event)

    assert [programme_of(programme), programme_of(event), programme_of(registration)] == [
        programme
    ] * 3
    assert programme_of(object()) is None


def test_is_registrant_only_for_the_registered_user():
    registration = RegistrationFactory()

    assert [
        is_registrant.test(registration.user, registration),
        is_registrant.test(UserFactory(), registration),
        is_registrant.test(AnonymousUser(), registration),
    ] == [True, False, False]


def test_require_lets_the_permission_holder_through_and_refuses_everyone_else(programme):
    partner = member(programme, Role.PARTNER)
    participant = member(programme, Role.PARTICIPANT)

    require(partner, "collider.manage_programme", programme)
    for person in (participant, AnonymousUser(), None):
        with pytest.raises(PermissionDenied) as refused:
            require(person, "collider.manage_programme", programme, "Partners only.")
        assert str(refused.value) == "Partners only."
