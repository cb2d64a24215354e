"""The outbox: every e-mail is a Reminder row, scheduled, delivered, swept and retried here."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .. import registry
from ..emails import send_email
from ..enums import (
    ReminderState,
)
from ..languages import reader_language
from ..models import (
    Programme,
    Reminder,
    User,
)

logger = logging.getLogger(__name__)


# --- Outbox -------------------------------------------------------------------------------


def reminder_schedule(
    *,
    kind: str,
    email: str,
    due_at: datetime,
    dedupe_key: str,
    recipient: User | None = None,
    programme: Programme | None = None,
    target=None,
    context: dict | None = None,
    language: str = "",
) -> Reminder:
    """Put a message in the outbox (idempotent on ``dedupe_key``).

    ``language`` is the language of a recipient without an account (the one they used on the
    site); an account's own choice always wins when the message is sent.

    A pending or cancelled row with the same key is re-armed with the new due time; a row
    already sent is left alone, so scheduling twice never sends twice. Due rows are handed to
    the worker after commit; if the broker is down the next sweep sends them.
    """
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    values = {
        "kind": kind,
        "email": email,
        "recipient": recipient,
        "programme": programme,
        "target_type": target_type,
        "target_id": target.pk if target is not None else None,
        "context": context or {},
        "due_at": due_at,
        "language": language,
    }
    with transaction.atomic():
        reminder, created = Reminder.objects.select_for_update().get_or_create(
            dedupe_key=dedupe_key, defaults=values
        )
        if not created and reminder.state in {ReminderState.PENDING, ReminderState.CANCELLED}:
            for name, value in values.items():
                setattr(reminder, name, value)
            reminder.state = ReminderState.PENDING
            reminder.attempts = 0
            reminder.last_error = ""
            reminder.save()
    if reminder.state == ReminderState.PENDING and reminder.due_at <= timezone.now():
        _enqueue_delivery_on_commit(reminder.pk)
    return reminder


def notification_send(
    *,
    kind: str,
    recipient: User | None = None,
    email: str | None = None,
    programme: Programme | None = None,
    target=None,
    context: dict | None = None,
    dedupe_key: str | None = None,
    language: str = "",
) -> Reminder:
    """Queue an immediate e-mail through the outbox (sent on commit, retried by the sweep)."""
    address = email or recipient.email
    key = dedupe_key or f"{kind}:{address}:{timezone.now().timestamp()}:{id(context)}"
    return reminder_schedule(
        kind=kind,
        email=address,
        due_at=timezone.now(),
        dedupe_key=key,
        recipient=recipient,
        programme=programme,
        target=target,
        context=context,
        language=language,
    )


def reminders_cancel_for(*, target, kinds: list[str] | None = None) -> int:
    """Cancel pending outbox rows about ``target`` (e.g. a cancelled registration)."""
    rows = Reminder.objects.filter(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        state=ReminderState.PENDING,
    )
    if kinds:
        rows = rows.filter(kind__in=kinds)
    return rows.update(state=ReminderState.CANCELLED)


def _enqueue_delivery_on_commit(reminder_id: int) -> None:
    def enqueue() -> None:
        from ..tasks import reminder_deliver_task

        try:
            reminder_deliver_task.apply_async(kwargs={"reminder_id": reminder_id}, retry=False)
        except Exception:
            logger.warning("Broker unavailable; outbox row %s waits for the sweep", reminder_id)

    transaction.on_commit(enqueue)


def _claim(reminder_id: int, now: datetime) -> bool:
    """Atomically move one row due at ``now`` from pending to sending; only one caller can win.

    The claim is stamped with the clock at this moment, not the sweep's ``now``: a long sweep
    claims its last rows minutes after it started, and a stamp from its start would make the row
    it is still sending look abandoned to an overlapping sweep, which would send it again.
    """
    return bool(
        Reminder.objects.filter(
            pk=reminder_id, state=ReminderState.PENDING, due_at__lte=now
        ).update(state=ReminderState.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1)
    )


def _render(reminder: Reminder) -> registry.Message | None:
    renderer = registry.renderer_for(reminder.kind)
    if renderer is not None:
        return renderer(reminder)
    # Plain notifications carry their template name and context in the row itself.
    return registry.Message(template=reminder.kind, context=dict(reminder.context))


def reminder_deliver(*, reminder_id: int, now: datetime | None = None) -> str | None:
    """Claim and send one outbox row if it is due. Returns the row's new state, or None.

    Side effects: sends an e-mail. Transient SMTP/network errors put the row back to pending
    with exponential back-off; after ``OUTBOX_MAX_ATTEMPTS`` it ends in ``failed``.
    """
    now = now or timezone.now()
    if not _claim(reminder_id, now):
        return None
    reminder = Reminder.objects.select_related("recipient", "programme").get(pk=reminder_id)
    try:
        message = _render(reminder)
        if message is None:
            Reminder.objects.filter(pk=reminder.pk).update(state=ReminderState.CANCELLED)
            return ReminderState.CANCELLED
        send_email(
            name=message.template,
            to=reminder.email,
            context={**message.context, "reminder": reminder},
            attachments=message.attachments,
            language=reader_language(
                user=reminder.recipient, language=reminder.language, programme=reminder.programme
            ),
        )
    except Exception as error:
        logger.warning(
            "Outbox row %s failed (attempt %s): %s", reminder.pk, reminder.attempts, error
        )
        if reminder.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            state, due_at = ReminderState.FAILED, reminder.due_at
        else:
            delay = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (reminder.attempts - 1)
            state, due_at = ReminderState.PENDING, now + timedelta(seconds=delay)
        Reminder.objects.filter(pk=reminder.pk).update(
            state=state, due_at=due_at, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return state
    Reminder.objects.filter(pk=reminder.pk).update(
        state=ReminderState.SENT, sent_at=timezone.now(), last_error=""
    )
    return ReminderState.SENT


@dataclass
class SweepResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    released: int = 0


def reminder_sweep(*, now: datetime | None = None, batch_size: int = 500) -> SweepResult:
    """Send every due outbox row once. Safe to run concurrently with itself."""
    now = now or timezone.now()
    result = SweepResult()
    # Rows claimed by a worker that died mid-send go back to pending.
    stale = now - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS)
    result.released = Reminder.objects.filter(
        state=ReminderState.SENDING, claimed_at__lt=stale
    ).update(state=ReminderState.PENDING)
    due_ids = list(
        Reminder.objects.filter(state=ReminderState.PENDING, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:batch_size]
    )
    for reminder_id in due_ids:
        state = reminder_deliver(reminder_id=reminder_id, now=now)
        if state == ReminderState.SENT:
            result.sent += 1
        elif state == ReminderState.PENDING:
            result.retried += 1
        elif state == ReminderState.FAILED:
            result.failed += 1
        elif state == ReminderState.CANCELLED:
            result.cancelled += 1
    return result


def reminder_retry(*, reminder: Reminder) -> Reminder:
    """Give a failed row another round of attempts (admin action)."""
    Reminder.objects.filter(pk=reminder.pk, state=ReminderState.FAILED).update(
        state=ReminderState.PENDING, attempts=0, due_at=timezone.now()
    )
    reminder.refresh_from_db()
    return reminder
