"""Views of the tandem app, one module per entity; re-exported for imports elsewhere."""

from .charters import charter, charter_confirm, charter_edit, charter_pdf, charter_pdf_context
from .contacts import (
    contact_create,
    contact_edit,
    contact_export,
    contact_import,
    contact_import_preview,
    contact_invite,
    contact_list,
)
from .meetings import (
    action_item_create,
    action_item_done,
    meeting_agenda,
    meeting_detail,
    meeting_list,
    meeting_minutes,
    meeting_series_create,
)
from .partners import tandem_detail, tandem_partner_add, tandem_partner_edit
from .pilots import (
    pilot_advance,
    pilot_comment,
    pilot_create,
    pilot_detail,
    pilot_edit,
    pilot_list,
    pilot_pdf,
    pilot_pdf_context,
    pilot_publish,
    toolbox,
)
from .tasks import task_create, task_edit, task_list, timeline

__all__ = [
    "action_item_create",
    "action_item_done",
    "charter",
    "charter_confirm",
    "charter_edit",
    "charter_pdf",
    "charter_pdf_context",
    "contact_create",
    "contact_edit",
    "contact_export",
    "contact_import",
    "contact_import_preview",
    "contact_invite",
    "contact_list",
    "meeting_agenda",
    "meeting_detail",
    "meeting_list",
    "meeting_minutes",
    "meeting_series_create",
    "pilot_advance",
    "pilot_comment",
    "pilot_create",
    "pilot_detail",
    "pilot_edit",
    "pilot_list",
    "pilot_pdf",
    "pilot_pdf_context",
    "pilot_publish",
    "tandem_detail",
    "tandem_partner_add",
    "tandem_partner_edit",
    "task_create",
    "task_edit",
    "task_list",
    "timeline",
    "toolbox",
]
