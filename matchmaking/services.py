"""Every write of the matchmaking app. Keyword-only, atomic; side effects named in docstrings.

Refusals: ``PermissionDenied`` when the actor may not act, ``ValidationError`` (with a message a
person can read) when the input or the state does not allow it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.enums import EventKind, Phase, Role, Sector
from collider.models import Membership, Programme, User
from collider.rules import roles_in
from collider.services import (
    event_create,
    notification_send,
    reminder_schedule,
    reminders_cancel_for,
)
from collider.versioning import ensure_current

from . import scheduling, signals
from .enums import (
    AgreementKind,
    AgreementStatus,
    PickKind,
    RequestMode,
    RequestStatus,
    RunStatus,
    Side,
)
from .models import (
    Agreement,
    Deliverable,
    MeetingRequest,
    Participation,
    Party,
    Pick,
    Profile,
    ScheduleRun,
    ScheduleVersion,
    Slot,
    Table,
    Term,
    Workshop,
)

REMINDER_KIND = "matchmaking_request_reminder"


logger = logging.getLogger(__name__)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def _organiser(user: User, programme: Programme) -> bool:
    return user.is_superuser or bool({Role.PARTNER, Role.FACILITATOR} & roles_in(user, programme))


def _url(name: str, *args) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


# --- Taxonomies and profiles ------------------------------------------------------------------


@transaction.atomic
def term_create(*, actor: User, programme: Programme, kind: str, name: str) -> Term:
    _require(
        actor.is_superuser or Role.PARTNER in roles_in(actor, programme),
        _("Only partners edit the taxonomies."),
    )
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the term a name.")})
    if Term.objects.filter(programme=programme, kind=kind, name__iexact=name).exists():
        raise ValidationError(
            {"name": _("“%(name)s” is already in this taxonomy.") % {"name": name}}
        )
    return Term.objects.create(programme=programme, kind=kind, name=name)


@transaction.atomic
def term_delete(*, actor: User, term: Term) -> None:
    _require(
        actor.is_superuser or Role.PARTNER in roles_in(actor, term.programme),
        _("Only partners edit the taxonomies."),
    )
    term.delete()


def _participant_membership(user: User, programme: Programme) -> Membership | None:
    return (
        Membership.objects.filter(
            programme=programme, user=user, role=Role.PARTICIPANT, status="approved"
        )
        .select_related("organisation")
        .first()
    )


@transaction.atomic
def profile_save(
    *,
    actor: User,
    programme: Programme,
    terms: list[Term],
    description: str = "",
    languages: str = "",
    region: str = "",
) -> Profile:
    """Create or update the actor's offers (CCI) or needs (AVM); the side follows their sector."""
    membership = _participant_membership(actor, programme)
    _require(
        membership is not None, _("Only participants of this programme have a matchmaking profile.")
    )
    if any(term.programme_id != programme.pk for term in terms):
        raise ValidationError({"terms": _("Pick terms of this programme's taxonomies.")})
    side = Side.AVM if membership.sector == Sector.AVM else Side.CCI
    profile, _created = Profile.objects.update_or_create(
        programme=programme,
        user=actor,
        defaults={
            "side": side,
            "organisation": membership.organisation,
            "description": description,
            "languages": languages,
            "region": region or (membership.organisation.region if membership.organisation else ""),
        },
    )
    profile.terms.set(terms)
    return profile


# --- Curation ---------------------------------------------------------------------------------


@transaction.atomic
def pick_set(
    *, actor: User, company: Profile, candidate: Profile, kind: str, note: str = ""
) -> Pick:
    """Shortlist (pick) or veto ``candidate`` for the AVM ``company`` (facilitators, partners)."""
    _require(
        _organiser(actor, company.programme), _("Only facilitators and partners curate shortlists.")
    )
    if (
        company.side != Side.AVM
        or candidate.side != Side.CCI
        or company.programme_id != candidate.programme_id
    ):
        raise ValidationError(
            _("A shortlist pairs a CCI with an AVM company of the same programme.")
        )
    if kind not in PickKind.values:
        raise ValidationError({"kind": _("Choose pick or veto.")})
    pick, _created = Pick.objects.update_or_create(
        company=company,
        candidate=candidate,
        defaults={"programme": company.programme, "kind": kind, "note": note, "by": actor},
    )
    return pick


@transaction.atomic
def pick_clear(*, actor: User, pick: Pick) -> None:
    _require(
        _organiser(actor, pick.programme), _("Only facilitators and partners curate shortlists.")
    )
    pick.delete()


# --- Workshops ----------------------------------------------------------------------------------


