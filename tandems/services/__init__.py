"""Every write of the tandem app, one module per entity; re-exported for imports elsewhere."""

from .charter import charter_confirm, charter_version_create
from .contacts import (
    IMPORT_FIELDS,
    contact_create,
    contact_import_apply,
    contact_import_prepare,
    contact_invite_expert,
    contact_update,
)
from .meetings import (
    MAX_SERIES_OCCURRENCES,
    MEETING_REMINDER_OFFSETS,
    action_item_complete,
    action_item_create,
    meeting_agenda_generate,
    meeting_agenda_update,
    meeting_minutes_record,
    meeting_reminders_schedule,
    meeting_series_create,
    series_occurrences,
)
from .partners import tandem_partner_add, tandem_partner_update
from .pilots import (
    STAGE_GATES,
    peer_comment_create,
    pilot_action_advance,
    pilot_action_create,
    pilot_action_publish,
    pilot_action_update,
    pilot_gate_missing,
)
from .tasks import TASK_REMINDER_DAYS, task_create, task_update

__all__ = [
    "IMPORT_FIELDS",
    "MAX_SERIES_OCCURRENCES",
    "MEETING_REMINDER_OFFSETS",
    "STAGE_GATES",
    "TASK_REMINDER_DAYS",
    "action_item_complete",
    "action_item_create",
    "charter_confirm",
    "charter_version_create",
    "contact_create",
    "contact_import_apply",
    "contact_import_prepare",
    "contact_invite_expert",
    "contact_update",
    "meeting_agenda_generate",
    "meeting_agenda_update",
    "meeting_minutes_record",
    "meeting_reminders_schedule",
    "meeting_series_create",
    "peer_comment_create",
    "pilot_action_advance",
    "pilot_action_create",
    "pilot_action_publish",
    "pilot_action_update",
    "pilot_gate_missing",
    "series_occurrences",
    "tandem_partner_add",
    "tandem_partner_update",
    "task_create",
    "task_update",
]
