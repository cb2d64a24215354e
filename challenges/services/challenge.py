"""The challenge: its template, the expert review loop, the pitch and ideation window, and
the transitions of its state machine. Each write is declared in ``challenges.actions``; the
declaration locks the row, checks who and from which state, and records the activity entry.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from collider.enums import EventKind, Role
from collider.models import Event, Programme, User
from collider.rules import roles_in
from collider.services import reminders_cancel_for
from collider.versioning import ensure_current

from .. import actions, selectors
from ..enums import ChallengeStatus, IdeaStatus, MaturityItem, TemplateField
from ..inputs import TEMPLATE_FIELDS, competences_parse
from ..models import Challenge, ChallengeComment, CompetenceTag
from .common import idea_deadline_reminders, notify, notify_owner, save_fields, stamp
from .idea import idea_decide
from .review import review_criteria_ensure

__all__ = [
    "TEMPLATE_FIELDS",
    "challenge_approve",
    "challenge_close",
    "challenge_comment_add",
    "challenge_create",
    "challenge_ideation_close",
    "challenge_ideation_open",
    "challenge_mark_pitched",
    "challenge_maturity_update",
    "challenge_publish",
    "challenge_request_changes",
    "challenge_schedule",
    "challenge_selection_complete",
    "challenge_submit_for_review",
    "challenge_translator_assign",
    "challenge_update",
    "challenge_withdraw",
    "competences_parse",
    "ideation_earliest_deadline",
]


def _set_competences(challenge: Challenge, names: list[str]) -> None:
    tags = []
    for name in names:
        tag = CompetenceTag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = CompetenceTag.objects.create(name=name)
        tags.append(tag)
    challenge.required_competences.set(tags)


def _move(challenge: Challenge, status: str, **fields) -> Challenge:
    """Set the new state (and fields) of a locked challenge; auditlog records the diff."""
    challenge.status = status
    for name, value in fields.items():
        setattr(challenge, name, value)
    challenge.save()
    return challenge


# --- Challenge template -----------------------------------------------------------------------


@actions.CHALLENGE_CREATE.performs
def challenge_create(
    *, actor: User, programme: Programme, competences: list[str] | None = None, **fields
) -> Challenge:
    """An AVM participant drafts a challenge on the template (state: draft)."""
    challenge = Challenge(
        programme=programme, owner=actor, organisation=selectors.organisation_of(actor, programme)
    )
    save_fields(challenge, fields, TEMPLATE_FIELDS)
    _set_competences(challenge, competences or [])
    review_criteria_ensure(programme=programme)  # the programme's first challenge sets defaults
    return challenge


@actions.CHALLENGE_UPDATE.performs
def challenge_update(
    *,
    actor: User,
    challenge: Challenge,
    competences: list[str] | None = None,
    based_on: str | None = None,
    **fields,
) -> Challenge:
    """The owner edits the template while it is a draft or changes were requested. An edit
    based on an older version (``based_on``) is refused (StaleEdit)."""
    ensure_current(challenge, based_on)
    save_fields(challenge, fields, TEMPLATE_FIELDS)
    if competences is not None:
        _set_competences(challenge, competences)
    return challenge


# --- Expert review loop -------------------------------------------------------------------------


@actions.CHALLENGE_TRANSLATOR_ASSIGN.performs
def challenge_translator_assign(*, actor: User, challenge: Challenge, expert: User) -> Challenge:
    """A partner assigns an expert "translator". Side effects: e-mails the expert."""
    if Role.EXPERT not in roles_in(expert, challenge.programme):
        raise ValidationError(_("%(name)s is not an expert of this programme.") % {"name": expert})
    challenge.translator = expert
    challenge.save(update_fields=["translator", "updated_at"])
    notify(
        "challenges_translator_assigned",
        recipient=expert,
        target=challenge,
        programme=challenge.programme,
        key=f"{challenge.pk}:{stamp()}",
    )
    return challenge


@actions.CHALLENGE_SUBMIT.performs
def challenge_submit_for_review(*, actor: User, challenge: Challenge) -> Challenge:
    """draft / changes requested → in review. Side effects: e-mails the expert (or partners)."""
    _move(challenge, ChallengeStatus.IN_REVIEW)
    reviewers = (
        [challenge.translator]
        if challenge.translator
        else list(selectors.programme_people(challenge.programme, Role.PARTNER))
    )
    for person in reviewers:
        notify(
            "challenges_review_requested",
            recipient=person,
            target=challenge,
            programme=challenge.programme,
            key=f"{challenge.pk}:{stamp()}",
        )
    return challenge


@actions.CHALLENGE_COMMENT_ADD.performs
def challenge_comment_add(
    *, actor: User, challenge: Challenge, field: str, body: str
) -> ChallengeComment:
    """The expert (or a partner) comments on one field of the template during review."""
    if field not in TemplateField.values:
        raise ValidationError(_("Choose a field of the template."))
    if not body.strip():
        raise ValidationError(_("Write a comment."))
    return ChallengeComment.objects.create(
        challenge=challenge, author=actor, field=field, body=body.strip()
    )


@actions.CHALLENGE_MATURITY_UPDATE.performs
def challenge_maturity_update(*, actor: User, challenge: Challenge, items: list[str]) -> Challenge:
    """The expert ticks the maturity checklist."""
    if set(items) - set(MaturityItem.values):
        raise ValidationError(_("Unknown checklist item."))
    challenge.maturity = [item for item in MaturityItem.values if item in items]
    challenge.save(update_fields=["maturity", "updated_at"])
    return challenge


@actions.CHALLENGE_REQUEST_CHANGES.performs
def challenge_request_changes(*, actor: User, challenge: Challenge, note: str) -> Challenge:
    """in review → changes requested. Side effects: e-mails the owner with the note."""
    if not note.strip():
        raise ValidationError(_("Say what should change."))
    _move(challenge, ChallengeStatus.CHANGES_REQUESTED, review_note=note.strip())
    notify_owner(challenge, note.strip())
    return challenge


@actions.CHALLENGE_APPROVE.performs
def challenge_approve(*, actor: User, challenge: Challenge) -> Challenge:
    """in review → approved, by a partner, once the maturity checklist is complete."""
    missing = [
        str(MaturityItem(i).label) for i in MaturityItem.values if i not in challenge.maturity
    ]
    if missing:
        raise ValidationError(
            _("The maturity checklist is not complete: %(items)s.") % {"items": "; ".join(missing)}
        )
    _move(challenge, ChallengeStatus.APPROVED)
    notify_owner(challenge)
    return challenge


@actions.CHALLENGE_PUBLISH.performs
def challenge_publish(*, actor: User, challenge: Challenge) -> Challenge:
    """approved → published: CCI of the programme can read it, accept the NDA and ask."""
    _move(challenge, ChallengeStatus.PUBLISHED, published_at=timezone.now())
    notify_owner(challenge)
    return challenge


# --- Pitch, ideation window, selection --------------------------------------------------------


def ideation_earliest_deadline(challenge: Challenge, pitch_event: Event | None = None) -> datetime:
    pitch = pitch_event or challenge.pitch_event
    return pitch.starts_at + timedelta(days=challenge.programme.ideation_window_days)


def _check_window(challenge: Challenge, pitch_event: Event | None, deadline, idea_event) -> None:
    if deadline is None:
        return
    if pitch_event is None:
        raise ValidationError(_("Choose the challenge pitch event before setting a deadline."))
    earliest = ideation_earliest_deadline(challenge, pitch_event)
    if deadline < earliest:
        raise ValidationError(
            _(
                "The idea deadline must be at least %(days)s days after the challenge pitch, "
                "so CCI have time to form teams and use what they learned: the earliest "
                "possible deadline is %(earliest)s."
            )
            % {
                "days": challenge.programme.ideation_window_days,
                "earliest": formats.date_format(timezone.localtime(earliest), "DATETIME_FORMAT"),
            }
        )
    if idea_event is not None and idea_event.starts_at < deadline:
        raise ValidationError(
            _(
                "The idea pitch cannot take place before the idea deadline; it is scheduled "
                "at least %(days)s days after the challenge pitch, on or after %(deadline)s."
            )
            % {
                "days": challenge.programme.ideation_window_days,
                "deadline": formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT"),
            }
        )


@actions.CHALLENGE_SCHEDULE.performs
def challenge_schedule(
    *,
    actor: User,
    challenge: Challenge,
    pitch_event: Event | None,
    idea_event: Event | None,
    idea_deadline: datetime | None,
) -> Challenge:
    """Set the challenge pitch, the idea deadline and the idea pitch, enforcing the ideation
    window (programme setting, default 14 days). Re-times draft authors' deadline reminders."""
    for event, kind in (
        (pitch_event, EventKind.CHALLENGE_PITCH),
        (idea_event, EventKind.IDEA_PITCH),
    ):
        if event is not None and (
            event.programme_id != challenge.programme_id or event.kind != kind
        ):
            raise ValidationError(
                _("Choose a “%(kind)s” event of this programme.") % {"kind": EventKind(kind).label}
            )
    if idea_deadline is not None and idea_event is None:
        idea_event = challenge.idea_event
    _check_window(challenge, pitch_event, idea_deadline, idea_event)
    if idea_event is not None and idea_deadline is None and pitch_event is not None:
        _check_window(
            challenge, pitch_event, ideation_earliest_deadline(challenge, pitch_event), None
        )
        if idea_event.starts_at < ideation_earliest_deadline(challenge, pitch_event):
            _check_window(challenge, pitch_event, idea_event.starts_at, None)
    if challenge.status == ChallengeStatus.IDEATION_OPEN and (
        idea_deadline is None or idea_deadline <= timezone.now()
    ):
        raise ValidationError(_("While ideation is open the deadline must lie in the future."))
    challenge.pitch_event = pitch_event
    challenge.idea_event = idea_event
    challenge.idea_deadline = idea_deadline
    challenge.save(update_fields=["pitch_event", "idea_event", "idea_deadline", "updated_at"])
    for idea in challenge.ideas.filter(status=IdeaStatus.DRAFT):
        idea_deadline_reminders(idea, challenge)
    return challenge


