"""Reads of the workshops: requests, meetings, schedule runs and versions, agendas, experts."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from challenges.selectors import (
    selected_ideas_of_programme,
    took_part_in_challenges,
)
from collider.enums import MembershipStatus, Role
from collider.models import Programme, User

from ..enums import RequestStatus, Side
from ..models import (
    MeetingRequest,
    Participation,
    Profile,
    ScheduleRun,
    ScheduleVersion,
    Slot,
    Table,
    Workshop,
)
from ..rules import can_organise

# --- Workshops ------------------------------------------------------------------------------------


def workshop_list(*, programme: Programme) -> QuerySet[Workshop]:
    return Workshop.objects.filter(event__programme=programme).select_related("event__programme")


def workshop_get(*, programme: Programme, pk: int) -> Workshop:
    return get_object_or_404(workshop_list(programme=programme), pk=pk)


def workshop_sessions(*, workshop: Workshop) -> list[tuple]:
    """(start, end) of each block of back-to-back slots; a longer gap (lunch) starts a new one."""
    sessions: list[list] = []
    gap = workshop.break_minutes * 60
    for slot in workshop.slots.all():
        if sessions and (slot.starts_at - sessions[-1][1]).total_seconds() <= gap:
            sessions[-1][1] = slot.ends_at
        else:
            sessions.append([slot.starts_at, slot.ends_at])
    return [tuple(s) for s in sessions]


def _request_base():
    return MeetingRequest.objects.select_related(
        "requester__user",
        "requester__organisation",
        "recipient__user",
        "recipient__organisation",
        "slot",
        "table",
    )


def requests_for(*, workshop: Workshop, profile: Profile | None) -> QuerySet[MeetingRequest]:
    if profile is None:
        return MeetingRequest.objects.none()
    return (
        _request_base()
        .filter(Q(requester=profile) | Q(recipient=profile), workshop=workshop)
        .order_by("-pk")
    )


def request_get_for_recipient(*, user: User, workshop: Workshop, pk: int) -> MeetingRequest:
    """A request the user can see (either side, or an organiser); else 404."""
    qs = _request_base().filter(workshop=workshop)
    if not can_organise.test(user, workshop.programme):
        qs = qs.filter(Q(requester__user=user) | Q(recipient__user=user))
    return get_object_or_404(qs, pk=pk)


def participation_of(*, workshop: Workshop, profile: Profile | None) -> Participation | None:
    if profile is None:
        return None
    return (
        Participation.objects.filter(workshop=workshop, profile=profile)
        .prefetch_related("unavailable")
        .first()
    )


def accepted_meetings_of(
    *, programme: Programme, profile: Profile | None, everyone: bool = False
) -> QuerySet[MeetingRequest]:
    """Accepted meetings of the programme an agreement can start from: the profile's (every
    one for an organiser, ``everyone``)."""
    meetings = MeetingRequest.objects.filter(
        workshop__event__programme=programme, status=RequestStatus.ACCEPTED
    ).select_related(
        "requester__user", "recipient__user", "requester__organisation", "recipient__organisation"
    )
    if everyone:
        return meetings
    if profile is None:
        return meetings.none()
    return meetings.filter(requester=profile) | meetings.filter(recipient=profile)


def meeting_for_agreement(*, pk: int) -> MeetingRequest:
    return MeetingRequest.objects.select_related(
        "requester__user",
        "recipient__user",
        "requester__organisation",
        "recipient__organisation",
        "workshop__event__programme",
    ).get(pk=pk)


def selected_ideas(*, programme: Programme):
    """The programme's selected ideas (from the challenges app), an agreement's other source."""
    return selected_ideas_of_programme(programme)


def accepted_meetings(*, workshop: Workshop) -> QuerySet[MeetingRequest]:
    return (
        _request_base()
        .filter(workshop=workshop, status=RequestStatus.ACCEPTED)
        .order_by("slot__index", "table_id", "pk")
    )


def accepted_meetings_page(*, workshop: Workshop, number, total: int, size: int = 50) -> Page:
    """One page of the working schedule in slot order, cheap at any workshop size: the page's
    ids are picked on the bare table (``total`` is the known count, so no second COUNT), and
    only those rows are loaded with their joins."""
    ids = (
        MeetingRequest.objects.filter(workshop=workshop, status=RequestStatus.ACCEPTED)
        .order_by("slot__index", "table_id", "pk")
        .values_list("pk", flat=True)
    )
    paginator = Paginator(ids, size)
    paginator.count = total  # a cached property: set, it is not queried again
    page = paginator.get_page(number)
    rows = _request_base().in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    return page


def schedule_run_latest(*, workshop: Workshop) -> ScheduleRun | None:
    return workshop.runs.first()


def schedule_run_get(*, workshop: Workshop, pk: int) -> ScheduleRun:
    """A run of this workshop, else 404 (the workshop was already checked for visibility)."""
    return get_object_or_404(ScheduleRun, workshop=workshop, pk=pk)


def working_schedule_summary(*, workshop: Workshop) -> dict:
    """Accepted, placed and locked meetings of the working schedule, in one aggregate query."""
    return MeetingRequest.objects.filter(
        workshop=workshop, status=RequestStatus.ACCEPTED
    ).aggregate(
        accepted=Count("pk"),
        placed=Count("pk", filter=Q(slot__isnull=False)),
        locked=Count("pk", filter=Q(locked=True)),
    )


def published_version(*, workshop: Workshop) -> ScheduleVersion | None:
    return workshop.versions.first()


@dataclass
class AgendaRow:
    slot_index: int
    starts_at: object
    ends_at: object
    table: str
    other: str
    reason: str
    meeting_id: int = 0


def agenda_for(*, workshop: Workshop, profile: Profile) -> list[AgendaRow]:
    """The profile's meetings in the published version, in time order (pure data for PDF/iCal)."""
    version = published_version(workshop=workshop)
    if version is None:
        return []
    slots = {s.index: s for s in workshop.slots.all()}
    rows = []
    for request in requests_for(workshop=workshop, profile=profile).filter(
        status=RequestStatus.ACCEPTED
    ):
        placement = version.placements.get(str(request.pk))
        if not placement:
            continue
        slot = slots[placement[0]]
        other = request.recipient if request.requester_id == profile.pk else request.requester
        rows.append(
            AgendaRow(
                slot.index + 1,
                slot.starts_at,
                slot.ends_at,
                placement[1],
                other.display_name,
                request.reason,
                request.pk,
            )
        )
    return sorted(rows, key=lambda r: r.slot_index)


