"""The scheduler for everything König does not cover: assignment start, refills, repair.

1. **Slot-wise assignment start.** Slot by slot, a maximum-weight assignment (SciPy's
   ``linear_sum_assignment``) among the meetings still open whose two sides are free and
   available. Scores put priority first, then scarcity (fewer later slots left for the
   meeting), then sitting next to the participants' other meetings (fewer idle gaps).
2. **Slot refills.** Each slot in turn is emptied and refilled by the same assignment from what
   it held and what is still open: an augmenting path inside the slot gains a meeting, and the
   adjacency term closes idle gaps at every size. A refill that weighs less is undone.
3. **Repair.** Every meeting still left out is tried again: in a slot where both sides are
   free, else by a Kempe-chain move (the alternating-path exchange of König's proof, checked
   against everyone's availability and the floating tables) that frees a common slot, else by
   an ejection chain (displace meetings of no greater weight and re-place them, three levels
   deep, undone unless everything fits).

Steps 2 and 3 alternate until neither gains.

4. **Kicks.** A fixed number of seeded kicks: a random open meeting is forced into one of its
   slots (slots next to either side's other meetings are likelier), what blocks it is re-placed
   by the repair moves, and the change is kept when the schedule is no lighter. Level moves
   change which meetings are open, so the search walks the plateau of equally large schedules.
5. **Idle gaps.** Meetings move alone to another slot both sides have free when that shrinks
   their idle slots (the count never changes).

Everything is deterministic for a given problem and seed; the wall-clock ``time_limit`` only
stops the search early (the result then says so). For small problems
:func:`matchmaking.scheduling.schedule` then hands this schedule to CP-SAT as a complete hint.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from .core import (
    Meeting,
    Problem,
    Result,
    _assign_floating_tables,
    _validate,
    max_assignment,
)

# Scores of the slot-wise assignment: priority first (no sum of the small terms over a slot's
# ≤ 5,000 meetings can outweigh one unit of it), then scarcity, then meeting next to one's
# other meetings (fewer idle gaps).
PRIORITY = 20_000.0
SCARCITY = 2.0
ADJACENT = 0.5

Progress = Callable[[dict], bool | None]


@dataclass
class _State:
    """The compiled problem and the current schedule, in integer indices for speed."""

    problem: Problem
    meetings: list[Meeting]
    a: list[int]
    b: list[int]
    w: list[int]
    feasible: list[tuple[int, ...]]
    floating: list[bool]
    locked: list[bool]
    cap: list[int]
    floating_tables: int
    slot: list[int]
    occ: list[list[int]]  # participant -> slot -> meeting index or -1
    count: list[int]
    floating_used: list[int]
    journal: list[tuple[int, int]] | None = None  # (meeting, slot it had before), for undo
    open_list: list[int] | None = None  # meetings left out, for the kicks
    by_slot: list[list[int]] | None = None  # slot -> meetings possible in it

    # --- moves ---------------------------------------------------------------------------------

    def place(self, m: int, s: int) -> None:
        if self.journal is not None:
            self.journal.append((m, -1))
        self.slot[m] = s
        for p in (self.a[m], self.b[m]):
            self.occ[p][s] = m
            self.count[p] += 1
        if self.floating[m]:
            self.floating_used[s] += 1

    def remove(self, m: int) -> None:
        s = self.slot[m]
        if self.journal is not None:
            self.journal.append((m, s))
        self.slot[m] = -1
        for p in (self.a[m], self.b[m]):
            self.occ[p][s] = -1
            self.count[p] -= 1
        if self.floating[m]:
            self.floating_used[s] -= 1

    def capped(self, m: int) -> bool:
        return self.count[self.a[m]] >= self.cap[self.a[m]] or (
            self.count[self.b[m]] >= self.cap[self.b[m]]
        )

    def fits(self, m: int, s: int) -> bool:
        return (
            self.occ[self.a[m]][s] < 0
            and self.occ[self.b[m]][s] < 0
            and (not self.floating[m] or self.floating_used[s] < self.floating_tables)
        )

    def undo(self, mark: int) -> None:
        """Roll the schedule back to when the journal had ``mark`` entries."""
        journal, self.journal = self.journal, None
        while len(journal) > mark:
            m, before = journal.pop()
            if before < 0:
                self.remove(m)
            else:
                self.place(m, before)
        self.journal = journal

    def placed(self) -> int:
        return sum(1 for s in self.slot if s >= 0)

    def weight(self) -> int:
        return sum(w for w, s in zip(self.w, self.slot, strict=True) if s >= 0)

    def idle(self) -> int:
        """Idle slots between each participant's first and last meeting, summed."""
        total = 0
        for row in self.occ:
            used = [s for s, m in enumerate(row) if m >= 0]
            if used:
                total += used[-1] - used[0] + 1 - len(used)
        return total

    def assignment(self) -> dict[Hashable, tuple]:
        slot_of = {self.meetings[m].id: s for m, s in enumerate(self.slot) if s >= 0}
        return _assign_floating_tables(self.problem, slot_of)