@actions.CHALLENGE_MARK_PITCHED.performs
def challenge_mark_pitched(*, actor: User, challenge: Challenge) -> Challenge:
    """published → pitched (the AVM pitched it at the challenge pitch event, which must have
    begun: see the action's guard)."""
    _move(challenge, ChallengeStatus.PITCHED)
    notify_owner(challenge)
    return challenge


@actions.CHALLENGE_IDEATION_OPEN.performs
def challenge_ideation_open(*, actor: User, challenge: Challenge) -> Challenge:
    """pitched → ideation open; needs an idea deadline that respects the ideation window."""
    if challenge.idea_deadline is None:
        raise ValidationError(_("Set the idea deadline first."))
    if challenge.idea_deadline <= timezone.now():
        raise ValidationError(_("The idea deadline has passed; set a later one first."))
    _check_window(challenge, challenge.pitch_event, challenge.idea_deadline, challenge.idea_event)
    _move(challenge, ChallengeStatus.IDEATION_OPEN)
    notify_owner(challenge)
    return challenge


@actions.CHALLENGE_IDEATION_CLOSE.performs
def challenge_ideation_close(*, actor: User, challenge: Challenge) -> Challenge:
    """ideation open → ideation closed. Drafts stay drafts and are locked."""
    _move(challenge, ChallengeStatus.IDEATION_CLOSED)
    for idea in challenge.ideas.filter(status=IdeaStatus.DRAFT):
        reminders_cancel_for(target=idea, kinds=["challenges_idea_deadline"])
    notify_owner(challenge)
    return challenge


