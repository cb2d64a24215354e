"""Phase 5: offers and needs, facilitator curation, match-making workshops and their meetings,
published schedule versions, and cooperation agreements signed by every party. One module per
entity, re-exported here (Django reads the models from this package)."""

from .agreements import Agreement, Deliverable, Party
from .profiles import Pick, Profile, Term
from .requests import MeetingRequest
from .scheduling import ScheduleRun, ScheduleVersion
from .workshops import Participation, Slot, Table, Workshop

__all__ = [
    "Agreement",
    "Deliverable",
    "MeetingRequest",
    "Participation",
    "Party",
    "Pick",
    "Profile",
    "ScheduleRun",
    "ScheduleVersion",
    "Slot",
    "Table",
    "Term",
    "Workshop",
]
