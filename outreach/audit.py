"""Which outreach changes the audit trail records (shown on the programme's activity page)."""

from auditlog.registry import auditlog

from .models import (
    Brochure,
    Checklist,
    ChecklistQuestion,
    ChecklistResponse,
    ChecklistSection,
    Handout,
    InfoDayItem,
    MediaCommitment,
    Practice,
    PracticeImage,
)

auditlog.register(Practice, include_fields=["title", "status", "shared", "assessment"])
auditlog.register(PracticeImage, include_fields=["alt_text", "caption"])
auditlog.register(Checklist, include_fields=["title", "audience", "status"])
auditlog.register(ChecklistSection, include_fields=["title", "dimension", "order"])
auditlog.register(ChecklistQuestion, include_fields=["text", "kind", "audience", "weight"])
auditlog.register(ChecklistResponse, include_fields=["source", "sector", "total_score"])
auditlog.register(InfoDayItem, include_fields=["title", "dimension", "starts_at"])
auditlog.register(Handout, include_fields=["title", "kind"])
auditlog.register(Brochure, include_fields=["title", "status"])
auditlog.register(
    MediaCommitment, include_fields=["outlet", "channel", "status", "link", "published_on"]
)
