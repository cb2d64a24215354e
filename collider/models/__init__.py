"""The core's models, one module per entity; re-exported here, so ``collider.models.User`` stays."""

from .activity import ActivityEntry
from .choices import ChoiceLabels, choice_label
from .events import Event, Registration
from .invitations import InvitationBase, OrganisationInvitation
from .people import TIMEZONE_CHOICES, Organisation, OrganisationMember, User, UserManager, new_token
from .privacy import ErasureRequest, NoticeAcceptance, PrivacyNotice, RetentionRun
from .programmes import Invitation, Membership, Programme, ProgrammePhase
from .records import ExportJob, Reminder

__all__ = [
    "TIMEZONE_CHOICES",
    "ActivityEntry",
    "ChoiceLabels",
    "ErasureRequest",
    "Event",
    "ExportJob",
    "Invitation",
    "InvitationBase",
    "Membership",
    "NoticeAcceptance",
    "Organisation",
    "OrganisationInvitation",
    "OrganisationMember",
    "PrivacyNotice",
    "Programme",
    "ProgrammePhase",
    "Registration",
    "Reminder",
    "RetentionRun",
    "User",
    "UserManager",
    "choice_label",
    "new_token",
]
