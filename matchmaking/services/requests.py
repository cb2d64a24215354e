"""1:1 meeting requests: ask, accept, decline, expire, lock, mark held.

Keyword-only, atomic; side effects named in docstrings.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from collider.models import User
from collider.services import (
    notification_send,
    reminder_schedule,
    reminders_cancel_for,
)

from .. import signals
from ..actions import MEETING_HELD, MEETING_LOCK, MEETING_MOVE, REQUEST_ACCEPT, REQUEST_DECLINE
from ..enums import (
    PickKind,
    RequestMode,
    RequestStatus,
    Side,
)
from ..models import (
    MeetingRequest,
    Participation,
    Pick,
    Profile,
    Slot,
    Table,
    Workshop,
)
from .common import REMINDER_KIND, _url
from .workshops import _profile_of

# --- Meeting requests ---------------------------------------------------------------------------


def _cap_of(workshop: Workshop, profile: Profile) -> int:
    participation = Participation.objects.filter(workshop=workshop, profile=profile).first()
    return (
        participation.cap
        if participation and participation.cap is not None
        else workshop.default_cap
    )


def _open_count(workshop: Workshop, profile: Profile) -> int:
    return MeetingRequest.objects.filter(
        Q(requester=profile) | Q(recipient=profile),
        workshop=workshop,
        status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED],
    ).count()


@transaction.atomic
def meeting_request_create(
    *, actor: User, workshop: Workshop, recipient: Profile, reason: str, now: datetime | None = None
) -> MeetingRequest:
    """Ask ``recipient`` for a 1:1 meeting. Side effects: e-mails the recipient and schedules a
    reminder to them half-way to the expiry; in auto-accept mode the request is accepted at once."""
    now = now or timezone.now()
    programme = workshop.programme
    requester = _profile_of(actor, programme)
    if requester is None:
        raise ValidationError(_("Fill in your offers or needs first."))
    if requester.pk == recipient.pk:
        raise ValidationError(_("You cannot request a meeting with yourself."))
    if recipient.programme_id != programme.pk:
        raise ValidationError(_("That participant is not in this programme."))
    if requester.side == recipient.side:
        raise ValidationError(
            _("Meetings pair a CCI with an AVM company, or either of them with an expert.")
        )
    if workshop.booking_closes_at and now > workshop.booking_closes_at:
        raise ValidationError(
            _("Booking for this workshop closed on %(when)s.")
            % {
                "when": date_format(
                    timezone.localtime(workshop.booking_closes_at, workshop.event.tz),
                    "DATETIME_FORMAT",
                )
            }
        )
    if now >= workshop.event.starts_at:
        raise ValidationError(_("Booking for this workshop is closed: it has started."))
    for profile, who in ((requester, _("You are")), (recipient, _("This expert is"))):
        if (
            profile.side == Side.EXPERT
            and not Participation.objects.filter(workshop=workshop, profile=profile).exists()
        ):
            raise ValidationError(_("%(who)s not invited to this workshop.") % {"who": who})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why you want to meet.")})
    pair = MeetingRequest.objects.filter(
        workshop=workshop, status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED]
    )
    if pair.filter(requester=requester, recipient=recipient).exists():
        raise ValidationError(_("There is already an open request between you two."))
    reverse_request = pair.filter(requester=recipient, recipient=requester).first()
    if reverse_request is not None:
        if reverse_request.status == RequestStatus.ACCEPTED:
            raise ValidationError(_("You two already have a meeting."))
        # They asked us too: that is mutual interest, and asking back accepts their request.
        reverse_request.mutual = True
        reverse_request.save(update_fields=["mutual"])
        return _accept(actor=actor, request=reverse_request, answer=reason.strip(), now=now)
    for profile, who in ((requester, _("You have")), (recipient, _("This participant has"))):
        cap = _cap_of(workshop, profile)
        if _open_count(workshop, profile) >= cap:
            raise ValidationError(
                _("%(who)s reached the cap of %(cap)s meetings.") % {"who": who, "cap": cap}
            )
    for profile in (requester, recipient):
        Participation.objects.get_or_create(workshop=workshop, profile=profile)
    picked = Pick.objects.filter(
        company__in=[requester, recipient], candidate__in=[requester, recipient], kind=PickKind.PICK
    ).exists()
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                workshop=workshop,
                requester=requester,
                recipient=recipient,
                reason=reason.strip(),
                expires_at=now + timedelta(days=workshop.request_expiry_days),
                facilitator_pick=picked,
            )
    except IntegrityError as error:
        raise ValidationError(_("There is already an open request between you two.")) from error
    url = _url("matchmaking:workshop_detail", programme.slug, workshop.pk)
    context = {
        "requester": requester.display_name,
        "reason": request.reason,
        "workshop": str(workshop),
        "url": url,
    }
    if workshop.request_mode == RequestMode.AUTO:
        request.status = RequestStatus.ACCEPTED
        request.decided_at = now
        request.save(update_fields=["status", "decided_at"])
        notification_send(
            kind="matchmaking_request_accepted",
            recipient=recipient.user,
            programme=programme,
            target=request,
            context={**context, "recipient": recipient.display_name, "auto": True},
            dedupe_key=f"mm-auto:{request.pk}:{recipient.user_id}",
        )
        return request
    notification_send(
        kind="matchmaking_request_new",
        recipient=recipient.user,
        programme=programme,
        target=request,
        context=context,
        dedupe_key=f"mm-new:{request.pk}",
    )
    reminder_schedule(
        kind=REMINDER_KIND,
        email=recipient.user.email,
        recipient=recipient.user,
        programme=programme,
        target=request,
        due_at=now + timedelta(days=workshop.request_expiry_days) / 2,
        dedupe_key=f"mm-remind:{request.pk}",
    )
    return request


def _expire_if_due(request: MeetingRequest, now: datetime) -> None:
    """Expire an overdue request in its own transaction, so the refusal that follows keeps it."""
    with transaction.atomic():
        row = MeetingRequest.objects.select_for_update().get(pk=request.pk)
        if row.status == RequestStatus.PENDING and row.expires_at <= now:
            _expire(row, now)


def _answer(request: MeetingRequest, status: str, answer: str, now: datetime) -> MeetingRequest:
    request.status = status
    request.answer = answer
    request.decided_at = now
    request.save(update_fields=["status", "answer", "decided_at"])
    reminders_cancel_for(target=request, kinds=[REMINDER_KIND])
    notification_send(
        kind="matchmaking_request_answered",
        recipient=request.requester.user,
        programme=request.programme,
        target=request,
        context={
            "recipient": request.recipient.display_name,
            "state": str(request.get_status_display()),
            "answer": answer,
            "workshop": str(request.workshop),
            "url": _url("matchmaking:workshop_detail", request.programme.slug, request.workshop_id),
        },
        dedupe_key=f"mm-answer:{request.pk}:{status}",
    )
    return request


def meeting_request_accept(
    *, actor: User, request: MeetingRequest, answer: str = "", now: datetime | None = None
) -> MeetingRequest:
    """Side effects: tells the requester, cancels the pending reminder."""
    now = now or timezone.now()
    _expire_if_due(request, now)
    return _accept(actor=actor, request=request, answer=answer, now=now)


@REQUEST_ACCEPT.performs
def _accept(*, actor: User, request: MeetingRequest, answer: str, now: datetime) -> MeetingRequest:
    """Runs on the locked request, after the declaration's guard (the person asked, pending)."""
    cap = _cap_of(request.workshop, request.recipient)
    accepted = (
        MeetingRequest.objects.filter(workshop=request.workshop, status=RequestStatus.ACCEPTED)
        .filter(recipient=request.recipient)
        .count()
        + MeetingRequest.objects.filter(
            workshop=request.workshop, status=RequestStatus.ACCEPTED, requester=request.recipient
        ).count()
    )
    if accepted >= cap:
        raise ValidationError(_("You reached your cap of %(cap)s meetings.") % {"cap": cap})
    return _answer(request, RequestStatus.ACCEPTED, answer, now)


