"""Every write of phase 4. Keyword-only, atomic, named ``<entity>_<action>``.

State machines (challenge, idea) have one service per transition: it checks the actor and the
from-state, records the change in the audit trail (django-auditlog, with the actor set) and
queues e-mail through the outbox, which sends on commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from collider.enums import EventKind, MembershipStatus, Role, Sector
from collider.models import Event, Membership, Programme, Reminder, User
from collider.rules import roles_in
from collider.services import notification_send, reminder_schedule, reminders_cancel_for
from collider.uploads import MB, UploadRule, validate_upload
from collider.versioning import ensure_current

from . import signals
from .enums import (
    EDITABLE_STATES,
    IDEA_DRAFT_STATES,
    PUBLIC_STATES,
    ChallengeStatus,
    CoAuthorStatus,
    ExpertNeedKind,
    IdeaStatus,
    MaturityItem,
    TemplateField,
)
from .models import (
    NDA_VERSION,
    Challenge,
    ChallengeComment,
    CompetenceTag,
    ExpertNeed,
    FundingOpportunity,
    Idea,
    IdeaAttachment,
    IdeaCoAuthor,
    NdaAcceptance,
    Question,
    Review,
    ReviewCriterion,
    Score,
)
from .rules import participant_sectors

#: Reminders to authors of draft ideas, before the idea deadline.
IDEA_DEADLINE_OFFSETS = (timedelta(days=3), timedelta(days=1))
#: Reminder to reviewers who have not submitted, before the review is due.
REVIEW_DUE_OFFSET = timedelta(days=2)
#: Reminders to leads about the deadline of a funding opportunity they consider.
FUNDING_DEADLINE_OFFSETS = (timedelta(days=7), timedelta(days=1))
DEFAULT_CRITERIA = (
    ("Fit to the problem", "Does the idea answer the challenge as stated?", 3),
    ("Feasibility", "Can the team deliver it with the time and resources given?", 2),
    ("Innovation", "Is it new for the company and the sector?", 2),
    ("Team", "Do the competences of the team match the task?", 1),
    ("Cost", "Is the budget realistic and within the range?", 1),
)
MAX_ATTACHMENTS = 10
#: What an idea can carry as attachment (checked by the platform's one upload validator).
ATTACHMENTS = UploadRule(kinds=("pdf", "png", "jpeg", "webp"), max_bytes=5 * MB)


# --- helpers --------------------------------------------------------------------------------


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def _from_state(obj, allowed: Iterable[str], action: str) -> None:
    """Refuse a transition from the wrong state with a message that names both states."""
    allowed = tuple(allowed)
    if obj.status not in allowed:
        labels = dict(obj._meta.get_field("status").choices)
        raise ValidationError(
            _("Cannot %(action)s: the %(kind)s is “%(state)s” (expected: %(expected)s).")
            % {
                "action": action,
                "kind": obj._meta.verbose_name,
                "state": obj.get_status_display(),
                "expected": ", ".join(str(labels[s]) for s in allowed),
            }
        )


def _lock_challenge(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_for_update().select_related("programme").get(pk=challenge.pk)


def _lock_idea(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().select_related("challenge__programme").get(pk=idea.pk)


def _is_organiser(user: User, programme: Programme) -> bool:
    return user.is_superuser or bool({Role.PARTNER, Role.FACILITATOR} & roles_in(user, programme))


def _is_partner(user: User, programme: Programme) -> bool:
    return user.is_superuser or Role.PARTNER in roles_in(user, programme)


def _is_cci(user: User, programme: Programme) -> bool:
    return Sector.CCI in participant_sectors(user, programme)


def _notify(kind: str, *, recipient: User, target, programme: Programme, key: str, **context):
    notification_send(
        kind=kind,
        recipient=recipient,
        programme=programme,
        target=target,
        context=context,
        dedupe_key=f"{kind}:{key}:{recipient.pk}",
    )


def _stamp() -> str:
    return f"{timezone.now().timestamp():.6f}"


def _notify_owner(challenge: Challenge, note: str = "") -> None:
    _notify(
        "challenges_challenge_status",
        recipient=challenge.owner,
        target=challenge,
        programme=challenge.programme,
        key=f"{challenge.pk}:{challenge.status}:{_stamp()}",
        status=challenge.status,
        note=note,
    )


def _partners(programme: Programme):
    return User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.PARTNER,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()


def _set_status(challenge: Challenge, actor: User, status: str, **fields) -> Challenge:
    with set_actor(actor):
        challenge.status = status
        for name, value in fields.items():
            setattr(challenge, name, value)
        challenge.save()
    return challenge


def competences_parse(text: str) -> list[str]:
    """Comma-separated competences, trimmed, de-duplicated case-insensitively, in order."""
    seen: dict[str, str] = {}
    for raw in text.split(","):
        name = " ".join(raw.split())[:60]
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def _set_competences(challenge: Challenge, names: list[str]) -> None:
    tags = []
    for name in names:
        tag = CompetenceTag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = CompetenceTag.objects.create(name=name)
        tags.append(tag)
    challenge.required_competences.set(tags)


# --- Challenge template -----------------------------------------------------------------------

TEMPLATE_FIELDS = (
    "title",
    "public_summary",
    "context",
    "problem_statement",
    "scope",
    "expected_outcome",
    "constraints",
    "resources",
    "budget_min",
    "budget_max",
    "timeline",
    "ip_stance",
    "confidential_details",
)


@transaction.atomic
def challenge_create(
    *, actor: User, programme: Programme, competences: list[str] | None = None, **fields
) -> Challenge:
    """An AVM participant drafts a challenge on the template (state: draft)."""
    _require(
        actor.is_superuser or Sector.AVM in participant_sectors(actor, programme),
        _("Only AVM participants of this programme can define challenges."),
    )
    membership = Membership.objects.filter(
        programme=programme, user=actor, role=Role.PARTICIPANT
    ).first()
    with set_actor(actor):
        challenge = Challenge(
            programme=programme,
            owner=actor,
            organisation=membership.organisation if membership else None,
            **{k: v for k, v in fields.items() if k in TEMPLATE_FIELDS},
        )
        challenge.full_clean()
        challenge.save()
        _set_competences(challenge, competences or [])
    return challenge


@transaction.atomic
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
    challenge = _lock_challenge(challenge)
    _require(challenge.owner_id == actor.pk, _("Only the challenge owner can edit it."))
    if challenge.status not in EDITABLE_STATES:
        raise ValidationError(
            _("The challenge is “%(state)s” and can no longer be edited.")
            % {"state": challenge.get_status_display()}
        )
    ensure_current(challenge, based_on)
    with set_actor(actor):
        for name, value in fields.items():
            if name in TEMPLATE_FIELDS:
                setattr(challenge, name, value)
        challenge.full_clean()
        challenge.save()
        if competences is not None:
            _set_competences(challenge, competences)
    return challenge


# --- Expert review loop -------------------------------------------------------------------------


@transaction.atomic
def challenge_translator_assign(*, actor: User, challenge: Challenge, expert: User) -> Challenge:
    """A partner assigns an expert "translator". Side effects: e-mails the expert."""
    challenge = _lock_challenge(challenge)
    _require(_is_partner(actor, challenge.programme), _("Only tandem partners assign experts."))
    _from_state(
        challenge,
        (ChallengeStatus.DRAFT, ChallengeStatus.IN_REVIEW, ChallengeStatus.CHANGES_REQUESTED),
        _("assign an expert"),
    )
    if Role.EXPERT not in roles_in(expert, challenge.programme):
        raise ValidationError(_("%(name)s is not an expert of this programme.") % {"name": expert})
    with set_actor(actor):
        challenge.translator = expert
        challenge.save(update_fields=["translator", "updated_at"])
    _notify(
        "challenges_translator_assigned",
        recipient=expert,
        target=challenge,
        programme=challenge.programme,
        key=f"{challenge.pk}:{_stamp()}",
    )
    return challenge


@transaction.atomic
def challenge_submit_for_review(*, actor: User, challenge: Challenge) -> Challenge:
    """draft / changes requested → in review. Side effects: e-mails the expert (or partners)."""
    challenge = _lock_challenge(challenge)
    _require(challenge.owner_id == actor.pk, _("Only the challenge owner can submit it."))
    _from_state(challenge, EDITABLE_STATES, _("submit for review"))
    _set_status(challenge, actor, ChallengeStatus.IN_REVIEW)
    reviewers = (
        [challenge.translator] if challenge.translator else list(_partners(challenge.programme))
    )
    for person in reviewers:
        _notify(
            "challenges_review_requested",
            recipient=person,
            target=challenge,
            programme=challenge.programme,
            key=f"{challenge.pk}:{_stamp()}",
        )
    return challenge


def _may_review(actor: User, challenge: Challenge) -> bool:
    return challenge.translator_id == actor.pk or _is_partner(actor, challenge.programme)


@transaction.atomic
def challenge_comment_add(
    *, actor: User, challenge: Challenge, field: str, body: str
) -> ChallengeComment:
    """The expert (or a partner) comments on one field of the template during review."""
    _require(_may_review(actor, challenge), _("Only the assigned expert or a partner can comment."))
    _from_state(challenge, (ChallengeStatus.IN_REVIEW,), _("comment"))
    if field not in TemplateField.values:
        raise ValidationError(_("Choose a field of the template."))
    if not body.strip():
        raise ValidationError(_("Write a comment."))
    with set_actor(actor):
        return ChallengeComment.objects.create(
            challenge=challenge, author=actor, field=field, body=body.strip()
        )


@transaction.atomic
def challenge_maturity_update(*, actor: User, challenge: Challenge, items: list[str]) -> Challenge:
    """The expert ticks the maturity checklist."""
    challenge = _lock_challenge(challenge)
    _require(_may_review(actor, challenge), _("Only the assigned expert or a partner can do this."))
    _from_state(challenge, (ChallengeStatus.IN_REVIEW,), _("update the checklist"))
    unknown = set(items) - set(MaturityItem.values)
    if unknown:
        raise ValidationError(_("Unknown checklist item."))
    with set_actor(actor):
        challenge.maturity = [item for item in MaturityItem.values if item in items]
        challenge.save(update_fields=["maturity", "updated_at"])
    return challenge


@transaction.atomic
def challenge_request_changes(*, actor: User, challenge: Challenge, note: str) -> Challenge:
    """in review → changes requested. Side effects: e-mails the owner with the note."""
    challenge = _lock_challenge(challenge)
    _require(_may_review(actor, challenge), _("Only the assigned expert or a partner can do this."))
    _from_state(challenge, (ChallengeStatus.IN_REVIEW,), _("request changes"))
    if not note.strip():
        raise ValidationError(_("Say what should change."))
    _set_status(challenge, actor, ChallengeStatus.CHANGES_REQUESTED, review_note=note.strip())
    _notify_owner(challenge, note.strip())
    return challenge


@transaction.atomic
def challenge_approve(*, actor: User, challenge: Challenge) -> Challenge:
    """in review → approved, by a partner, once the maturity checklist is complete."""
    challenge = _lock_challenge(challenge)
    _require(_is_partner(actor, challenge.programme), _("Only tandem partners approve challenges."))
    _from_state(challenge, (ChallengeStatus.IN_REVIEW,), _("approve"))
    missing = [
        str(MaturityItem(i).label) for i in MaturityItem.values if i not in challenge.maturity
    ]
    if missing:
        raise ValidationError(
            _("The maturity checklist is not complete: %(items)s.") % {"items": "; ".join(missing)}
        )
    _set_status(challenge, actor, ChallengeStatus.APPROVED)
    _notify_owner(challenge)
    return challenge


@transaction.atomic
def challenge_publish(*, actor: User, challenge: Challenge) -> Challenge:
    """approved → published: CCI of the programme can read it, accept the NDA and ask."""
    challenge = _lock_challenge(challenge)
    _require(_is_partner(actor, challenge.programme), _("Only tandem partners publish challenges."))
    _from_state(challenge, (ChallengeStatus.APPROVED,), _("publish"))
    _set_status(challenge, actor, ChallengeStatus.PUBLISHED, published_at=timezone.now())
    _notify_owner(challenge)
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


@transaction.atomic
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
    challenge = _lock_challenge(challenge)
    _require(_is_organiser(actor, challenge.programme), _("Only organisers schedule pitches."))
    _from_state(
        challenge,
        (
            ChallengeStatus.APPROVED,
            ChallengeStatus.PUBLISHED,
            ChallengeStatus.PITCHED,
            ChallengeStatus.IDEATION_OPEN,
        ),
        _("schedule"),
    )
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
    with set_actor(actor):
        challenge.pitch_event = pitch_event
        challenge.idea_event = idea_event
        challenge.idea_deadline = idea_deadline
        challenge.save(update_fields=["pitch_event", "idea_event", "idea_deadline", "updated_at"])
    for idea in challenge.ideas.filter(status=IdeaStatus.DRAFT):
        _idea_deadline_reminders(idea, challenge)
    return challenge


@transaction.atomic
def challenge_mark_pitched(*, actor: User, challenge: Challenge) -> Challenge:
    """published → pitched (the AVM pitched it at the challenge pitch event)."""
    challenge = _lock_challenge(challenge)
    _require(_is_organiser(actor, challenge.programme), _("Only organisers can do this."))
    _from_state(challenge, (ChallengeStatus.PUBLISHED,), _("mark as pitched"))
    if challenge.pitch_event is None:
        raise ValidationError(_("Schedule the challenge pitch event first."))
    _set_status(challenge, actor, ChallengeStatus.PITCHED)
    _notify_owner(challenge)
    return challenge


@transaction.atomic
def challenge_ideation_open(*, actor: User, challenge: Challenge) -> Challenge:
    """pitched → ideation open; needs an idea deadline that respects the ideation window."""
    challenge = _lock_challenge(challenge)
    _require(_is_organiser(actor, challenge.programme), _("Only organisers can do this."))
    _from_state(challenge, (ChallengeStatus.PITCHED,), _("open ideation"))
    if challenge.idea_deadline is None:
        raise ValidationError(_("Set the idea deadline first."))
    if challenge.idea_deadline <= timezone.now():
        raise ValidationError(_("The idea deadline has passed; set a later one first."))
    _check_window(challenge, challenge.pitch_event, challenge.idea_deadline, challenge.idea_event)
    _set_status(challenge, actor, ChallengeStatus.IDEATION_OPEN)
    _notify_owner(challenge)
    return challenge


@transaction.atomic
def challenge_ideation_close(*, actor: User, challenge: Challenge) -> Challenge:
    """ideation open → ideation closed. Drafts stay drafts and are locked."""
    challenge = _lock_challenge(challenge)
    _require(_is_organiser(actor, challenge.programme), _("Only organisers can do this."))
    _from_state(challenge, (ChallengeStatus.IDEATION_OPEN,), _("close ideation"))
    _set_status(challenge, actor, ChallengeStatus.IDEATION_CLOSED)
    for idea in challenge.ideas.filter(status=IdeaStatus.DRAFT):
        reminders_cancel_for(target=idea, kinds=["challenges_idea_deadline"])
    _notify_owner(challenge)
    return challenge


@transaction.atomic
def challenge_selection_complete(*, actor: User, challenge: Challenge) -> Challenge:
    """ideation closed → selection done; submitted ideas not shortlisted are not selected."""
    challenge = _lock_challenge(challenge)
    _require(_is_organiser(actor, challenge.programme), _("Only organisers can do this."))
    _from_state(challenge, (ChallengeStatus.IDEATION_CLOSED,), _("complete the selection"))
    if challenge.ideas.filter(status=IdeaStatus.SHORTLISTED).exists():
        raise ValidationError(_("Decide every shortlisted idea (selected or not) first."))
    for idea in challenge.ideas.filter(status=IdeaStatus.SUBMITTED):
        _idea_decide(actor, idea, selected=False)
    _set_status(challenge, actor, ChallengeStatus.SELECTION_DONE)
    _notify_owner(challenge)
    return challenge


@transaction.atomic
def challenge_close(*, actor: User, challenge: Challenge) -> Challenge:
    """selection done → closed."""
    challenge = _lock_challenge(challenge)
    _require(_is_partner(actor, challenge.programme), _("Only tandem partners close challenges."))
    _from_state(challenge, (ChallengeStatus.SELECTION_DONE,), _("close"))
    _set_status(challenge, actor, ChallengeStatus.CLOSED)
    _notify_owner(challenge)
    return challenge


@transaction.atomic
def challenge_withdraw(*, actor: User, challenge: Challenge, note: str = "") -> Challenge:
    """Any open state → withdrawn, by the owner or a partner. Cancels pending reminders."""
    challenge = _lock_challenge(challenge)
    _require(
        challenge.owner_id == actor.pk or _is_partner(actor, challenge.programme),
        _("Only the owner or a tandem partner can withdraw a challenge."),
    )
    terminal = {ChallengeStatus.CLOSED, ChallengeStatus.WITHDRAWN, ChallengeStatus.SELECTION_DONE}
    _from_state(challenge, [s for s in ChallengeStatus.values if s not in terminal], _("withdraw"))
    _set_status(
        challenge, actor, ChallengeStatus.WITHDRAWN, review_note=note or challenge.review_note
    )
    for idea in challenge.ideas.all():
        reminders_cancel_for(target=idea)
    _notify_owner(challenge, note)
    return challenge


# --- NDA and Q&A --------------------------------------------------------------------------------


@transaction.atomic
def nda_accept(*, user: User, challenge: Challenge) -> NdaAcceptance:
    """A member accepts the click-through NDA (current version). Side effects: confirmation e-mail.

    CCI and experts of the programme sign it; the owner, the translator and the organisers
    read the details without it; other AVM companies never (``challenges.accept_nda``).
    """
    if challenge.status not in PUBLIC_STATES:
        raise ValidationError(_("This challenge is not published."))
    _require(
        user.has_perm("challenges.accept_nda", challenge),
        _("Only CCI participants and experts of the programme sign the NDA."),
    )
    with set_actor(user):
        acceptance, created = NdaAcceptance.objects.get_or_create(
            challenge=challenge, user=user, version=NDA_VERSION
        )
    if created:
        _notify(
            "challenges_nda_accepted",
            recipient=user,
            target=acceptance,
            programme=challenge.programme,
            key=f"{acceptance.pk}",
        )
    return acceptance


@transaction.atomic
def question_ask(*, user: User, challenge: Challenge, body: str) -> Question:
    """A CCI asks about a published challenge. Side effects: e-mails the owner."""
    _require(_is_cci(user, challenge.programme), _("Only CCI participants ask questions."))
    if challenge.status not in PUBLIC_STATES or challenge.status in (
        ChallengeStatus.SELECTION_DONE,
        ChallengeStatus.CLOSED,
    ):
        raise ValidationError(_("Questions are closed for this challenge."))
    if not body.strip():
        raise ValidationError(_("Write your question."))
    with set_actor(user):
        question = Question.objects.create(challenge=challenge, author=user, body=body.strip())
    _notify(
        "challenges_question_asked",
        recipient=challenge.owner,
        target=question,
        programme=challenge.programme,
        key=f"{question.pk}",
    )
    return question


@transaction.atomic
def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    """The AVM owner or a facilitator answers; the answer is visible to all CCI."""
    question = (
        Question.objects.select_for_update()
        .select_related("challenge__programme")
        .get(pk=question.pk)
    )
    challenge = question.challenge
    _require(
        challenge.owner_id == actor.pk or _is_organiser(actor, challenge.programme),
        _("Only the challenge owner or a facilitator answers questions."),
    )
    if not answer.strip():
        raise ValidationError(_("Write an answer."))
    with set_actor(actor):
        question.answer = answer.strip()
        question.answered_by = actor
        question.answered_at = timezone.now()
        question.save()
    _notify(
        "challenges_question_answered",
        recipient=question.author,
        target=question,
        programme=challenge.programme,
        key=f"{question.pk}:{_stamp()}",
    )
    return question


# --- Ideas ------------------------------------------------------------------------------------

IDEA_FIELDS = (
    "title",
    "summary",
    "approach",
    "deliverables",
    "time_plan",
    "budget_estimate",
    "funding_sources",
)


def _idea_deadline_reminders(idea: Idea, challenge: Challenge) -> None:
    """Remind the lead of a draft 3 days and 1 day before the deadline (re-timed if moved)."""
    now = timezone.now()
    for offset in IDEA_DEADLINE_OFFSETS:
        key = f"challenges-idea-deadline:{idea.pk}:{offset.days}"
        due = challenge.idea_deadline - offset if challenge.idea_deadline else None
        if due is None or due <= now:
            Reminder.objects.filter(dedupe_key=key, state="pending").update(state="cancelled")
            continue
        reminder_schedule(
            kind="challenges_idea_deadline",
            email=idea.lead.email,
            recipient=idea.lead,
            programme=challenge.programme,
            due_at=due,
            dedupe_key=key,
            target=idea,
            context={"days": offset.days},
        )


def _funding_reminders(idea: Idea) -> None:
    now = timezone.now()
    for opportunity in idea.funding_opportunities.all():
        if opportunity.deadline is None:
            continue
        deadline = timezone.make_aware(datetime.combine(opportunity.deadline, datetime.min.time()))
        for offset in FUNDING_DEADLINE_OFFSETS:
            due = deadline - offset
            if due <= now:
                continue
            reminder_schedule(
                kind="challenges_funding_deadline",
                email=idea.lead.email,
                recipient=idea.lead,
                programme=idea.challenge.programme,
                due_at=due,
                dedupe_key=f"challenges-funding:{idea.pk}:{opportunity.pk}:{offset.days}",
                target=idea,
                context={"opportunity_id": opportunity.pk, "days": offset.days},
            )


def _check_open_for_edit(idea: Idea) -> None:
    challenge = idea.challenge
    if idea.status not in (IdeaStatus.DRAFT, IdeaStatus.SUBMITTED):
        raise ValidationError(
            _("The idea is “%(state)s” and can no longer be changed.")
            % {"state": idea.get_status_display()}
        )
    if challenge.deadline_passed or challenge.status not in IDEA_DRAFT_STATES:
        raise ValidationError(_("The idea deadline has passed; the idea is locked."))


def _is_team(user: User, idea: Idea) -> bool:
    return (
        idea.lead_id == user.pk
        or idea.coauthors.filter(user=user, status=CoAuthorStatus.ACCEPTED).exists()
    )


@transaction.atomic
def idea_create(
    *,
    lead: User,
    challenge: Challenge,
    funding_opportunities: Iterable[FundingOpportunity] = (),
    **fields,
) -> Idea:
    """A CCI drafts an idea pitch for a published challenge. Side effects: deadline reminders."""
    _require(_is_cci(lead, challenge.programme), _("Only CCI participants pitch ideas."))
    if challenge.status not in IDEA_DRAFT_STATES or challenge.deadline_passed:
        raise ValidationError(_("This challenge does not take ideas (any more)."))
    with set_actor(lead):
        idea = Idea(
            challenge=challenge, lead=lead, **{k: v for k, v in fields.items() if k in IDEA_FIELDS}
        )
        idea.full_clean()
        idea.save()
        idea.funding_opportunities.set(list(funding_opportunities))
    _idea_deadline_reminders(idea, challenge)
    _funding_reminders(idea)
    return idea


@transaction.atomic
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
    idea = _lock_idea(idea)
    _require(_is_team(actor, idea), _("Only the idea's team can edit it."))
    _check_open_for_edit(idea)
    ensure_current(idea, based_on)
    with set_actor(actor):
        for name, value in fields.items():
            if name in IDEA_FIELDS:
                setattr(idea, name, value)
        idea.full_clean()
        idea.save()
        if funding_opportunities is not None:
            idea.funding_opportunities.set(list(funding_opportunities))
    _funding_reminders(idea)
    return idea


@transaction.atomic
def idea_submit(*, actor: User, idea: Idea) -> Idea:
    """draft → submitted, by the lead, before the deadline while ideation is open.

    Side effects: cancels the deadline reminders, e-mails the team a confirmation."""
    idea = _lock_idea(idea)
    challenge = idea.challenge
    _require(idea.lead_id == actor.pk, _("Only the lead submits the idea."))
    _from_state(idea, (IdeaStatus.DRAFT,), _("submit"))
    if challenge.deadline_passed:
        raise ValidationError(_("The idea deadline has passed; late submissions are not accepted."))
    if challenge.status != ChallengeStatus.IDEATION_OPEN:
        raise ValidationError(_("Ideation is not open for this challenge yet."))
    with set_actor(actor):
        idea.status = IdeaStatus.SUBMITTED
        idea.submitted_at = timezone.now()
        idea.save()
    reminders_cancel_for(target=idea, kinds=["challenges_idea_deadline"])
    for person in [idea.lead, *team_members(idea)]:
        _notify(
            "challenges_idea_submitted",
            recipient=person,
            target=idea,
            programme=challenge.programme,
            key=f"{idea.pk}",
        )
    return idea


def team_members(idea: Idea) -> list[User]:
    """Accepted co-authors (not the lead)."""
    return [
        c.user for c in idea.coauthors.select_related("user").filter(status=CoAuthorStatus.ACCEPTED)
    ]


@transaction.atomic
def idea_withdraw(*, actor: User, idea: Idea) -> Idea:
    """draft / submitted / shortlisted → withdrawn, by the lead. Cancels its reminders."""
    idea = _lock_idea(idea)
    _require(idea.lead_id == actor.pk, _("Only the lead withdraws the idea."))
    _from_state(
        idea, (IdeaStatus.DRAFT, IdeaStatus.SUBMITTED, IdeaStatus.SHORTLISTED), _("withdraw")
    )
    with set_actor(actor):
        idea.status = IdeaStatus.WITHDRAWN
        idea.save()
    reminders_cancel_for(target=idea)
    for review in idea.reviews.all():
        reminders_cancel_for(target=review)
    return idea


@transaction.atomic
def idea_coauthor_invite(*, actor: User, idea: Idea, user: User) -> IdeaCoAuthor:
    """The lead invites a CCI of the programme. Side effects: "[Action required]" e-mail."""
    idea = _lock_idea(idea)
    _require(idea.lead_id == actor.pk, _("Only the lead invites co-authors."))
    _check_open_for_edit(idea)
    if user.pk == actor.pk:
        raise ValidationError(_("You are the lead already."))
    if not _is_cci(user, idea.challenge.programme):
        raise ValidationError(_("Co-authors must be CCI participants of this programme."))
    with set_actor(actor):
        try:
            with transaction.atomic():
                coauthor = IdeaCoAuthor.objects.create(idea=idea, user=user)
        except IntegrityError as error:
            raise ValidationError(
                _("%(name)s is already invited to this idea.") % {"name": user}
            ) from error
    _notify(
        "challenges_coauthor_invited",
        recipient=user,
        target=coauthor,
        programme=idea.challenge.programme,
        key=f"{coauthor.pk}",
    )
    return coauthor


@transaction.atomic
def idea_coauthor_respond(*, user: User, idea: Idea, accept: bool) -> IdeaCoAuthor:
    """The invited co-author accepts (joins the team) or declines."""
    coauthor = IdeaCoAuthor.objects.select_for_update().filter(idea=idea, user=user).first()
    if coauthor is None:
        raise PermissionDenied(_("You were not invited to this idea."))
    if coauthor.status != CoAuthorStatus.INVITED:
        raise ValidationError(_("You have already answered this invitation."))
    with set_actor(user):
        coauthor.status = CoAuthorStatus.ACCEPTED if accept else CoAuthorStatus.DECLINED
        coauthor.responded_at = timezone.now()
        coauthor.save()
    return coauthor


@transaction.atomic
def idea_expert_need_add(*, actor: User, idea: Idea, kind: str, description: str) -> ExpertNeed:
    """The team flags a need for an external expert (typed)."""
    idea = _lock_idea(idea)
    _require(_is_team(actor, idea), _("Only the idea's team can edit it."))
    _check_open_for_edit(idea)
    if kind not in ExpertNeedKind.values:
        raise ValidationError(_("Choose the kind of expert."))
    if not description.strip():
        raise ValidationError(_("Describe what the expert should help with."))
    return ExpertNeed.objects.create(idea=idea, kind=kind, description=description.strip())


@transaction.atomic
def idea_expert_need_remove(*, actor: User, need: ExpertNeed) -> None:
    idea = _lock_idea(need.idea)
    _require(_is_team(actor, idea), _("Only the idea's team can edit it."))
    _check_open_for_edit(idea)
    need.delete()


@transaction.atomic
def idea_attachment_add(*, actor: User, idea: Idea, upload) -> IdeaAttachment:
    """Attach a PDF or an image (type from the content, size limited)."""
    idea = _lock_idea(idea)
    _require(_is_team(actor, idea), _("Only the idea's team can edit it."))
    _check_open_for_edit(idea)
    if idea.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("An idea can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}
        )
    name = upload.name.rsplit("/", 1)[-1][:200]
    mime = validate_upload(upload, ATTACHMENTS)
    return IdeaAttachment.objects.create(
        idea=idea, file=upload, name=name, content_type=mime, size=upload.size, uploaded_by=actor
    )


@transaction.atomic
def idea_attachment_remove(*, actor: User, attachment: IdeaAttachment) -> None:
    idea = _lock_idea(attachment.idea)
    _require(_is_team(actor, idea), _("Only the idea's team can edit it."))
    _check_open_for_edit(idea)
    attachment.file.delete(save=False)
    attachment.delete()


# --- Reviews ----------------------------------------------------------------------------------


@transaction.atomic
def review_criteria_ensure(*, programme: Programme) -> list[ReviewCriterion]:
    """The programme's criteria; the defaults are created the first time."""
    if not ReviewCriterion.objects.filter(programme=programme).exists():
        for order, (name, description, weight) in enumerate(DEFAULT_CRITERIA):
            ReviewCriterion.objects.get_or_create(
                programme=programme,
                name=name,
                defaults={"description": description, "weight": weight, "order": order},
            )
    return list(ReviewCriterion.objects.filter(programme=programme))


