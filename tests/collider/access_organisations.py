"""Access declarations of the programme wizard and the organisations' own pages, merged into
the core's declarations by tests/collider/access.py.

``build_world(world)`` adds ``world.own_organisation`` (administered by the matrix's partner,
with the CCI participant as a plain member), ``world.org_member`` (the participant's member
row) and ``world.org_invitation`` (an open invitation of a colleague to it, and its token).

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from collider.enums import OrganisationRole
from collider.models import OrganisationInvitation, OrganisationMember
from tests.access import LOGIN, Route, by_login, everyone, named, row, to
from tests.factories import OrganisationFactory

NOT_ALLOWED = everyone(405)


def slug(w):
    return {"slug": w.programme.slug}


def organisation(w):
    return {"pk": w.own_organisation.pk}


TO_ORGANISATION = to("collider:organisation_detail", organisation)

# The members see the page; only its administrator (the partner) and platform admins manage.
MEMBERS_GET = row(LOGIN, 200, 404, 404, 404, 200, 404, 200)
MANAGERS_POST = row(LOGIN, 403, 404, 404, 404, TO_ORGANISATION, 404, TO_ORGANISATION)

ROUTES: dict[str, Route] = {
    # Only platform admins create programmes; an empty form is refused with messages.
    "collider:programme_create": Route(
        named("collider:programme_create"),
        row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
        row(LOGIN, 403, 403, 403, 403, 403, 403, 400),
    ),
    "collider:programme_partners": Route(
        named("collider:programme_partners", slug),
        row(LOGIN, 403, 403, 403, 403, 200, 403, 200),
        row(LOGIN, 403, 403, 403, 403, 400, 403, 400),
    ),
    "collider:organisation_list": Route(
        named("collider:organisation_list"), by_login(LOGIN, 200), NOT_ALLOWED
    ),
    # An empty invitation form is refused (400) for the administrators; plain members may not.
    "collider:organisation_detail": Route(
        named("collider:organisation_detail", organisation),
        MEMBERS_GET,
        row(LOGIN, 403, 404, 404, 404, 400, 404, 400),
    ),
    # An empty role is refused with a message on the organisation's page.
    "collider:organisation_member_role": Route(
        named(
            "collider:organisation_member_role",
            lambda w: {"pk": w.own_organisation.pk, "member_pk": w.org_member.pk},
        ),
        NOT_ALLOWED,
        MANAGERS_POST,
    ),
    "collider:organisation_member_remove": Route(
        named(
            "collider:organisation_member_remove",
            lambda w: {"pk": w.own_organisation.pk, "member_pk": w.org_member.pk},
        ),
        NOT_ALLOWED,
        MANAGERS_POST,
    ),
    "collider:organisation_invitation_revoke": Route(
        named(
            "collider:organisation_invitation_revoke",
            lambda w: {"pk": w.own_organisation.pk, "invitation_pk": w.org_invitation.pk},
        ),
        NOT_ALLOWED,
        MANAGERS_POST,
    ),
    # Nobody in the matrix owns the invitation's address: accepting is refused with a message.
    "collider:organisation_invitation_accept": Route(
        named(
            "collider:organisation_invitation_accept",
            lambda w: {"token": w.org_invitation.token},
        ),
        by_login(LOGIN, 200),
        by_login(LOGIN, 400),
    ),
}


def build_world(world) -> None:
    own = OrganisationFactory(name="Matrix Hub")
    OrganisationMember.objects.create(
        organisation=own, user=world.users["partner"], role=OrganisationRole.ADMIN
    )
    world.org_member = OrganisationMember.objects.create(
        organisation=own, user=world.users["cci"], role=OrganisationRole.MEMBER
    )
    world.own_organisation = own
    world.org_invitation = OrganisationInvitation.objects.create(
        organisation=own,
        email="colleague@example.org",
        invited_by=world.users["partner"],
        expires_at=timezone.now() + timedelta(days=14),
    )
