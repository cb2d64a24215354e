"""The outreach app's declared write actions (STYLE §16): publishing cases and brochures,
opening and closing checklists, the media log's steps. Each declaration is the rule (role and
state) the service's guard checks, the permission templates ask
(``{% has_perm "outreach.brochure_publish" user brochure %}``) and the sentence on the
programme's activity timeline. They are done from the app's own pages (``url=None``), except
the media log's "Committed", a button (``{% action_buttons %}``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.actions import Action

from .enums import ChecklistStatus, MediaStatus, PublicationStatus
from .models import Brochure, Checklist, MediaCommitment, Practice
from .rules import can_manage_outreach

PARTNERS = _("Only the programme's partners can do this.")


def _partners_move(
    name: str, model, from_states, to_state: str, verb: str, label, wrong_state, log, **more
) -> Action:
    """A move of an outreach record from ``from_states`` to ``to_state`` by the partners."""
    return Action(
        f"outreach.{name}",
        model=model,
        who=can_manage_outreach,
        from_states=from_states,
        to_state=to_state,
        verb=verb,
        label=label,
        denied=PARTNERS,
        wrong_state=wrong_state,
        log=log,
        **more,
    )


DRAFT, PUBLISHED = (PublicationStatus.DRAFT,), (PublicationStatus.PUBLISHED,)

PRACTICE_PUBLISH = _partners_move(
    "practice_publish",
    Practice,
    DRAFT,
    PublicationStatus.PUBLISHED,
    "publish",
    _("Publish"),
    _("Only drafts can be published."),
    _("Case “%(object)s” published by %(actor)s"),
)
PRACTICE_UNPUBLISH = _partners_move(
    "practice_unpublish",
    Practice,
    PUBLISHED,
    PublicationStatus.DRAFT,
    "unpublish",
    _("Back to draft"),
    _("Only published cases can be withdrawn."),
    _("Case “%(object)s” withdrawn from the library by %(actor)s"),
)
CHECKLIST_OPEN = _partners_move(
    "checklist_open",
    Checklist,
    (ChecklistStatus.DRAFT, ChecklistStatus.CLOSED),
    ChecklistStatus.OPEN,
    "open",
    _("Open for answers"),
    _("The checklist is already open."),
    _("Checklist “%(object)s” opened for answers by %(actor)s"),
)
CHECKLIST_CLOSE = _partners_move(
    "checklist_close",
    Checklist,
    (ChecklistStatus.OPEN,),
    ChecklistStatus.CLOSED,
    "close",
    _("Close"),
    _("Only an open checklist can be closed."),
    _("Checklist “%(object)s” closed by %(actor)s"),
)
BROCHURE_PUBLISH = _partners_move(
    "brochure_publish",
    Brochure,
    DRAFT,
    PublicationStatus.PUBLISHED,
    "publish",
    _("Publish"),
    _("Only drafts can be published."),
    _("Brochure “%(object)s” published by %(actor)s"),
)
BROCHURE_UNPUBLISH = _partners_move(
    "brochure_unpublish",
    Brochure,
    PUBLISHED,
    PublicationStatus.DRAFT,
    "unpublish",
    _("Back to draft"),
    _("Only published brochures can be withdrawn."),
    _("Brochure “%(object)s” withdrawn by %(actor)s"),
)
MEDIA_COMMIT = _partners_move(
    "media_commit",
    MediaCommitment,
    (MediaStatus.CONTACTED,),
    MediaStatus.COMMITTED,
    "commit",
    _("Committed"),
    _("Only contacted outlets can commit."),
    _("%(object)s committed to report, recorded by %(actor)s"),
    target_arg="item",
    # A button in the media log's rows; publishing asks for the link and date on a page.
    url=lambda item, verb: reverse("outreach:media_commit", args=[item.programme.slug, item.pk]),
    done=_("Commitment recorded."),
    style="outline-primary",
)
MEDIA_PUBLISH = _partners_move(
    "media_publish",
    MediaCommitment,
    (MediaStatus.COMMITTED,),
    MediaStatus.PUBLISHED,
    "published",
    _("Published"),
    _("Only committed outlets can be marked as published."),
    _("%(object)s published, recorded by %(actor)s"),
    target_arg="item",
)
