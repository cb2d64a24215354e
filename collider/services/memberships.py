"""Writes of memberships: applications, decisions and invitations."""

from __future__ import annotations

from datetime import timedelta

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..core_actions import (
    INVITATION_CREATE,
    INVITATION_REVOKE,
    MEMBERSHIP_APPROVE,
    MEMBERSHIP_REJECT,
)
from ..enums import (
    MembershipStatus,
    OrganisationRole,
    Role,
)
from ..models import (
    Invitation,
    Membership,
    Organisation,
    Programme,
    User,
)
from ..rules import forget_roles
from .invitations import invitation_insert
from .organisations import organisation_member_join
from .outbox import notification_send

INVITATION_VALID_FOR = timedelta(days=30)
# --- Memberships -----------------------------------------------------------------------------


def _partners_of(programme: Programme):
    return User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.PARTNER,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()


@transaction.atomic
def membership_apply(
    *,
    user: User,
    programme: Programme,
    sector: str,
    motivation: str,
    organisation: Organisation | None = None,
) -> Membership:
    """A person applies to take part. Side effects: e-mails the applicant and the partners."""
    if not programme.accepts_applications:
        raise ValidationError(_("This programme does not accept applications at the moment."))
    if organisation is not None and not organisation.members.filter(pk=user.pk).exists():
        raise PermissionDenied(_("You can only apply on behalf of your own organisation."))
    existing = Membership.objects.filter(
        programme=programme, user=user, role=Role.PARTICIPANT
    ).first()
    if existing and existing.status in {MembershipStatus.APPLIED, MembershipStatus.APPROVED}:
        raise ValidationError(_("You have already applied to this programme."))
    with set_actor(user):
        membership = existing or Membership(programme=programme, user=user, role=Role.PARTICIPANT)
        membership.sector = sector
        membership.motivation = motivation
        membership.organisation = organisation
        membership.status = MembershipStatus.APPLIED
        membership.decided_by = None
        membership.decided_at = None
        membership.save()
    context = {"programme_id": programme.pk, "membership_id": membership.pk}
    notification_send(
        kind="application_received",
        recipient=user,
        programme=programme,
        target=membership,
        context=context,
        # A re-application after a rejection reuses the row, so key on this application's time.
        dedupe_key=f"application-received:{membership.pk}:{timezone.now().timestamp()}",
    )
    for partner in _partners_of(programme):
        notification_send(
            kind="application_to_review",
            recipient=partner,
            programme=programme,
            target=membership,
            context=context,
            dedupe_key=f"application-to-review:{membership.pk}:{partner.pk}:{timezone.now().timestamp()}",
        )
    return membership


@transaction.atomic
def membership_decide(
    *, actor: User, membership: Membership, approve: bool, note: str = ""
) -> Membership:
    """A partner approves or rejects an application. Side effects: e-mails the applicant."""
    action = MEMBERSHIP_APPROVE if approve else MEMBERSHIP_REJECT
    membership = action.lock(membership)
    action.check(actor, membership)
    with set_actor(actor):
        membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.REJECTED
        membership.decision_note = note
        membership.decided_by = actor
        membership.decided_at = timezone.now()
        membership.save()
    action.record(actor=actor, obj=membership, note=note)
    forget_roles(membership.user)
    notification_send(
        kind="application_decided",
        recipient=membership.user,
        programme=membership.programme,
        target=membership,
        context={"programme_id": membership.programme_id, "membership_id": membership.pk},
        dedupe_key=f"application-decided:{membership.pk}:{membership.decided_at.timestamp()}",
    )
    return membership


@INVITATION_CREATE.performs
def invitation_create(
    *,
    actor: User,
    programme: Programme,
    email: str,
    role: str,
    message: str = "",
    organisation: Organisation | None = None,
) -> Invitation:
    """Invite someone by e-mail as partner, facilitator or expert, optionally to represent
    ``organisation`` (a tandem partner organisation). Side effects: e-mail."""
    if role == Role.PARTICIPANT:
        raise ValidationError(
            {"role": _("Participants apply to the programme; invite staff roles only.")}
        )
    email = email.strip().lower()
    if Membership.objects.filter(
        programme=programme, user__email__iexact=email, role=role, status=MembershipStatus.APPROVED
    ).exists():
        raise ValidationError({"email": _("%(email)s already has this role.") % {"email": email}})
    invitation = invitation_insert(
        Invitation,
        actor=actor,
        taken=_("%(email)s already has an open invitation for this role."),
        programme=programme,
        email=email,
        role=role,
        message=message,
        organisation=organisation,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    notification_send(
        kind="invitation",
        email=email,
        programme=programme,
        target=invitation,
        context={"invitation_id": invitation.pk},
        dedupe_key=f"invitation:{invitation.pk}",
    )
    return invitation


@INVITATION_REVOKE.performs
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    with set_actor(actor):
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, invitation: Invitation) -> Membership:
    """Accept an invitation: the invited role becomes an approved membership. An invitation
    that names an organisation makes the invitee act for it in the programme and a member of
    it (its administrator if it has none yet, e.g. one a platform admin just created)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid."))
    if invitation.email.lower() != user.email.lower():
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    with set_actor(user):
        membership, _created = Membership.objects.get_or_create(
            programme=invitation.programme,
            user=user,
            role=invitation.role,
            defaults={"status": MembershipStatus.APPROVED, "sector": ""},
        )
        if membership.status != MembershipStatus.APPROVED:
            membership.status = MembershipStatus.APPROVED
            membership.save(update_fields=["status"])
        if invitation.organisation_id is not None:
            organisation_member_join(
                organisation=invitation.organisation, user=user, role=OrganisationRole.MEMBER
            )
            membership.organisation_id = invitation.organisation_id
            membership.save(update_fields=["organisation"])
        membership.decided_by = invitation.invited_by
        membership.decided_at = timezone.now()
        membership.save(update_fields=["decided_by", "decided_at"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_roles(user)
    return membership


MEMBERSHIP_APPROVE.service = MEMBERSHIP_REJECT.service = membership_decide