def table_plan(*, workshop: Workshop) -> dict:
    """Slots x tables grid of the published version, for the printable plan."""
    version = published_version(workshop=workshop)
    slots = list(workshop.slots.all())
    tables = list(workshop.tables.select_related("fixed_for__user", "fixed_for__organisation"))
    hosts = {table.name: table.fixed_for_id for table in tables}
    grid = {}
    if version is not None:
        requests = {str(r.pk): r for r in accepted_meetings(workshop=workshop)}
        for key, (slot_index, table_name) in version.placements.items():
            if key in requests:
                r = requests[key]
                # A hosted table names its host once, in the column header; the cell names the
                # visitor only.
                grid[(slot_index, table_name)] = [
                    profile.display_name
                    for profile in (r.requester, r.recipient)
                    if profile.pk != hosts.get(table_name)
                ]
    rows = [(slot, [grid.get((slot.index, table.name), []) for table in tables]) for slot in slots]
    return {"workshop": workshop, "version": version, "tables": tables, "rows": rows}


# --- Experts ----------------------------------------------------------------------------------


def expert_candidates(*, programme: Programme, workshop: Workshop) -> list[User]:
    """Experts of the programme to invite, those who took part in the challenges app (translated
    a challenge or reviewed an idea of this programme) first; each carries ``took_part`` and
    ``invited`` (already taking part in ``workshop``)."""
    experts = User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.EXPERT,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()
    took_part = took_part_in_challenges(programme=programme)
    invited = Exists(
        Participation.objects.filter(
            workshop=workshop, profile__user=OuterRef("pk"), profile__side=Side.EXPERT
        )
    )
    return list(
        experts.annotate(took_part=took_part, invited=invited).order_by(
            "-took_part", "first_name", "last_name", "email"
        )[:200]
    )


