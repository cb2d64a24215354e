"""Success stories: a partner drafts one from a completed cooperation, both sides consent to
its text, then it is published into the outreach best-practice library.

Layers: ``services`` (writes), ``selectors`` (reads), ``forms``, ``views``. The services and
selectors are re-exported here as the feature's API.
"""

from .selectors import (
    CONSENT_KIND,
    FIELDS,
    completed_cooperations,
    consents_by_side,
    is_consented,
    published_stories,
    sides_of,
    story_get,
    story_get_for_contact,
    story_list,
    text_hash,
)
from .services import (
    story_consent_give,
    story_consent_request,
    story_consent_withdraw,
    story_create,
    story_publish,
    story_update,
)

__all__ = [
    "CONSENT_KIND",
    "FIELDS",
    "completed_cooperations",
    "consents_by_side",
    "is_consented",
    "published_stories",
    "sides_of",
    "story_consent_give",
    "story_consent_request",
    "story_consent_withdraw",
    "story_create",
    "story_get",
    "story_get_for_contact",
    "story_list",
    "story_publish",
    "story_update",
    "text_hash",
]
