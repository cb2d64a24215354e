"""Writes of events and registrations: capacity under a row lock, waitlist, attendance."""

from __future__ import annotations

from datetime import timedelta

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..core_actions import ATTENDANCE_MARK, EVENT_CANCEL, REGISTRATION_CANCEL
from ..enums import (
    EventStatus,
    ProgrammeStatus,
    RegistrationStatus,
    ReminderState,
)
from ..languages import active
from ..models import (
    Event,
    Programme,
    Registration,
    Reminder,
    User,
    new_token,
)
from .outbox import notification_send, reminder_schedule, reminders_cancel_for

#: Offsets before an event's start at which registrants are reminded.
EVENT_REMINDER_OFFSETS = (timedelta(days=1), timedelta(hours=1))
# --- Events and registrations ---------------------------------------------------------------


@transaction.atomic
def event_create(*, actor: User | None, programme: Programme, **fields) -> Event:
    with set_actor(actor):
        event = Event(programme=programme, created_by=actor, **fields)
        # The service sets the creator, who may be absent (None) or gone later (SET_NULL).
        event.full_clean(exclude=["created_by"])
        event.save()
    return event


@transaction.atomic
def event_update(*, actor: User | None, event: Event, **fields) -> Event:
    """Change an event. A moved start re-times every pending reminder of its registrants."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    old_start = event.starts_at
    with set_actor(actor):
        for name, value in fields.items():
            setattr(event, name, value)
        event.full_clean(exclude=["created_by"])
        event.sequence += 1
        event.save()
    if event.starts_at != old_start:
        for registration in event.registrations.filter(status=RegistrationStatus.CONFIRMED):
            _event_reminders_schedule(registration)
    if "capacity" in fields:
        _waitlist_promote(event)
    return event


@EVENT_CANCEL.performs
def event_cancel(*, actor: User, event: Event) -> Event:
    """Cancel an event (the declaration copies the new state and sequence onto the caller's
    ``event`` too). Side effects: cancels reminders, e-mails everyone registered."""
    event.status = EventStatus.CANCELLED
    event.sequence += 1
    event.save(update_fields=["status", "sequence", "updated_at"])
    for registration in event.registrations.exclude(status=RegistrationStatus.CANCELLED):
        reminders_cancel_for(target=registration, kinds=["event_reminder"])
        notification_send(
            kind="event_cancelled",
            recipient=registration.user,
            email=registration.email,
            language=registration.language,
            programme=event.programme,
            target=registration,
            context={"registration_id": registration.pk},
            dedupe_key=f"event-cancelled:{registration.pk}",
        )
    return event


def _event_reminders_schedule(registration: Registration) -> None:
    event = registration.event
    now = timezone.now()
    for offset in EVENT_REMINDER_OFFSETS:
        due = event.starts_at - offset
        key = f"event-reminder:{registration.pk}:{int(offset.total_seconds())}"
        if due <= now:
            # Too late for this one; make sure an earlier schedule does not fire it.
            Reminder.objects.filter(dedupe_key=key, state=ReminderState.PENDING).update(
                state=ReminderState.CANCELLED
            )
            continue
        reminder_schedule(
            kind="event_reminder",
            email=registration.email,
            recipient=registration.user,
            language=registration.language,
            programme=event.programme,
            due_at=due,
            dedupe_key=key,
            target=registration,
            context={"offset_seconds": int(offset.total_seconds())},
        )


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _has_seat(event: Event) -> bool:
    return event.capacity is None or _confirmed_count(event) < event.capacity


@transaction.atomic
def registration_create(
    *,
    event: Event,
    user: User | None = None,
    name: str = "",
    email: str = "",
    organisation_name: str = "",
    sector: str = "",
) -> Registration:
    """Register a person for an event: a seat if one is free, otherwise the waitlist.

    The event row is locked, so two people racing for the last seat never both get it.
    Side effects: confirmation e-mail and reminders (one day and one hour before).
    """
    event = Event.objects.select_for_update().select_related("programme").get(pk=event.pk)
    if not event.registration_open:
        raise ValidationError(_("Registration for this event is closed."))
    if user is not None:
        name = name or user.display_name
        email = user.email
    email = email.strip().lower()
    existing = Registration.objects.filter(event=event, email__iexact=email).first()
    if existing and existing.status != RegistrationStatus.CANCELLED:
        raise ValidationError(
            _("%(email)s is already registered for this event.") % {"email": email}
        )
    status = RegistrationStatus.CONFIRMED if _has_seat(event) else RegistrationStatus.WAITLISTED
    registration = existing or Registration(event=event, email=email)
    registration.user = user
    registration.name = name
    registration.organisation_name = organisation_name
    registration.sector = sector
    registration.language = user.language if user is not None and user.language else active()
    registration.status = status
    registration.queued_at = timezone.now()
    registration.attended = None
    registration.full_clean()
    with set_actor(user):
        registration.save()
    notification_send(
        kind="registration_confirmed" if status == RegistrationStatus.CONFIRMED else "waitlisted",
        recipient=user,
        email=email,
        language=registration.language,
        programme=event.programme,
        target=registration,
        context={"registration_id": registration.pk},
        dedupe_key=f"registration:{registration.pk}:{registration.queued_at.timestamp()}",
    )
    if status == RegistrationStatus.CONFIRMED:
        _event_reminders_schedule(registration)
    return registration


def _waitlist_promote(event: Event) -> list[Registration]:
    """Give free seats to the earliest waitlisted people (caller holds the event lock)."""
    promoted = []
    while _has_seat(event):
        candidate = (
            event.registrations.filter(status=RegistrationStatus.WAITLISTED)
            .order_by("queued_at", "pk")
            .first()
        )
        if candidate is None:
            break
        candidate.status = RegistrationStatus.CONFIRMED
        candidate.save(update_fields=["status", "updated_at"])
        notification_send(
            kind="waitlist_promoted",
            recipient=candidate.user,
            email=candidate.email,
            language=candidate.language,
            programme=event.programme,
            target=candidate,
            context={"registration_id": candidate.pk},
            dedupe_key=f"waitlist-promoted:{candidate.pk}:{timezone.now().timestamp()}",
        )
        _event_reminders_schedule(candidate)
        promoted.append(candidate)
    return promoted


@REGISTRATION_CANCEL.performs
def registration_cancel(*, actor: User | None, registration: Registration) -> Registration:
    """Cancel a registration; the first on the waitlist takes the seat (and is e-mailed). The
    declaration checks who and when; both are checked again on the locked rows."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    if event.starts_at <= timezone.now():
        raise ValidationError(_("The event has started; registrations can no longer be cancelled."))
    with set_actor(actor):
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        reminders_cancel_for(target=registration, kinds=["event_reminder"])
        _waitlist_promote(event)
    return registration