@transaction.atomic
def review_criterion_save(
    *,
    actor: User,
    programme: Programme,
    name: str,
    weight: int,
    description: str = "",
    criterion: ReviewCriterion | None = None,
) -> ReviewCriterion:
    """A partner adds or changes a weighted criterion (not once scores use it)."""
    _require(_is_partner(actor, programme), _("Only tandem partners define criteria."))
    # Weights may change after scoring: rankings are always computed from current weights.
    with set_actor(actor):
        item = criterion or ReviewCriterion(
            programme=programme, order=ReviewCriterion.objects.filter(programme=programme).count()
        )
        item.name = name
        item.weight = weight
        item.description = description
        item.full_clean()
        item.save()
    return item


@transaction.atomic
def review_criterion_delete(*, actor: User, criterion: ReviewCriterion) -> None:
    _require(_is_partner(actor, criterion.programme), _("Only tandem partners define criteria."))
    if criterion.scores.exists():
        raise ValidationError(
            _("Reviewers already scored on this criterion; it cannot be removed.")
        )
    criterion.delete()


def eligible_reviewers(challenge: Challenge):
    """Facilitators and experts of the programme, and the challenge's AVM owner."""
    return (
        User.objects.filter(
            memberships__programme=challenge.programme,
            memberships__status=MembershipStatus.APPROVED,
            memberships__role__in=[Role.FACILITATOR, Role.EXPERT],
        )
        | User.objects.filter(pk=challenge.owner_id)
    ).distinct()