def meeting_request_decline(
    *, actor: User, request: MeetingRequest, answer: str = "", now: datetime | None = None
) -> MeetingRequest:
    """Side effects: tells the requester, cancels the pending reminder."""
    now = now or timezone.now()
    _expire_if_due(request, now)
    return _decline(actor=actor, request=request, answer=answer, now=now)


@REQUEST_DECLINE.performs
def _decline(*, actor: User, request: MeetingRequest, answer: str, now: datetime) -> MeetingRequest:
    return _answer(request, RequestStatus.DECLINED, answer, now)


def _expire(request: MeetingRequest, now: datetime) -> None:
    """Expire a pending request and tell the requester, whether the sweep found it or a click
    on it did (the same notice as an answer; one row either way, so it is sent once)."""
    _answer(request, RequestStatus.EXPIRED, "", now)


@transaction.atomic
def meeting_requests_expire(*, now: datetime | None = None) -> int:
    """Expire unanswered requests past their date and tell the requesters (periodic sweep)."""
    now = now or timezone.now()
    due = list(
        MeetingRequest.objects.select_for_update(skip_locked=True)
        .filter(status=RequestStatus.PENDING, expires_at__lte=now)
        .select_related("workshop__event__programme", "requester__user", "recipient__user")
    )
    for request in due:
        _expire(request, now)
    return len(due)