@transaction.atomic
def workshop_create(
    *,
    actor: User,
    programme: Programme,
    title: str,
    starts_at: datetime,
    slots: int,
    tables: int,
    meeting_minutes: int = 20,
    break_minutes: int = 5,
    request_mode: str = RequestMode.CONFIRM,
    request_expiry_days: int = 5,
    default_cap: int = 12,
    venue: str = "",
    more_sessions: list[tuple[datetime, int]] | None = None,
    booking_closes_at: datetime | None = None,
) -> Workshop:
    """A match-making event: sessions of back-to-back slots (the first of ``slots`` slots at
    ``starts_at``, then ``more_sessions`` as (start, slots), e.g. an afternoon block after a
    lunch break) and ``tables`` tables. Requests are refused after ``booking_closes_at``."""
    _require(_organiser(actor, programme), _("Only facilitators and partners organise workshops."))
    sessions = [(starts_at, slots), *(more_sessions or [])]
    total = sum(n for _start, n in sessions)
    if any(n < 1 for _start, n in sessions) or not 1 <= total <= 64:
        raise ValidationError({"slots": _("Between 1 and 64 slots in all, at least 1 a session.")})
    if not 1 <= tables <= 500:
        raise ValidationError({"tables": _("Between 1 and 500 tables.")})
    step = timedelta(minutes=meeting_minutes + break_minutes)
    meeting = timedelta(minutes=meeting_minutes)
    # Agendas and calendars show minutes.
    sessions = [(start.replace(second=0, microsecond=0), n) for start, n in sessions]
    times: list[tuple[datetime, datetime]] = []
    for number, (start, n) in enumerate(sessions, start=1):
        if times and start < times[-1][1]:
            raise ValidationError(
                {
                    "more_sessions": _(
                        "Session %(n)s starts at %(start)s, before the previous session ends "
                        "(%(end)s)."
                    )
                    % {
                        "n": number,
                        "start": timezone.localtime(start).strftime("%H:%M"),
                        "end": timezone.localtime(times[-1][1]).strftime("%H:%M"),
                    }
                }
            )
        times += [(start + step * i, start + step * i + meeting) for i in range(n)]
    if booking_closes_at is not None and booking_closes_at > sessions[0][0]:
        raise ValidationError(
            {"booking_closes_at": _("Booking must close before the first meeting starts.")}
        )
    event = event_create(
        actor=actor,
        programme=programme,
        kind=EventKind.MATCHMAKING,
        phase=Phase.COOPERATE,
        title=title,
        starts_at=sessions[0][0],
        ends_at=times[-1][0] + step,
        venue=venue,
    )
    workshop = Workshop.objects.create(
        event=event,
        meeting_minutes=meeting_minutes,
        break_minutes=break_minutes,
        request_mode=request_mode,
        request_expiry_days=request_expiry_days,
        default_cap=default_cap,
        booking_closes_at=booking_closes_at,
    )
    Slot.objects.bulk_create(
        Slot(workshop=workshop, index=i, starts_at=begin, ends_at=end)
        for i, (begin, end) in enumerate(times)
    )
    Table.objects.bulk_create(Table(workshop=workshop, name=str(i + 1)) for i in range(tables))
    return workshop


@transaction.atomic
def table_fix(*, actor: User, table: Table, profile: Profile | None) -> Table:
    """Let an AVM company keep ``table`` all day (None frees it)."""
    _require(_organiser(actor, table.workshop.programme), _("Only organisers assign tables."))
    if profile is not None and profile.side != Side.AVM:
        raise ValidationError(_("Only AVM companies keep a fixed table."))
    if profile is not None:
        # One fixed table per company: moving it frees the old one.
        Table.objects.filter(workshop=table.workshop, fixed_for=profile).exclude(
            pk=table.pk
        ).update(fixed_for=None)
    table.fixed_for = profile
    table.save(update_fields=["fixed_for"])
    return table


def profile_for_expert(user: User, programme: Programme) -> Profile | None:
    """The expert profile an invitation gave ``user`` in ``programme`` (None before one)."""
    return Profile.objects.filter(programme=programme, user=user, side=Side.EXPERT).first()


def _profile_of(user: User, programme: Programme) -> Profile | None:
    return Profile.objects.filter(programme=programme, user=user).first()


@transaction.atomic
def participation_join(*, actor: User, workshop: Workshop) -> Participation:
    profile = _profile_of(actor, workshop.programme)
    if profile is None:
        raise ValidationError(
            _("Fill in your offers or needs first: the workshop matches profiles.")
        )
    participation, _created = Participation.objects.get_or_create(
        workshop=workshop, profile=profile
    )
    return participation


@transaction.atomic
def participation_update(
    *, actor: User, participation: Participation, cap: int | None, unavailable: list[Slot]
) -> Participation:
    _require(
        participation.profile.user_id == actor.pk
        or _organiser(actor, participation.workshop.programme),
        _("You can change only your own availability."),
    )
    if any(slot.workshop_id != participation.workshop_id for slot in unavailable):
        raise ValidationError({"unavailable": _("Pick slots of this workshop.")})
    if cap is not None and cap > participation.workshop.default_cap:
        raise ValidationError(
            {
                "cap": _("At most %(n)s meetings per participant in this workshop.")
                % {"n": participation.workshop.default_cap}
            }
        )
    participation.cap = cap
    participation.save(update_fields=["cap"])
    participation.unavailable.set(unavailable)
    return participation


# --- Experts -------------------------------------------------------------------------------------


