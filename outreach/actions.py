"""The outreach app's declared write actions (STYLE §16): publishing cases and brochures,
opening and closing checklists, the media log's steps. Each declaration is the rule (role and
state) the service's guard checks, the permission templates ask
(``{% has_perm "outreach.brochure_publish" user brochure %}``) and the sentence on the
programme's activity timeline. They are done from the app's own pages (``url=None``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from collider.actions import Action

from .enums import ChecklistStatus, MediaStatus, PublicationStatus
from .models import Brochure, Checklist, MediaCommitment, Practice
from .rules import can_manage_outreach

PARTNERS = _("Only the programme's partners can do this.")

PRACTICE_PUBLISH = Action(
    "outreach.practice_publish",
    model=Practice,
    who=can_manage_outreach,
    from_states=(PublicationStatus.DRAFT,),
    to_state=PublicationStatus.PUBLISHED,
    verb="publish",
    label=_("Publish"),
    denied=PARTNERS,
    wrong_state=_("Only drafts can be published."),
    log=_("Case “%(object)s” published by %(actor)s"),
)
PRACTICE_UNPUBLISH = Action(
    "outreach.practice_unpublish",
    model=Practice,
    who=can_manage_outreach,
    from_states=(PublicationStatus.PUBLISHED,),
    to_state=PublicationStatus.DRAFT,
    verb="unpublish",
    label=_("Back to draft"),
    denied=PARTNERS,
    wrong_state=_("Only published cases can be withdrawn."),
    log=_("Case “%(object)s” withdrawn from the library by %(actor)s"),
)
CHECKLIST_OPEN = Action(
    "outreach.checklist_open",
    model=Checklist,
    who=can_manage_outreach,
    from_states=(ChecklistStatus.DRAFT, ChecklistStatus.CLOSED),
    to_state=ChecklistStatus.OPEN,
    verb="open",
    label=_("Open for answers"),
    denied=PARTNERS,
    wrong_state=_("The checklist is already open."),
    log=_("Checklist “%(object)s” opened for answers by %(actor)s"),
)
CHECKLIST_CLOSE = Action(
    "outreach.checklist_close",
    model=Checklist,
    who=can_manage_outreach,
    from_states=(ChecklistStatus.OPEN,),
    to_state=ChecklistStatus.CLOSED,
    verb="close",
    label=_("Close"),
    denied=PARTNERS,
    wrong_state=_("Only an open checklist can be closed."),
    log=_("Checklist “%(object)s” closed by %(actor)s"),
)
BROCHURE_PUBLISH = Action(
    "outreach.brochure_publish",
    model=Brochure,
    who=can_manage_outreach,
    from_states=(PublicationStatus.DRAFT,),
    to_state=PublicationStatus.PUBLISHED,
    verb="publish",
    label=_("Publish"),
    denied=PARTNERS,
    wrong_state=_("Only drafts can be published."),
    log=_("Brochure “%(object)s” published by %(actor)s"),
)
BROCHURE_UNPUBLISH = Action(
    "outreach.brochure_unpublish",
    model=Brochure,
    who=can_manage_outreach,
    from_states=(PublicationStatus.PUBLISHED,),
    to_state=PublicationStatus.DRAFT,
    verb="unpublish",
    label=_("Back to draft"),
    denied=PARTNERS,
    wrong_state=_("Only published brochures can be withdrawn."),
    log=_("Brochure “%(object)s” withdrawn by %(actor)s"),
)
MEDIA_COMMIT = Action(
    "outreach.media_commit",
    model=MediaCommitment,
    who=can_manage_outreach,
    from_states=(MediaStatus.CONTACTED,),
    to_state=MediaStatus.COMMITTED,
    verb="commit",
    label=_("Committed"),
    denied=PARTNERS,
    wrong_state=_("Only contacted outlets can commit."),
    log=_("%(object)s committed to report, recorded by %(actor)s"),
    target_arg="item",
)
MEDIA_PUBLISH = Action(
    "outreach.media_publish",
    model=MediaCommitment,
    who=can_manage_outreach,
    from_states=(MediaStatus.COMMITTED,),
    to_state=MediaStatus.PUBLISHED,
    verb="published",
    label=_("Published"),
    denied=PARTNERS,
    wrong_state=_("Only committed outlets can be marked as published."),
    log=_("%(object)s published, recorded by %(actor)s"),
    target_arg="item",
)
