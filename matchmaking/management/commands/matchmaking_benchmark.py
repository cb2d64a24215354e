"""Benchmark the scheduler and the recommender on synthetic workshops (not a test: read the table).

Scheduler: for each size (participants / accepted requests, 16 slots, fixed tables) and seed,
:func:`matchmaking.scheduling_bench.generate` builds an instance (Zipf popularity of the hosts,
60-100 % availability per participant; its docstring documents every knob). On each instance it
runs the project's ``schedule(method="auto")`` under ``--time-limit`` and the two baselines of
``scheduling_bench`` (greedy + local repair, slot-wise maximum assignment + repair), checks every
result with the independent checker, and prints meetings placed, the upper bound (and which
constraint binds it), share of the bound, violations, mean idle slots per participant and
seconds. ``--lp N`` also solves the LP relaxation with HiGHS for sizes up to N participants
(slow). One more instance per seed mixes in experts (non-bipartite, floating tables) and locks.

Recommender: complementarity recommendations for 10,000 CCI x 1,000 challenges, top 10 each way.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
from django.core.management.base import BaseCommand

from matchmaking import recommend, scheduling_bench
from matchmaking.scheduling import check, idle_slots, schedule, upper_bound_report

SIZES = ((200, 1_000), (1_000, 5_000), (2_000, 10_000))


class Command(BaseCommand):
    help = "Benchmark the meeting scheduler against two baselines, and the recommender."

    def add_arguments(self, parser):
        parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per solve")
        parser.add_argument(
            "--sizes", type=int, default=len(SIZES), help="how many of the sizes to run"
        )
        parser.add_argument("--seeds", type=int, default=3, help="instances per size")
        parser.add_argument(
            "--lp", type=int, default=0, help="LP relaxation (HiGHS) up to this many participants"
        )
        parser.add_argument("--skip-recommendations", action="store_true")

    def handle(self, *args, time_limit, sizes, seeds, lp, skip_recommendations, **options):
        header = (
            f"{'instance':<32} {'seed':>4} {'method':<22} {'placed':>7} {'bound':>6} "
            f"{'binds':<8} {'share':>6} {'viol':>4} {'idle/p':>6} {'seconds':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        instances = [(f"{n:,}/{r:,}/{n // 2} tables", n, r, {}) for n, r in SIZES[:sizes]] + [
            ("200/1,000 +5 experts +20 locks", 200, 1_000, {"experts": 5, "locks": 20})
        ]
        summary: dict[tuple, list] = {}
        for label, n, r, extra in instances:
            for seed in range(seeds):
                problem = scheduling_bench.generate(n, r, seed=seed, **extra)
                rows = self._runs(problem, time_limit)
                bound = None
                for method, assignment, seconds, result in rows:
                    placed = len(assignment)
                    if result is not None:
                        bound = (result.bound, result.binding)
                    violations = len(check(problem, assignment))
                    idle = idle_slots(problem, assignment)
                    mean_idle = sum(idle.values()) / len(idle) if idle else 0.0
                    if bound is None:
                        report = upper_bound_report(problem, lower=placed)
                        bound = (report.value, report.binding)
                    self.stdout.write(
                        f"{label:<32} {seed:>4} {method:<22} {placed:>7} {bound[0]:>6} "
                        f"{bound[1]:<8} {placed / bound[0]:>6.1%} {violations:>4} "
                        f"{mean_idle:>6.2f} {seconds:>7.2f}"
                    )
                    summary.setdefault((label, method), []).append(
                        (placed, placed / bound[0], seconds)
                    )
                    for note in result.notes if result is not None else ():
                        self.stdout.write(f"{'':>32} note: {note}")
                if n <= lp:
                    started = time.perf_counter()
                    value = scheduling_bench.lp_bound(problem)
                    best = max(len(a) for _m, a, _s, _r in rows)
                    self.stdout.write(
                        f"{label:<32} {seed:>4} {'LP relaxation (HiGHS)':<22} {'':>7} "
                        f"{value:>6.0f} {'':<8} {best / value:>6.1%} {'':>4} {'':>6} "
                        f"{time.perf_counter() - started:>7.2f}"
                    )
        self.stdout.write("")
        self.stdout.write("Means over the seeds:")
        for (label, method), values in summary.items():
            self.stdout.write(
                f"{label:<32} {method:<22} placed {statistics.mean(v[0] for v in values):>8.1f}"
                f"  share {statistics.mean(v[1] for v in values):>6.1%}"
                f"  seconds {statistics.mean(v[2] for v in values):>6.2f}"
            )
        if not skip_recommendations:
            self._recommendations()

    def _runs(self, problem, time_limit):
        """(method, assignment, seconds, project result or None) for each method."""
        rows = []
        result = schedule(problem, method="auto", time_limit=time_limit)
        rows.append((f"project {result.method}", result.assignment, result.seconds, result))
        self.stdout.write(
            f"{'':>32} (project: solve {result.seconds:.2f}s, bound {result.bound_seconds:.2f}s)"
        )
        for name, baseline in (
            ("greedy+repair", scheduling_bench.greedy_repair),
            ("slot matching+repair", scheduling_bench.matching_repair),
        ):
            started = time.perf_counter()
            slot_of = baseline(problem)
            rows.append(
                (
                    name,
                    scheduling_bench.as_assignment(problem, slot_of),
                    time.perf_counter() - started,
                    None,
                )
            )
        return rows

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
