"""The programme wizard's services and organisations managing their own members."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collider import services
from collider.enums import MembershipStatus, OrganisationRole, Phase, Role
from collider.models import (
    Membership,
    OrganisationInvitation,
    OrganisationMember,
    Programme,
    ProgrammePhase,
)
from tandems import selectors as tandem_selectors
from tandems import services as tandem_services
from tests.factories import OrganisationFactory, UserFactory
from tests.race import other_request_before

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return UserFactory(is_staff=True, is_superuser=True, first_name="Petra", last_name="Admin")


def phase_dates(programme) -> list[tuple[str, date, date]]:
    return list(programme.phases.order_by("id").values_list("phase", "starts_on", "ends_on"))


# --- Programmes get their phases however they are made ----------------------------------------


def test_programme_saved_without_the_service_gets_six_consecutive_phases():
    programme = Programme.objects.create(
        name="Admin-made", slug="admin-made", starts_on=date(2027, 1, 1), ends_on=date(2027, 6, 29)
    )

    assert phase_dates(programme) == [
        (Phase.MEET, date(2027, 1, 1), date(2027, 1, 30)),
        (Phase.CONNECT, date(2027, 1, 31), date(2027, 3, 1)),
        (Phase.SHARE, date(2027, 3, 2), date(2027, 3, 31)),
        (Phase.SOLVE, date(2027, 4, 1), date(2027, 4, 30)),
        (Phase.COOPERATE, date(2027, 5, 1), date(2027, 5, 30)),
        (Phase.FOLLOW_UP, date(2027, 5, 31), date(2027, 6, 29)),
    ]


def test_programme_phases_ensure_adds_only_missing_phases():
    programme = Programme.objects.create(
        name="P", slug="p", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )
    ProgrammePhase.objects.filter(programme=programme, phase=Phase.SHARE).delete()
    programme.phases.filter(phase=Phase.MEET).update(starts_on=date(2027, 1, 5))

    added = services.programme_phases_ensure(programme=programme)

    assert [row.phase for row in added] == [Phase.SHARE]
    assert programme.phases.get(phase=Phase.MEET).starts_on == date(2027, 1, 5)
    assert programme.phases.count() == 6


# --- The wizard --------------------------------------------------------------------------------


def test_programme_setup_by_a_platform_admin_creates_programme_and_phases(admin):
    programme = services.programme_setup(
        actor=admin,
        name="Danube Collider 2027",
        slug="",
        starts_on=date(2027, 3, 1),
        ends_on=date(2028, 2, 29),
        countries=["AT", "SK"],
        languages="en,de",
        timezone="Europe/Vienna",
        status="draft",
    )

    assert (programme.slug, [c.code for c in programme.countries], programme.languages) == (
        "danube-collider-2027",
        ["AT", "SK"],
        "en,de",
    )
    assert programme.phases.count() == 6


def test_programme_setup_refuses_anyone_but_a_platform_admin():
    partner = UserFactory()

    with pytest.raises(PermissionDenied):
        services.programme_setup(
            actor=partner, name="X", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
        )

    assert Programme.objects.count() == 0


def test_programme_setup_refuses_a_taken_web_address(admin):
    services.programme_setup(
        actor=admin, name="A", slug="same", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )

    with pytest.raises(ValidationError) as error:
        services.programme_setup(
            actor=admin,
            name="B",
            slug="same",
            starts_on=date(2027, 1, 1),
            ends_on=date(2027, 12, 31),
        )

    assert error.value.message_dict == {"slug": ["This web address is taken. Choose another one."]}


def _programme(admin):
    return services.programme_setup(
        actor=admin, name="Tandem test", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)
    )


def test_partner_invite_creates_the_organisation_and_names_it_on_the_invitation(
    admin, django_capture_on_commit_callbacks
):
    programme = _programme(admin)

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.programme_partner_invite(
            actor=admin,
            programme=programme,
            email="Ana@Hub.example",
            new_organisation={
                "name": "Creative Hub Vienna",
                "country": "AT",
                "kind": "cci_hub",
                "sector": "intermediary",
            },
        )

    organisation = invitation.organisation
    assert (organisation.name, organisation.country.code, invitation.role, invitation.email) == (
        "Creative Hub Vienna",
        "AT",
        Role.PARTNER,
        "ana@hub.example",
    )
    # The platform admin does not become a member of the organisation it made.
    assert list(organisation.members.all()) == []
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ana@hub.example"], "[Collider] [Action required] Invitation to Tandem test")
    ]


def test_partner_invite_needs_exactly_one_organisation(admin):
    programme = _programme(admin)

    with pytest.raises(ValidationError) as error:
        services.programme_partner_invite(actor=admin, programme=programme, email="a@b.example")

    assert error.value.message_dict == {
        "organisation": ["Choose an existing organisation or name a new one."]
    }


def test_accepting_a_partner_invitation_acts_for_its_organisation_and_the_tandem_can_add_it(
    admin,
):
    programme = _programme(admin)
    hub = OrganisationFactory(name="Hub")
    cluster = OrganisationFactory(name="Cluster")
    ana = UserFactory(email="ana@hub.example")
    first = services.programme_partner_invite(
        actor=admin, programme=programme, email=ana.email, organisation=hub
    )
    services.programme_partner_invite(
        actor=admin, programme=programme, email="bo@cluster.example", organisation=cluster
    )

    membership = services.invitation_accept(user=ana, invitation=first)

    assert (membership.role, membership.status, membership.organisation) == (
        Role.PARTNER,
        MembershipStatus.APPROVED,
        hub,
    )
    # The first to join an organisation without administrator administers it.
    assert list(OrganisationMember.objects.filter(user=ana).values_list("role", flat=True)) == [
        OrganisationRole.ADMIN
    ]
    # Both invited organisations may join the tandem, also the one whose person has not accepted.
    assert list(tandem_selectors.organisations_joinable(programme=programme)) == [cluster, hub]
    for organisation in (hub, cluster):
        tandem_services.tandem_partner_add(
            actor=ana, programme=programme, organisation=organisation, role="cci_hub"
        )
    partners = tandem_selectors.tandem_partner_list(programme=programme)
    assert [(p.organisation.name, [u.email for u in p.staff]) for p in partners] == [
        ("Cluster", []),
        ("Hub", ["ana@hub.example"]),
    ]


# --- Organisations manage their own members ---------------------------------------------------


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Studio Nord")


@pytest.fixture
def org_admin(organisation):
    user = UserFactory(first_name="Olga", last_name="Admin")
    OrganisationMember.objects.create(
        organisation=organisation, user=user, role=OrganisationRole.ADMIN
    )
    return user


def test_organisation_invitation_is_sent_and_accepted_with_its_role(
    organisation, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.organisation_invitation_create(
            actor=org_admin,
            organisation=organisation,
            email="Colleague@Studio.example",
            role=OrganisationRole.MEMBER,
        )
    colleague = UserFactory(email="colleague@studio.example")

    member = services.organisation_invitation_accept(user=colleague, invitation=invitation)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["colleague@studio.example"], "[Collider] [Action required] Join Studio Nord on Collider")
    ]
    assert "/organisations/invitations/" in mail.outbox[0].body
    assert (member.user, member.role) == (colleague, OrganisationRole.MEMBER)
    invitation.refresh_from_db()
    assert invitation.status == "accepted"


def test_organisation_invitation_refuses_a_plain_member(organisation, org_admin):
    plain = UserFactory()
    OrganisationMember.objects.create(organisation=organisation, user=plain)

    with pytest.raises(PermissionDenied):
        services.organisation_invitation_create(
            actor=plain, organisation=organisation, email="x@y.example", role="member"
        )

    assert OrganisationInvitation.objects.count() == 0


def test_organisation_invitation_refuses_an_existing_member_and_a_second_open_one(
    organisation, org_admin
):
    with pytest.raises(ValidationError) as error:
        services.organisation_invitation_create(
            actor=org_admin, organisation=organisation, email=org_admin.email, role="member"
        )
    assert error.value.message_dict == {"email": [f"{org_admin.email} is already a member."]}

    services.organisation_invitation_create(
        actor=org_admin, organisation=organisation, email="new@x.example", role="member"
    )
    with pytest.raises(ValidationError) as error:
        services.organisation_invitation_create(
            actor=org_admin, organisation=organisation, email="NEW@x.example", role="admin"
        )
    assert error.value.message_dict == {"email": ["new@x.example already has an open invitation."]}


def test_organisation_invitation_accept_refuses_another_address_and_a_revoked_one(
    organisation, org_admin
):
    invitation = services.organisation_invitation_create(
        actor=org_admin, organisation=organisation, email="right@x.example", role="member"
    )

    with pytest.raises(PermissionDenied):
        services.organisation_invitation_accept(user=UserFactory(), invitation=invitation)
    services.organisation_invitation_revoke(actor=org_admin, invitation=invitation)
    with pytest.raises(ValidationError) as error:
        services.organisation_invitation_accept(
            user=UserFactory(email="right@x.example"), invitation=invitation
        )

    assert error.value.messages == ["This invitation is no longer valid."]
    assert organisation.members.count() == 1


def test_expired_organisation_invitation_cannot_be_accepted(organisation, org_admin):
    invitation = services.organisation_invitation_create(
        actor=org_admin, organisation=organisation, email="late@x.example", role="member"
    )
    OrganisationInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(ValidationError):
        services.organisation_invitation_accept(
            user=UserFactory(email="late@x.example"), invitation=invitation
        )


def test_member_role_changes_but_the_last_administrator_stays(organisation, org_admin):
    colleague = UserFactory()
    member = OrganisationMember.objects.create(organisation=organisation, user=colleague)
    own = OrganisationMember.objects.get(user=org_admin)

    with pytest.raises(ValidationError) as error:
        services.organisation_member_set_role(actor=org_admin, member=own, role="member")
    assert error.value.messages == [
        "An organisation needs an administrator: make someone else one first."
    ]

    services.organisation_member_set_role(actor=org_admin, member=member, role="admin")
    services.organisation_member_set_role(actor=org_admin, member=own, role="member")

    assert dict(organisation.organisationmember_set.values_list("user__email", "role")) == {
        org_admin.email: "member",
        colleague.email: "admin",
    }


def test_member_removal_refuses_the_last_administrator(organisation, org_admin):
    colleague = UserFactory()
    member = OrganisationMember.objects.create(organisation=organisation, user=colleague)
    own = OrganisationMember.objects.get(user=org_admin)

    with pytest.raises(ValidationError) as error:
        services.organisation_member_remove(actor=org_admin, member=own)
    assert error.value.messages == [
        "The last administrator cannot be removed: make someone else one first."
    ]

    services.organisation_member_remove(actor=org_admin, member=member)

    assert list(organisation.members.all()) == [org_admin]


def test_plain_member_cannot_change_roles_or_remove(organisation, org_admin):
    plain = UserFactory()
    member = OrganisationMember.objects.create(organisation=organisation, user=plain)

    with pytest.raises(PermissionDenied):
        services.organisation_member_set_role(actor=plain, member=member, role="admin")
    with pytest.raises(PermissionDenied):
        services.organisation_member_remove(
            actor=plain, member=OrganisationMember.objects.get(user=org_admin)
        )

    assert organisation.members.count() == 2


def test_a_colleague_shows_as_staff_of_the_tandem_partner_organisation(admin, organisation):
    programme = _programme(admin)
    partner = UserFactory(email="lead@studio.example")
    Membership.objects.create(
        programme=programme,
        user=partner,
        role=Role.PARTNER,
        status=MembershipStatus.APPROVED,
        organisation=organisation,
    )
    colleague = UserFactory(email="second@studio.example")
    services.organisation_member_join(organisation=organisation, user=partner)
    services.organisation_member_join(organisation=organisation, user=colleague)
    tandem_services.tandem_partner_add(
        actor=partner, programme=programme, organisation=organisation, role="cci_hub"
    )

    (listed,) = tandem_selectors.tandem_partner_list(programme=programme)

    assert [person.email for person in listed.staff] == [
        "lead@studio.example",
        "second@studio.example",
    ]


def test_member_applies_on_behalf_of_the_organisation_they_pick(admin):
    programme = _programme(admin)
    Programme.objects.filter(pk=programme.pk).update(status="open")
    programme.refresh_from_db()
    person = UserFactory()
    first, second = OrganisationFactory(name="One"), OrganisationFactory(name="Two")
    for organisation in (first, second):
        services.organisation_member_join(organisation=organisation, user=person)

    membership = services.membership_apply(
        user=person,
        programme=programme,
        sector="cci",
        motivation="We design interfaces for machines.",
        organisation=second,
    )

    assert membership.organisation == second


def test_two_administrators_demoting_each_other_at_once_leave_one_administrator(organisation):
    first, second = UserFactory(), UserFactory()
    for person in (first, second):
        OrganisationMember.objects.create(
            organisation=organisation, user=person, role=OrganisationRole.ADMIN
        )
    second_member = OrganisationMember.objects.get(user=second)

    def second_demotes_first():
        OrganisationMember.objects.filter(user=first).update(role=OrganisationRole.MEMBER)

    # The other request lands after the permission check, before the locked read of the members.
    with (
        other_request_before("collider_organisationmember", 2, second_demotes_first),
        pytest.raises(ValidationError) as error,
    ):
        services.organisation_member_set_role(actor=first, member=second_member, role="member")

    assert error.value.messages == [
        "An organisation needs an administrator: make someone else one first."
    ]
    # (The simulated other request shares the refused transaction, so it is undone with it.)
    second_member.refresh_from_db()
    assert second_member.role == OrganisationRole.ADMIN


def test_a_removed_member_no_longer_acts_for_the_organisation_in_programmes(
    admin, organisation, org_admin
):
    programme = _programme(admin)
    colleague = UserFactory()
    member = services.organisation_member_join(organisation=organisation, user=colleague)
    Membership.objects.create(
        programme=programme,
        user=colleague,
        role=Role.PARTNER,
        status=MembershipStatus.APPROVED,
        organisation=organisation,
    )

    services.organisation_member_remove(actor=org_admin, member=member)

    membership = Membership.objects.get(user=colleague)
    assert (membership.role, membership.status, membership.organisation) == (
        Role.PARTNER,
        MembershipStatus.APPROVED,
        None,
    )