@transaction.atomic
def expert_invite(
    *, actor: User, workshop: Workshop, expert: User, note: str = ""
) -> Participation:
    """Invite an expert of the programme to a workshop: they get an expert profile and a
    participation, so they can be asked for (and ask for) 1:1 meetings. Side effects: e-mails
    the expert (once per workshop)."""
    programme = workshop.programme
    _require(_organiser(actor, programme), _("Only facilitators and partners invite experts."))
    if not Membership.objects.filter(
        programme=programme, user=expert, role=Role.EXPERT, status="approved"
    ).exists():
        raise ValidationError({"expert": _("Invite an expert of this programme.")})
    profile = Profile.objects.filter(programme=programme, user=expert).first()
    if profile is None:
        profile = Profile.objects.create(programme=programme, user=expert, side=Side.EXPERT)
    elif profile.side != Side.EXPERT:
        raise ValidationError(
            {
                "expert": _("%(name)s already takes part as %(side)s.")
                % {"name": expert.display_name, "side": profile.get_side_display()}
            }
        )
    participation, created = Participation.objects.get_or_create(workshop=workshop, profile=profile)
    if created:
        notification_send(
            kind="matchmaking_expert_invited",
            recipient=expert,
            programme=programme,
            target=participation,
            context={
                "name": expert.display_name,
                "workshop": str(workshop),
                "starts_at": timezone.localtime(workshop.event.starts_at).strftime(
                    "%Y-%m-%d %H:%M"
                ),
                "note": note,
                "by": actor.display_name,
                "url": _url("matchmaking:workshop_detail", programme.slug, workshop.pk),
            },
            dedupe_key=f"mm-expert:{workshop.pk}:{expert.pk}",
        )
    return participation


# --- Meeting requests ---------------------------------------------------------------------------


def _cap_of(workshop: Workshop, profile: Profile) -> int:
    participation = Participation.objects.filter(workshop=workshop, profile=profile).first()
    return (
        participation.cap
        if participation and participation.cap is not None
        else workshop.default_cap
    )


def _open_count(workshop: Workshop, profile: Profile) -> int:
    from django.db.models import Q

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
            % {"when": timezone.localtime(workshop.booking_closes_at).strftime("%Y-%m-%d %H:%M")}
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
        return _accept(actor, reverse_request, reason.strip(), now)
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


def _answerable(actor: User, request: MeetingRequest, now: datetime) -> MeetingRequest:
    request = (
        MeetingRequest.objects.select_for_update()
        .select_related("workshop__event__programme", "requester__user", "recipient__user")
        .get(pk=request.pk)
    )
    _require(
        request.recipient.user_id == actor.pk, _("Only the person asked can answer this request.")
    )
    if request.status != RequestStatus.PENDING:
        raise ValidationError(
            _("This request is already %(state)s.")
            % {"state": request.get_status_display().lower()}
        )
    return request


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
    with transaction.atomic():
        return _accept(actor, request, answer, now)


def _accept(actor: User, request: MeetingRequest, answer: str, now: datetime) -> MeetingRequest:
    request = _answerable(actor, request, now)
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
    with transaction.atomic():
        request = _answerable(actor, request, now)
        return _answer(request, RequestStatus.DECLINED, answer, now)


def _expire(request: MeetingRequest, now: datetime) -> None:
    request.status = RequestStatus.EXPIRED
    request.decided_at = now
    request.save(update_fields=["status", "decided_at"])
    reminders_cancel_for(target=request, kinds=[REMINDER_KIND])


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
        notification_send(
            kind="matchmaking_request_answered",
            recipient=request.requester.user,
            programme=request.programme,
            target=request,
            context={
                "recipient": request.recipient.display_name,
                "state": str(RequestStatus.EXPIRED.label),
                "answer": "",
                "workshop": str(request.workshop),
                "url": _url(
                    "matchmaking:workshop_detail", request.programme.slug, request.workshop_id
                ),
            },
            dedupe_key=f"mm-answer:{request.pk}:expired",
        )
    return len(due)


@transaction.atomic
def meeting_lock(*, actor: User, request: MeetingRequest, locked: bool) -> MeetingRequest:
    _require(_organiser(actor, request.programme), _("Only organisers lock meetings."))
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
    _require(_organiser(actor, request.programme), _("Only organisers move meetings."))
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
    return request


@transaction.atomic
def meeting_mark_held(
    *, actor: User, request: MeetingRequest, now: datetime | None = None
) -> MeetingRequest:
    uid = actor.pk
    _require(
        uid in (request.requester.user_id, request.recipient.user_id)
        or _organiser(actor, request.programme),
        _("Only the two participants or an organiser mark a meeting as held."),
    )
    if request.status != RequestStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted meeting can be held."))
    first_time = request.held_at is None
    request.held_at = now or timezone.now()
    request.save(update_fields=["held_at"])
    if first_time:
        signals.meeting_held.send(sender=MeetingRequest, request=request, actor=actor)
    return request


# --- Scheduling ---------------------------------------------------------------------------------


