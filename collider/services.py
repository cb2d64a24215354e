"""Every write of the programme core. Keyword-only, atomic, named ``<entity>_<action>``."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import exports, registry
from .enums import (
    EventStatus,
    ExportStatus,
    MembershipStatus,
    Phase,
    PhaseState,
    ProgrammeStatus,
    RegistrationStatus,
    ReminderState,
    Role,
)
from .models import (
    Event,
    ExportJob,
    Invitation,
    Membership,
    Organisation,
    OrganisationMember,
    Programme,
    ProgrammePhase,
    Registration,
    Reminder,
    User,
)
from .privacy import archive as privacy_archive
from .privacy import services as privacy_services
from .rules import forget_roles

logger = logging.getLogger(__name__)

#: Offsets before an event's start at which registrants are reminded.
EVENT_REMINDER_OFFSETS = (timedelta(days=1), timedelta(hours=1))
INVITATION_VALID_FOR = timedelta(days=30)


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
) -> Reminder:
    """Put a message in the outbox (idempotent on ``dedupe_key``).

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
        from .tasks import reminder_deliver_task

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
    from .emails import send_email

    now = now or timezone.now()
    if not _claim(reminder_id, now):
        return None
    reminder = Reminder.objects.select_related("recipient").get(pk=reminder_id)
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
            language=reminder.recipient.language if reminder.recipient else None,
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


# --- Organisations ---------------------------------------------------------------------------


def _unique_slug(model, base: str, max_length: int = 60) -> str:
    root = (slugify(base) or "item")[:max_length]
    slug, n = root, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{root}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_create(*, creator: User, **fields) -> Organisation:
    """Create an organisation; its creator becomes its administrator."""
    organisation = Organisation(slug=_unique_slug(Organisation, fields["name"]), **fields)
    organisation.full_clean()
    organisation.save()
    OrganisationMember.objects.create(organisation=organisation, user=creator, role="admin")
    return organisation


# --- Programmes and phases ---------------------------------------------------------------


