"""The scheduler's grid (slots by tables) and moving a meeting from it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collider.enums import Sector
from matchmaking import selectors, services

from .factories import accepted, profile, workshop


def _placed(programme, partner, slots=3, tables=2):
    """Two CCI and two AVM profiles, three accepted meetings placed by the scheduler."""
    w = workshop(programme, actor=partner, slots=slots, tables=tables)
    avm1, avm2 = (profile(programme, "UX", sector=Sector.AVM) for _ in range(2))
    c1, c2 = profile(programme, "UX"), profile(programme, "UX")
    meetings = [accepted(w, c1, avm1), accepted(w, c1, avm2), accepted(w, c2, avm1)]
    services.schedule_run(actor=partner, workshop=w)
    return w, [w.requests.get(pk=m.pk) for m in meetings]


def _cells(grid):
    return {(row.slot.index, cell.table.name): cell for row in grid for cell in row.cells}


def test_grid_shows_every_placed_meeting_in_its_slot_and_table(programme, partner):
    w, meetings = _placed(programme, partner)

    _page, tables, grid = selectors.schedule_grid(workshop=w, number=1)

    cells = _cells(grid)
    placed = {(m.slot.index, m.table.name): m.pk for m in meetings}
    shown = {key: cell.meeting.pk for key, cell in cells.items() if cell.meeting}
    assert (shown, len(tables), len(grid)) == (placed, 2, 3)


def test_move_places_the_meeting_locks_it_and_marks_it_changed(programme, partner):
    w, meetings = _placed(programme, partner)
    services.schedule_publish(actor=partner, workshop=w)
    slots, tables = list(w.slots.all()), list(w.tables.all())
    free = next(
        (slot, table)
        for slot in slots
        for table in tables
        if not w.requests.filter(slot=slot, table=table).exists()
        and not w.requests.filter(slot=slot)
        .filter(requester=meetings[2].requester)
        .exclude(pk=meetings[2].pk)
        .exists()
        and not w.requests.filter(slot=slot, recipient=meetings[2].recipient)
        .exclude(pk=meetings[2].pk)
        .exists()
    )

    services.meeting_move(actor=partner, request=meetings[2], slot=free[0], table=free[1])

    moved = w.requests.get(pk=meetings[2].pk)
    cell = _cells(selectors.schedule_grid(workshop=w, number=1)[2])[(free[0].index, free[1].name)]
    assert (moved.slot, moved.table, moved.locked, cell.meeting.pk, cell.changed) == (
        free[0],
        free[1],
        True,
        moved.pk,
        True,
    )


def test_move_to_a_taken_table_is_refused_with_the_reason(programme, partner):
    _w, meetings = _placed(programme, partner)
    target = meetings[0]

    with pytest.raises(ValidationError) as refused:
        services.meeting_move(
            actor=partner, request=meetings[1], slot=target.slot, table=target.table
        )

    assert refused.value.messages == [f"Table {target.table} is taken in slot {target.slot}."]


def test_move_into_a_slot_where_one_side_already_meets_is_refused(programme, partner):
    w, meetings = _placed(programme, partner)
    # meetings[0] and meetings[1] share the CCI: put one into the other's slot, at a free table.
    slot = meetings[0].slot
    table = next(t for t in w.tables.all() if not w.requests.filter(slot=slot, table=t).exists())

    with pytest.raises(ValidationError) as refused:
        services.meeting_move(actor=partner, request=meetings[1], slot=slot, table=table)

    assert refused.value.messages == [f"One of the two already has a meeting in slot {slot}."]


def test_move_by_a_participant_is_refused(programme, partner):
    w, meetings = _placed(programme, partner)

    with pytest.raises(PermissionDenied):
        services.meeting_move(
            actor=meetings[0].requester.user,
            request=meetings[0],
            slot=w.slots.last(),
            table=w.tables.first(),
        )


def test_grid_marks_a_double_booking_as_a_conflict_in_place(programme, partner):
    w, meetings = _placed(programme, partner)
    # A conflict the services refuse can still come from data changed underneath (an import,
    # a table edited in the admin): the grid shows it where it is.
    other_table = next(t for t in w.tables.all() if t != meetings[0].table)
    type(meetings[1]).objects.filter(pk=meetings[1].pk).update(
        slot=meetings[0].slot, table=other_table
    )

    cells = _cells(selectors.schedule_grid(workshop=w, number=1)[2])

    conflict = cells[(meetings[0].slot.index, other_table.name)]
    assert conflict.conflict == "Someone has two meetings in this slot."


def test_grid_offers_only_cells_where_both_sides_are_free(programme, partner):
    w, meetings = _placed(programme, partner)
    moving = meetings[2]

    grid = selectors.schedule_grid(workshop=w, number=1, moving=moving)[2]

    offered = {
        (row.slot.pk, cell.table.pk) for row in grid for cell in row.cells if cell.can_receive
    }
    busy_slots = set(
        w.requests.exclude(pk=moving.pk)
        .filter(requester__in=[moving.requester, moving.recipient])
        .values_list("slot", flat=True)
    ) | set(
        w.requests.exclude(pk=moving.pk)
        .filter(recipient__in=[moving.requester, moving.recipient])
        .values_list("slot", flat=True)
    )
    taken = set(w.requests.values_list("slot", "table"))
    expected = {
        (slot.pk, table.pk)
        for slot in w.slots.all()
        for table in w.tables.all()
        if slot.pk not in busy_slots and (slot.pk, table.pk) not in taken
    }
    assert offered == expected and offered


def test_move_view_moves_and_a_refused_move_answers_400_with_the_reason(client, programme, partner):
    w, meetings = _placed(programme, partner)
    client.force_login(partner)
    url = reverse(
        "matchmaking:meeting_move",
        kwargs={"slug": programme.slug, "pk": w.pk, "request_pk": meetings[1].pk},
    )

    refused = client.post(url, {"slot": meetings[0].slot_id, "table": meetings[0].table_id})

    assert refused.status_code == 400
    assert f"Table {meetings[0].table} is taken in slot {meetings[0].slot}." in refused.text
    assert w.requests.get(pk=meetings[1].pk).slot_id == meetings[1].slot_id


def test_move_view_rejects_a_slot_of_another_workshop_with_404(client, programme, partner):
    w, meetings = _placed(programme, partner)
    other = workshop(programme, actor=partner, slots=1, tables=1)
    client.force_login(partner)
    url = reverse(
        "matchmaking:meeting_move",
        kwargs={"slug": programme.slug, "pk": w.pk, "request_pk": meetings[0].pk},
    )

    response = client.post(url, {"slot": other.slots.get().pk, "table": w.tables.first().pk})

    assert response.status_code == 404
    assert w.requests.get(pk=meetings[0].pk).slot_id == meetings[0].slot_id


@pytest.mark.usefixtures("page_cache_off")  # a kept page costs no query, whatever its rows
def test_scheduler_page_queries_do_not_grow_with_meetings(client, programme, partner):
    small, _ = _placed(programme, partner, slots=4, tables=3)
    big, _ = _placed(programme, partner, slots=4, tables=3)
    for _ in range(2):
        extra_c = profile(programme, "UX")
        extra_a = profile(programme, "UX", sector=Sector.AVM)
        accepted(big, extra_c, extra_a)
    services.schedule_run(actor=partner, workshop=big)
    client.force_login(partner)

    def count(w):
        url = reverse("matchmaking:schedule", kwargs={"slug": programme.slug, "pk": w.pk})
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    assert count(small) == count(big)