def compile_problem(problem: Problem) -> _State:
    """Index participants and meetings, and place the locked meetings."""
    participants = sorted(problem.participants(), key=repr)
    index = {p: i for i, p in enumerate(participants)}
    S = problem.slots
    meetings = [m for m in problem.meetings if m.a != m.b]
    reserved = set(problem.fixed_tables.values())
    state = _State(
        problem=problem,
        meetings=meetings,
        a=[index[m.a] for m in meetings],
        b=[index[m.b] for m in meetings],
        w=[m.weight for m in meetings],
        feasible=[],
        floating=[],
        locked=[m.locked is not None for m in meetings],
        cap=[problem.caps.get(p, S) for p in participants],
        floating_tables=len(problem.floating_tables()),
        slot=[-1] * len(meetings),
        occ=[[-1] * S for _ in participants],
        count=[0] * len(participants),
        floating_used=[0] * S,
    )
    for m in meetings:
        if m.locked is not None:
            state.feasible.append((m.locked[0],))
            state.floating.append(m.locked[1] not in reserved)
        else:
            state.feasible.append(
                tuple(
                    s for s in range(S) if problem.available(m.a, s) and problem.available(m.b, s)
                )
            )
            state.floating.append(problem.required_table(m) is None)
    state.by_slot = [[] for _ in range(S)]
    for i, slots in enumerate(state.feasible):
        for t in slots:
            state.by_slot[t].append(i)
    for i, m in enumerate(meetings):
        if m.locked is not None:
            state.place(i, m.locked[0])
    return state


# --- 1. Slot-wise assignment start ----------------------------------------------------------------


def _fill_slot(
    state: _State,
    s: int,
    candidates: list[int],
    *,
    later_only: bool,
    rng: random.Random | None = None,
) -> None:
    """Place a maximum-weight assignment of ``candidates`` (all free and uncapped) in slot s.

    A meeting weighs its priority plus a little more the fewer other slots it could still use
    (only later slots during the start, any slot when re-optimising), so scarce meetings win.
    ``rng`` adds noise below the priority term: another of the equally large assignments.
    """
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for m in candidates:
        a_row, b_row = state.occ[state.a[m]], state.occ[state.b[m]]
        other = sum(
            1
            for t in state.feasible[m]
            if (t > s if later_only else t != s) and a_row[t] < 0 and b_row[t] < 0
        )
        score = (
            state.w[m] * PRIORITY
            + SCARCITY / (1 + other)
            + ADJACENT * (_next_to(a_row, s) + _next_to(b_row, s))
        )
        if rng is not None:
            score += rng.random() * SCARCITY
        key = (state.a[m], state.b[m])
        if key not in best or score > best[key][0]:
            best[key] = (score, m)
    chosen = max_assignment(best)
    # Heaviest first, so experts matched twice and the floating-table limit drop the light.
    for _score, m in sorted(chosen, key=lambda x: (-x[0], x[1])):
        if state.fits(m, s) and not state.capped(m):
            state.place(m, s)


