"""Every write of the matchmaking app, one module per entity. Keyword-only, atomic; side
effects named in docstrings.

Refusals: ``PermissionDenied`` when the actor may not act, ``ValidationError`` (with a message a
person can read) when the input or the state does not allow it.

The services are re-exported here, so ``from matchmaking import services`` keeps working.
"""

from .agreements import (
    AGREEMENT_FIELDS,
    CONFIDENTIALITY_TEXT,
    IP_TEMPLATES,
    SIGN_LINK_MAX_AGE,
    SIGN_LINK_SALT,
    SIGN_REQUEST_KIND,
    SignLinkRefused,
    agreement_create,
    agreement_hash,
    agreement_party_add_external,
    agreement_sign,
    agreement_sign_by_link,
    agreement_update,
    sign_link_resolve,
    sign_link_token,
    sign_link_url,
)
from .common import (
    REMINDER_KIND,
)
from .profiles import (
    pick_clear,
    pick_set,
    profile_save,
    term_create,
    term_delete,
)
from .requests import (
    meeting_lock,
    meeting_mark_held,
    meeting_move,
    meeting_request_accept,
    meeting_request_create,
    meeting_request_decline,
    meeting_requests_expire,
)
from .scheduling import (
    HOST_RANK,
    RUN_ABANDONED_AFTER,
    _schedule_save,
    problem_for,
    schedule_publish,
    schedule_run,
    schedule_run_execute,
    schedule_run_start,
    schedule_run_stop,
)
from .workshops import (
    expert_invite,
    participation_join,
    participation_update,
    profile_for_expert,
    table_fix,
    workshop_create,
)

__all__ = [
    "AGREEMENT_FIELDS",
    "CONFIDENTIALITY_TEXT",
    "HOST_RANK",
    "IP_TEMPLATES",
    "REMINDER_KIND",
    "RUN_ABANDONED_AFTER",
    "SIGN_LINK_MAX_AGE",
    "SIGN_LINK_SALT",
    "SIGN_REQUEST_KIND",
    "SignLinkRefused",
    "_schedule_save",
    "agreement_create",
    "agreement_hash",
    "agreement_party_add_external",
    "agreement_sign",
    "agreement_sign_by_link",
    "agreement_update",
    "expert_invite",
    "meeting_lock",
    "meeting_mark_held",
    "meeting_move",
    "meeting_request_accept",
    "meeting_request_create",
    "meeting_request_decline",
    "meeting_requests_expire",
    "participation_join",
    "participation_update",
    "pick_clear",
    "pick_set",
    "problem_for",
    "profile_for_expert",
    "profile_save",
    "schedule_publish",
    "schedule_run",
    "schedule_run_execute",
    "schedule_run_start",
    "schedule_run_stop",
    "sign_link_resolve",
    "sign_link_token",
    "sign_link_url",
    "table_fix",
    "term_create",
    "term_delete",
    "workshop_create",
]