HOST_RANK = {Side.CCI: 0, Side.EXPERT: 1, Side.AVM: 2}


def problem_for(workshop: Workshop) -> tuple[scheduling.Problem, dict]:
    """The pure scheduling problem of a workshop and lookups to map the answer back."""
    slots = list(workshop.slots.all())
    tables = list(workshop.tables.all())
    accepted = list(
        workshop.requests.filter(status=RequestStatus.ACCEPTED).select_related(
            "requester", "recipient"
        )
    )
    participations = list(workshop.participations.prefetch_related("unavailable"))
    slot_index = {slot.pk: slot.index for slot in slots}
    meetings = []
    experts = set()
    for r in accepted:
        # The host (``b``) is the side that keeps a table: AVM over expert over CCI.
        cci, avm = (
            (r.requester_id, r.recipient_id)
            if HOST_RANK[r.requester.side] < HOST_RANK[r.recipient.side]
            else (r.recipient_id, r.requester_id)
        )
        experts |= {p.pk for p in (r.requester, r.recipient) if p.side == Side.EXPERT}
        weight = 1 + 2 * r.mutual + 2 * r.facilitator_pick
        locked = (
            (slot_index[r.slot_id], r.table_id) if r.locked and r.slot_id and r.table_id else None
        )
        meetings.append(scheduling.Meeting(r.pk, cci, avm, weight=weight, locked=locked))
    availability = {}
    caps = {}
    for p in participations:
        blocked = {slot_index[s.pk] for s in p.unavailable.all()}
        if blocked:
            availability[p.profile_id] = set(range(len(slots))) - blocked
        caps[p.profile_id] = p.cap if p.cap is not None else workshop.default_cap
    problem = scheduling.Problem(
        slots=len(slots),
        tables=[t.pk for t in tables],
        meetings=meetings,
        availability=availability,
        caps=caps,
        fixed_tables={t.fixed_for_id: t.pk for t in tables if t.fixed_for_id},
        experts=experts,
    )
    # Caps no one reaches do not constrain anything; dropping them lets König apply.
    degree: dict = {}
    for m in meetings:
        for p in (m.a, m.b):
            degree[p] = degree.get(p, 0) + 1
    problem.caps = {p: c for p, c in caps.items() if degree.get(p, 0) > c}
    return problem, {"slots": {s.index: s for s in slots}, "tables": {t.pk: t for t in tables}}


def schedule_run(
    *,
    actor: User,
    workshop: Workshop,
    method: str = "auto",
    time_limit: float = 10.0,
    progress: scheduling.Progress | None = None,
) -> dict:
    """Place accepted meetings (locks kept) into the working schedule; nothing is published.

    Runs in the caller (the background run and tests use it). Returns the solver result, the
    checker's violations, the upper bound and what binds it, participants' mean idle slots and,
    per meeting left out, the constraint that binds. Raises ``ValidationError`` naming the
    conflict if locks clash.
    """
    _require(_organiser(actor, workshop.programme), _("Only organisers run the scheduler."))
    problem, lookup = problem_for(workshop)
    if not problem.slots or not problem.tables:
        raise ValidationError(_("The workshop needs slots and tables before scheduling."))
    try:
        result = scheduling.schedule(
            problem, method=method, time_limit=time_limit, progress=progress
        )
    except scheduling.ScheduleInfeasible as error:
        raise ValidationError(error.reasons) from error
    return _schedule_save(workshop, problem, lookup, result)


@transaction.atomic
def _schedule_save(workshop: Workshop, problem, lookup: dict, result) -> dict:
    """Write the placements, keeping every meeting locked now where it is locked.

    A run takes seconds to minutes: a partner may lock a meeting meanwhile. Such a lock wins,
    and placements that now clash with it are dropped (the checker then finds none)."""
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    requests = {
        r.pk: r
        for r in workshop.requests.filter(status=RequestStatus.ACCEPTED).select_related("slot")
    }
    assignment = {pk: p for pk, p in result.assignment.items() if pk in requests}
    locked = {
        pk: (r.slot.index, r.table_id)
        for pk, r in requests.items()
        if r.locked and r.slot_id and r.table_id
    }
    if locked:
        by_id = {m.id: m for m in problem.meetings}
        seats = {(p, slot) for pk, (slot, _t) in locked.items() for p in _sides(by_id, pk)}
        tables = {(table, slot) for slot, table in locked.values()}
        assignment = {
            pk: (slot, table)
            for pk, (slot, table) in assignment.items()
            if pk not in locked
            and (table, slot) not in tables
            and not any((p, slot) in seats for p in _sides(by_id, pk))
        } | locked
    changed = []
    for pk, request in requests.items():
        placement = assignment.get(pk)
        slot = lookup["slots"][placement[0]] if placement else None
        table = lookup["tables"][placement[1]] if placement else None
        if (request.slot_id, request.table_id) != (
            slot.pk if slot else None,
            table.pk if table else None,
        ):
            request.slot, request.table = slot, table
            changed.append(request)
    # Only what moved, in batches: one UPDATE … CASE over 10,000 rows is quadratic in
    # PostgreSQL (minutes at 2,000 participants).
    MeetingRequest.objects.bulk_update(changed, ["slot", "table"], batch_size=500)
    idle = scheduling.idle_slots(problem, assignment)
    return {
        "result": result,
        "placed": len(assignment),
        "violations": scheduling.check(problem, assignment),
        "unscheduled": scheduling.explain_unscheduled(problem, assignment),
        "total": len(problem.meetings),
        "bound": result.bound,
        "binding": result.binding,
        "idle_mean": sum(idle.values()) / len(idle) if idle else 0.0,
    }


