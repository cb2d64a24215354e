"""The 1:1 meeting scheduler: pure modules with no Django in them.

* :mod:`.core` — the problem, the independent checker, König's exact colouring and the greedy
  preview;
* :mod:`.cpsat` — the full CP-SAT model;
* :mod:`.search` — slot-wise assignment start, slot refills, Kempe-chain and ejection-chain
  repair, for problems of any size;
* :mod:`.bounds` — valid upper bounds that name the constraint that binds.

:func:`schedule` picks among them.
"""

from __future__ import annotations

import time

from .bounds import BINDING, Bound, upper_bound, upper_bound_report
from .core import (
    Meeting,
    Placement,
    Problem,
    Result,
    ScheduleInfeasible,
    Violation,
    check,
    explain_unscheduled,
    konig_applicable,
    konig_colouring,
    schedule_greedy,
    schedule_konig,
)
from .cpsat import idle_slots, schedule_cpsat
from .search import Progress, schedule_search

__all__ = [
    "BINDING",
    "Bound",
    "Meeting",
    "Placement",
    "Problem",
    "Progress",
    "Result",
    "ScheduleInfeasible",
    "Violation",
    "check",
    "explain_unscheduled",
    "idle_slots",
    "konig_applicable",
    "konig_colouring",
    "schedule",
    "schedule_cpsat",
    "schedule_greedy",
    "schedule_konig",
    "schedule_search",
    "upper_bound",
    "upper_bound_report",
]

METHODS = ("auto", "konig", "search", "cpsat", "greedy")
# Up to this many (meeting, slot) pairs ``auto`` lets CP-SAT polish the search's schedule
# (with the idle-gap term) and possibly prove it optimal; above it the search alone runs, whose
# slot refills keep the idle-gap preference at every size.
CPSAT_POLISH_LIMIT = 8_000


def _pairs(problem: Problem) -> int:
    return sum(
        sum(
            1
            for s in range(problem.slots)
            if problem.available(m.a, s) and problem.available(m.b, s)
        )
        for m in problem.meetings
    )


def schedule(
    problem: Problem,
    *,
    method: str = "auto",
    time_limit: float = 10.0,
    progress: Progress | None = None,
    bound_time: float = 3.0,
) -> Result:
    """Schedule with ``method`` (``auto``: König when it applies and Δ fits, else the search,
    polished by CP-SAT when small) and attach the upper bound and what binds it.

    Deterministic for a given problem unless ``time_limit`` cuts the work short (the notes then
    say so). ``progress`` is passed to the search (return False from it to stop)."""
    started = time.perf_counter()
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    result = None
    if method == "greedy":
        result = schedule_greedy(problem)
    elif method == "konig" or (method == "auto" and konig_applicable(problem)):
        try:
            result = schedule_konig(problem)
        except ScheduleInfeasible:
            if method == "konig":
                raise
    if result is None:
        if method == "cpsat":
            start = schedule_search(problem, time_limit=time_limit / 3)
            remaining = time_limit - (time.perf_counter() - started)
            result = schedule_cpsat(problem, time_limit=remaining, start=start)
        else:
            small = method == "auto" and _pairs(problem) <= CPSAT_POLISH_LIMIT
            budget = time_limit / 2 if small else time_limit
            result = schedule_search(problem, time_limit=budget, progress=progress)
            stopped = any(note.startswith("stopped") for note in result.notes)
            if small and not stopped:
                remaining = time_limit - (time.perf_counter() - started)
                result = schedule_cpsat(
                    problem, time_limit=remaining, start=result, deterministic=True
                )
        if method == "auto" and problem.experts & problem.participants():
            # The name says why the exact path was not taken (the scheduler page words it):
            # experts make the meetings non-bipartite.
            result.method += "-experts"
    # ``seconds`` is the solve; the bound's time is reported beside it.
    result.seconds = time.perf_counter() - started
    if result.method != "konig":
        report = upper_bound_report(problem, lower=len(result.assignment), time_limit=bound_time)
        result.bound, result.binding = report.value, report.binding
        result.bound_seconds = report.seconds
    else:
        result.binding = "requests"
    return result
