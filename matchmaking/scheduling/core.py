"""The 1:1 meeting scheduler: a pure module with no Django in it.

Input is a :class:`Problem` (participants are plain hashable ids, slots are indices ``0..S-1`` in
time order, tables are ids), output an assignment ``meeting id -> (slot, table)``.

Three solvers and one checker:

* :func:`schedule_konig` — the pure two-sided fixed-table format (every meeting has exactly one
  host with a table of their own) with no availability limits, caps or locks: the meetings form a
  bipartite multigraph and König's edge-colouring theorem says Δ colours suffice (Δ = most
  meetings of any one participant). The alternating-path algorithm finds such a colouring
  exactly; colour = slot.
  With experts taking part the meetings need not be bipartite, so König does not apply and
  ``schedule(method="auto")`` falls back to the search, named ``search-experts``.
* :func:`schedule_cpsat` (in :mod:`.cpsat`) — OR-Tools CP-SAT maximises the weighted number
  of scheduled meetings (mutual interest and facilitator picks weigh more) minus a small
  penalty for idle gaps in a participant's day, under a time limit, warm-started from a given
  schedule.
* :func:`schedule_greedy` — a fast preview (and the CP-SAT hint): heaviest, most constrained
  meetings first, each in the earliest slot that breaks nothing.
* :func:`check` — an independent checker that reports every violation of a schedule; it shares
  no code with the solvers beyond reading the same :class:`Problem`.

:func:`explain_unscheduled` says which constraint binds for each meeting left out; bounds are in
:mod:`.bounds`, the large-problem search in :mod:`.search`, the entry point in the package.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

Participant = Hashable
Table = Hashable
Placement = tuple[int, Table]


@dataclass(frozen=True)
class Meeting:
    """An accepted meeting of ``a`` (the visitor, e.g. a CCI) and ``b`` (the host, e.g. an AVM)."""

    id: Hashable
    a: Participant
    b: Participant
    weight: int = 1
    locked: Placement | None = None


@dataclass
class Problem:
    slots: int
    tables: list[Table]
    meetings: list[Meeting]
    # participant -> slots they can attend; a participant missing here is available throughout.
    availability: dict[Participant, set[int]] = field(default_factory=dict)
    # participant -> most meetings they want; missing means no cap.
    caps: dict[Participant, int] = field(default_factory=dict)
    # participant -> the table they keep all day (reserved for their meetings).
    fixed_tables: dict[Participant, Table] = field(default_factory=dict)
    # Participants outside the two sides (invited experts): they may meet anyone and may be the
    # visitor in one meeting and the host in another, so the meetings are no longer bipartite.
    experts: set[Participant] = field(default_factory=set)

    def available(self, participant: Participant, slot: int) -> bool:
        allowed = self.availability.get(participant)
        return allowed is None or slot in allowed

    def required_table(self, meeting: Meeting) -> Table | None:
        """The host's fixed table, else the visitor's, else None (any free table)."""
        if meeting.b in self.fixed_tables:
            return self.fixed_tables[meeting.b]
        return self.fixed_tables.get(meeting.a)

    def floating_tables(self) -> list[Table]:
        reserved = set(self.fixed_tables.values())
        return [table for table in self.tables if table not in reserved]

    def participants(self) -> set[Participant]:
        return {p for m in self.meetings for p in (m.a, m.b)}


@dataclass(frozen=True)
class Violation:
    kind: str
    message: str
    meetings: tuple = ()


@dataclass
class Result:
    assignment: dict[Hashable, Placement]
    method: str
    seconds: float
    status: str = "feasible"  # "optimal" when proven
    bound: int = 0
    # Which relaxation gives the bound (a key of ``bounds.BINDING``).
    binding: str = ""
    bound_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def unscheduled(self, problem: Problem) -> list[Meeting]:
        return [m for m in problem.meetings if m.id not in self.assignment]


class ScheduleInfeasible(ValueError):
    """The request cannot be met; ``reasons`` name the binding constraints."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))


# --- The checker ------------------------------------------------------------------------------