def _sides(by_id: dict, pk) -> tuple:
    meeting = by_id.get(pk)
    return (meeting.a, meeting.b) if meeting else ()


def _enqueue_run_on_commit(run_id: int) -> None:
    def enqueue() -> None:
        from .tasks import schedule_run_execute_task

        try:
            schedule_run_execute_task.apply_async(kwargs={"run_id": run_id}, retry=False)
        except Exception:  # a broker outage must not fail the request; the run waits
            logger.warning("Broker unavailable; scheduler run %s waits", run_id)

    transaction.on_commit(enqueue)


RUN_ABANDONED_AFTER = timedelta(minutes=15)


@transaction.atomic
def schedule_run_start(
    *, actor: User, workshop: Workshop, method: str = "auto", time_limit: int = 10
) -> ScheduleRun:
    """Queue a scheduler run in the background. Side effects: enqueues
    :func:`schedule_run_execute` on commit. Refused while another run of the workshop is
    unfinished."""
    _require(_organiser(actor, workshop.programme), _("Only organisers run the scheduler."))
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    if not workshop.slots.exists() or not workshop.tables.exists():
        raise ValidationError(_("The workshop needs slots and tables before scheduling."))
    # A run no worker finished within RUN_ABANDONED_AFTER (worker lost, broker down) would
    # otherwise block the workshop for good: it is marked failed and a new one may start.
    now = timezone.now()
    workshop.runs.filter(
        status__in=[RunStatus.PENDING, RunStatus.RUNNING],
        created_at__lt=now - RUN_ABANDONED_AFTER,
    ).update(
        status=RunStatus.FAILED,
        error=_("No worker finished this run; it was abandoned."),
        finished_at=now,
    )
    if workshop.runs.filter(status__in=[RunStatus.PENDING, RunStatus.RUNNING]).exists():
        raise ValidationError(_("The scheduler is already running for this workshop."))
    run = ScheduleRun.objects.create(
        workshop=workshop,
        requested_by=actor,
        method=method,
        time_limit=time_limit,
        total=workshop.requests.filter(status=RequestStatus.ACCEPTED).count(),
    )
    _enqueue_run_on_commit(run.pk)
    return run