@transaction.atomic
def review_assign(*, actor: User, idea: Idea, reviewer: User, due_at: datetime) -> Review:
    """Assign a reviewer. Side effects: "[Action required]" e-mail and a reminder when due."""
    idea = _lock_idea(idea)
    challenge = idea.challenge
    _require(_is_organiser(actor, challenge.programme), _("Only organisers assign reviewers."))
    if idea.status not in (IdeaStatus.SUBMITTED, IdeaStatus.SHORTLISTED):
        raise ValidationError(_("Only submitted ideas are reviewed."))
    if not eligible_reviewers(challenge).filter(pk=reviewer.pk).exists():
        raise ValidationError(
            _("Reviewers are facilitators, experts or the challenge's AVM owner.")
        )
    if idea.lead_id == reviewer.pk or idea.coauthors.filter(user=reviewer).exists():
        raise ValidationError(_("Authors cannot review their own idea."))
    if due_at <= timezone.now():
        raise ValidationError(_("The due date must lie in the future."))
    review_criteria_ensure(programme=challenge.programme)
    with set_actor(actor):
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    idea=idea, reviewer=reviewer, assigned_by=actor, due_at=due_at
                )
        except IntegrityError as error:
            raise ValidationError(
                _("%(name)s already reviews this idea.") % {"name": reviewer}
            ) from error
    _notify(
        "challenges_review_assigned",
        recipient=reviewer,
        target=review,
        programme=challenge.programme,
        key=f"{review.pk}",
    )
    due = due_at - REVIEW_DUE_OFFSET
    reminder_schedule(
        kind="challenges_review_due",
        email=reviewer.email,
        recipient=reviewer,
        programme=challenge.programme,
        due_at=max(due, timezone.now() + timedelta(hours=1)),
        dedupe_key=f"challenges-review-due:{review.pk}",
        target=review,
    )
    return review


