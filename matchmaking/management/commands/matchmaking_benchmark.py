"""Benchmark the scheduler and the recommender on synthetic workshops (not a test: read the table).

For each size (participants / accepted meetings, 16 slots) it builds a fixed-table workshop —
half CCI visitors, half AVM hosts at their own table — once without availability limits (König
applies) and once where everyone is available for a random window of 8-16 slots and capped at
12 meetings (CP-SAT under a time limit, warm-started from the greedy preview). It prints
meetings scheduled, the max-flow upper bound and the share reached, violations found by the
independent checker, and time. Then it times complementarity recommendations for 10,000 CCI x
1,000 challenges, top 10 each way.
"""

from __future__ import annotations

import random
import time

import numpy as np
from django.core.management.base import BaseCommand

from matchmaking import recommend
from matchmaking.scheduling import (
    Meeting,
    Problem,
    check,
    schedule_cpsat,
    schedule_greedy,
    schedule_konig,
    upper_bound,
)

SIZES = ((200, 1_000), (1_000, 5_000), (2_000, 10_000))
SLOTS = 16


def synthetic_workshop(
    participants: int, meetings: int, *, limited: bool, seed: int = 7
) -> Problem:
    rng = random.Random(seed)
    hosts = [f"A{i}" for i in range(participants // 2)]
    visitors = [f"C{i}" for i in range(participants - len(hosts))]
    degree = dict.fromkeys(hosts + visitors, 0)
    pairs: set[tuple[str, str]] = set()
    # No participant above SLOTS requests, so the unlimited case is schedulable (Δ ≤ 16).
    while len(pairs) < meetings:
        a, b = rng.choice(visitors), rng.choice(hosts)
        if (a, b) in pairs or degree[a] >= SLOTS or degree[b] >= SLOTS:
            continue
        pairs.add((a, b))
        degree[a] += 1
        degree[b] += 1
    problem = Problem(
        slots=SLOTS,
        tables=[f"T{h}" for h in hosts],
        meetings=[
            Meeting(i, a, b, weight=rng.choice((1, 1, 1, 2, 3)))
            for i, (a, b) in enumerate(sorted(pairs))
        ],
        fixed_tables={h: f"T{h}" for h in hosts},
    )
    if limited:
        for p in hosts + visitors:
            length = rng.randint(8, SLOTS)
            start = rng.randint(0, SLOTS - length)
            problem.availability[p] = set(range(start, start + length))
            problem.caps[p] = 12
    return problem


class Command(BaseCommand):
    help = "Benchmark the meeting scheduler and the recommender on synthetic workshops."

    def add_arguments(self, parser):
        parser.add_argument("--time-limit", type=float, default=30.0, help="CP-SAT seconds per run")
        parser.add_argument(
            "--sizes", type=int, default=len(SIZES), help="how many of the sizes to run"
        )

    def handle(self, *args, time_limit: float, sizes: int, **options):
        header = (
            f"{'participants':>12} {'meetings':>8} {'limits':>6} {'method':>7} {'scheduled':>9} "
            f"{'bound':>6} {'share':>7} {'violations':>10} {'seconds':>8}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for participants, meetings in SIZES[:sizes]:
            for limited in (False, True):
                problem = synthetic_workshop(participants, meetings, limited=limited)
                bound_started = time.perf_counter()
                bound = upper_bound(problem)
                bound_seconds = time.perf_counter() - bound_started
                runs = [schedule_greedy(problem)]
                runs.append(
                    schedule_cpsat(problem, time_limit=time_limit)
                    if limited
                    else schedule_konig(problem)
                )
                for result in runs:
                    violations = len(check(problem, result.assignment))
                    scheduled = len(result.assignment)
                    self.stdout.write(
                        f"{participants:>12} {meetings:>8} {'yes' if limited else 'no':>6} "
                        f"{result.method:>7} {scheduled:>9} {bound:>6} {scheduled / bound:>7.1%} "
                        f"{violations:>10} {result.seconds:>8.2f}"
                    )
                    for note in result.notes:
                        self.stdout.write(f"{'':>12} note: {note}")
                self.stdout.write(f"{'':>12} (upper bound by max flow in {bound_seconds:.2f}s)")
        self._recommendations()

    def _recommendations(
        self, n_cci: int = 10_000, n_challenges: int = 1_000, terms: int = 40, k: int = 10
    ):
        rng = np.random.default_rng(11)

        def side(rows: int, low: int, high: int, available: bool) -> recommend.Side:
            term_rows = [
                rng.choice(terms, size=rng.integers(low, high + 1), replace=False)
                for _ in range(rows)
            ]
            lang_rows = [rng.choice(6, size=rng.integers(1, 3), replace=False) for _ in range(rows)]
            return recommend.Side(
                terms=recommend.incidence(term_rows, terms),
                languages=recommend.incidence(lang_rows, 6),
                region=rng.integers(0, 12, size=rows),
                available=rng.random(rows) < 0.6 if available else None,
            )

        started = time.perf_counter()
        cci = side(n_cci, 2, 6, True)
        challenges = side(n_challenges, 2, 5, False)
        built = time.perf_counter()
        scores = recommend.score_matrix(cci, challenges)
        scored = time.perf_counter()
        per_challenge, _ = recommend.top_k(scores, k, axis=0)
        per_cci, _ = recommend.top_k(scores, k, axis=1)
        done = time.perf_counter()
        self.stdout.write("")
        self.stdout.write(
            f"Recommendations: {n_cci:,} CCI x {n_challenges:,} challenges, {terms} terms, "
            f"top {k} each way"
        )
        self.stdout.write(f"  features built      {built - started:8.2f}s")
        self.stdout.write(f"  score matrix        {scored - built:8.2f}s")
        self.stdout.write(f"  top {k} both ways     {done - scored:8.2f}s")
        self.stdout.write(
            f"  total               {done - started:8.2f}s  "
            f"({per_challenge.shape} + {per_cci.shape})"
        )
