from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where a cooperation stands, in pipeline order (stopped is a side exit)."""

    FIRST_CONTACT = "first_contact", _("First contact")
    MEETING_HELD = "meeting_held", _("Meeting held")
    NEGOTIATION = "negotiation", _("Negotiation")
    AGREEMENT = "agreement", _("Agreement")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class Outcome(models.TextChoices):
    """The check-in scale, from least to most."""

    NO_CONTACT = "no_contact", _("No further contact")
    KNOWLEDGE = "knowledge", _("Knowledge gained")
    VALUABLE_CONTACT = "valuable_contact", _("Valuable contact")
    NEGOTIATION = "negotiation", _("Negotiation started")
    AGREEMENT = "agreement", _("Agreement reached")
    GOALS_MET = "goals_met", _("Goals met")


class CheckInSide(models.TextChoices):
    CCI = "cci", _("CCI side")
    AVM = "avm", _("AVM side")


class Anchor(models.TextChoices):
    MEETING = "meeting", _("after the meeting")
    AGREEMENT = "agreement", _("after the agreement")


#: Months after the anchor at which each side is asked.
CHECKIN_MONTHS = (1, 3, 6, 12)


# --- Feedback surveys


class SurveySubject(models.TextChoices):
    """What a feedback survey asks about."""

    EVENT = "event", _("An event")
    TRAINING = "training", _("A training session")
    PROGRAMME = "programme", _("The programme as a whole")


class SurveyAudience(models.TextChoices):
    CCI = "cci", _("CCI participants")
    AVM = "avm", _("AVM participants")
    BOTH = "both", _("Both sectors")

    @property
    def sectors(self) -> tuple[str, ...]:
        return ("cci", "avm") if self == SurveyAudience.BOTH else (self.value,)


class QuestionKind(models.TextChoices):
    RATING = "rating", _("Rating from 1 to 5")
    TEXT = "text", _("Free text")


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Opens soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")

    @property
    def badge(self) -> str:
        """The Bootstrap colour of the state's badge."""
        return {"draft": "warning", "scheduled": "info", "open": "success"}.get(
            self.value, "secondary"
        )


#: The two sectors whose feedback is compared, in display order.
FEEDBACK_SECTORS = ("cci", "avm")


class StoryStatus(models.TextChoices):
    """Where a success story stands on its way into the best-practice library."""

    DRAFT = "draft", _("Draft")
    ASKED = "asked", _("Consent asked")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")