def _lock_review(review: Review) -> Review:
    return (
        Review.objects.select_for_update()
        .select_related("idea__challenge__programme")
        .get(pk=review.pk)
    )


@transaction.atomic
def review_declare_conflict(
    *, actor: User, review: Review, conflict: bool, note: str = ""
) -> Review:
    """The reviewer declares a conflict of interest (then cannot score) or confirms none."""
    review = _lock_review(review)
    _require(review.reviewer_id == actor.pk, _("You are not assigned to this review."))
    if review.is_submitted:
        raise ValidationError(_("The review is already submitted."))
    if conflict and not note.strip():
        raise ValidationError(_("Describe the conflict of interest."))
    with set_actor(actor):
        review.conflict_declared = conflict
        review.no_conflict_confirmed = not conflict
        review.conflict_note = note.strip() if conflict else ""
        review.save()
    if conflict:
        reminders_cancel_for(target=review)
    return review


@transaction.atomic
def review_submit(
    *, actor: User, review: Review, scores: dict[int, tuple[int, str]], comment: str = ""
) -> Review:
    """Score 1-5 on every criterion (with comments) and submit; final once submitted.

    ``scores`` maps criterion id → (value, comment). Refused for unassigned or conflicted
    reviewers, for ideas no longer in review, and without a no-conflict confirmation."""
    review = _lock_review(review)
    idea = review.idea
    _require(review.reviewer_id == actor.pk, _("You are not assigned to review this idea."))
    if review.conflict_declared:
        raise PermissionDenied(_("You declared a conflict of interest and cannot score this idea."))
    if not review.no_conflict_confirmed:
        raise ValidationError(_("Confirm that you have no conflict of interest first."))
    if review.is_submitted:
        raise ValidationError(_("You have already submitted this review."))
    if idea.status not in (IdeaStatus.SUBMITTED, IdeaStatus.SHORTLISTED):
        raise ValidationError(_("This idea is no longer in review."))
    criteria = review_criteria_ensure(programme=idea.challenge.programme)
    missing = [c.name for c in criteria if c.pk not in scores]
    if missing:
        raise ValidationError(
            _("Score every criterion: %(names)s.") % {"names": ", ".join(missing)}
        )
    for value, _comment in scores.values():
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError(_("Scores are whole numbers from 1 to 5."))
    Score.objects.bulk_create(
        [
            Score(review=review, criterion=c, value=scores[c.pk][0], comment=scores[c.pk][1])
            for c in criteria
        ]
    )
    with set_actor(actor):
        review.comment = comment.strip()
        review.submitted_at = timezone.now()
        review.save()
    reminders_cancel_for(target=review)
    return review