def _next_to(row: list[int], s: int) -> bool:
    """Whether a meeting in slot s sits next to another of the participant's meetings."""
    return (s > 0 and row[s - 1] >= 0) or (s + 1 < len(row) and row[s + 1] >= 0)


def _held(state: _State, s: int) -> list[int]:
    """The movable meetings in slot ``s``."""
    return sorted({m for row in state.occ if (m := row[s]) >= 0 and not state.locked[m]})


def _open_at(state: _State, s: int) -> list[int]:
    return [
        m
        for m in state.by_slot[s]
        if state.slot[m] < 0 and state.fits(m, s) and not state.capped(m)
    ]


def matching_start(state: _State) -> None:
    """Fill the slots one by one with a maximum-weight assignment of the open meetings."""
    for s in range(state.problem.slots):
        candidates = _open_at(state, s)
        if candidates:
            _fill_slot(state, s, candidates, later_only=True)


def reoptimise_slots(state: _State, *, deadline: float) -> int:
    """Empty each slot in turn and refill it with a maximum-weight assignment of what it held
    and what is still open (an augmenting path within the slot gains a meeting).

    Never loses weight: a refill that comes out lighter is undone. Returns the gain."""
    gained = 0
    for s in range(state.problem.slots):
        if time.perf_counter() > deadline:
            break
        held = _held(state, s)
        before = sum(state.w[m] for m in held)
        mark = len(state.journal)
        for m in held:
            state.remove(m)
        candidates = _open_at(state, s)
        if not candidates:
            state.undo(mark)
            continue
        _fill_slot(state, s, candidates, later_only=False)
        after = sum(state.w[m] for m in _held(state, s))
        if after < before:
            state.undo(mark)
        else:
            gained += after - before
    return gained


# --- 2. Repair ----------------------------------------------------------------------------------


def _kempe(state: _State, m: int, start: int, alpha: int, beta: int, limit: int = 60) -> bool:
    """Free slot ``alpha`` at participant ``start`` by swapping the alpha/beta chain from it.

    The chain is start -alpha- x -beta- y -alpha- …; every meeting on it changes slot, so each
    must be available in its new slot. The chain must not reach the other side of ``m`` (only
    possible when experts make the graph non-bipartite). Floating tables are counted.
    """
    other = state.a[m] if state.b[m] == start else state.b[m]
    chain = []
    vertex, want = start, alpha
    seen = set()
    while True:
        e = state.occ[vertex][want]
        if e < 0:
            break
        if e in seen or state.locked[e] or len(chain) >= limit:
            return False
        new = beta if want == alpha else alpha
        if new not in state.feasible[e]:
            return False
        seen.add(e)
        chain.append((e, new))
        vertex = state.b[e] if state.a[e] == vertex else state.a[e]
        if vertex == other:
            return False
        want = new
    if not chain:
        return True
    delta = {alpha: 0, beta: 0}
    for e, new in chain:
        if state.floating[e]:
            delta[new] += 1
            delta[alpha if new == beta else beta] -= 1
    if any(state.floating_used[t] + d > state.floating_tables for t, d in delta.items()):
        return False
    for e, _new in chain:
        state.remove(e)
    for e, new in chain:
        state.place(e, new)
    return True


def _try_place(state: _State, m: int, *, allow_chain: bool) -> bool:
    if state.capped(m):
        return False
    a, b = state.a[m], state.b[m]
    for s in state.feasible[m]:
        if state.fits(m, s):
            state.place(m, s)
            return True
    if not allow_chain:
        return False
    S = state.problem.slots
    for alpha in state.feasible[m]:
        if state.floating[m] and state.floating_used[alpha] >= state.floating_tables:
            continue
        free_a, free_b = state.occ[a][alpha] < 0, state.occ[b][alpha] < 0
        if free_a == free_b:
            continue  # both free is handled above; both busy needs two chains
        start = b if free_a else a
        for beta in range(S):
            if beta == alpha or state.occ[start][beta] >= 0:
                continue
            if _kempe(state, m, start, alpha, beta) and state.fits(m, alpha):
                state.place(m, alpha)
                return True
    return False