@ATTENDANCE_MARK.performs
def attendance_mark(
    *, actor: User, event: Event, attended_ids: set[int], absent_ids: set[int]
) -> int:
    """Record who came on the locked event. The declaration lets its partners do it from the
    event's start (nobody has come before it); only confirmed registrations can be marked.
    Returns rows changed."""
    if attended_ids & absent_ids:
        raise ValidationError(_("A person cannot be both present and absent."))
    now = timezone.now()
    changed = 0
    rows = event.registrations.filter(
        status=RegistrationStatus.CONFIRMED, pk__in=attended_ids | absent_ids
    )
    for registration in rows:
        value = registration.pk in attended_ids
        if registration.attended != value:
            registration.attended = value
            registration.attendance_marked_at = now
            registration.save(update_fields=["attended", "attendance_marked_at", "updated_at"])
            changed += 1
    return changed


def calendar_token_reset(*, user: User) -> User:
    """Invalidate the personal calendar feed URL by issuing a new secret token."""
    user.calendar_token = new_token()
    user.save(update_fields=["calendar_token"])
    return user


def registrations_upcoming_for(user: User):
    """Kept here for the dashboard's next steps: a user's upcoming confirmed registrations."""
    return (
        Registration.objects.filter(
            user=user,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
            event__ends_at__gte=timezone.now(),
        )
        .exclude(event__status=EventStatus.CANCELLED)
        .select_related("event__programme")
        .order_by("event__starts_at")
    )


__all__ = [name for name in dir() if not name.startswith("_")] + ["Q", "ProgrammeStatus"]


EVENT_CANCEL.service = event_cancel