# --- Shortlist and selection ----------------------------------------------------------------------


@transaction.atomic
def idea_shortlist(*, actor: User, idea: Idea) -> Idea:
    """submitted → shortlisted: the team is invited to the idea pitch event.

    Side effects: "[Action required]" e-mail to the lead and co-authors (register to pitch)."""
    idea = _lock_idea(idea)
    challenge = idea.challenge
    _require(_is_organiser(actor, challenge.programme), _("Only organisers shortlist ideas."))
    _from_state(idea, (IdeaStatus.SUBMITTED,), _("shortlist"))
    if challenge.status != ChallengeStatus.IDEATION_CLOSED:
        raise ValidationError(_("Close ideation before shortlisting."))
    if challenge.idea_event is None:
        raise ValidationError(
            _("Schedule the idea pitch event first; the shortlist is invited to it.")
        )
    with set_actor(actor):
        idea.status = IdeaStatus.SHORTLISTED
        idea.save()
    for person in [idea.lead, *team_members(idea)]:
        _notify(
            "challenges_idea_shortlisted",
            recipient=person,
            target=idea,
            programme=challenge.programme,
            key=f"{idea.pk}",
        )
    return idea


def _idea_decide(actor: User, idea: Idea, *, selected: bool) -> Idea:
    with set_actor(actor):
        idea.status = IdeaStatus.SELECTED if selected else IdeaStatus.NOT_SELECTED
        idea.decided_at = timezone.now()
        idea.save()
    kind = "challenges_idea_selected" if selected else "challenges_idea_not_selected"
    for person in [idea.lead, *team_members(idea)]:
        _notify(
            kind,
            recipient=person,
            target=idea,
            programme=idea.challenge.programme,
            key=f"{idea.pk}",
        )
    return idea


