"""Permission predicates of the tandem app, composed from the core's roles (deny by default)."""

from __future__ import annotations

import rules

from collider.enums import Role
from collider.rules import (
    can_view_programme,
    is_admin,
    is_facilitator,
    is_partner,
    is_staff_of_programme,
    organisation_ids_as,
    programme_ids_as,
    programme_of,
)


def partner_programme_ids(user) -> set[int]:
    """Programmes where ``user`` is an approved tandem partner (from the cached memberships)."""
    return programme_ids_as(user, Role.PARTNER)


def partner_organisation_ids(user, programme) -> set[int]:
    """Organisations ``user`` acts for as partner in ``programme`` (cached memberships)."""
    if programme is None:
        return set()
    return organisation_ids_as(user, Role.PARTNER, programme.pk)


@rules.predicate
def is_staff_of_partner(user, partner) -> bool:
    """``user`` is a partner member of the programme acting for this partner organisation."""
    if partner is None:
        return False
    return partner.organisation_id in partner_organisation_ids(user, partner.programme)


@rules.predicate
def is_peer_partner(user, obj) -> bool:
    """A tandem partner of another programme (crosswise peering)."""
    programme = programme_of(obj)
    if programme is None:
        return False
    return bool(partner_programme_ids(user) - {programme.pk})


@rules.predicate
def is_published_pilot(user, pilot) -> bool:
    return pilot is not None and pilot.published and pilot.programme.is_public


can_view_tandem = is_staff_of_programme | is_admin
can_manage_tandem = is_partner | is_admin

rules.add_perm("tandems.view_tandem", can_view_tandem)
rules.add_perm("tandems.manage_tandem", can_manage_tandem)
# The tandem's internal records (meeting minutes, charter budget lines): the partners and the
# facilitators who run the programme with them. Experts see the rest of the tandem pages but not
# these; there is no mechanism to grant them more, so they are denied (the stricter choice).
rules.add_perm("tandems.view_internal", can_manage_tandem | is_facilitator)
rules.add_perm("tandems.view_contacts", can_manage_tandem)
rules.add_perm("tandems.manage_contacts", can_manage_tandem)
# Strict rules, tested as predicates (not has_perm) so superusers do not pass them implicitly:
# only a partner acts for their own organisation, and only peers comment.
can_confirm_charter = is_partner & is_staff_of_partner
can_peer_comment = is_peer_partner & ~is_partner
rules.add_perm("tandems.confirm_charter", can_confirm_charter)
rules.add_rule("tandems_can_peer_comment", can_peer_comment)
rules.add_perm("tandems.view_toolbox", can_view_programme)
rules.add_perm("tandems.view_pilot", can_view_tandem | is_peer_partner | is_published_pilot)
rules.add_perm("tandems.manage_pilot", can_manage_tandem)
rules.add_perm("tandems.comment_pilot", can_peer_comment)