def check(problem: Problem, assignment: dict[Hashable, Placement]) -> list[Violation]:
    """Every way ``assignment`` breaks the rules of ``problem`` (empty list: a valid schedule)."""
    violations: list[Violation] = []
    by_id = {m.id: m for m in problem.meetings}
    tables = set(problem.tables)
    reserved = {table: owner for owner, table in problem.fixed_tables.items()}
    seat: dict[tuple[Participant, int], list] = defaultdict(list)
    table_use: dict[tuple[Table, int], list] = defaultdict(list)
    count: dict[Participant, int] = defaultdict(int)
    for meeting_id, (slot, table) in assignment.items():
        meeting = by_id.get(meeting_id)
        if meeting is None:
            violations.append(
                Violation("unknown", f"meeting {meeting_id} was not requested", (meeting_id,))
            )
            continue
        if meeting.a == meeting.b:
            violations.append(
                Violation(
                    "self",
                    f"meeting {meeting_id} pairs a participant with themselves",
                    (meeting_id,),
                )
            )
        if not 0 <= slot < problem.slots:
            violations.append(
                Violation(
                    "slot",
                    f"meeting {meeting_id} is in slot {slot}, which does not exist",
                    (meeting_id,),
                )
            )
        if table not in tables:
            violations.append(
                Violation(
                    "table",
                    f"meeting {meeting_id} is at table {table}, which does not exist",
                    (meeting_id,),
                )
            )
        for participant in (meeting.a, meeting.b):
            seat[(participant, slot)].append(meeting_id)
            count[participant] += 1
            if not problem.available(participant, slot):
                violations.append(
                    Violation(
                        "availability",
                        f"{participant} is not available in slot {slot} (meeting {meeting_id})",
                        (meeting_id,),
                    )
                )
        table_use[(table, slot)].append(meeting_id)
        required = problem.required_table(meeting)
        if required is not None and table != required:
            violations.append(
                Violation(
                    "fixed_table",
                    f"meeting {meeting_id} belongs at fixed table {required}, not {table}",
                    (meeting_id,),
                )
            )
        owner = reserved.get(table)
        if owner is not None and owner not in (meeting.a, meeting.b):
            violations.append(
                Violation(
                    "reserved_table",
                    f"table {table} is reserved for {owner} (meeting {meeting_id})",
                    (meeting_id,),
                )
            )
        if meeting.locked is not None and tuple(meeting.locked) != (slot, table):
            violations.append(
                Violation(
                    "lock",
                    f"meeting {meeting_id} is locked to {meeting.locked}, not {(slot, table)}",
                    (meeting_id,),
                )
            )
    for meeting in problem.meetings:
        if meeting.locked is not None and meeting.id not in assignment:
            violations.append(
                Violation("lock", f"locked meeting {meeting.id} is missing", (meeting.id,))
            )
    for (participant, slot), ids in seat.items():
        if len(ids) > 1:
            violations.append(
                Violation(
                    "double_booking",
                    f"{participant} has {len(ids)} meetings in slot {slot}",
                    tuple(ids),
                )
            )
    for (table, slot), ids in table_use.items():
        if len(ids) > 1:
            violations.append(
                Violation(
                    "table_overuse",
                    f"table {table} holds {len(ids)} meetings in slot {slot}",
                    tuple(ids),
                )
            )
    for participant, cap in problem.caps.items():
        if count.get(participant, 0) > cap:
            violations.append(
                Violation(
                    "cap",
                    f"{participant} has {count[participant]} meetings, above the cap of {cap}",
                )
            )
    return violations


# --- Helpers shared by the solvers --------------------------------------------------------------


def _validate(problem: Problem) -> None:
    """Refuse requests no schedule can honour, naming the binding constraint."""
    reasons: list[str] = []
    tables = set(problem.tables)
    owners: dict[Table, Participant] = {}
    for participant, table in problem.fixed_tables.items():
        if table not in tables:
            reasons.append(f"fixed table {table} of {participant} does not exist")
        if table in owners:
            reasons.append(f"table {table} is fixed for both {owners[table]} and {participant}")
        owners[table] = participant
    locked = {m.id: m.locked for m in problem.meetings if m.locked is not None}
    if locked:
        lock_violations = check(
            Problem(
                problem.slots,
                problem.tables,
                [m for m in problem.meetings if m.locked],
                problem.availability,
                problem.caps,
                problem.fixed_tables,
                problem.experts,
            ),
            locked,
        )
        reasons.extend(f"locked meetings conflict: {v.message}" for v in lock_violations)
    if reasons:
        raise ScheduleInfeasible(reasons)


def _degrees(meetings: Iterable[Meeting]) -> dict[Participant, int]:
    degree: dict[Participant, int] = defaultdict(int)
    for meeting in meetings:
        degree[meeting.a] += 1
        degree[meeting.b] += 1
    return degree


def _assign_floating_tables(
    problem: Problem, slot_of: dict[Hashable, int]
) -> dict[Hashable, Placement]:
    """Turn ``meeting -> slot`` into ``meeting -> (slot, table)``, locks keep their table."""
    by_id = {m.id: m for m in problem.meetings}
    floating = problem.floating_tables()
    taken: dict[int, set] = defaultdict(set)
    assignment: dict[Hashable, Placement] = {}
    for meeting_id, slot in slot_of.items():
        meeting = by_id[meeting_id]
        if meeting.locked is not None:
            assignment[meeting_id] = tuple(meeting.locked)
            taken[slot].add(meeting.locked[1])
    for meeting_id, slot in slot_of.items():
        if meeting_id in assignment:
            continue
        meeting = by_id[meeting_id]
        table = problem.required_table(meeting)
        if table is None:
            table = next(t for t in floating if t not in taken[slot])
        taken[slot].add(table)
        assignment[meeting_id] = (slot, table)
    return assignment


