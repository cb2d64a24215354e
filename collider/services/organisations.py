"""Writes of an organisation's own people: invitations of colleagues, roles and removals.

An organisation's administrators manage its members (``collider.manage_organisation``); an
organisation always keeps at least one administrator. Changes that could leave it without one
lock the organisation's member rows first, so two administrators demoting each other at the
same moment cannot both succeed.
"""

from __future__ import annotations

from datetime import timedelta

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..enums import OrganisationRole
from ..models import Membership, Organisation, OrganisationInvitation, OrganisationMember, User
from ..rules import forget_roles, require
from .invitations import invitation_insert
from .outbox import notification_send

ORGANISATION_INVITATION_VALID_FOR = timedelta(days=30)
ONLY_ADMINS = gettext_lazy("Only the organisation's administrators manage its members.")


def organisation_member_join(
    *, organisation: Organisation, user: User, role: str = OrganisationRole.MEMBER
) -> OrganisationMember:
    """Make ``user`` a member of ``organisation`` (kept as they are if already one). The first
    person to join an organisation without administrator becomes its administrator."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    member = OrganisationMember.objects.filter(organisation=organisation, user=user).first()
    if member is not None:
        return member
    if not OrganisationMember.objects.filter(
        organisation=organisation, role=OrganisationRole.ADMIN
    ).exists():
        role = OrganisationRole.ADMIN
    return OrganisationMember.objects.create(organisation=organisation, user=user, role=role)


@transaction.atomic
def organisation_invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str, message: str = ""
) -> OrganisationInvitation:
    """An administrator invites a colleague by e-mail. Side effects: e-mail."""
    require(actor, "collider.manage_organisation", organisation, ONLY_ADMINS)
    if role not in OrganisationRole.values:
        raise ValidationError({"role": _("Choose administrator or member.")})
    email = email.strip().lower()
    if OrganisationMember.objects.filter(
        organisation=organisation, user__email__iexact=email
    ).exists():
        raise ValidationError({"email": _("%(email)s is already a member.") % {"email": email}})
    invitation = invitation_insert(
        OrganisationInvitation,
        actor=actor,
        taken=_("%(email)s already has an open invitation."),
        organisation=organisation,
        email=email,
        role=role,
        message=message,
        expires_at=timezone.now() + ORGANISATION_INVITATION_VALID_FOR,
    )
    notification_send(
        kind="organisation_invitation",
        email=email,
        target=invitation,
        context={"invitation_id": invitation.pk},
        dedupe_key=f"organisation-invitation:{invitation.pk}",
    )
    return invitation


@transaction.atomic
def organisation_invitation_revoke(
    *, actor: User, invitation: OrganisationInvitation
) -> OrganisationInvitation:
    require(actor, "collider.manage_organisation", invitation.organisation, ONLY_ADMINS)
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("Only open invitations can be revoked."))
    with set_actor(actor):
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def organisation_invitation_accept(
    *, user: User, invitation: OrganisationInvitation
) -> OrganisationMember:
    """The invited colleague joins with the role the invitation names."""
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid."))
    if invitation.email.lower() != user.email.lower():
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    with set_actor(user):
        member = organisation_member_join(
            organisation=invitation.organisation, user=user, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return member


def _locked_members(organisation_id: int) -> list[OrganisationMember]:
    return list(
        OrganisationMember.objects.select_for_update()
        .filter(organisation_id=organisation_id)
        .order_by("pk")
    )


def _keeps_an_admin(members: list[OrganisationMember], *, without: int) -> bool:
    return any(m.role == OrganisationRole.ADMIN and m.pk != without for m in members)


@transaction.atomic
def organisation_member_set_role(
    *, actor: User, member: OrganisationMember, role: str
) -> OrganisationMember:
    """Make a member an administrator or a plain member (never the last administrator)."""
    require(actor, "collider.manage_organisation", member.organisation, ONLY_ADMINS)
    if role not in OrganisationRole.values:
        raise ValidationError(_("Choose administrator or member."))
    members = _locked_members(member.organisation_id)
    member = next((m for m in members if m.pk == member.pk), None)
    if member is None:
        raise ValidationError(_("This person is no longer a member."))
    if role != OrganisationRole.ADMIN and not _keeps_an_admin(members, without=member.pk):
        raise ValidationError(
            _("An organisation needs an administrator: make someone else one first.")
        )
    with set_actor(actor):
        member.role = role
        member.save(update_fields=["role"])
    return member


@transaction.atomic
def organisation_member_remove(*, actor: User, member: OrganisationMember) -> None:
    """Remove a member from the organisation (never the last administrator). They no longer
    act for it in any programme either: their programme roles stay, without the organisation
    (so they cannot, say, confirm the tandem charter for it any more)."""
    require(actor, "collider.manage_organisation", member.organisation, ONLY_ADMINS)
    members = _locked_members(member.organisation_id)
    member = next((m for m in members if m.pk == member.pk), None)
    if member is None:
        return
    if not _keeps_an_admin(members, without=member.pk):
        raise ValidationError(
            _("The last administrator cannot be removed: make someone else one first.")
        )
    with set_actor(actor):
        for membership in Membership.objects.filter(
            user_id=member.user_id, organisation_id=member.organisation_id
        ):
            membership.organisation = None
            membership.save(update_fields=["organisation"])
        member.delete()
    forget_roles(member.user)
