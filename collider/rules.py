"""Permission predicates. Pure ``(user, obj)``; ``obj`` is a programme or anything with one.

Roles are per programme and only *approved* memberships count. A user's roles are loaded once
per user object (one query) and cached on it, so pages that check many permissions stay flat.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .enums import INTERNAL_EVENT_KINDS, MembershipStatus, RegistrationStatus, Role


def programme_of(obj):
    """The programme an object belongs to (the object itself for a programme)."""
    from .models import Programme

    if obj is None or isinstance(obj, Programme):
        return obj
    if hasattr(obj, "programme"):
        return obj.programme
    if hasattr(obj, "event"):
        return obj.event.programme
    return None


def approved_memberships(user) -> tuple[tuple[int, str, int | None, str], ...]:
    """``(programme_id, role, organisation_id, sector)`` of each approved membership of ``user``.

    One query per user object, cached on it: the roles, the permission rules and every
    next-step provider of the dashboard read the user's programmes from here instead of joining
    memberships again."""
    if not getattr(user, "is_authenticated", False):
        return ()
    cache = getattr(user, "_collider_memberships", None)
    if cache is None:
        from .models import Membership

        cache = tuple(
            Membership.objects.filter(user=user, status=MembershipStatus.APPROVED).values_list(
                "programme_id", "role", "organisation_id", "sector"
            )
        )
        user._collider_memberships = cache
    return cache


def programme_ids_as(user, role: str | None = None) -> set[int]:
    """Programmes where ``user`` holds ``role`` (any approved role when None)."""
    return {pk for pk, held, *_rest in approved_memberships(user) if role is None or held == role}


def organisation_ids_as(user, role: str, programme_id: int | None = None) -> set[int]:
    """Organisations ``user`` acts for with ``role`` (in ``programme_id`` when given)."""
    return {
        org
        for pk, held, org, _sector in approved_memberships(user)
        if held == role and org is not None and programme_id in (None, pk)
    }


def roles_in(user, programme) -> frozenset[str]:
    """The approved roles ``user`` holds in ``programme`` (cached on the user object)."""
    if programme is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    return frozenset(held for pk, held, *_rest in approved_memberships(user) if pk == programme.pk)


def forget_roles(user) -> None:
    """Drop the cached roles after a membership changes within the same request."""
    if hasattr(user, "_collider_memberships"):
        del user._collider_memberships


def confirmed_event_ids(user) -> frozenset[int]:
    """Events ``user`` holds a confirmed seat at (one query, cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = getattr(user, "_collider_confirmed_events", None)
    if cache is None:
        from .models import Registration

        cache = user._collider_confirmed_events = frozenset(
            Registration.objects.filter(user=user, status=RegistrationStatus.CONFIRMED).values_list(
                "event_id", flat=True
            )
        )
    return cache


def _has_role(*roles: str):
    wanted = set(roles)

    @rules.predicate(name=f"has_role_{'_or_'.join(roles)}")
    def predicate(user, obj) -> bool:
        return bool(wanted & roles_in(user, programme_of(obj)))

    return predicate


is_admin = rules.is_superuser
is_partner = _has_role(Role.PARTNER)
is_facilitator = _has_role(Role.FACILITATOR)
is_expert = _has_role(Role.EXPERT)
is_participant = _has_role(Role.PARTICIPANT)
is_staff_of_programme = _has_role(Role.PARTNER, Role.FACILITATOR, Role.EXPERT)
is_member = _has_role(Role.PARTNER, Role.FACILITATOR, Role.EXPERT, Role.PARTICIPANT)


@rules.predicate
def is_public_programme(user, obj) -> bool:
    programme = programme_of(obj)
    return programme is not None and programme.is_public


@rules.predicate
def is_public_event(user, event) -> bool:
    return event is not None and event.is_public and event.programme.is_public


@rules.predicate
def is_registrant(user, registration) -> bool:
    return registration is not None and registration.user_id == getattr(user, "pk", None)


@rules.predicate
def is_internal_event(user, event) -> bool:
    """The tandem's own meetings: for the programme's staff, never for participants."""
    return event is not None and event.kind in INTERNAL_EVENT_KINDS


@rules.predicate
def is_confirmed_registrant(user, event) -> bool:
    return event is not None and event.pk in confirmed_event_ids(user)


@rules.predicate
def has_started(user, event) -> bool:
    return event is not None and event.has_started


can_manage_programme = is_partner | is_admin
can_view_programme = is_public_programme | is_member | is_admin
can_view_event = (
    is_public_event | (is_member & ~is_internal_event) | is_staff_of_programme | is_admin
)
can_manage_event = is_partner | is_admin


@rules.predicate
def takes_guests(user, event) -> bool:
    return event is not None and event.is_public


# Anybody registers for a public event (guests by a form); for any other, members only.
can_register_for_event = takes_guests | is_member
# The page's rule for an event's online link, used by every output (see online_link_for).
can_see_online_link = is_confirmed_registrant | can_manage_event

rules.add_perm("collider.view_programme", can_view_programme)
rules.add_perm("collider.manage_programme", can_manage_programme)
rules.add_perm("collider.apply_programme", rules.is_authenticated & is_public_programme)
rules.add_perm("collider.view_event", can_view_event)
rules.add_perm("collider.manage_event", can_manage_event)
rules.add_perm("collider.view_online_link", can_see_online_link)
rules.add_perm("collider.view_audit", can_manage_programme)
# Every list of a programme as CSV/XLSX; phase apps' datasets may name a stricter permission.
rules.add_perm("collider.export_data", can_manage_programme)
# The network view rolls up every programme and country: platform admins only.
rules.add_perm("collider.view_network", is_admin)


def online_link_for(event, *, user=None, registration=None) -> str:
    """The event's online link for one viewer, or "" when they may not see it.

    The one rule behind the event page, the event's .ics, the personal calendar feed, e-mails
    and their attachments, agendas and exports: confirmed registrants (a guest is known by their
    ``registration``) and the event's managers see the link; nobody else does.
    """
    if event is None or not event.online_url:
        return ""
    if (
        registration is not None
        and registration.event_id == event.pk
        and registration.status == RegistrationStatus.CONFIRMED
    ):
        return event.online_url
    if user is not None and user.has_perm("collider.view_online_link", event):
        return event.online_url
    return ""


def require(user, perm: str, obj, message: str = "") -> None:
    """The guard of a write that is no declared transition (a create, an edit): the rules
    permission ``perm`` on ``obj``, else ``PermissionDenied`` with ``message``. Transitions are
    guarded by their declaration (``collider.actions``)."""
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(message or _("You are not allowed to do this."))


# --- Personal data (collider.privacy) --------------------------------------------------------


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    from .enums import OrganisationRole
    from .models import OrganisationMember

    if not getattr(user, "is_authenticated", False) or organisation is None:
        return False
    return OrganisationMember.objects.filter(
        organisation=organisation, user=user, role=OrganisationRole.ADMIN
    ).exists()


@rules.predicate
def is_own_erasure(user, request) -> bool:
    return request is not None and request.user_id == getattr(user, "pk", None)


@rules.predicate
def is_pending_erasure(user, request) -> bool:
    from .enums import ErasureStatus

    return request is not None and request.status == ErasureStatus.PENDING


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return False
    return organisation.members.filter(pk=user.pk).exists()


# Platform admins create programmes (the wizard); organisations manage their own people.
rules.add_perm("collider.add_programme", is_admin)
rules.add_perm("collider.view_organisation", is_organisation_member | is_admin)
rules.add_perm("collider.manage_organisation", is_organisation_admin | is_admin)
rules.add_perm("collider.manage_privacy", is_admin)
rules.add_perm("collider.export_organisation", is_organisation_admin)
rules.add_perm("collider.cancel_erasure", (is_own_erasure | is_admin) & is_pending_erasure)
rules.add_perm("collider.execute_erasure", is_admin & is_pending_erasure)
