"""Every write of the core, one module per entity; re-exported for imports elsewhere."""

from .accounts import account_language_set
from .events import (
    EVENT_REMINDER_OFFSETS,
    attendance_mark,
    calendar_token_reset,
    event_cancel,
    event_create,
    event_update,
    registration_cancel,
    registration_create,
    registrations_upcoming_for,
)
from .exports import ExportSweep, export_job_run, export_job_start, export_job_sweep
from .memberships import (
    INVITATION_VALID_FOR,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_apply,
    membership_decide,
)
from .outbox import (
    SweepResult,
    notification_send,
    reminder_deliver,
    reminder_retry,
    reminder_schedule,
    reminder_sweep,
    reminders_cancel_for,
)
from .programmes import (
    organisation_create,
    phase_sync,
    phases_current,
    programme_create,
    programme_phases_update,
)

__all__ = [
    "EVENT_REMINDER_OFFSETS",
    "INVITATION_VALID_FOR",
    "ExportSweep",
    "SweepResult",
    "account_language_set",
    "attendance_mark",
    "calendar_token_reset",
    "event_cancel",
    "event_create",
    "event_update",
    "export_job_run",
    "export_job_start",
    "export_job_sweep",
    "invitation_accept",
    "invitation_create",
    "invitation_revoke",
    "membership_apply",
    "membership_decide",
    "notification_send",
    "organisation_create",
    "phase_sync",
    "phases_current",
    "programme_create",
    "programme_phases_update",
    "registration_cancel",
    "registration_create",
    "registrations_upcoming_for",
    "reminder_deliver",
    "reminder_retry",
    "reminder_schedule",
    "reminder_sweep",
    "reminders_cancel_for",
]
