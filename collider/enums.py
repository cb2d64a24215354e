from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The six phases of a tandem collider programme, in order."""

    MEET = "meet", _("Meet the tandem partner")
    CONNECT = "connect", _("Make a connection")
    SHARE = "share", _("Share knowledge")
    SOLVE = "solve", _("Define and solve the problem")
    COOPERATE = "cooperate", _("Cooperation")
    FOLLOW_UP = "follow_up", _("Follow-up")

    @classmethod
    def ordered(cls) -> list["Phase"]:
        return list(cls)

    @property
    def number(self) -> int:
        return list(Phase).index(self) + 1

    @property
    def short_label(self) -> str:
        """One word for tight places such as the programme's tab bar."""
        return str(_PHASE_SHORT_LABELS[self])


_PHASE_SHORT_LABELS = {
    Phase.MEET: _("Meet"),
    Phase.CONNECT: _("Connect"),
    Phase.SHARE: _("Learn"),
    Phase.SOLVE: _("Solve"),
    Phase.COOPERATE: _("Cooperate"),
    Phase.FOLLOW_UP: _("Follow up"),
}


class Sector(models.TextChoices):
    CCI = "cci", _("Cultural and creative industries (CCI)")
    AVM = "avm", _("Advanced manufacturing (AVM)")
    INTERMEDIARY = "intermediary", _("Intermediary")


class OrganisationKind(models.TextChoices):
    CCI_COMPANY = "cci_company", _("CCI company")
    CCI_FREELANCER = "cci_freelancer", _("CCI freelancer")
    AVM_COMPANY = "avm_company", _("AVM company")
    CCI_HUB = "cci_hub", _("CCI hub")
    CLUSTER = "cluster", _("Business support organisation / cluster")
    CHAMBER = "chamber", _("Chamber")
    UNIVERSITY = "university", _("University")
    PUBLIC_BODY = "public_body", _("Public body")
    OTHER = "other", _("Other")


class OrganisationSize(models.TextChoices):
    SOLO = "solo", _("1 person")
    MICRO = "micro", _("2–9 people")
    SMALL = "small", _("10–49 people")
    MEDIUM = "medium", _("50–249 people")
    LARGE = "large", _("250 people or more")


class OrganisationRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for applications")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


class PhaseOverride(models.TextChoices):
    AUTO = "auto", _("Follow the dates")
    OPEN = "open", _("Keep open")
    CLOSED = "closed", _("Keep closed")


class PhaseState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Role(models.TextChoices):
    PARTNER = "partner", _("Tandem partner")
    FACILITATOR = "facilitator", _("Facilitator")
    EXPERT = "expert", _("Expert")
    PARTICIPANT = "participant", _("Participant")


class MembershipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    LEFT = "left", _("Left")


class EventKind(models.TextChoices):
    PARTNER_MEETING = "partner_meeting", _("Partner meeting")
    INFO_DAY = "info_day", _("Info day")
    TRAINING_SESSION = "training_session", _("Training session")
    COMPANY_VISIT = "company_visit", _("Company visit")
    CHALLENGE_PITCH = "challenge_pitch", _("Challenge pitch")
    IDEA_PITCH = "idea_pitch", _("Idea pitch")
    MATCHMAKING = "matchmaking", _("Match-making workshop")
    OTHER = "other", _("Other")


#: Kinds of event internal to the tandem: hidden from participants in every list and page.
INTERNAL_EVENT_KINDS = frozenset({EventKind.PARTNER_MEETING})


class EventFormat(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class RegistrationMode(models.TextChoices):
    PUBLIC = "public", _("Anyone, no account needed")
    MEMBERS = "members", _("Programme members")
    INVITE_ONLY = "invite_only", _("Organisers only")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


class ReminderState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the grace period to end")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Carried out")
