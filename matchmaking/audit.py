"""Which matchmaking changes the audit trail records (shown on the programme's activity page)."""

from auditlog.registry import auditlog

from .models import Agreement, MeetingRequest, Pick, Profile, ScheduleVersion, Term, Workshop

auditlog.register(Term, include_fields=["kind", "name"])
auditlog.register(Profile, include_fields=["side", "description", "languages", "region"])
auditlog.register(Pick, include_fields=["kind", "note", "company", "candidate"])
auditlog.register(Workshop, include_fields=["request_mode", "default_cap", "published_version"])
auditlog.register(MeetingRequest, include_fields=["status", "slot", "table", "locked", "held_at"])
auditlog.register(ScheduleVersion, include_fields=["number", "notified"])
auditlog.register(
    Agreement, include_fields=["kind", "title", "status", "revision", "signatures_cleared_note"]
)