def schedule_run_execute(*, run_id: int) -> ScheduleRun | None:
    """The background run: claim it, solve while reporting progress, save the placements.

    Not one transaction: progress must be visible while the solver works. Between rounds the
    solver hears whether a stop was asked for; it then keeps the best schedule so far. A
    failure is recorded on the run."""
    claimed = ScheduleRun.objects.filter(pk=run_id, status=RunStatus.PENDING).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    run = ScheduleRun.objects.select_related("workshop__event__programme", "requested_by").get(
        pk=run_id
    )

    def progress(snapshot: dict) -> bool:
        ScheduleRun.objects.filter(pk=run_id).update(
            phase=snapshot["phase"], placed=snapshot["placed"]
        )
        return not ScheduleRun.objects.filter(pk=run_id, stop_requested=True).exists()

    try:
        outcome = schedule_run(
            actor=run.requested_by,
            workshop=run.workshop,
            method=run.method,
            time_limit=run.time_limit,
            progress=progress,
        )
    except (ValidationError, PermissionDenied) as error:
        message = "; ".join(getattr(error, "messages", [str(error)]))
        ScheduleRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=message[:2000], finished_at=timezone.now()
        )
    except Exception as error:  # recorded on the run, which the partner sees
        logger.exception("Scheduler run %s failed", run_id)
        ScheduleRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
    else:
        result = outcome["result"]
        stopped = ScheduleRun.objects.filter(pk=run_id, stop_requested=True).exists()
        ScheduleRun.objects.filter(pk=run_id).update(
            status=RunStatus.STOPPED if stopped else RunStatus.DONE,
            phase="done",
            placed=outcome["placed"],
            total=outcome["total"],
            bound=outcome["bound"],
            binding=outcome["binding"],
            idle_mean=outcome["idle_mean"],
            violations=len(outcome["violations"]),
            solver=result.method,
            notes=result.notes,
            unscheduled={
                str(pk): reason for pk, reason in list(outcome["unscheduled"].items())[:200]
            },
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run


def schedule_run_stop(*, actor: User, run: ScheduleRun) -> ScheduleRun:
    """Ask a run to stop; a run no worker has claimed yet stops at once."""
    _require(_organiser(actor, run.workshop.programme), _("Only organisers stop the scheduler."))
    ScheduleRun.objects.filter(pk=run.pk, status=RunStatus.PENDING).update(
        status=RunStatus.STOPPED, stop_requested=True, finished_at=timezone.now()
    )
    ScheduleRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(stop_requested=True)
    run.refresh_from_db()
    return run


def _placements(workshop: Workshop) -> dict[str, list]:
    rows = workshop.requests.filter(
        status=RequestStatus.ACCEPTED, slot__isnull=False
    ).select_related("slot", "table")
    return {str(r.pk): [r.slot.index, r.table.name] for r in rows}


@transaction.atomic
def schedule_publish(*, actor: User, workshop: Workshop) -> ScheduleVersion:
    """Publish the working schedule as version n+1. Side effects: e-mails only the participants
    whose meetings changed since the previous version (all of them for version 1)."""
    _require(_organiser(actor, workshop.programme), _("Only organisers publish the schedule."))
    workshop = (
        Workshop.objects.select_for_update().select_related("event__programme").get(pk=workshop.pk)
    )
    placements = _placements(workshop)
    if not placements:
        raise ValidationError(_("Nothing to publish: run the scheduler first."))
    previous = workshop.versions.first()
    before = previous.placements if previous else {}
    changed_ids = {
        key for key in set(placements) | set(before) if placements.get(key) != before.get(key)
    }
    sides = MeetingRequest.objects.filter(pk__in=[int(k) for k in changed_ids]).values_list(
        "requester__user_id", "recipient__user_id"
    )
    user_ids = {uid for pair in sides for uid in pair}
    number = workshop.published_version + 1
    version = ScheduleVersion.objects.create(
        workshop=workshop,
        number=number,
        placements=placements,
        published_by=actor,
        notified=len(user_ids),
    )
    workshop.published_version = number
    workshop.save(update_fields=["published_version"])
    url = _url("matchmaking:workshop_detail", workshop.programme.slug, workshop.pk)
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        notification_send(
            kind="matchmaking_schedule_changed",
            recipient=user,
            programme=workshop.programme,
            target=version,
            context={
                "workshop": str(workshop),
                "version": number,
                "url": url,
                "name": user.display_name,
            },
            dedupe_key=f"mm-published:{version.pk}:{user.pk}",
        )
    return version


# --- Agreements ---------------------------------------------------------------------------------

IP_TEMPLATES = {
    "cci_keeps": (
        "The CCI party keeps all intellectual property in the results; the company receives a "
        "non-exclusive licence to use them for the purpose of this cooperation."
    ),
    "licence": (
        "The CCI party owns the results and grants the company a licence to use them; field, "
        "territory and fee are set out below."
    ),
    "assignment": (
        "The results and their intellectual property pass to the company upon payment of the "
        "agreed budget."
    ),
    "negotiable": (
        "Ownership of and rights to the results are to be agreed between the parties before "
        "work starts."
    ),
}
CONFIDENTIALITY_TEXT = (
    "Each party keeps the other's confidential information secret and uses it only for this "
    "cooperation, during the agreement and for three years after."
)


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    programme: Programme,
    kind: str = AgreementKind.COOPERATION,
    meeting: MeetingRequest | None = None,
    idea=None,
    title: str = "",
    goals: str = "",
) -> Agreement:
    """Draft an agreement from a held meeting or a selected idea (challenges app); parties and
    IP terms are pre-filled and every party then signs."""
    if meeting is None and idea is None:
        raise ValidationError(_("An agreement starts from a meeting or a selected idea."))
    users: list[tuple[User, object, str]] = []
    ip_terms = IP_TEMPLATES["negotiable"]
    scope = ""
    if meeting is not None:
        _require(meeting.programme.pk == programme.pk, _("That meeting is not in this programme."))
        if meeting.status != RequestStatus.ACCEPTED:
            raise ValidationError(_("Only an accepted meeting can lead to an agreement."))
        for profile in (meeting.recipient, meeting.requester):
            role = _("Company") if profile.side == Side.AVM else _("Creative partner")
            users.append((profile.user, profile.organisation, role))
        title = title or _("Cooperation: %(a)s and %(b)s") % {
            "a": meeting.requester.display_name,
            "b": meeting.recipient.display_name,
        }
    else:
        challenge = idea.challenge
        _require(challenge.programme_id == programme.pk, _("That idea is not in this programme."))
        users.append((challenge.owner, challenge.organisation, _("Company")))
        users.append((idea.lead, None, _("Creative partner")))
        for coauthor in getattr(idea, "accepted_coauthors", []):
            users.append((coauthor.user, None, _("Creative partner")))
        ip_terms = IP_TEMPLATES.get(challenge.ip_stance, ip_terms)
        title = title or idea.title
        goals = goals or challenge.expected_outcome
        scope = challenge.scope
    _require(
        _organiser(actor, programme) or actor.pk in {u.pk for u, _o, _r in users},
        _("Only a future party or an organiser drafts this agreement."),
    )
    agreement = Agreement.objects.create(
        programme=programme,
        kind=kind,
        title=title[:200],
        meeting=meeting,
        idea_id=getattr(idea, "pk", None),
        goals=goals or _("To be completed by the parties."),
        scope=scope,
        ip_terms=ip_terms,
        confidentiality=CONFIDENTIALITY_TEXT,
        created_by=actor,
    )
    seen = set()
    for user, organisation, role in users:
        if user.pk not in seen:
            seen.add(user.pk)
            Party.objects.create(
                agreement=agreement, user=user, organisation=organisation, role=role
            )
    return agreement


