"""Which state changes of phase 4 the audit trail records (django-auditlog)."""

from auditlog.registry import auditlog

from .models import (
    Challenge,
    ChallengeComment,
    FundingOpportunity,
    Idea,
    IdeaCoAuthor,
    NdaAcceptance,
    Question,
    Review,
    ReviewCriterion,
)

auditlog.register(
    Challenge,
    include_fields=[
        "title",
        "status",
        "translator",
        "maturity",
        "pitch_event",
        "idea_event",
        "idea_deadline",
        "ip_stance",
    ],
)
auditlog.register(ChallengeComment, include_fields=["field", "body"])
auditlog.register(NdaAcceptance, include_fields=["user", "version", "accepted_at"])
auditlog.register(Question, include_fields=["body", "answer"])
auditlog.register(Idea, include_fields=["title", "status", "lead_confirmed_at"])
auditlog.register(IdeaCoAuthor, include_fields=["user", "status"])
auditlog.register(
    Review,
    include_fields=["reviewer", "conflict_declared", "no_conflict_confirmed", "submitted_at"],
)
auditlog.register(ReviewCriterion, include_fields=["name", "weight"])
auditlog.register(FundingOpportunity, include_fields=["title", "kind", "deadline"])
