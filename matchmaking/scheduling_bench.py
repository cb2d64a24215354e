"""Instances and baselines for ``manage.py matchmaking_benchmark`` (not used by the product).

**Generator** (:func:`generate`). A fixed-table workshop of ``participants`` people and
``requests`` accepted meetings over ``slots`` slots:

* half the participants are hosts (AVM companies) keeping a table of their own, the other half
  visitors (CCI);
* each request joins a visitor drawn uniformly to a host drawn by **Zipf popularity**: the host
  of rank r is chosen with probability ∝ 1 / r^``zipf`` (no pair twice), so popular companies
  are asked far more often than they have slots;
* **availability density**: everyone is available in a random subset of
  ``availability[0]`` to ``availability[1]`` of the slots (uniform share, slots drawn at random);
* **experts**: ``experts`` extra participants without a table, asked by visitors and asking
  hosts (the meetings stop being bipartite); one floating table per expert;
* **locks**: ``locks`` meetings are placed by a simple greedy and locked there;
* all meetings weigh 1 (the table counts meetings).

**Baselines**, written here independently of the product's solver:

* :func:`greedy_repair` — most constrained meetings first, each in the earliest common free
  slot, then a repair pass that moves one blocking meeting to another free slot;
* :func:`matching_repair` — slot by slot a maximum-cardinality assignment (SciPy) of the open
  meetings, then the same repair pass.

:func:`lp_bound` solves the LP relaxation with HiGHS (slow above a few thousand requests).
"""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np
from scipy.optimize import linear_sum_assignment

from matchmaking.scheduling import Meeting, Problem