def _eject(state: _State, m: int, depth: int, taboo: set[int]) -> bool:
    """Ejection chain: put ``m`` where it displaces meetings of no greater weight, then place
    each displaced meeting the same way (``depth`` levels at most); undone unless it all fits."""
    if state.capped(m):
        return False
    a, b = state.a[m], state.b[m]
    for s in state.feasible[m]:
        blockers = {state.occ[a][s], state.occ[b][s]} - {-1}
        if not blockers or any(state.locked[e] or e in taboo for e in blockers):
            continue
        if sum(state.w[e] for e in blockers) > state.w[m]:
            continue
        mark = len(state.journal)
        for e in blockers:
            state.remove(e)
        if state.fits(m, s):
            state.place(m, s)
            taboo.add(m)
            ok = all(
                _try_place(state, e, allow_chain=True)
                or (depth > 1 and _eject(state, e, depth - 1, taboo))
                for e in sorted(blockers)
            )
            taboo.discard(m)
            if ok:
                return True
        state.undo(mark)
    return False


def repair(state: _State, *, deadline: float, rounds: int = 4, depth: int = 3) -> int:
    """Passes over the meetings left out until a pass places none (or time is up)."""
    total = 0
    for _ in range(rounds):
        state.journal.clear()
        open_ = sorted(
            (m for m in range(len(state.slot)) if state.slot[m] < 0 and state.feasible[m]),
            key=lambda m: (-state.w[m], len(state.feasible[m]), m),
        )
        gained = 0
        for m in open_:
            if time.perf_counter() > deadline:
                return total + gained
            if _try_place(state, m, allow_chain=True) or _eject(state, m, depth, set()):
                gained += 1
        total += gained
        if not gained:
            break
    return total


# --- 4. Perturbation ------------------------------------------------------------------------------


def kick(state: _State, rng: random.Random) -> int:
    """Force a random open meeting into a random possible slot, displacing what blocks it, and
    re-place the displaced by the repair moves. Kept when no lighter (a level move changes
    which meetings are open, so later kicks explore elsewhere), else undone. Returns the gain."""
    open_ = state.open_list
    if not open_:
        return 0
    m = open_[rng.randrange(len(open_))]
    if state.slot[m] >= 0 or state.capped(m) or not state.feasible[m]:
        return 0
    # Slots next to either side's other meetings are three times as likely (fewer idle gaps).
    a_row, b_row = state.occ[state.a[m]], state.occ[state.b[m]]
    s = rng.choices(
        state.feasible[m],
        [3 if _next_to(a_row, t) or _next_to(b_row, t) else 1 for t in state.feasible[m]],
    )[0]
    blockers = sorted({state.occ[state.a[m]][s], state.occ[state.b[m]][s]} - {-1})
    if any(state.locked[e] for e in blockers):
        return 0
    mark = len(state.journal)
    for e in blockers:
        state.remove(e)
    if not state.fits(m, s):
        state.undo(mark)
        return 0
    state.place(m, s)
    gain = state.w[m]
    for e in blockers:
        if _try_place(state, e, allow_chain=True) or _eject(state, e, 2, {m}):
            continue
        gain -= state.w[e]
    if gain < 0:
        state.undo(mark)
        return 0
    del state.journal[mark:]
    state.open_list = [x for x in open_ if state.slot[x] < 0] + [
        e for e in blockers if state.slot[e] < 0
    ]
    return gain


# --- 5. Idle gaps ---------------------------------------------------------------------------------