@transaction.atomic
def meeting_lock(*, actor: User, request: MeetingRequest, locked: bool) -> MeetingRequest:
    MEETING_LOCK.check(actor, request)
    if locked and (request.slot_id is None or request.table_id is None):
        raise ValidationError(_("Only a placed meeting can be locked: run the scheduler first."))
    request.locked = locked
    request.save(update_fields=["locked"])
    return request


@transaction.atomic
def meeting_move(
    *, actor: User, request: MeetingRequest, slot: Slot, table: Table
) -> MeetingRequest:
    """Place an accepted meeting at ``slot`` and ``table`` by hand, from the scheduler's grid,
    and lock it there so that a re-run keeps it. Refused with the reason when the table is
    taken in that slot, when either side already meets someone then or cannot attend it, or
    when the table is kept for someone else. Moves of one workshop are serialised on it."""
    MEETING_MOVE.check(actor, request)
    Workshop.objects.select_for_update().get(pk=request.workshop_id)
    request = MeetingRequest.objects.select_related("requester", "recipient").get(pk=request.pk)
    if request.status != RequestStatus.ACCEPTED:
        raise ValidationError(_("Only accepted meetings are placed."))
    if slot.workshop_id != request.workshop_id or table.workshop_id != request.workshop_id:
        raise ValidationError(_("That slot or table belongs to another workshop."))
    sides = (request.requester_id, request.recipient_id)
    others = MeetingRequest.objects.filter(
        workshop_id=request.workshop_id, status=RequestStatus.ACCEPTED, slot=slot
    ).exclude(pk=request.pk)
    if others.filter(table=table).exists():
        raise ValidationError(
            _("Table %(table)s is taken in slot %(slot)s.") % {"table": table, "slot": slot}
        )
    if others.filter(Q(requester_id__in=sides) | Q(recipient_id__in=sides)).exists():
        raise ValidationError(
            _("One of the two already has a meeting in slot %(slot)s.") % {"slot": slot}
        )
    if Participation.objects.filter(
        workshop_id=request.workshop_id, profile_id__in=sides, unavailable=slot
    ).exists():
        raise ValidationError(_("One of the two cannot attend slot %(slot)s.") % {"slot": slot})
    if table.fixed_for_id is not None and table.fixed_for_id not in sides:
        raise ValidationError(
            _("Table %(table)s is kept for %(name)s.")
            % {"table": table, "name": table.fixed_for.display_name}
        )
    request.slot, request.table, request.locked = slot, table, True
    request.save(update_fields=["slot", "table", "locked"])
    MEETING_MOVE.record(actor=actor, obj=request)
    return request


@MEETING_HELD.performs
def meeting_mark_held(
    *, actor: User, request: MeetingRequest, now: datetime | None = None
) -> MeetingRequest:
    """Side effect: the first time, ``meeting_held`` moves the follow-up pipeline."""
    first_time = request.held_at is None
    request.held_at = now or timezone.now()
    request.save(update_fields=["held_at"])
    if first_time:
        signals.meeting_held.send(sender=MeetingRequest, request=request, actor=actor)
    return request
