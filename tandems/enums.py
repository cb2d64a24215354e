from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerRole(models.TextChoices):
    CCI_HUB = "cci_hub", _("CCI hub")
    BSO = "bso", _("Business support organisation / cluster")
    OTHER = "other", _("Other intermediary")


class TaskStatus(models.TextChoices):
    TODO = "todo", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    BLOCKED = "blocked", _("Blocked")
    DONE = "done", _("Done")


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")
    YEARLY = "YEARLY", _("Yearly")


class ContactKind(models.TextChoices):
    TARGET_GROUP = "target_group", _("Target-group contact")
    EXPERT = "expert", _("Expert")


class ConsentBasis(models.TextChoices):
    CONSENT = "consent", _("Consent")
    CONTRACT = "contract", _("Contract")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")
    PUBLIC_SOURCE = "public_source", _("Publicly available business contact")


class PilotStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    CONCEPT = "concept", _("Concept")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSED = "closed", _("Closed (evaluated)")

    @classmethod
    def next_of(cls, stage: str) -> "PilotStage | None":
        order = list(cls)
        index = order.index(cls(stage))
        return order[index + 1] if index + 1 < len(order) else None
