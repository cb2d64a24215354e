from django.db import models
from django.utils.translation import gettext_lazy as _


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In expert review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    PITCHED = "pitched", _("Pitched")
    IDEATION_OPEN = "ideation_open", _("Ideation open")
    IDEATION_CLOSED = "ideation_closed", _("Ideation closed")
    SELECTION_DONE = "selection_done", _("Selection done")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: States in which a challenge is visible to every member (and the public summary to visitors).
PUBLIC_STATES = (
    ChallengeStatus.PUBLISHED,
    ChallengeStatus.PITCHED,
    ChallengeStatus.IDEATION_OPEN,
    ChallengeStatus.IDEATION_CLOSED,
    ChallengeStatus.SELECTION_DONE,
    ChallengeStatus.CLOSED,
)
#: States after ideation: ideas are locked.
IDEATION_OVER_STATES = (
    ChallengeStatus.IDEATION_CLOSED,
    ChallengeStatus.SELECTION_DONE,
    ChallengeStatus.CLOSED,
)
#: States in which the owner may edit the template.
EDITABLE_STATES = (ChallengeStatus.DRAFT, ChallengeStatus.CHANGES_REQUESTED)
#: States in which CCI may draft ideas (submission needs ideation to be open).
IDEA_DRAFT_STATES = (
    ChallengeStatus.PUBLISHED,
    ChallengeStatus.PITCHED,
    ChallengeStatus.IDEATION_OPEN,
)


class IPStance(models.TextChoices):
    CCI_KEEPS = "cci_keeps", _("CCI keeps the IP")
    LICENCE = "licence", _("Licence to the AVM company")
    ASSIGNMENT = "assignment", _("Assignment to the AVM company")
    NEGOTIABLE = "negotiable", _("To be negotiated")


class TemplateField(models.TextChoices):
    """Fields of the challenge template an expert can comment on."""

    TITLE = "title", _("Title")
    PUBLIC_SUMMARY = "public_summary", _("Public summary")
    CONTEXT = "context", _("Context")
    PROBLEM = "problem_statement", _("Problem statement")
    SCOPE = "scope", _("Scope")
    OUTCOME = "expected_outcome", _("Expected outcome and deliverables")
    CONSTRAINTS = "constraints", _("Constraints")
    RESOURCES = "resources", _("Available resources and budget")
    TIMELINE = "timeline", _("Timeline")
    COMPETENCES = "competences", _("Required competences")
    IP = "ip_stance", _("IP stance")
    CONFIDENTIAL = "confidential_details", _("Confidential details")


class MaturityItem(models.TextChoices):
    """The expert's maturity checklist: all ticked before a partner can approve."""

    PROBLEM_CLEAR = "problem_clear", _("The problem is stated in words a CCI understands")
    SCOPE_BOUNDED = "scope_bounded", _("The scope is bounded (what is in, what is out)")
    OUTCOME_MEASURABLE = "outcome_measurable", _("Expected outcome and deliverables are concrete")
    RESOURCES_STATED = "resources_stated", _("Resources, budget range and timeline are stated")
    IP_AGREED = "ip_agreed", _("The IP stance is agreed inside the company")
    CONFIDENTIALITY_SPLIT = (
        "confidentiality_split",
        _("Public summary and confidential details are separated"),
    )


class IdeaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


#: Ideas that take part in the review and ranking.
RANKED_STATES = (
    IdeaStatus.SUBMITTED,
    IdeaStatus.SHORTLISTED,
    IdeaStatus.SELECTED,
    IdeaStatus.NOT_SELECTED,
)


class CoAuthorStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ExpertNeedKind(models.TextChoices):
    LEGAL_IPR = "legal_ipr", _("Legal / IPR")
    TECHNICAL = "technical", _("Technical")
    FINANCING = "financing", _("Financing")
    DESIGN = "design", _("Design")
    OTHER = "other", _("Other")


class FundingKind(models.TextChoices):
    SCHOLARSHIP = "scholarship", _("Scholarship")
    SUBSIDY = "subsidy", _("Subsidy")
    VOUCHER = "voucher", _("Voucher")
    GRANT = "grant", _("Grant")
    AVM_BUDGET = "avm_budget", _("AVM budget")


#: The colour of a challenge's or an idea's status badge (Bootstrap classes), by state.
STATUS_TONES = {
    ChallengeStatus.PUBLISHED: "text-bg-success",
    ChallengeStatus.IDEATION_OPEN: "text-bg-success",
    IdeaStatus.SELECTED: "text-bg-success",
    ChallengeStatus.APPROVED: "text-bg-success",
    ChallengeStatus.CHANGES_REQUESTED: "text-bg-warning",
    IdeaStatus.SHORTLISTED: "text-bg-warning",
    ChallengeStatus.WITHDRAWN: "text-bg-secondary",
    IdeaStatus.NOT_SELECTED: "text-bg-secondary",
    ChallengeStatus.IN_REVIEW: "text-bg-info",
    IdeaStatus.SUBMITTED: "text-bg-info",
}