def _order(participant) -> tuple:
    """Integers in numeric order, anything else by its text: a stable order for any ids."""
    return (0, participant, "") if isinstance(participant, int) else (1, 0, repr(participant))


def max_assignment(best: dict[tuple, tuple[float, Hashable]]) -> list[tuple[float, Hashable]]:
    """A maximum-weight assignment (SciPy's ``linear_sum_assignment``) of the edges
    ``(row, col) -> (weight, item)``; returns the chosen ``(weight, item)`` of positive weight."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not best:
        return []
    rows = sorted({key[0] for key in best}, key=_order)
    cols = sorted({key[1] for key in best}, key=_order)
    row_of = {p: i for i, p in enumerate(rows)}
    col_of = {p: j for j, p in enumerate(cols)}
    matrix = np.zeros((len(rows), len(cols)))
    for (a, b), (weight, _item) in best.items():
        matrix[row_of[a], col_of[b]] = weight
    r, c = linear_sum_assignment(matrix, maximize=True)
    return [best[(rows[i], cols[j])] for i, j in zip(r, c, strict=True) if matrix[i, j] > 0]


# --- König: exact edge colouring ----------------------------------------------------------------


def konig_applicable(problem: Problem) -> bool:
    """Pure two-sided fixed-table format with nothing but the meetings themselves to respect."""
    if problem.availability or problem.caps:
        return False
    if problem.experts & problem.participants():
        return False
    hosts = set()
    for meeting in problem.meetings:
        if meeting.locked is not None or meeting.a == meeting.b:
            return False
        if meeting.b not in problem.fixed_tables or meeting.a in problem.fixed_tables:
            return False
        hosts.add(meeting.b)
    visitors = {m.a for m in problem.meetings}
    return not (hosts & visitors)


def konig_colouring(edges: list[tuple[Hashable, Participant, Participant]]) -> dict[Hashable, int]:
    """Colour a bipartite multigraph's edges ``(id, left, right)`` with Δ colours.

    For each edge (u, v) take a colour alpha free at u and beta free at v. If alpha is also free
    at v use it; otherwise flip the alpha/beta alternating path that starts at v. In a bipartite
    graph that path cannot end at u, so after the flip alpha is free at both ends.
    """
    degree = _degrees(Meeting(i, ("L", u), ("R", v)) for i, u, v in edges)
    delta = max(degree.values(), default=0)
    at: dict[Hashable, dict[int, Hashable]] = defaultdict(dict)  # vertex -> colour -> edge id
    ends: dict[Hashable, tuple] = {}
    colour: dict[Hashable, int] = {}
    for edge_id, left, right in edges:
        u, v = ("L", left), ("R", right)
        ends[edge_id] = (u, v)
        alpha = next(c for c in range(delta) if c not in at[u])
        beta = next(c for c in range(delta) if c not in at[v])
        if alpha in at[v]:
            # Walk the path from v along alpha, beta, alpha, … and swap the two colours on it.
            path = []
            vertex, want, other = v, alpha, beta
            while want in at[vertex]:
                e = at[vertex][want]
                path.append(e)
                a_end, b_end = ends[e]
                vertex = b_end if a_end == vertex else a_end
                want, other = other, want
            for e in path:
                a_end, b_end = ends[e]
                del at[a_end][colour[e]]
                del at[b_end][colour[e]]
            for e in path:
                new = beta if colour[e] == alpha else alpha
                colour[e] = new
                a_end, b_end = ends[e]
                at[a_end][new] = e
                at[b_end][new] = e
        colour[edge_id] = alpha
        at[u][alpha] = edge_id
        at[v][alpha] = edge_id
    return colour


def schedule_konig(problem: Problem) -> Result:
    """Every meeting within Δ slots (raises if Δ exceeds the slots available)."""
    started = time.perf_counter()
    if not konig_applicable(problem):
        raise ValueError(
            "König scheduling needs the fixed-table format without availability limits, caps "
            "or locks"
        )
    _validate(problem)
    degree = _degrees(problem.meetings)
    delta = max(degree.values(), default=0)
    if delta > problem.slots:
        busiest = max(degree, key=degree.get)
        raise ScheduleInfeasible(
            [
                f"{busiest} has {delta} accepted meetings but the workshop has only "
                f"{problem.slots} slots"
            ]
        )
    colour = konig_colouring([(m.id, m.a, m.b) for m in problem.meetings])
    assignment = _assign_floating_tables(problem, colour)
    return Result(
        assignment,
        "konig",
        time.perf_counter() - started,
        status="optimal",
        bound=len(problem.meetings),
        notes=[f"Δ = {delta}: every meeting fits in the first {delta} slots"],
    )


# --- Greedy preview -----------------------------------------------------------------------------


def schedule_greedy(problem: Problem) -> Result:
    """Heaviest and most constrained meetings first, each in the earliest slot that fits."""
    started = time.perf_counter()
    _validate(problem)
    degree = _degrees(problem.meetings)
    floating = len(problem.floating_tables())
    busy: set[tuple[Participant, int]] = set()
    table_busy: set[tuple[Table, int]] = set()
    floating_used: dict[int, int] = defaultdict(int)
    count: dict[Participant, int] = defaultdict(int)
    slot_of: dict[Hashable, int] = {}

    def place(meeting: Meeting, slot: int, table: Table | None) -> None:
        slot_of[meeting.id] = slot
        busy.add((meeting.a, slot))
        busy.add((meeting.b, slot))
        count[meeting.a] += 1
        count[meeting.b] += 1
        if table is None:
            floating_used[slot] += 1
        else:
            table_busy.add((table, slot))

    reserved = set(problem.fixed_tables.values())
    for meeting in problem.meetings:
        if meeting.locked is not None:
            slot, table = meeting.locked
            place(meeting, slot, table if table in reserved else None)

    def fits(meeting: Meeting, slot: int, table: Table | None) -> bool:
        if (meeting.a, slot) in busy or (meeting.b, slot) in busy:
            return False
        if not (problem.available(meeting.a, slot) and problem.available(meeting.b, slot)):
            return False
        if table is None:
            return floating_used[slot] < floating
        return (table, slot) not in table_busy

    order = sorted(
        (m for m in problem.meetings if m.locked is None and m.a != m.b),
        key=lambda m: (-m.weight, -(degree[m.a] + degree[m.b])),
    )
    for meeting in order:
        if any(count[p] >= problem.caps.get(p, problem.slots) for p in (meeting.a, meeting.b)):
            continue
        table = problem.required_table(meeting)
        for slot in range(problem.slots):
            if fits(meeting, slot, table):
                place(meeting, slot, table)
                break
    assignment = _assign_floating_tables(problem, slot_of)
    return Result(assignment, "greedy", time.perf_counter() - started)


# --- Bounds and explanations --------------------------------------------------------------------


def _budget(problem: Problem, participant: Participant) -> int:
    allowed = problem.availability.get(participant)
    slots = (
        problem.slots if allowed is None else len([s for s in allowed if 0 <= s < problem.slots])
    )
    return min(slots, problem.caps.get(participant, slots))


def explain_unscheduled(
    problem: Problem, assignment: dict[Hashable, Placement]
) -> dict[Hashable, str]:
    """For every meeting left out, the constraint that binds (in words)."""
    count: dict[Participant, int] = defaultdict(int)
    busy: set[tuple[Participant, int]] = set()
    for meeting in problem.meetings:
        if meeting.id in assignment:
            slot = assignment[meeting.id][0]
            for p in (meeting.a, meeting.b):
                count[p] += 1
                busy.add((p, slot))
    reasons: dict[Hashable, str] = {}
    for meeting in problem.meetings:
        if meeting.id in assignment:
            continue
        if meeting.a == meeting.b:
            reasons[meeting.id] = f"{meeting.a} cannot meet themselves"
            continue
        common = [
            s
            for s in range(problem.slots)
            if problem.available(meeting.a, s) and problem.available(meeting.b, s)
        ]
        if not common:
            reasons[meeting.id] = f"{meeting.a} and {meeting.b} share no available slot"
            continue
        capped = [
            p for p in (meeting.a, meeting.b) if p in problem.caps and count[p] >= problem.caps[p]
        ]
        if capped:
            reasons[meeting.id] = "; ".join(
                f"{p} has reached the cap of {problem.caps[p]} meetings" for p in capped
            )
            continue
        free = [s for s in common if (meeting.a, s) not in busy and (meeting.b, s) not in busy]
        if not free:
            reasons[meeting.id] = (
                f"every slot {meeting.a} and {meeting.b} could share is taken by another of "
                "their meetings"
            )
            continue
        table = problem.required_table(meeting)
        if table is not None:
            reasons[meeting.id] = f"table {table} is taken in every slot both are free"
        else:
            reasons[meeting.id] = (
                f"all {len(problem.floating_tables())} free tables are taken in every slot "
                "both are free"
            )
    return reasons