@transaction.atomic
def programme_create(
    *, name: str, starts_on: date, ends_on: date, slug: str | None = None, **fields
) -> Programme:
    """Create a programme with its six phases, dated evenly across its span."""
    programme = Programme(
        name=name,
        slug=slug or _unique_slug(Programme, name),
        starts_on=starts_on,
        ends_on=ends_on,
        **fields,
    )
    programme.full_clean()
    programme.save()
    span = (ends_on - starts_on).days + 1
    phases = Phase.ordered()
    for index, phase in enumerate(phases):
        start = starts_on + timedelta(days=span * index // len(phases))
        end = starts_on + timedelta(days=span * (index + 1) // len(phases) - 1)
        row = ProgrammePhase(programme=programme, phase=phase, starts_on=start, ends_on=end)
        row.state = row.state_on()
        row.save()
    return programme


@transaction.atomic
def programme_phases_update(
    *, actor: User, programme: Programme, changes: dict[str, dict]
) -> list[ProgrammePhase]:
    """Set dates and overrides of phases, e.g. ``{"meet": {"starts_on": d, ...}}``."""
    with set_actor(actor):
        rows = list(programme.phases.select_for_update().order_by("id"))
        for row in rows:
            for name, value in changes.get(row.phase, {}).items():
                setattr(row, name, value)
            row.full_clean()
            row.state = row.state_on()
            row.save()
    return rows


def phase_sync(*, today: date | None = None) -> int:
    """Record every phase's date-driven state (periodic task). Returns rows changed."""
    today = today or timezone.localdate()
    changed = 0
    for row in ProgrammePhase.objects.select_related("programme").iterator():
        state = row.state_on(today)
        if state != row.state:
            row.state = state
            row.save(update_fields=["state"])  # auditlog records the transition
            changed += 1
    return changed


def phases_current(programme: Programme, phases=None) -> list[ProgrammePhase]:
    """Open phases of a programme, ordered (computed on the fly, not from the stored state)."""
    rows = phases if phases is not None else programme.phases.all()
    return [row for row in rows if row.state_on() == PhaseState.OPEN]


# --- Memberships -----------------------------------------------------------------------------


def _partners_of(programme: Programme):
    return User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.PARTNER,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()


@transaction.atomic
def membership_apply(
    *,
    user: User,
    programme: Programme,
    sector: str,
    motivation: str,
    organisation: Organisation | None = None,
) -> Membership:
    """A person applies to take part. Side effects: e-mails the applicant and the partners."""
    if not programme.accepts_applications:
        raise ValidationError(_("This programme does not accept applications at the moment."))
    if organisation is not None and not organisation.members.filter(pk=user.pk).exists():
        raise PermissionDenied(_("You can only apply on behalf of your own organisation."))
    existing = Membership.objects.filter(
        programme=programme, user=user, role=Role.PARTICIPANT
    ).first()
    if existing and existing.status in {MembershipStatus.APPLIED, MembershipStatus.APPROVED}:
        raise ValidationError(_("You have already applied to this programme."))
    with set_actor(user):
        membership = existing or Membership(programme=programme, user=user, role=Role.PARTICIPANT)
        membership.sector = sector
        membership.motivation = motivation
        membership.organisation = organisation
        membership.status = MembershipStatus.APPLIED
        membership.decided_by = None
        membership.decided_at = None
        membership.save()
    context = {"programme_id": programme.pk, "membership_id": membership.pk}
    notification_send(
        kind="application_received",
        recipient=user,
        programme=programme,
        target=membership,
        context=context,
        # A re-application after a rejection reuses the row, so key on this application's time.
        dedupe_key=f"application-received:{membership.pk}:{timezone.now().timestamp()}",
    )
    for partner in _partners_of(programme):
        notification_send(
            kind="application_to_review",
            recipient=partner,
            programme=programme,
            target=membership,
            context=context,
            dedupe_key=f"application-to-review:{membership.pk}:{partner.pk}:{timezone.now().timestamp()}",
        )
    return membership


@transaction.atomic
def membership_decide(
    *, actor: User, membership: Membership, approve: bool, note: str = ""
) -> Membership:
    """A partner approves or rejects an application. Side effects: e-mails the applicant."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.APPLIED:
        raise ValidationError(_("Only open applications can be decided."))
    with set_actor(actor):
        membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.REJECTED
        membership.decision_note = note
        membership.decided_by = actor
        membership.decided_at = timezone.now()
        membership.save()
    forget_roles(membership.user)
    notification_send(
        kind="application_decided",
        recipient=membership.user,
        programme=membership.programme,
        target=membership,
        context={"programme_id": membership.programme_id, "membership_id": membership.pk},
        dedupe_key=f"application-decided:{membership.pk}:{membership.decided_at.timestamp()}",
    )
    return membership


@transaction.atomic
def invitation_create(
    *, actor: User, programme: Programme, email: str, role: str, message: str = ""
) -> Invitation:
    """Invite someone by e-mail as partner, facilitator or expert. Side effects: e-mail."""
    if role == Role.PARTICIPANT:
        raise ValidationError(_("Participants apply to the programme; invite staff roles only."))
    email = email.strip().lower()
    if Membership.objects.filter(
        programme=programme, user__email__iexact=email, role=role, status=MembershipStatus.APPROVED
    ).exists():
        raise ValidationError(_("%(email)s already has this role.") % {"email": email})
    with set_actor(actor):
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    programme=programme,
                    email=email,
                    role=role,
                    message=message,
                    invited_by=actor,
                    expires_at=timezone.now() + INVITATION_VALID_FOR,
                )
        except IntegrityError as error:
            raise ValidationError(
                _("%(email)s already has an open invitation for this role.") % {"email": email}
            ) from error
    notification_send(
        kind="invitation",
        email=email,
        programme=programme,
        target=invitation,
        context={"invitation_id": invitation.pk},
        dedupe_key=f"invitation:{invitation.pk}",
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    if not invitation.is_open:
        raise ValidationError(_("Only open invitations can be revoked."))
    with set_actor(actor):
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, invitation: Invitation) -> Membership:
    """Accept an invitation: the invited role becomes an approved membership."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid."))
    if invitation.email.lower() != user.email.lower():
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Log in with that address to accept it.")
            % {"email": invitation.email}
        )
    with set_actor(user):
        membership, _created = Membership.objects.get_or_create(
            programme=invitation.programme,
            user=user,
            role=invitation.role,
            defaults={"status": MembershipStatus.APPROVED, "sector": ""},
        )
        if membership.status != MembershipStatus.APPROVED:
            membership.status = MembershipStatus.APPROVED
            membership.save(update_fields=["status"])
        membership.decided_by = invitation.invited_by
        membership.decided_at = timezone.now()
        membership.save(update_fields=["decided_by", "decided_at"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_roles(user)
    return membership


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


@transaction.atomic
def event_cancel(*, actor: User, event: Event) -> Event:
    """Cancel an event. Side effects: cancels reminders, e-mails everyone registered."""
    with set_actor(actor):
        event.status = EventStatus.CANCELLED
        event.sequence += 1
        event.save(update_fields=["status", "sequence", "updated_at"])
    for registration in event.registrations.exclude(status=RegistrationStatus.CANCELLED):
        reminders_cancel_for(target=registration, kinds=["event_reminder"])
        notification_send(
            kind="event_cancelled",
            recipient=registration.user,
            email=registration.email,
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
            programme=event.programme,
            target=candidate,
            context={"registration_id": candidate.pk},
            dedupe_key=f"waitlist-promoted:{candidate.pk}:{timezone.now().timestamp()}",
        )
        _event_reminders_schedule(candidate)
        promoted.append(candidate)
    return promoted


@transaction.atomic
def registration_cancel(*, actor: User | None, registration: Registration) -> Registration:
    """Cancel a registration; the first on the waitlist takes the seat (and is e-mailed)."""
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


@transaction.atomic
def attendance_mark(
    *, actor: User, event: Event, attended_ids: set[int], absent_ids: set[int]
) -> int:
    """Record who came. Only confirmed registrations can be marked, and only from the event's
    start (nobody has come before it); returns rows changed."""
    if attended_ids & absent_ids:
        raise ValidationError(_("A person cannot be both present and absent."))
    event = Event.objects.select_for_update().select_related("programme").get(pk=event.pk)
    if not event.has_started:
        raise ValidationError(
            _("Attendance can be recorded from the start of the event (%(start)s).")
            % {
                "start": date_format(
                    timezone.localtime(event.starts_at, event.tz), "DATETIME_FORMAT"
                )
            }
        )
    now = timezone.now()
    changed = 0
    with set_actor(actor):
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
    from .models import new_token

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


# --- Exports in the background ----------------------------------------------------------------


def _enqueue_export_on_commit(job_id: int) -> None:
    def enqueue() -> None:
        from .tasks import export_job_run_task

        try:
            export_job_run_task.apply_async(kwargs={"job_id": job_id}, retry=False)
        except Exception:
            logger.warning("Broker unavailable; export job %s waits for the sweep", job_id)

    transaction.on_commit(enqueue)


@transaction.atomic
def export_job_start(
    *, actor: User, programme: Programme, dataset_key: str, fmt: str, params: dict | None = None
) -> ExportJob:
    """Queue a background export of one registered dataset.

    Side effects: enqueues :func:`export_job_run` on commit (a broker outage leaves the job
    pending for the sweep)."""
    dataset = exports.export_get(dataset_key)
    if dataset is None or fmt not in exports.FORMATS:
        raise ValidationError(_("There is no such export."))
    if not actor.has_perm(dataset.scope, programme):
        raise PermissionDenied(_("You may not export this list."))
    params = {key: str(value) for key, value in (params or {}).items()}
    job = ExportJob.objects.create(
        user=actor,
        programme=programme,
        dataset=dataset.key,
        format=fmt,
        params=params,
        rows_total=dataset.count(programme, params),
    )
    _enqueue_export_on_commit(job.pk)
    return job


def export_job_run(*, job_id: int) -> ExportJob | None:
    """Write the job's file in chunks, recording progress after each; only one worker wins.

    Not one transaction: progress must be visible while the file is written. A failure is
    recorded on the job (status ``failed`` and the error) and no file is kept.
    """
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.PENDING).update(
        status=ExportStatus.RUNNING
    )
    if not claimed:
        return None
    job = ExportJob.objects.select_related("programme", "organisation", "user").get(pk=job_id)
    dataset = exports.export_get(job.dataset)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(rows_done=done)

    try:
        with tempfile.TemporaryFile() as out:
            if job.format == privacy_archive.FORMAT:  # a personal data archive (a ZIP)
                name, rows = privacy_services.privacy_archive_write(job, out, progress)
            elif dataset is None:
                raise ValueError(f"the list {job.dataset!r} is no longer registered")
            else:
                rows = exports.write(
                    dataset, job.programme, job.params, job.format, out, progress=progress
                )
                name = exports.filename(job.programme, dataset, job.format)
            out.seek(0)
            job.file.save(name, File(out), False)
    except Exception as error:  # recorded on the job, which the owner sees
        logger.exception("Export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportStatus.DONE,
        file=job.file.name,
        rows_done=rows,
        rows_total=max(rows, job.rows_total),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


@dataclass
class ExportSweep:
    requeued: int
    deleted: int


def export_job_sweep(*, now: datetime | None = None) -> ExportSweep:
    """Beat's housekeeping: requeue jobs left pending by a broker outage, and delete jobs (and
    their files) older than ``EXPORT_JOB_KEEP_HOURS``."""
    now = now or timezone.now()
    stale = ExportJob.objects.filter(
        status=ExportStatus.PENDING, created_at__lt=now - timedelta(minutes=1)
    ).values_list("pk", flat=True)
    requeued = 0
    for job_id in stale:
        _enqueue_export_on_commit(job_id)
        requeued += 1
    old = ExportJob.objects.filter(
        created_at__lt=now - timedelta(hours=settings.EXPORT_JOB_KEEP_HOURS)
    )
    deleted = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return ExportSweep(requeued=requeued, deleted=deleted)