def _span_idle(row: list[int]) -> int:
    used = [t for t, m in enumerate(row) if m >= 0]
    return used[-1] - used[0] + 1 - len(used) if used else 0


def close_gaps(state: _State, *, deadline: float, passes: int = 3) -> int:
    """Move single meetings to another slot both sides have free when that shrinks their idle
    slots; the number of meetings never changes. Returns the idle slots removed."""
    removed = 0
    for _ in range(passes):
        gained = 0
        for m in range(len(state.slot)):
            s = state.slot[m]
            if s < 0 or state.locked[m]:
                continue
            if time.perf_counter() > deadline:
                return removed + gained
            a_row, b_row = state.occ[state.a[m]], state.occ[state.b[m]]
            before = _span_idle(a_row) + _span_idle(b_row)
            if not before:
                continue
            best, best_idle = s, before
            state.remove(m)
            for t in state.feasible[m]:
                if t != s and state.fits(m, t):
                    a_row[t] = b_row[t] = m
                    idle = _span_idle(a_row) + _span_idle(b_row)
                    a_row[t] = b_row[t] = -1
                    if idle < best_idle:
                        best, best_idle = t, idle
            state.place(m, best)
            gained += before - best_idle
        removed += gained
        if not gained:
            break
    return removed


# --- The entry point ------------------------------------------------------------------------------


def _snapshot(state: _State, phase: str) -> dict:
    return {"phase": phase, "placed": state.placed(), "weight": state.weight()}


# Perturbation rounds after the first local optimum: a work budget, not a time budget, so the
# result is the same on a fast and a slow machine (unless the time limit cuts it short).
PERTURBATIONS = 5_000
# Share of the time limit kept for the idle-gap pass at the end (at most a second).
GAP_SHARE = 0.1


def schedule_search(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    progress: Progress | None = None,
    seed: int = 0,
    perturbations: int = PERTURBATIONS,
) -> Result:
    """Assignment start, then refills and repairs, then ``perturbations`` seeded
    perturbations, within ``time_limit`` seconds.

    ``progress`` is called with ``{"phase", "placed", "weight"}`` after the start and after each
    round of improvement; returning False stops the search, which keeps the best so far.
    """
    started = time.perf_counter()
    end = started + time_limit
    deadline = end - min(1.0, GAP_SHARE * time_limit)
    _validate(problem)
    state = compile_problem(problem)
    state.journal = []
    notes: list[str] = []
    matching_start(state)
    stopped = progress is not None and progress(_snapshot(state, "start")) is False
    finished = False
    while not stopped:
        if time.perf_counter() > deadline:
            break
        # Refills are cheap (16 assignments): repeat them until they stop gaining first.
        gained = 0
        while (step := reoptimise_slots(state, deadline=deadline)) > 0:
            gained += step
        gained += repair(state, deadline=deadline, depth=1)
        stopped = progress is not None and progress(_snapshot(state, "improve")) is False
        finished = time.perf_counter() <= deadline
        if not gained or not finished:
            break
    rng = random.Random(seed)
    state.open_list = [m for m in range(len(state.slot)) if state.slot[m] < 0]
    done = 0
    while finished and not stopped and done < perturbations:
        if time.perf_counter() > deadline:
            finished = False
            break
        kick(state, rng)
        done += 1
        if done % 1000 == 0:
            reoptimise_slots(state, deadline=deadline)
            state.open_list = [m for m in range(len(state.slot)) if state.slot[m] < 0]
        if done % 500 == 0:
            stopped = progress is not None and progress(_snapshot(state, "kicks")) is False
    if not stopped:
        close_gaps(state, deadline=max(end, time.perf_counter() + 0.5))
    state.journal = None
    if stopped:
        notes.append("stopped on request: the best schedule found so far is kept")
    elif not finished:
        notes.append("time limit reached while the schedule was still improving")
    return Result(state.assignment(), "search", time.perf_counter() - started, notes=notes)