def agreement_hash(agreement: Agreement) -> str:
    """SHA-256 over the agreement's signed content (terms, parties, deliverables, revision)."""
    content = {
        "revision": agreement.revision,
        "kind": agreement.kind,
        "title": agreement.title,
        "goals": agreement.goals,
        "scope": agreement.scope,
        "starts_on": str(agreement.starts_on),
        "ends_on": str(agreement.ends_on),
        "budget": agreement.budget,
        "funding": agreement.funding,
        "ip_terms": agreement.ip_terms,
        "confidentiality": agreement.confidentiality,
        "parties": [
            [p.user_id, p.organisation_id, p.role]
            + ([p.name, p.email, p.organisation_name] if p.user_id is None else [])
            for p in agreement.parties.order_by("pk")
        ],
        "deliverables": [
            [d.title, str(d.due_on)] for d in agreement.deliverables.order_by("due_on", "pk")
        ],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


AGREEMENT_FIELDS = (
    "kind",
    "title",
    "goals",
    "scope",
    "starts_on",
    "ends_on",
    "budget",
    "funding",
    "ip_terms",
    "confidentiality",
)


@transaction.atomic
def agreement_update(
    *,
    actor: User,
    agreement: Agreement,
    deliverables: list[tuple[str, object]] | None = None,
    based_on: str | None = None,
    **fields,
) -> Agreement:
    """Edit the terms. Any change after a signature clears every signature and says so. An
    edit based on an older revision (``based_on``) is refused (StaleEdit)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _require(
        _organiser(actor, agreement.programme) or agreement.parties.filter(user=actor).exists(),
        _("Only a party or an organiser edits this agreement."),
    )
    ensure_current(agreement, based_on)
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {sorted(unknown)}")
    before = agreement_hash(agreement)
    for name, value in fields.items():
        setattr(agreement, name, value)
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    agreement.save()
    if deliverables is not None:
        agreement.deliverables.all().delete()
        Deliverable.objects.bulk_create(
            Deliverable(agreement=agreement, title=t, due_on=d) for t, d in deliverables
        )
    _revise(agreement, before=before, actor=actor)
    return agreement


def _revise(agreement: Agreement, *, before: str, actor: User) -> None:
    """After a change: if the signed content differs, start a new revision, clear every
    signature (external ones too) and send the external parties a link for the new revision."""
    if agreement_hash(agreement) == before:
        return
    agreement.revision += 1
    signed = agreement.parties.exclude(signed_at=None)
    if signed.exists():
        agreement.signatures_cleared_note = _(
            "Revision %(n)s edited by %(who)s on %(when)s: %(count)s signature(s) cleared; "
            "every party signs again."
        ) % {
            "n": agreement.revision,
            "who": actor.display_name,
            "when": timezone.now().strftime("%Y-%m-%d %H:%M"),
            "count": signed.count(),
        }
        signed.update(signed_at=None, signed_name="", signed_hash="")
    agreement.status = AgreementStatus.DRAFT
    agreement.signed_at = None
    agreement.save(update_fields=["revision", "signatures_cleared_note", "status", "signed_at"])
    for party in agreement.parties.filter(user=None):
        _send_sign_link(agreement, party, actor=actor)


def _record_signature(
    agreement: Agreement, party: Party, *, name: str, now: datetime, actor: User | None
) -> Party:
    """The one place a signature is recorded (name, time, hash of the version signed); the last
    one makes the agreement signed and sends ``agreement_signed`` inside the transaction.
    ``agreement`` must be locked (select_for_update) by the caller."""
    if party.signed_at is not None:
        raise ValidationError(_("You already signed this version."))
    if not (name or "").strip():
        raise ValidationError({"name": _("Type your full name to sign.")})
    party.signed_name = name.strip()[:200]
    party.signed_at = now
    party.signed_hash = agreement_hash(agreement)
    party.save(update_fields=["signed_name", "signed_at", "signed_hash"])
    if not agreement.parties.filter(signed_at=None).exists():
        agreement.status = AgreementStatus.SIGNED
        agreement.signed_at = now
        agreement.signatures_cleared_note = ""
        agreement.save(update_fields=["status", "signed_at", "signatures_cleared_note"])
        signals.agreement_signed.send(sender=Agreement, agreement=agreement, actor=actor)
    return party


@transaction.atomic
def agreement_sign(
    *, actor: User, agreement: Agreement, name: str, now: datetime | None = None
) -> Party:
    """Click-to-sign: records name, time and the hash of the version signed; the last signature
    makes the agreement signed."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    party = agreement.parties.filter(user=actor).first()
    _require(party is not None, _("Only a party can sign this agreement."))
    return _record_signature(agreement, party, name=name, now=now or timezone.now(), actor=actor)


# --- External parties and personal signing links -------------------------------------------------

SIGN_LINK_SALT = "matchmaking.agreement-sign"
#: How long a personal signing link works.
SIGN_LINK_MAX_AGE = timedelta(days=14)


class SignLinkRefused(Exception):
    """A signing link that cannot be used; ``status`` is 404 (not ours) or 400 (stale)."""

    def __init__(self, message: str, status: int = 400):
        self.message, self.status = message, status
        super().__init__(message)


def sign_link_token(party: Party, *, revision: int, now: datetime | None = None) -> str:
    """A signed token naming one party, one agreement revision and when it stops working."""
    expires = (now or timezone.now()) + SIGN_LINK_MAX_AGE
    return signing.Signer(salt=SIGN_LINK_SALT).sign_object(
        {"party": party.pk, "revision": revision, "expires": int(expires.timestamp())}
    )


def sign_link_url(party: Party, *, revision: int) -> str:
    return _url("matchmaking:sign_link", sign_link_token(party, revision=revision))


def sign_link_resolve(token: str, *, now: datetime | None = None) -> tuple[Party, int]:
    """The external party and revision a token names; ``SignLinkRefused`` says why not."""
    now = now or timezone.now()
    try:
        value = signing.Signer(salt=SIGN_LINK_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError) as error:
        raise SignLinkRefused(_("This signing link is not valid."), status=404) from error
    if not isinstance(value, dict) or not isinstance(value.get("expires"), int):
        raise SignLinkRefused(_("This signing link is not valid."), status=404)
    if now.timestamp() > value["expires"]:
        raise SignLinkRefused(
            _(
                "This signing link has expired (links work for %(days)s days). Ask the "
                "programme team for a new one."
            )
            % {"days": SIGN_LINK_MAX_AGE.days}
        )
    party = (
        Party.objects.select_related("agreement__programme")
        .filter(pk=value.get("party"), user=None)
        .first()
    )
    if party is None:
        raise SignLinkRefused(_("This signing link is not valid."), status=404)
    revision = value.get("revision")
    if revision != party.agreement.revision:
        raise SignLinkRefused(
            _(
                "This link is for revision %(old)s of the agreement, which has since been "
                "changed (now revision %(new)s). Use the link in our newest e-mail."
            )
            % {"old": revision, "new": party.agreement.revision}
        )
    return party, revision


def _send_sign_link(agreement: Agreement, party: Party, *, actor: User | None) -> None:
    """Queue the personal signing link for ``party`` and the agreement's current revision (the
    outbox renderer builds the token when it sends, so no token is stored)."""
    notification_send(
        kind="matchmaking_sign_link",
        email=party.email,
        programme=agreement.programme,
        target=party,
        context={"revision": agreement.revision, "by": actor.display_name if actor else ""},
        dedupe_key=f"mm-sign:{party.pk}:{agreement.revision}",
    )


@transaction.atomic
def agreement_party_add_external(
    *,
    actor: User,
    agreement: Agreement,
    name: str,
    email: str,
    organisation_name: str = "",
    role: str = "",
) -> Party:
    """Add a party without a platform account. The parties are part of the signed content, so
    this starts a new revision (clearing signatures). Side effects: e-mails every external party
    a personal signing link for the new revision."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _require(
        _organiser(actor, agreement.programme) or agreement.parties.filter(user=actor).exists(),
        _("Only a party or an organiser edits this agreement."),
    )
    name, email = " ".join((name or "").split()), (email or "").strip().lower()
    if not name:
        raise ValidationError({"name": _("Give the party's name.")})
    if not email:
        raise ValidationError({"email": _("Give the party's e-mail address.")})
    if agreement.parties.filter(user=None, email__iexact=email).exists() or (
        agreement.parties.filter(user__email__iexact=email).exists()
    ):
        raise ValidationError({"email": _("%(email)s is already a party.") % {"email": email}})
    before = agreement_hash(agreement)
    party = Party.objects.create(
        agreement=agreement,
        name=name[:200],
        email=email,
        organisation_name=(organisation_name or "").strip()[:200],
        role=(role or "").strip()[:80] or _("External party"),
    )
    _revise(agreement, before=before, actor=actor)
    return party


@transaction.atomic
def agreement_sign_by_link(*, token: str, name: str, now: datetime | None = None) -> Party:
    """An external party signs through their personal link: the same record and the same
    completion (signal included) as :func:`agreement_sign`. Raises ``SignLinkRefused``."""
    now = now or timezone.now()
    party, _revision = sign_link_resolve(token, now=now)
    agreement = Agreement.objects.select_for_update().get(pk=party.agreement_id)
    if agreement.revision != party.agreement.revision:  # changed while we waited for the lock
        raise SignLinkRefused(_("The agreement changed a moment ago. Use the newest link."))
    party = Party.objects.get(pk=party.pk)
    return _record_signature(agreement, party, name=name, now=now, actor=None)
