"""Permissions of the outreach app, composed from the core's predicates."""

import rules

from collider.rules import (
    can_view_programme,
    is_admin,
    is_facilitator,
    is_partner,
    is_staff_of_programme,
)

can_manage_outreach = is_partner | is_admin
can_view_outreach_staff = is_staff_of_programme | is_admin

# Public pages (library, info days, published brochures) follow the programme's visibility.
rules.add_perm("outreach.view_library", can_view_programme)
#: The permission of every outreach write that is no declared transition.
MANAGE = "outreach.manage_outreach"
rules.add_perm(MANAGE, can_manage_outreach)
# Facilitators and experts may read checklist results to plan capacity building.
rules.add_perm("outreach.view_results", can_view_outreach_staff)
# Single responses name the respondent (e-mail, organisation): the list and its CSV are for
# partners and facilitators; experts read the aggregated results only.
rules.add_perm("outreach.view_respondents", can_manage_outreach | is_facilitator)
