"""Ideas: drafting, the team, needs and attachments, submission, and the organisers' shortlist
and selection. Each write is declared in ``challenges.actions`` (guard, state, activity entry).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.models import User
from collider.services import reminders_cancel_for
from collider.uploads import validate_upload
from collider.versioning import ensure_current

from .. import actions, selectors, signals
from ..enums import CoAuthorStatus, ExpertNeedKind, IdeaStatus
from ..inputs import ATTACHMENTS, IDEA_FIELDS, MAX_ATTACHMENTS
from ..models import (
    Challenge,
    ExpertNeed,
    FundingOpportunity,
    Idea,
    IdeaAttachment,
    IdeaCoAuthor,
)
from .common import (
    funding_reminders,
    idea_deadline_reminders,
    notify,
    notify_team,
    save_fields,
    team_members,
)

__all__ = [
    "ATTACHMENTS",
    "IDEA_FIELDS",
    "MAX_ATTACHMENTS",
    "idea_attachment_add",
    "idea_attachment_remove",
    "idea_coauthor_accept",
    "idea_coauthor_decline",
    "idea_coauthor_invite",
    "idea_coauthor_respond",
    "idea_create",
    "idea_expert_need_add",
    "idea_expert_need_remove",
    "idea_mark_not_selected",
    "idea_mark_selected",
    "idea_select",
    "idea_selection_confirm",
    "idea_shortlist",
    "idea_submit",
    "idea_update",
    "idea_withdraw",
    "team_members",
]


@actions.IDEA_CREATE.performs
def idea_create(
    *,
    lead: User,
    challenge: Challenge,
    funding_opportunities: Iterable[FundingOpportunity] = (),
    **fields,
) -> Idea:
    """A CCI drafts an idea pitch for a published challenge. Side effects: deadline reminders."""
    idea = save_fields(Idea(challenge=challenge, lead=lead), fields, IDEA_FIELDS)
    idea.funding_opportunities.set(list(funding_opportunities))
    idea_deadline_reminders(idea, challenge)
    funding_reminders(idea)
    return idea


@actions.IDEA_UPDATE.performs
def idea_update(
    *,
    actor: User,
    idea: Idea,
    funding_opportunities: Iterable[FundingOpportunity] | None = None,
    based_on: str | None = None,
    **fields,
) -> Idea:
    """The team edits the idea until the deadline (drafts and submitted ideas alike). An edit
    based on an older version (``based_on``) is refused (StaleEdit)."""
    ensure_current(idea, based_on)
    save_fields(idea, fields, IDEA_FIELDS)
    if funding_opportunities is not None:
        idea.funding_opportunities.set(list(funding_opportunities))
    funding_reminders(idea)
    return idea


@actions.IDEA_SUBMIT.performs
def idea_submit(*, actor: User, idea: Idea) -> Idea:
    """draft → submitted, by the lead, before the deadline while ideation is open.

    Side effects: cancels the deadline reminders, e-mails the team a confirmation."""
    idea.status = IdeaStatus.SUBMITTED
    idea.submitted_at = timezone.now()
    idea.save()
    reminders_cancel_for(target=idea, kinds=["challenges_idea_deadline"])
    notify_team("challenges_idea_submitted", idea)
    return idea


@actions.IDEA_WITHDRAW.performs
def idea_withdraw(*, actor: User, idea: Idea) -> Idea:
    """draft / submitted / shortlisted → withdrawn, by the lead. Cancels its reminders."""
    idea.status = IdeaStatus.WITHDRAWN
    idea.save()
    reminders_cancel_for(target=idea)
    for review in idea.reviews.all():
        reminders_cancel_for(target=review)
    return idea


# --- The team -----------------------------------------------------------------------------------


@actions.IDEA_COAUTHOR_INVITE.performs
def idea_coauthor_invite(*, actor: User, idea: Idea, user: User) -> IdeaCoAuthor:
    """The lead invites a CCI of the programme. Side effects: "[Action required]" e-mail."""
    if user.pk == actor.pk:
        raise ValidationError(_("You are the lead already."))
    if not selectors.cci_participants(idea.challenge.programme).filter(pk=user.pk).exists():
        raise ValidationError(_("Co-authors must be CCI participants of this programme."))
    try:
        with transaction.atomic():
            coauthor = IdeaCoAuthor.objects.create(idea=idea, user=user)
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s is already invited to this idea.") % {"name": user}
        ) from error
    notify(
        "challenges_coauthor_invited",
        recipient=user,
        target=coauthor,
        programme=idea.challenge.programme,
        key=f"{coauthor.pk}",
    )
    return coauthor


def _answer_invitation(user: User, idea: Idea, status: str) -> IdeaCoAuthor:
    coauthor = IdeaCoAuthor.objects.select_for_update().get(idea=idea, user=user)
    coauthor.status = status
    coauthor.responded_at = timezone.now()
    coauthor.save()
    return coauthor


@actions.IDEA_COAUTHOR_ACCEPT.performs
def idea_coauthor_accept(*, user: User, idea: Idea) -> IdeaCoAuthor:
    """The invited co-author joins the team."""
    return _answer_invitation(user, idea, CoAuthorStatus.ACCEPTED)


@actions.IDEA_COAUTHOR_DECLINE.performs
def idea_coauthor_decline(*, user: User, idea: Idea) -> IdeaCoAuthor:
    """The invited co-author declines."""
    return _answer_invitation(user, idea, CoAuthorStatus.DECLINED)


def idea_coauthor_respond(*, user: User, idea: Idea, accept: bool) -> IdeaCoAuthor:
    """The invited co-author accepts (joins the team) or declines."""
    respond = idea_coauthor_accept if accept else idea_coauthor_decline
    return respond(user=user, idea=idea)


# --- Needs and attachments ---------------------------------------------------------------------


@actions.IDEA_EXPERT_NEED_ADD.performs
def idea_expert_need_add(*, actor: User, idea: Idea, kind: str, description: str) -> ExpertNeed:
    """The team flags a need for an external expert (typed)."""
    if kind not in ExpertNeedKind.values:
        raise ValidationError(_("Choose the kind of expert."))
    if not description.strip():
        raise ValidationError(_("Describe what the expert should help with."))
    return ExpertNeed.objects.create(idea=idea, kind=kind, description=description.strip())


@actions.IDEA_EXPERT_NEED_REMOVE.performs
def idea_expert_need_remove(*, actor: User, need: ExpertNeed) -> None:
    need.delete()


@actions.IDEA_ATTACHMENT_ADD.performs
def idea_attachment_add(*, actor: User, idea: Idea, upload) -> IdeaAttachment:
    """Attach a PDF or an image (type from the content, size limited)."""
    if idea.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("An idea can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}
        )
    name = upload.name.rsplit("/", 1)[-1][:200]
    mime = validate_upload(upload, ATTACHMENTS)
    return IdeaAttachment.objects.create(
        idea=idea, file=upload, name=name, content_type=mime, size=upload.size, uploaded_by=actor
    )


@actions.IDEA_ATTACHMENT_REMOVE.performs
def idea_attachment_remove(*, actor: User, attachment: IdeaAttachment) -> None:
    attachment.file.delete(save=False)
    attachment.delete()


# --- Shortlist and selection --------------------------------------------------------------------


@actions.IDEA_SHORTLIST.performs
def idea_shortlist(*, actor: User, idea: Idea) -> Idea:
    """submitted → shortlisted: the team is invited to the idea pitch event.

    Side effects: "[Action required]" e-mail to the lead and co-authors (register to pitch)."""
    if idea.challenge.idea_event is None:
        raise ValidationError(
            _("Schedule the idea pitch event first; the shortlist is invited to it.")
        )
    idea.status = IdeaStatus.SHORTLISTED
    idea.save()
    notify_team("challenges_idea_shortlisted", idea)
    return idea


def idea_decide(idea: Idea, *, selected: bool) -> Idea:
    """Record the decision on a (locked) idea and e-mail the team ("[Action required]" for
    the selected: confirm to go on to cooperation)."""
    idea.status = IdeaStatus.SELECTED if selected else IdeaStatus.NOT_SELECTED
    idea.decided_at = timezone.now()
    idea.save()
    notify_team("challenges_idea_selected" if selected else "challenges_idea_not_selected", idea)
    return idea


@actions.IDEA_SELECT.performs
def idea_mark_selected(*, actor: User, idea: Idea) -> Idea:
    """shortlisted → selected. Side effects: e-mails the team."""
    return idea_decide(idea, selected=True)


@actions.IDEA_REJECT.performs
def idea_mark_not_selected(*, actor: User, idea: Idea) -> Idea:
    """shortlisted → not selected. Side effects: e-mails the team."""
    return idea_decide(idea, selected=False)


def idea_select(*, actor: User, idea: Idea, selected: bool) -> Idea:
    """shortlisted → selected / not selected (the two declared actions behind one call)."""
    decide = idea_mark_selected if selected else idea_mark_not_selected
    return decide(actor=actor, idea=idea)


@actions.IDEA_SELECTION_CONFIRM.performs
def idea_selection_confirm(*, actor: User, idea: Idea) -> Idea:
    """The lead of a selected idea confirms the team goes on to cooperation.

    Side effects: sends ``idea_selection_confirmed`` (the follow-up phase opens the
    cooperation in the same transaction) and e-mails the challenge owner."""
    idea.lead_confirmed_at = timezone.now()
    idea.save()
    signals.idea_selection_confirmed.send(sender=Idea, idea=idea, actor=actor)
    notify(
        "challenges_selection_confirmed",
        recipient=idea.challenge.owner,
        target=idea,
        programme=idea.challenge.programme,
        key=f"{idea.pk}",
    )
    return idea
