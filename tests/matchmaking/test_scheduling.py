"""The scheduler and its checker on small cases with known optima, plus property tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaking.scheduling import (
    Meeting,
    Problem,
    ScheduleInfeasible,
    check,
    explain_unscheduled,
    idle_slots,
    konig_applicable,
    konig_colouring,
    schedule,
    schedule_cpsat,
    schedule_greedy,
    schedule_konig,
    schedule_search,
    upper_bound,
    upper_bound_report,
)
from matchmaking.scheduling_bench import generate, matching_repair


def fixed_table_problem(pairs, *, slots, hosts=None):
    hosts = hosts or sorted({b for _, b in pairs})
    return Problem(
        slots=slots,
        tables=[f"T{h}" for h in hosts],
        meetings=[Meeting(i, a, b) for i, (a, b) in enumerate(pairs)],
        fixed_tables={h: f"T{h}" for h in hosts},
    )


def slots_used(result):
    return {slot for slot, _ in result.assignment.values()}


KONIG_PAIRS = [
    ("c1", "A"),
    ("c2", "B"),
    ("c1", "B"),
    ("c2", "C"),
    ("c3", "A"),
    ("c3", "C"),
    ("c1", "C"),
    ("c2", "A"),
]


def test_konig_schedules_every_meeting_within_delta_slots():
    # Greedy-by-order colouring needs 4 slots here; Δ = 3.
    problem = fixed_table_problem(KONIG_PAIRS, slots=3)

    result = schedule_konig(problem)

    assert (len(result.assignment), check(problem, result.assignment), slots_used(result)) == (
        8,
        [],
        {0, 1, 2},
    )


def test_konig_colouring_handles_parallel_edges():
    edges = [(1, "c", "A"), (2, "c", "A"), (3, "c", "B"), (4, "d", "A")]

    colour = konig_colouring(edges)

    assert (
        sorted(colour.values()),
        colour[1] != colour[2] != colour[3],
        colour[4] not in (colour[1], colour[2]),
    ) == (
        [0, 0, 1, 2],
        True,
        True,
    )


def test_konig_refuses_when_delta_exceeds_slots_and_names_the_participant():
    problem = fixed_table_problem([("c1", "A"), ("c1", "B"), ("c1", "C")], slots=2)

    with pytest.raises(ScheduleInfeasible) as error:
        schedule_konig(problem)

    assert error.value.reasons == ["c1 has 3 accepted meetings but the workshop has only 2 slots"]


def test_auto_uses_konig_for_the_fixed_table_format():
    problem = fixed_table_problem([("c1", "A"), ("c2", "A"), ("c1", "B")], slots=4)

    result = schedule(problem)

    assert (result.method, result.status, len(result.assignment)) == ("konig", "optimal", 3)


def test_konig_not_applicable_with_availability_limits():
    problem = fixed_table_problem([("c1", "A")], slots=2)
    problem.availability = {"c1": {1}}

    assert konig_applicable(problem) is False


def test_cpsat_keeps_a_locked_meeting_and_finds_the_optimum_around_it():
    # c1 meets A and B; A also meets c2. Two slots. Locking c1-B into slot 0 forces c1-A into
    # slot 1, and then A-c2 must take slot 0: all three fit (optimum 3).
    problem = Problem(
        slots=2,
        tables=["TA", "TB"],
        meetings=[
            Meeting(1, "c1", "A"),
            Meeting(2, "c1", "B", locked=(0, "TB")),
            Meeting(3, "c2", "A"),
        ],
        fixed_tables={"A": "TA", "B": "TB"},
    )

    result = schedule_cpsat(problem, time_limit=5)

    assert (result.assignment, check(problem, result.assignment), result.status) == (
        {1: (1, "TA"), 2: (0, "TB"), 3: (0, "TA")},
        [],
        "optimal",
    )


def test_cpsat_prefers_heavier_meetings_when_not_all_fit():
    # One slot, c1 can meet A (weight 1) or B (weight 3, mutual interest): B wins.
    problem = Problem(
        slots=1,
        tables=["TA", "TB"],
        meetings=[Meeting("plain", "c1", "A", weight=1), Meeting("mutual", "c1", "B", weight=3)],
        fixed_tables={"A": "TA", "B": "TB"},
    )

    result = schedule_cpsat(problem, time_limit=5)

    assert (result.assignment, explain_unscheduled(problem, result.assignment)) == (
        {"mutual": (0, "TB")},
        {"plain": "every slot c1 and A could share is taken by another of their meetings"},
    )


def test_cpsat_closes_idle_gaps():
    # c1 can only come in slots 0 and 2 … unless nothing forces it: with both meetings free to move,
    # the optimum puts them side by side (no idle slot between them).
    problem = Problem(
        slots=4,
        tables=["TA", "TB"],
        meetings=[Meeting(1, "c1", "A"), Meeting(2, "c1", "B")],
        fixed_tables={"A": "TA", "B": "TB"},
        availability={"A": {0}, "B": {1, 3}},
    )

    result = schedule_cpsat(problem, time_limit=5)

    assert result.assignment == {1: (0, "TA"), 2: (1, "TB")}


def test_caps_limit_meetings_and_explanation_names_the_cap():
    problem = Problem(
        slots=3,
        tables=["t1", "t2"],
        meetings=[Meeting(1, "c1", "A"), Meeting(2, "c1", "B"), Meeting(3, "c1", "C")],
        caps={"c1": 2},
    )

    result = schedule_cpsat(problem, time_limit=5)
    reasons = explain_unscheduled(problem, result.assignment)

    assert (len(result.assignment), check(problem, result.assignment), list(reasons.values())) == (
        2,
        [],
        ["c1 has reached the cap of 2 meetings"],
    )


def test_no_common_slot_is_explained():
    problem = Problem(
        slots=2, tables=["t"], meetings=[Meeting(1, "c", "A")], availability={"c": {0}, "A": {1}}
    )

    result = schedule(problem, time_limit=2)

    assert (
        result.assignment,
        explain_unscheduled(problem, result.assignment),
        upper_bound(problem),
    ) == (
        {},
        {1: "c and A share no available slot"},
        0,
    )


def test_conflicting_locks_are_refused_with_the_binding_constraint():
    problem = Problem(
        slots=2,
        tables=["t1", "t2"],
        meetings=[Meeting(1, "c1", "A", locked=(0, "t1")), Meeting(2, "c1", "B", locked=(0, "t2"))],
    )

    with pytest.raises(ScheduleInfeasible) as error:
        schedule(problem)

    assert error.value.reasons == ["locked meetings conflict: c1 has 2 meetings in slot 0"]


def test_checker_reports_every_kind_of_violation():
    problem = Problem(
        slots=2,
        tables=["t1", "TA"],
        meetings=[
            Meeting(1, "c1", "A"),
            Meeting(2, "c1", "B"),
            Meeting(3, "c2", "B", locked=(1, "t1")),
            Meeting(4, "c3", "B"),
        ],
        availability={"c2": {1}},
        caps={"B": 1},
        fixed_tables={"A": "TA"},
    )
    assignment = {1: (0, "t1"), 2: (0, "t1"), 3: (0, "TA"), 4: (5, "t9"), 99: (0, "t1")}

    kinds = sorted(v.kind for v in check(problem, assignment))

    assert kinds == [
        "availability",
        "cap",
        "double_booking",
        "double_booking",
        "fixed_table",
        "lock",
        "reserved_table",
        "slot",
        "table",
        "table_overuse",
        "unknown",
    ]


def test_greedy_preview_is_valid_and_fast():
    pairs = [(f"c{i}", f"A{(i * 7 + k) % 10}") for i in range(40) for k in range(3)]
    problem = Problem(
        slots=8,
        tables=[f"t{i}" for i in range(12)],
        meetings=[Meeting(i, a, b) for i, (a, b) in enumerate(pairs)],
    )

    result = schedule_greedy(problem)

    assert (
        check(problem, result.assignment),
        result.seconds < 1,
        len(result.assignment) <= upper_bound(problem),
    ) == ([], True, True)


def test_upper_bound_counts_participant_budgets():
    # A can meet at most 2 (cap) of its 4 visitors; B meets one: bound 3.
    problem = Problem(
        slots=4,
        tables=["t1", "t2", "t3"],
        meetings=[Meeting(i, f"c{i}", "A") for i in range(4)] + [Meeting(9, "c0", "B")],
        caps={"A": 2},
    )

    assert upper_bound(problem) == 3


@st.composite
def workshops(draw):
    slots = draw(st.integers(1, 6))
    visitors = [f"c{i}" for i in range(draw(st.integers(1, 6)))]
    hosts = [f"A{i}" for i in range(draw(st.integers(1, 4)))]
    fixed = draw(st.lists(st.sampled_from(hosts), unique=True, max_size=len(hosts)))
    floating = [f"t{i}" for i in range(draw(st.integers(0 if fixed else 1, 3)))]
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(visitors), st.sampled_from(hosts)), min_size=1, max_size=14
        )
    )
    everyone = visitors + hosts
    availability = draw(
        st.dictionaries(
            st.sampled_from(everyone), st.sets(st.integers(0, slots - 1)), max_size=len(everyone)
        )
    )
    caps = draw(st.dictionaries(st.sampled_from(everyone), st.integers(0, slots), max_size=3))
    return Problem(
        slots=slots,
        tables=[f"T{h}" for h in fixed] + floating,
        meetings=[
            Meeting(i, a, b, weight=draw(st.integers(1, 3))) for i, (a, b) in enumerate(pairs)
        ],
        availability=availability,
        caps=caps,
        fixed_tables={h: f"T{h}" for h in fixed},
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_property_greedy_schedules_pass_the_checker(problem):
    result = schedule_greedy(problem)

    assert (check(problem, result.assignment), len(result.assignment) <= upper_bound(problem)) == (
        [],
        True,
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_property_cpsat_schedules_pass_the_checker_and_beat_greedy(problem):
    greedy = schedule_greedy(problem)

    result = schedule_cpsat(problem, time_limit=2, workers=1)

    weight = lambda a: sum(m.weight for m in problem.meetings if m.id in a)  # noqa: E731
    assert (
        check(problem, result.assignment),
        weight(result.assignment) >= weight(greedy.assignment),
    ) == ([], True)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 6), st.integers(0, 4)), min_size=1, max_size=30),
)
def test_property_konig_uses_exactly_delta_slots(pairs):
    hosts = sorted({b for _, b in pairs})
    problem = fixed_table_problem(
        [(f"c{a}", f"A{b}") for a, b in pairs], slots=30, hosts=[f"A{h}" for h in hosts]
    )
    degree = {}
    for m in problem.meetings:
        for p in (m.a, m.b):
            degree[p] = degree.get(p, 0) + 1

    result = schedule_konig(problem)

    assert (
        check(problem, result.assignment),
        len(result.assignment),
        max(slots_used(result)) + 1,
    ) == (
        [],
        len(pairs),
        max(degree.values()),
    )


# --- Experts: a third kind of participant ------------------------------------------------------


def expert_problem():
    """Two companies with fixed tables, three CCI and one expert who meets both sides."""
    return Problem(
        slots=4,
        tables=["TA", "TB", "t1"],
        meetings=[
            Meeting(1, "c1", "A"),
            Meeting(2, "c2", "A"),
            Meeting(3, "c3", "B"),
            Meeting(4, "c1", "E"),  # a CCI asks the expert
            Meeting(5, "c2", "E"),
            Meeting(6, "E", "A"),  # the expert visits a company
            Meeting(7, "E", "B"),
        ],
        fixed_tables={"A": "TA", "B": "TB"},
        experts={"E"},
    )


def test_konig_does_not_apply_when_an_expert_takes_part():
    problem = expert_problem()

    two_sided = fixed_table_problem([("c", "A")], slots=1)

    assert (konig_applicable(problem), konig_applicable(two_sided)) == (False, True)


def test_auto_falls_back_to_the_search_with_experts_and_says_so():
    problem = expert_problem()

    result = schedule(problem, time_limit=5)

    expert_slots = sorted(
        slot for mid, (slot, _t) in result.assignment.items() if mid in {4, 5, 6, 7}
    )
    assert (
        result.method,
        check(problem, result.assignment),
        len(result.assignment),
        len(set(expert_slots)),
    ) == ("cpsat-experts", [], 7, 4)  # search, then CP-SAT polished it (a small problem)


def test_checker_reports_an_expert_booked_twice_in_one_slot():
    problem = expert_problem()

    violations = check(problem, {4: (0, "t1"), 6: (0, "TA")})

    assert [(v.kind, v.message) for v in violations] == [
        ("double_booking", "E has 2 meetings in slot 0")
    ]


@st.composite
def workshops_with_experts(draw):
    problem = draw(workshops())
    visitors = sorted({m.a for m in problem.meetings})
    hosts = sorted({m.b for m in problem.meetings})
    experts = [f"E{i}" for i in range(draw(st.integers(1, 2)))]
    extra = draw(
        st.lists(
            st.one_of(
                st.tuples(st.sampled_from(visitors), st.sampled_from(experts)),
                st.tuples(st.sampled_from(experts), st.sampled_from(hosts)),
            ),
            min_size=1,
            max_size=8,
        )
    )
    start = len(problem.meetings)
    problem.meetings += [Meeting(start + i, a, b) for i, (a, b) in enumerate(extra)]
    problem.experts = set(experts)
    if not problem.floating_tables():
        problem.tables.append("t-extra")  # visitor-expert meetings need a free table
    return problem


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops_with_experts())
def test_property_schedules_with_experts_pass_the_checker(problem):
    greedy = schedule_greedy(problem)
    result = schedule(problem, time_limit=2)

    assert (
        check(problem, greedy.assignment),
        check(problem, result.assignment),
        result.method in {"cpsat-experts", "search-experts", "greedy"},
    ) == ([], [], True)


# --- The search, the bounds and their guarantees ------------------------------------------------


def test_search_places_every_meeting_where_first_fit_needs_a_kempe_chain():
    # König's example with availability given (so König itself does not apply): Δ = 3 = slots,
    # so all 8 fit, but only after exchanging meetings between slots.
    problem = fixed_table_problem(KONIG_PAIRS, slots=3)
    problem.availability = {"c1": {0, 1, 2}}

    result = schedule_search(problem, time_limit=5)

    assert (
        konig_applicable(problem),
        len(result.assignment),
        check(problem, result.assignment),
    ) == (
        False,
        8,
        [],
    )


def test_upper_bound_names_the_slots_when_visitors_share_one_slot_with_the_host():
    # c1 and c2 can only come in slot 0, when A can meet just one of them. Budgets allow 2.
    problem = Problem(
        slots=2,
        tables=["TA"],
        meetings=[Meeting(1, "c1", "A"), Meeting(2, "c2", "A")],
        availability={"c1": {0}, "c2": {0}},
        fixed_tables={"A": "TA"},
    )

    report = upper_bound_report(problem)

    assert (report.value, report.binding, report.bounds["budgets"]) == (1, "slots", 2)


def test_upper_bound_handles_experts_by_the_double_cover():
    # E meets c1, c2 and A, all available only in slots 0 and 1: E's budget is 2.
    problem = expert_problem()
    problem.availability = {"E": {0, 1}}
    problem.meetings = [m for m in problem.meetings if m.id in (4, 5, 6)]

    report = upper_bound_report(problem)

    assert (report.bounds["budgets"], report.value) == (2, 2)


def test_schedule_reports_bound_binding_and_keeps_the_idle_gap_preference():
    # A meets c1 (only slot 0) and c2 (any slot): c2 next to c1 leaves A no idle slot.
    problem = Problem(
        slots=4,
        tables=["TA"],
        meetings=[Meeting(1, "c1", "A"), Meeting(2, "c2", "A")],
        availability={"c1": {0}, "c2": {0, 1, 2, 3}},
        fixed_tables={"A": "TA"},
    )

    result = schedule(problem, method="search", time_limit=5)

    assert (
        len(result.assignment),
        result.bound,
        result.binding,
        idle_slots(problem, result.assignment),
    ) == (2, 2, "requests", {"A": 0, "c1": 0, "c2": 0})


def test_search_is_deterministic_and_beats_the_slot_matching_baseline():
    problem = generate(200, 1_000, seed=1)

    first = schedule_search(problem, time_limit=60)
    second = schedule_search(problem, time_limit=60)
    baseline = matching_repair(problem)

    assert (
        first.assignment == second.assignment,
        check(problem, first.assignment),
        len(first.assignment) > len(baseline),
        len(first.assignment) <= upper_bound(problem),
    ) == (True, [], True, True)


def test_search_stops_when_progress_says_so_and_keeps_what_it_has():
    problem = generate(60, 300, seed=2)
    seen = []

    def progress(snapshot):
        seen.append(snapshot["phase"])
        return False

    result = schedule_search(problem, time_limit=60, progress=progress)

    assert (seen, check(problem, result.assignment), result.notes) == (
        ["start"],
        [],
        ["stopped on request: the best schedule found so far is kept"],
    )
    assert len(result.assignment) > 0


def _unit(problem):
    problem.meetings = [Meeting(m.id, m.a, m.b, 1, m.locked) for m in problem.meetings]
    return problem


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(workshops(), workshops_with_experts()))
def test_property_search_passes_the_checker_and_the_bound_holds_the_optimum(problem):
    problem = _unit(problem)
    result = schedule_search(problem, time_limit=5)
    exact = schedule_cpsat(problem, time_limit=5, gap_penalty=False, workers=1)
    report = upper_bound_report(problem)

    assert (
        check(problem, result.assignment),
        len(result.assignment) <= report.value,
        exact.status != "optimal" or len(exact.assignment) <= report.value,
    ) == ([], True, True)
