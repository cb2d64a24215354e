"""Workshops, their tables, participation and invited experts.

Keyword-only, atomic; side effects named in docstrings.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.translation import gettext as _

from collider.enums import EventKind, Phase, Role
from collider.models import Membership, Programme, User
from collider.services import (
    event_create,
    notification_send,
)

from ..actions import EXPERT_INVITE, PARTICIPATION_UPDATE, TABLE_FIX, WORKSHOP_CREATE
from ..enums import (
    RequestMode,
    Side,
)
from ..models import (
    Participation,
    Profile,
    Slot,
    Table,
    Workshop,
)
from .common import _url

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
    WORKSHOP_CREATE.check(actor, programme)
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
                        "start": time_format(
                            timezone.localtime(start, ZoneInfo(programme.timezone)), "H:i"
                        ),
                        "end": time_format(
                            timezone.localtime(times[-1][1], ZoneInfo(programme.timezone)), "H:i"
                        ),
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
        timezone=programme.timezone,
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
    TABLE_FIX.check(actor, table)
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
    PARTICIPATION_UPDATE.check(actor, participation)
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
    EXPERT_INVITE.check(actor, workshop)
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
                "starts_at": timezone.localtime(
                    workshop.event.starts_at, workshop.event.tz
                ).strftime("%Y-%m-%d %H:%M"),
                "note": note,
                "by": actor.display_name,
                "url": _url("matchmaking:workshop_detail", programme.slug, workshop.pk),
            },
            dedupe_key=f"mm-expert:{workshop.pk}:{expert.pk}",
        )
    return participation
