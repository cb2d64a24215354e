"""Upper bounds on how many meetings any schedule can hold, each naming what binds.

Every bound here is valid for every problem (bipartite or with experts, fixed or floating
tables, availability, caps, locks): it is the optimum of a relaxation, so no schedule exceeds
it. :func:`upper_bound_report` takes the smallest of

* **requests** — meetings whose two sides share at least one available slot;
* **tables** — slots x tables;
* **budgets** — a max flow in which each participant carries at most min(cap, available
  slots) meetings (on the bipartite double cover, so experts are handled; halved);
* **slots** — a Lagrangian relaxation of "each meeting happens once": for multipliers λ ≥ 0,
  Σ λ_m + Σ over slots of a maximum-weight assignment with weights max(0, 1 - λ_m) among the
  meetings possible in that slot (SciPy). Any λ gives a valid bound; a few subgradient steps
  (Polyak steps towards the schedule found) bring it close to the LP relaxation, which it
  equals at the optimum λ when no caps or floating tables bind.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .core import Problem, _budget, max_assignment

BINDING = {
    "requests": "every accepted meeting whose two sides share an available slot",
    "tables": "slots × tables",
    "budgets": "each participant meets at most min(cap, available slots) times",
    "slots": "in each slot everyone meets at most one other person, each meeting happens once",
}


@dataclass(frozen=True)
class Bound:
    value: int
    binding: str  # a key of BINDING
    seconds: float
    bounds: dict[str, int]


def _candidates(problem: Problem) -> list[tuple[int, object, object, list[int], bool]]:
    """(index, a, b, possible slots, floating) for every meeting with a common slot."""
    reserved = set(problem.fixed_tables.values())
    out = []
    for i, m in enumerate(problem.meetings):
        if m.a == m.b:
            continue
        if m.locked is not None:
            slots = [m.locked[0]]
            floating = m.locked[1] not in reserved
        else:
            slots = [
                s
                for s in range(problem.slots)
                if problem.available(m.a, s) and problem.available(m.b, s)
            ]
            floating = problem.required_table(m) is None
        if slots:
            out.append((i, m.a, m.b, slots, floating))
    return out


def budget_bound(problem: Problem, candidates=None) -> int:
    """Max flow over the double cover: p_L → q_R and q_L → p_R for each meeting, each
    participant's two copies limited by their budget; any schedule gives a flow of twice its
    size."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_flow

    candidates = _candidates(problem) if candidates is None else candidates
    if not candidates:
        return 0
    people = sorted({p for c in candidates for p in (c[1], c[2])}, key=repr)
    index = {p: i for i, p in enumerate(people)}
    n = len(people)
    source, sink = 2 * n, 2 * n + 1
    capacity: dict[tuple[int, int], int] = defaultdict(int)
    for p, i in index.items():
        budget = _budget(problem, p)
        capacity[(source, i)] = budget
        capacity[(n + i, sink)] = budget
    for _i, a, b, _slots, _floating in candidates:
        capacity[(index[a], n + index[b])] += 1
        capacity[(index[b], n + index[a])] += 1
    rows, cols = zip(*capacity.keys(), strict=True)
    graph = csr_matrix(
        (np.fromiter(capacity.values(), dtype=np.int32), (rows, cols)), shape=(2 * n + 2,) * 2
    )
    return int(maximum_flow(graph, source, sink).flow_value) // 2


def _slot_value(problem: Problem, edges: list, weight: np.ndarray, floating_tables: int):
    """Max-weight assignment value of one slot and the meetings it uses.

    ``edges`` are (meeting position, a, b, floating). With floating tables the value is also
    capped by the fixed-table assignment plus the floating tables times the heaviest floating
    meeting (both relax the table limit, so the bound stays valid)."""

    def assign(rows_edges):
        best: dict[tuple, tuple[float, int]] = {}
        for k, a, b, _f in rows_edges:
            if weight[k] > 1e-12 and ((a, b) not in best or weight[k] > best[(a, b)][0]):
                best[(a, b)] = (weight[k], k)
        chosen = max_assignment(best)
        return float(sum(w for w, _k in chosen)), [k for _w, k in chosen]

    value, used = assign(edges)
    # Experts can sit on both sides of the assignment (a row and a column): the assignment
    # then relaxes "one meeting per person and slot" further, which keeps the bound valid.
    floating = [e for e in edges if e[3]]
    if floating and len(used) > floating_tables:
        fixed_value, _ = assign([e for e in edges if not e[3]])
        heaviest = max(float(weight[e[0]]) for e in floating)
        value = min(value, fixed_value + floating_tables * max(heaviest, 0.0))
    return value, used


def lagrangian_bound(
    problem: Problem,
    *,
    lower: int = 0,
    iterations: int = 30,
    time_limit: float = 3.0,
    candidates=None,
) -> int:
    """The per-slot Lagrangian bound (see the module docstring); ``lower`` is a known schedule
    size that steers the step length."""
    started = time.perf_counter()
    candidates = _candidates(problem) if candidates is None else candidates
    if not candidates:
        return 0
    by_slot: dict[int, list] = defaultdict(list)
    for k, (_i, a, b, slots, floating) in enumerate(candidates):
        for s in slots:
            by_slot[s].append((k, a, b, floating))
    floating_tables = len(problem.floating_tables())
    lam = np.zeros(len(candidates))
    best = float("inf")
    theta = 2.0
    stale = 0
    for _ in range(iterations):
        weight = np.maximum(1.0 - lam, 0.0)
        times_used = np.zeros(len(candidates))
        value = float(lam.sum())
        for s in sorted(by_slot):
            slot_value, used = _slot_value(problem, by_slot[s], weight, floating_tables)
            value += slot_value
            times_used[used] += 1
        if value < best - 1e-9:
            best, stale = value, 0
        else:
            stale += 1
            if stale >= 5:
                theta, stale = theta / 2, 0
        if best - lower < 1 or time.perf_counter() - started > time_limit:
            break
        gradient = 1.0 - times_used  # ∂/∂λ_m of the relaxed value
        norm = float(gradient @ gradient)
        if norm == 0:
            break
        step = theta * (value - max(lower, 0)) / norm
        lam = np.maximum(lam - step * gradient, 0.0)
    # Guard against float noise before rounding down.
    return int(np.floor(best + 1e-6))


def upper_bound_report(
    problem: Problem, *, lower: int = 0, iterations: int = 30, time_limit: float = 3.0
) -> Bound:
    """The smallest of the bounds in the module docstring and which one it is."""
    started = time.perf_counter()
    candidates = _candidates(problem)
    bounds = {
        "requests": len(candidates),
        "tables": problem.slots * len(problem.tables),
        "budgets": budget_bound(problem, candidates),
    }
    bounds["slots"] = lagrangian_bound(
        problem,
        lower=lower,
        iterations=iterations,
        time_limit=time_limit,
        candidates=candidates,
    )
    binding = min(bounds, key=lambda key: (bounds[key], list(BINDING).index(key)))
    return Bound(bounds[binding], binding, time.perf_counter() - started, bounds)


def upper_bound(problem: Problem) -> int:
    """Most meetings any schedule can hold (the smallest valid bound above)."""
    return upper_bound_report(problem).value
