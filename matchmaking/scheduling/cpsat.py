"""The full CP-SAT model of the 1:1 meeting schedule (OR-Tools), and the participants' idle
slots it minimises. Pure: no Django."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Hashable

from .core import (
    Participant,
    Placement,
    Problem,
    Result,
    Table,
    _assign_floating_tables,
    _validate,
    schedule_greedy,
)


def idle_slots(problem: Problem, assignment: dict[Hashable, Placement]) -> dict[Participant, int]:
    """Per participant with meetings: free slots between their first and last meeting."""
    by_id = {m.id: m for m in problem.meetings}
    used: dict[Participant, list[int]] = defaultdict(list)
    for meeting_id, (slot, _table) in assignment.items():
        meeting = by_id[meeting_id]
        used[meeting.a].append(slot)
        used[meeting.b].append(slot)
    return {p: max(s) - min(s) + 1 - len(s) for p, s in used.items()}


def schedule_cpsat(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    gap_penalty: bool = True,
    workers: int | None = None,
    start: Result | None = None,
    deterministic: bool = False,
) -> Result:
    """Maximise Σ weight·scheduled - idle gaps, warm-started from ``start`` (default: the
    greedy preview) given as a complete hint. ``deterministic`` runs one worker under a
    deterministic work limit (wall time only as a safety stop, three times the limit)."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    _validate(problem)
    greedy = start if start is not None else schedule_greedy(problem)
    model = cp_model.CpModel()
    S = problem.slots
    floating = len(problem.floating_tables())
    x: dict[tuple[Hashable, int], object] = {}
    by_participant: dict[Participant, list] = defaultdict(list)
    by_participant_slot: dict[tuple[Participant, int], list] = defaultdict(list)
    by_table_slot: dict[tuple[Table, int], list] = defaultdict(list)
    floating_slot: dict[int, list] = defaultdict(list)
    scheduled = {}
    for meeting in problem.meetings:
        if meeting.a == meeting.b:
            continue
        table = problem.required_table(meeting)
        if meeting.locked is not None:
            slots = [meeting.locked[0]]
            table = (
                meeting.locked[1] if meeting.locked[1] in problem.fixed_tables.values() else None
            )
        else:
            slots = [
                s
                for s in range(S)
                if problem.available(meeting.a, s) and problem.available(meeting.b, s)
            ]
        vars_m = []
        for s in slots:
            var = model.NewBoolVar(f"x{meeting.id}_{s}")
            x[(meeting.id, s)] = var
            vars_m.append(var)
            for p in (meeting.a, meeting.b):
                by_participant_slot[(p, s)].append(var)
            if table is None:
                floating_slot[s].append(var)
            else:
                by_table_slot[(table, s)].append(var)
        if not vars_m:
            continue
        done = model.NewBoolVar(f"m{meeting.id}")
        model.Add(sum(vars_m) == done)
        scheduled[meeting.id] = done
        if meeting.locked is not None:
            model.Add(done == 1)
        for p in (meeting.a, meeting.b):
            by_participant[p].append(done)
    for group in by_participant_slot.values():
        if len(group) > 1:
            model.AddAtMostOne(group)
    for group in by_table_slot.values():
        if len(group) > 1:
            model.AddAtMostOne(group)
    for group in floating_slot.values():
        if len(group) > floating:
            model.Add(sum(group) <= floating)
    for p, cap in problem.caps.items():
        if p in by_participant and len(by_participant[p]) > cap:
            model.Add(sum(by_participant[p]) <= cap)

    # A meeting must always be worth more than any gap it could open in two days of S slots.
    scale = 2 * S + 1
    by_id = {m.id: m for m in problem.meetings}
    objective = [scale * by_id[mid].weight * var for mid, var in scheduled.items()]
    notes = []
    if gap_penalty:
        for p, done_vars in by_participant.items():
            first = model.NewIntVar(0, S, f"first{p}")
            last = model.NewIntVar(-1, S - 1, f"last{p}")
            for s in range(S):
                for var in by_participant_slot.get((p, s), ()):
                    model.Add(first <= s).OnlyEnforceIf(var)
                    model.Add(last >= s).OnlyEnforceIf(var)
            idle = model.NewIntVar(0, S, f"idle{p}")
            any_meeting = model.NewBoolVar(f"any{p}")
            model.AddMaxEquality(any_meeting, done_vars)
            # idle = span - meetings, only counted when the participant meets anyone at all.
            model.Add(idle >= last - first + 1 - sum(done_vars)).OnlyEnforceIf(any_meeting)
            objective.append(-idle)
    model.Maximize(sum(objective))
    # A complete hint (every variable) lets CP-SAT start from the greedy schedule at once.
    greedy_slot = {mid: slot for mid, (slot, _table) in greedy.assignment.items()}
    for (meeting_id, s), var in x.items():
        model.AddHint(var, greedy_slot.get(meeting_id) == s)
    for meeting_id, var in scheduled.items():
        model.AddHint(var, meeting_id in greedy_slot)
    solver = cp_model.CpSolver()
    remaining = max(0.1, time_limit - (time.perf_counter() - started))
    if deterministic:
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = remaining
        solver.parameters.max_time_in_seconds = 3 * remaining
    else:
        solver.parameters.max_time_in_seconds = remaining
        solver.parameters.num_workers = workers or max(1, min(8, os.cpu_count() or 1))
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        notes.append(
            f"CP-SAT found nothing within {time_limit}s ({solver.StatusName(status)}); "
            f"{greedy.method} kept"
        )
        greedy.notes.extend(notes)
        greedy.seconds = time.perf_counter() - started
        return greedy
    slot_of = {mid: s for (mid, s), var in x.items() if solver.Value(var)}
    # Never return something worse than the preview (can happen only when time runs out early).
    weight = lambda assignment: sum(by_id[mid].weight for mid in assignment)  # noqa: E731
    assignment = _assign_floating_tables(problem, slot_of)
    idle = lambda assignment: sum(idle_slots(problem, assignment).values())  # noqa: E731
    if (weight(assignment), -idle(assignment)) < (
        weight(greedy.assignment),
        -idle(greedy.assignment),
    ):
        notes.append(f"CP-SAT stopped below its starting point; {greedy.method} kept")
        greedy.notes.extend(notes)
        greedy.seconds = time.perf_counter() - started
        return greedy
    return Result(
        assignment,
        "cpsat",
        time.perf_counter() - started,
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        notes=notes,
    )
