"""Permission predicates of the follow-up app: tandem partners (and admins) run it."""

import rules

from collider.rules import is_admin, is_facilitator, is_partner

can_run_followup = is_partner | is_admin

rules.add_perm("followup.view_kpis", can_run_followup)
rules.add_perm("followup.manage_kpis", can_run_followup)
rules.add_perm("followup.view_board", can_run_followup)
rules.add_perm("followup.manage_cooperations", can_run_followup)
rules.add_perm("followup.export", can_run_followup)

# --- Feedback surveys: partners run them; facilitators read the results too.
rules.add_perm("followup.view_feedback", can_run_followup | is_facilitator)
rules.add_perm("followup.manage_feedback", can_run_followup)
