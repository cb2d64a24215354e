"""Which tandem changes the audit trail records (they show on the programme's activity page)."""

from auditlog.registry import auditlog

from .models import (
    ActionItem,
    CharterConfirmation,
    CharterVersion,
    Contact,
    ContactImport,
    MeetingSeries,
    PartnerMeeting,
    PeerComment,
    PilotAction,
    TandemPartner,
    Task,
)

auditlog.register(TandemPartner, include_fields=["role", "is_lead", "contact_base_size"])
auditlog.register(CharterVersion, include_fields=["number", "change_note"])
auditlog.register(CharterConfirmation, include_fields=["version", "partner", "confirmed_by"])
auditlog.register(Task, include_fields=["title", "status", "due_on", "assignee", "owner"])
auditlog.register(MeetingSeries, include_fields=["title", "rrule"])
auditlog.register(PartnerMeeting, include_fields=["agenda_edited_at", "minutes_recorded_at"])
auditlog.register(ActionItem, include_fields=["title", "assignee", "done_at"])
auditlog.register(Contact, include_fields=["name", "email", "kind", "consent_basis"])
auditlog.register(ContactImport, include_fields=["filename", "row_count", "applied_at"])
auditlog.register(PilotAction, include_fields=["title", "stage", "published"])
auditlog.register(PeerComment, include_fields=["body"])