@actions.CHALLENGE_SELECTION_COMPLETE.performs
def challenge_selection_complete(*, actor: User, challenge: Challenge) -> Challenge:
    """ideation closed → selection done; submitted ideas not shortlisted are not selected."""
    if challenge.ideas.filter(status=IdeaStatus.SHORTLISTED).exists():
        raise ValidationError(_("Decide every shortlisted idea (selected or not) first."))
    for idea in challenge.ideas.filter(status=IdeaStatus.SUBMITTED):
        idea_decide(idea, selected=False)
    _move(challenge, ChallengeStatus.SELECTION_DONE)
    notify_owner(challenge)
    return challenge


@actions.CHALLENGE_CLOSE.performs
def challenge_close(*, actor: User, challenge: Challenge) -> Challenge:
    """selection done → closed."""
    _move(challenge, ChallengeStatus.CLOSED)
    notify_owner(challenge)
    return challenge


@actions.CHALLENGE_WITHDRAW.performs
def challenge_withdraw(*, actor: User, challenge: Challenge, note: str = "") -> Challenge:
    """Any open state → withdrawn, by the owner or a partner. Cancels pending reminders."""
    _move(challenge, ChallengeStatus.WITHDRAWN, review_note=note or challenge.review_note)
    for idea in challenge.ideas.all():
        reminders_cancel_for(target=idea)
    notify_owner(challenge, note)
    return challenge
