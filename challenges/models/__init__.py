"""Phase 4: AVM challenges, NDAs, Q&A, CCI idea pitches, weighted reviews, funding. One module
per entity, re-exported here (Django reads the models from this package; migrations name
``challenges.models.attachment_path``)."""

from .challenge import Challenge, ChallengeComment, CompetenceTag
from .funding import FundingOpportunity
from .idea import ExpertNeed, Idea, IdeaAttachment, IdeaCoAuthor, attachment_path
from .qa import NDA_VERSION, NdaAcceptance, Question
from .review import Review, ReviewCriterion, Score

__all__ = [
    "NDA_VERSION",
    "Challenge",
    "ChallengeComment",
    "CompetenceTag",
    "ExpertNeed",
    "FundingOpportunity",
    "Idea",
    "IdeaAttachment",
    "IdeaCoAuthor",
    "NdaAcceptance",
    "Question",
    "Review",
    "ReviewCriterion",
    "Score",
    "attachment_path",
]