@transaction.atomic
def idea_select(*, actor: User, idea: Idea, selected: bool) -> Idea:
    """shortlisted → selected / not selected. Side effects: e-mails the team
    ("[Action required]" for the selected: confirm to go on to cooperation)."""
    idea = _lock_idea(idea)
    _require(_is_organiser(actor, idea.challenge.programme), _("Only organisers select ideas."))
    _from_state(idea, (IdeaStatus.SHORTLISTED,), _("decide"))
    return _idea_decide(actor, idea, selected=selected)


@transaction.atomic
def idea_selection_confirm(*, actor: User, idea: Idea) -> Idea:
    """The lead of a selected idea confirms the team goes on to cooperation."""
    idea = _lock_idea(idea)
    _require(idea.lead_id == actor.pk, _("Only the lead confirms."))
    _from_state(idea, (IdeaStatus.SELECTED,), _("confirm"))
    if idea.lead_confirmed_at:
        raise ValidationError(_("You have already confirmed."))
    with set_actor(actor):
        idea.lead_confirmed_at = timezone.now()
        idea.save()
    signals.idea_selection_confirmed.send(sender=Idea, idea=idea, actor=actor)
    _notify(
        "challenges_selection_confirmed",
        recipient=idea.challenge.owner,
        target=idea,
        programme=idea.challenge.programme,
        key=f"{idea.pk}",
    )
    return idea


# --- Funding opportunities -------------------------------------------------------------------

FUNDING_FIELDS = (
    "title",
    "kind",
    "provider",
    "description",
    "amount_min",
    "amount_max",
    "cofinancing_rate",
    "deadline",
    "eligible_sectors",
    "eligible_sizes",
    "eligible_countries",
    "link",
)


@transaction.atomic
def funding_opportunity_save(
    *, actor: User, programme: Programme, opportunity: FundingOpportunity | None = None, **fields
) -> FundingOpportunity:
    """A partner adds or edits a funding opportunity; considered ideas' reminders follow."""
    _require(_is_partner(actor, programme), _("Only tandem partners manage funding."))
    with set_actor(actor):
        item = opportunity or FundingOpportunity(programme=programme)
        for name, value in fields.items():
            if name in FUNDING_FIELDS:
                setattr(item, name, value)
        item.full_clean()
        item.save()
    for idea in item.ideas.exclude(status=IdeaStatus.WITHDRAWN).select_related(
        "lead", "challenge__programme"
    ):
        _funding_reminders(idea)
    return item


__all__ = [name for name in dir() if not name.startswith("_")]
