"""Phase 2 · Make a connection: best practices, readiness checklists, info days, brochures,
media commitments. One module per entity, re-exported here (Django reads the models from this
package; migrations name the upload paths ``outreach.models.<function>``)."""

from .brochures import Brochure, BrochureEntry
from .checklists import (
    Checklist,
    ChecklistAnswer,
    ChecklistOption,
    ChecklistQuestion,
    ChecklistResponse,
    ChecklistSection,
    ChecklistSectionScore,
)
from .info_days import Handout, InfoDayItem, handout_path
from .media import MediaCommitment
from .practices import Practice, PracticeImage, practice_image_path

__all__ = [
    "Brochure",
    "BrochureEntry",
    "Checklist",
    "ChecklistAnswer",
    "ChecklistOption",
    "ChecklistQuestion",
    "ChecklistResponse",
    "ChecklistSection",
    "ChecklistSectionScore",
    "Handout",
    "InfoDayItem",
    "MediaCommitment",
    "Practice",
    "PracticeImage",
    "handout_path",
    "practice_image_path",
]
