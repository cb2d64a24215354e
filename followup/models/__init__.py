"""Phase 6: reporting periods with KPI targets and corrections, the cooperation pipeline and
two-sided check-ins; the feedback surveys; the joint evaluation and the success stories. One
module per feature, re-exported here (Django reads the models from this package)."""

from .feedback import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from .pipeline import (
    CheckIn,
    Cooperation,
    KpiCorrection,
    KpiTarget,
    Milestone,
    ReportingPeriod,
    StageMove,
)
from .stories import (
    EvaluationConfirmation,
    JointEvaluation,
    StoryConsent,
    SuccessStory,
)

__all__ = [
    "CheckIn",
    "Cooperation",
    "EvaluationConfirmation",
    "JointEvaluation",
    "KpiCorrection",
    "KpiTarget",
    "Milestone",
    "ReportingPeriod",
    "StageMove",
    "StoryConsent",
    "SuccessStory",
    "Survey",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyResponse",
]
