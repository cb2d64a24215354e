"""What the audit trail records of the follow-up app."""

from auditlog.registry import auditlog

from .models import CheckIn, Cooperation, KpiCorrection, KpiTarget, Milestone, ReportingPeriod

auditlog.register(ReportingPeriod, include_fields=["name", "starts_on", "ends_on", "locked_at"])
auditlog.register(KpiTarget, include_fields=["key", "target"])
auditlog.register(KpiCorrection, include_fields=["key", "delta", "reason"])
auditlog.register(Cooperation, include_fields=["title", "stage"])
auditlog.register(CheckIn, include_fields=["outcome", "answered_at"])
auditlog.register(Milestone, include_fields=["title", "due_on", "done_at", "evidence_link"])

# --- Joint evaluation and success stories
from .models import EvaluationConfirmation, JointEvaluation, StoryConsent, SuccessStory  # noqa: E402

auditlog.register(
    JointEvaluation,
    include_fields=["strengths", "weaknesses", "challenges", "lessons", "finalised_at"],
)
auditlog.register(EvaluationConfirmation, include_fields=["partner", "confirmed_by"])
auditlog.register(SuccessStory, include_fields=[*SuccessStory.TEXT_FIELDS, "status", "image"])
auditlog.register(StoryConsent, include_fields=["side", "name", "text_hash", "withdrawn_at"])

# --- Feedback surveys
from .models import Survey  # noqa: E402

# Responses are not audited: the trail names the actor, which would undo anonymity.
auditlog.register(
    Survey, include_fields=["title", "audience", "anonymous", "opened_at", "closed_at"]
)
