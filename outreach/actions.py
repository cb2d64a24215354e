"""The outreach app's declared write actions (STYLE §16): publishing cases and brochures,
opening and closing checklists, the media log's steps. Each declaration is the rule (role and
state) the service's guard checks, the button its page renders with ``{% action_buttons %}``
(one URL per action, posted through ``collider.actions.action_view``) and the sentence on the
programme's activity timeline. Recording a publication asks for its link and date: its form
travels with the declaration, shown on a page of its own rather than in the media log's rows."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.actions import Action

from .enums import ChecklistStatus, MediaStatus, PublicationStatus
from .forms import MediaPublishForm
from .models import Brochure, Checklist, MediaCommitment, Practice
from .rules import can_manage_outreach

PARTNERS = _("Only the programme's partners can do this.")


def _url(name: str):
    """The button's URL: ``name`` with the record's programme and id."""

    def url(obj, verb: str) -> str:
        return reverse(name, args=[obj.programme.slug, obj.pk])

    return url


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
    url=_url("outreach:practice_publish"),
    done=_("The case is published."),
    style="success",
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
    url=_url("outreach:practice_unpublish"),
    done=_("The case is a draft again."),
    style="outline-secondary",
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
    url=_url("outreach:checklist_open"),
    done=_("The checklist is open: share its link or QR code."),
    style="success",
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
    url=_url("outreach:checklist_close"),
    done=_("The checklist is closed."),
    style="outline-danger",
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
    url=_url("outreach:brochure_publish"),
    done=_("The brochure is published on the programme's pages."),
    style="success",
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
    url=_url("outreach:brochure_unpublish"),
    done=_("The brochure is a draft again."),
    style="outline-secondary",
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
    url=_url("outreach:media_commit"),
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
    # Its form (link, date, reach) is shown on the page the media log links to, which posts
    # here; three fields in every row of the log would crowd it.
    url=_url("outreach:media_publish"),
    form=MediaPublishForm,
    done=_("Publication recorded."),
)
