"""What the services of phase 4 share: the outbox calls and the reminders they keep in step."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.utils import timezone

from collider.enums import ReminderState
from collider.models import Programme, Reminder, User
from collider.services import notification_send, reminder_schedule

from ..enums import CoAuthorStatus
from ..models import Challenge, Idea

#: Reminders to authors of draft ideas, before the idea deadline.
IDEA_DEADLINE_OFFSETS = (timedelta(days=3), timedelta(days=1))
#: Reminder to reviewers who have not submitted, before the review is due.
REVIEW_DUE_OFFSET = timedelta(days=2)
#: Reminders to leads about the deadline of a funding opportunity they consider.
FUNDING_DEADLINE_OFFSETS = (timedelta(days=7), timedelta(days=1))


def save_fields(record, fields: dict, allowed: tuple[str, ...]):
    """Set the ``allowed`` ones of ``fields`` on ``record``, validate it, save it."""
    for name, value in fields.items():
        if name in allowed:
            setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


def notify(kind: str, *, recipient: User, target, programme: Programme, key: str, **context):
    notification_send(
        kind=kind,
        recipient=recipient,
        programme=programme,
        target=target,
        context=context,
        dedupe_key=f"{kind}:{key}:{recipient.pk}",
    )


def stamp() -> str:
    """A key part that makes each repeat of a transition a notification of its own."""
    return f"{timezone.now().timestamp():.6f}"


def notify_owner(challenge: Challenge, note: str = "") -> None:
    notify(
        "challenges_challenge_status",
        recipient=challenge.owner,
        target=challenge,
        programme=challenge.programme,
        key=f"{challenge.pk}:{challenge.status}:{stamp()}",
        status=challenge.status,
        note=note,
    )


def team_members(idea: Idea) -> list[User]:
    """Accepted co-authors (not the lead)."""
    return [
        c.user for c in idea.coauthors.select_related("user").filter(status=CoAuthorStatus.ACCEPTED)
    ]


def notify_team(kind: str, idea: Idea) -> None:
    """The same message to the lead and every accepted co-author of ``idea``."""
    for person in [idea.lead, *team_members(idea)]:
        notify(
            kind,
            recipient=person,
            target=idea,
            programme=idea.challenge.programme,
            key=f"{idea.pk}",
        )


def idea_deadline_reminders(idea: Idea, challenge: Challenge) -> None:
    """Remind the lead of a draft 3 days and 1 day before the deadline (re-timed if moved)."""
    now = timezone.now()
    for offset in IDEA_DEADLINE_OFFSETS:
        key = f"challenges-idea-deadline:{idea.pk}:{offset.days}"
        due = challenge.idea_deadline - offset if challenge.idea_deadline else None
        if due is None or due <= now:
            Reminder.objects.filter(dedupe_key=key, state=ReminderState.PENDING).update(
                state=ReminderState.CANCELLED
            )
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


def funding_reminders(idea: Idea) -> None:
    """Remind the lead 7 days and 1 day before each considered opportunity's deadline."""
    now = timezone.now()
    for opportunity in idea.funding_opportunities.all():
        if opportunity.deadline is None:
            continue
        deadline = timezone.make_aware(datetime.combine(opportunity.deadline, datetime.min.time()))
        if deadline <= now:
            continue
        # An alert whose time has passed (an opportunity added 4 days before its deadline) is
        # sent at once instead of dropped: only the most urgent one, saying the days left.
        late = [offset for offset in FUNDING_DEADLINE_OFFSETS if deadline - offset <= now]
        urgent = min(late) if late else None
        for offset in FUNDING_DEADLINE_OFFSETS:
            due = deadline - offset
            days = offset.days
            if due <= now:
                if offset != urgent:
                    continue
                due = now
                days = max(1, math.ceil((deadline - now).total_seconds() / 86400))
            reminder_schedule(
                kind="challenges_funding_deadline",
                email=idea.lead.email,
                recipient=idea.lead,
                programme=idea.challenge.programme,
                due_at=due,
                dedupe_key=f"challenges-funding:{idea.pk}:{opportunity.pk}:{offset.days}",
                target=idea,
                context={"opportunity_id": opportunity.pk, "days": days},
            )