def workshop_experts(*, workshop: Workshop) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(workshop=workshop, profile__side=Side.EXPERT)
        .select_related("profile__user")
        .order_by("pk")
    )


@dataclass
class GridCell:
    table: Table
    meeting: MeetingRequest | None = None
    changed: bool = False  # placed elsewhere (or not at all) in the last published version
    conflict: str = ""  # why this placement breaks a rule, shown in place
    can_receive: bool = False  # a free cell the meeting being moved may go to


@dataclass
class GridRow:
    slot: Slot
    cells: list[GridCell]


def schedule_grid(
    *, workshop: Workshop, number, moving: MeetingRequest | None = None, size: int = 8
) -> tuple[Page, list[Table], list[GridRow]]:
    """The working schedule as slots by tables, ``size`` slots per page, in five queries
    whatever the workshop's size: the slots page (and its count), the tables, the page's
    meetings, the unavailability of their participants, the last published version.

    Each cell says whether its meeting moved since the published version and whether it breaks
    a rule (a participant twice in a slot, or in a slot they cannot attend). With ``moving``
    (a meeting being moved), the free cells where neither side is busy say they can take it."""
    page = Paginator(workshop.slots.all(), size).get_page(number)
    slots = list(page.object_list)
    tables = list(workshop.tables.select_related("fixed_for__user"))
    meetings = list(
        _request_base().filter(
            workshop=workshop, status=RequestStatus.ACCEPTED, slot__in=slots, table__isnull=False
        )
    )
    profile_ids = {m.requester_id for m in meetings} | {m.recipient_id for m in meetings}
    if moving is not None:
        profile_ids |= {moving.requester_id, moving.recipient_id}
    unavailable = set(
        Participation.unavailable.through.objects.filter(
            participation__workshop=workshop,
            participation__profile_id__in=profile_ids,
            slot__in=slots,
        ).values_list("participation__profile_id", "slot_id")
    )
    version = workshop.versions.only("placements").first()
    published = version.placements if version else {}
    by_cell = {(m.slot_id, m.table_id): m for m in meetings}
    busy: dict[int, list[int]] = {}  # slot → profiles meeting in it (twice: a conflict)
    elsewhere: dict[int, set[int]] = {}  # the same without the meeting being moved
    for m in meetings:
        busy.setdefault(m.slot_id, []).extend([m.requester_id, m.recipient_id])
        if moving is None or m.pk != moving.pk:
            elsewhere.setdefault(m.slot_id, set()).update([m.requester_id, m.recipient_id])
    rows = []
    for slot in slots:
        cells = []
        for table in tables:
            meeting = by_cell.get((slot.pk, table.pk))
            cell = GridCell(table=table, meeting=meeting)
            if meeting is not None:
                sides = (meeting.requester_id, meeting.recipient_id)
                cell.changed = bool(version) and published.get(str(meeting.pk)) != [
                    slot.index,
                    table.name,
                ]
                if any(busy[slot.pk].count(side) > 1 for side in sides):
                    cell.conflict = gettext("Someone has two meetings in this slot.")
                elif any((side, slot.pk) in unavailable for side in sides):
                    cell.conflict = gettext("Someone cannot attend this slot.")
            elif moving is not None:
                sides = (moving.requester_id, moving.recipient_id)
                cell.can_receive = (
                    not elsewhere.get(slot.pk, set()) & set(sides)
                    and not any((side, slot.pk) in unavailable for side in sides)
                    and (table.fixed_for_id is None or table.fixed_for_id in sides)
                )
            cells.append(cell)
        rows.append(GridRow(slot=slot, cells=cells))
    return page, tables, rows