def generate(
    participants: int,
    requests: int,
    *,
    slots: int = 16,
    seed: int = 0,
    zipf: float = 0.3,
    availability: tuple[float, float] = (0.6, 1.0),
    experts: int = 0,
    locks: int = 0,
) -> Problem:
    rng = random.Random(seed)
    hosts = [f"A{i}" for i in range(participants // 2)]
    visitors = [f"C{i}" for i in range(participants - len(hosts))]
    expert_ids = [f"E{i}" for i in range(experts)]
    popularity = [1 / (rank + 1) ** zipf for rank in range(len(hosts))]
    pairs: set[tuple[str, str]] = set()
    ordered: list[tuple[str, str]] = []
    limit = len(hosts) * len(visitors)
    while len(ordered) < min(requests, limit):
        a = rng.choice(visitors)
        if expert_ids and rng.random() < 0.05:
            # Experts are asked by visitors and ask hosts themselves.
            e = rng.choice(expert_ids)
            a, b = (a, e) if rng.random() < 0.5 else (e, rng.choices(hosts, popularity)[0])
        else:
            b = rng.choices(hosts, popularity)[0]
        if (a, b) in pairs:
            continue
        pairs.add((a, b))
        ordered.append((a, b))
    everyone = hosts + visitors + expert_ids
    availability_of = {}
    for p in everyone:
        share = rng.uniform(*availability)
        count = max(1, round(share * slots))
        availability_of[p] = set(rng.sample(range(slots), count)) if count < slots else None
    problem = Problem(
        slots=slots,
        tables=[f"T{h}" for h in hosts] + [f"F{i}" for i in range(experts)],
        meetings=[Meeting(i, a, b) for i, (a, b) in enumerate(ordered)],
        availability={p: s for p, s in availability_of.items() if s is not None},
        fixed_tables={h: f"T{h}" for h in hosts},
        experts=set(expert_ids),
    )
    if locks:
        placed = greedy_repair(problem, repair=False)
        chosen = set(rng.sample(sorted(placed), min(locks, len(placed))))
        tables = _tables(problem, placed)
        problem.meetings = [
            Meeting(m.id, m.a, m.b, m.weight, (placed[m.id], tables[m.id])) if m.id in chosen else m
            for m in problem.meetings
        ]
    return problem


def _tables(problem: Problem, slot_of: dict) -> dict:
    """Tables for a slot assignment: locks keep theirs, fixed tables, then free floating ones."""
    by_id = {m.id: m for m in problem.meetings}
    floating = problem.floating_tables()
    taken: dict[int, set] = defaultdict(set)
    tables = {}
    for mid, s in slot_of.items():
        if by_id[mid].locked is not None:
            tables[mid] = by_id[mid].locked[1]
            taken[s].add(tables[mid])
    for mid, s in sorted(slot_of.items()):
        if mid in tables:
            continue
        table = problem.required_table(by_id[mid])
        if table is None:
            table = next(t for t in floating if t not in taken[s])
        taken[s].add(table)
        tables[mid] = table
    return tables


def as_assignment(problem: Problem, slot_of: dict) -> dict:
    tables = _tables(problem, slot_of)
    return {mid: (s, tables[mid]) for mid, s in slot_of.items()}


class _Book:
    """A plain schedule book for the baselines: who is busy when, floating tables per slot."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.busy: dict[tuple, int] = {}
        self.count: dict = defaultdict(int)
        self.floating = len(problem.floating_tables())
        self.floating_used: dict[int, int] = defaultdict(int)
        self.slot_of: dict = {}

    def common(self, m: Meeting) -> list[int]:
        if m.locked is not None:
            return [m.locked[0]]
        p = self.problem
        return [s for s in range(p.slots) if p.available(m.a, s) and p.available(m.b, s)]

    def free(self, m: Meeting, s: int) -> bool:
        floating = self.problem.required_table(m) is None and (
            m.locked is None or m.locked[1] not in self.problem.fixed_tables.values()
        )
        return (
            (m.a, s) not in self.busy
            and (m.b, s) not in self.busy
            and (not floating or self.floating_used[s] < self.floating)
            and all(self.count[x] < self.problem.caps.get(x, 10**9) for x in (m.a, m.b))
        )

    def put(self, m: Meeting, s: int) -> None:
        self.busy[(m.a, s)] = self.busy[(m.b, s)] = m.id
        self.count[m.a] += 1
        self.count[m.b] += 1
        if self.problem.required_table(m) is None:
            self.floating_used[s] += 1
        self.slot_of[m.id] = s

    def take(self, m: Meeting) -> int:
        s = self.slot_of.pop(m.id)
        del self.busy[(m.a, s)], self.busy[(m.b, s)]
        self.count[m.a] -= 1
        self.count[m.b] -= 1
        if self.problem.required_table(m) is None:
            self.floating_used[s] -= 1
        return s

    def repair(self) -> None:
        """Place each open meeting by moving at most one blocking meeting to a free slot."""
        by_id = {m.id: m for m in self.problem.meetings}
        for m in self.problem.meetings:
            if m.id in self.slot_of or m.a == m.b:
                continue
            for s in self.common(m):
                if self.free(m, s):
                    self.put(m, s)
                    break
                blockers = {self.busy.get((m.a, s)), self.busy.get((m.b, s))} - {None}
                if len(blockers) != 1:
                    continue
                blocker = by_id[blockers.pop()]
                if blocker.locked is not None:
                    continue
                old = self.take(blocker)
                moved = False
                if self.free(m, s):
                    self.put(m, s)
                    for t in self.common(blocker):
                        if t != s and self.free(blocker, t):
                            self.put(blocker, t)
                            moved = True
                            break
                    if not moved:
                        self.take(m)
                if moved:
                    break
                self.put(blocker, old)


def _locked_first(problem: Problem, book: _Book) -> None:
    for m in problem.meetings:
        if m.locked is not None:
            book.put(m, m.locked[0])


def greedy_repair(problem: Problem, *, repair: bool = True) -> dict:
    """Baseline 1: most constrained first, earliest common free slot, then one-move repair."""
    book = _Book(problem)
    _locked_first(problem, book)
    degree: dict = defaultdict(int)
    for m in problem.meetings:
        degree[m.a] += 1
        degree[m.b] += 1
    order = sorted(
        (m for m in problem.meetings if m.locked is None and m.a != m.b),
        key=lambda m: (len(book.common(m)), -(degree[m.a] + degree[m.b])),
    )
    for m in order:
        for s in book.common(m):
            if book.free(m, s):
                book.put(m, s)
                break
    if repair:
        book.repair()
    return book.slot_of


def matching_repair(problem: Problem) -> dict:
    """Baseline 2: slot-wise maximum assignment (SciPy), then one-move repair."""
    book = _Book(problem)
    _locked_first(problem, book)
    for s in range(problem.slots):
        edges = {}
        for m in problem.meetings:
            if m.id in book.slot_of or m.a == m.b or m.locked is not None:
                continue
            if s in book.common(m) and book.free(m, s):
                edges.setdefault((m.a, m.b), m)
        if not edges:
            continue
        rows = sorted({a for a, _ in edges}, key=repr)
        cols = sorted({b for _, b in edges}, key=repr)
        ri = {p: i for i, p in enumerate(rows)}
        ci = {p: j for j, p in enumerate(cols)}
        matrix = np.zeros((len(rows), len(cols)))
        for a, b in edges:
            matrix[ri[a], ci[b]] = 1
        for i, j in zip(*linear_sum_assignment(matrix, maximize=True), strict=True):
            m = edges.get((rows[i], cols[j]))
            if m is not None and book.free(m, s):
                book.put(m, s)
    book.repair()
    return book.slot_of


def lp_bound(problem: Problem) -> float:
    """The LP relaxation of the scheduling model, solved by HiGHS (an exact but slow bound)."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    book = _Book(problem)
    columns = [(m, s) for m in problem.meetings if m.a != m.b for s in book.common(m)]
    rows, cols = [], []
    row_ids: dict = {}

    def row(key) -> int:
        return row_ids.setdefault(key, len(row_ids))

    for j, (m, s) in enumerate(columns):
        keys = [("m", m.id), ("p", m.a, s), ("p", m.b, s)]
        table = problem.required_table(m)
        keys.append(("f", s) if table is None else ("t", table, s))
        for p in (m.a, m.b):
            if p in problem.caps:
                keys.append(("c", p))
        for key in keys:
            rows.append(row(key))
            cols.append(j)
    rhs = np.ones(len(row_ids))
    floating = len(problem.floating_tables())
    for key, i in row_ids.items():
        if key[0] == "f":
            rhs[i] = floating
        elif key[0] == "c":
            rhs[i] = problem.caps[key[1]]
    matrix = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(row_ids), len(columns)))
    result = linprog(
        -np.array([m.weight for m, _ in columns], dtype=float),
        A_ub=matrix.tocsr(),
        b_ub=rhs,
        bounds=(0, 1),
        method="highs",
    )
    return -result.fun
