"""The scheduler off the request path: a POST queues a run, the worker reports progress and
the result, the partner can stop it, locks made meanwhile win, and the page stays small.

Celery runs eagerly in tests; on-commit callbacks are executed explicitly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collider.enums import Role, Sector
from matchmaking import services
from matchmaking.enums import RunStatus
from matchmaking.models import MeetingRequest, ScheduleRun
from tests.factories import member

from .factories import accepted, profile, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(programme):
    return member(programme, Role.PARTNER)


def _workshop_with(programme, partner, *, meetings: int, slots: int = 3):
    """``meetings`` CCI visitors all asking one AVM host who keeps a table."""
    w = workshop(programme, actor=partner, slots=slots, tables=2)
    avm = profile(programme, "UX", "robotics", sector=Sector.AVM)
    services.table_fix(actor=partner, table=w.tables.first(), profile=avm)
    for _ in range(meetings):
        accepted(w, profile(programme, "UX", "product design"), avm)
    return w


def _url(name, programme, w, *extra):
    return reverse(f"matchmaking:{name}", args=[programme.slug, w.pk, *extra])


def test_post_only_queues_a_run_and_the_worker_places_the_meetings(
    client, programme, partner, django_capture_on_commit_callbacks
):
    w = _workshop_with(programme, partner, meetings=4, slots=3)
    client.force_login(partner)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(_url("schedule", programme, w), {"method": "auto"})
    queued = ScheduleRun.objects.get()
    placed_before_worker = MeetingRequest.objects.filter(slot__isnull=False).count()
    for callback in callbacks:
        callback()  # the worker picks the task up
    run = ScheduleRun.objects.get()
    page = client.get(_url("schedule", programme, w)).content.decode()

    assert (
        response.status_code,
        response["Location"],
        queued.status,
        placed_before_worker,
        run.status,
        run.placed,
        run.bound,
        run.binding,
        run.violations,
    ) == (
        302,
        _url("schedule", programme, w),
        RunStatus.PENDING,
        0,
        RunStatus.DONE,
        3,
        3,
        "budgets",
        0,
    )
    assert "Placed 3 of at most 3 possible meetings (4 accepted)" in page
    assert "No schedule can place more: each participant meets at most" in page
    assert "Checker: 0 violations." in page


def test_status_json_reports_progress_of_a_running_job(client, programme, partner):
    w = _workshop_with(programme, partner, meetings=2)
    run = services.schedule_run_start(actor=partner, workshop=w)  # not committed: it waits
    ScheduleRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, placed=1)
    client.force_login(partner)

    response = client.get(_url("schedule_run_status", programme, w, run.pk))

    assert (response["Cache-Control"], response.json()) == (
        "no-store",
        {
            "status": "running",
            "status_label": "Running",
            "phase": "",
            "placed": 1,
            "total": 2,
            "bound": None,
            "finished": False,
        },
    )


def test_a_second_run_is_refused_while_one_is_unfinished(client, programme, partner):
    w = _workshop_with(programme, partner, meetings=1)
    services.schedule_run_start(actor=partner, workshop=w)
    client.force_login(partner)

    response = client.post(_url("schedule", programme, w), {"method": "auto"})

    assert (response.status_code, ScheduleRun.objects.count()) == (400, 1)
    assert "The scheduler is already running for this workshop." in response.content.decode()


def test_a_run_no_worker_finished_is_abandoned_and_a_new_one_may_start(programme, partner):
    w = _workshop_with(programme, partner, meetings=1)
    lost = services.schedule_run_start(actor=partner, workshop=w)
    ScheduleRun.objects.filter(pk=lost.pk).update(
        status=RunStatus.RUNNING, created_at=timezone.now() - timedelta(minutes=16)
    )

    fresh = services.schedule_run_start(actor=partner, workshop=w)

    lost.refresh_from_db()
    assert (lost.status, lost.error, fresh.status) == (
        RunStatus.FAILED,
        "No worker finished this run; it was abandoned.",
        RunStatus.PENDING,
    )


def test_stop_ends_a_waiting_run_at_once(client, programme, partner):
    w = _workshop_with(programme, partner, meetings=1)
    run = services.schedule_run_start(actor=partner, workshop=w)
    client.force_login(partner)

    response = client.post(_url("schedule_run_stop", programme, w, run.pk))

    run.refresh_from_db()
    assert (response.status_code, run.status, run.stop_requested) == (
        302,
        RunStatus.STOPPED,
        True,
    )
    # The worker that picks the task up later finds nothing to do.
    assert services.schedule_run_execute(run_id=run.pk) is None


def test_stop_during_a_run_keeps_the_best_schedule_so_far(programme, partner):
    w = _workshop_with(programme, partner, meetings=3, slots=3)
    run = services.schedule_run_start(actor=partner, workshop=w)
    # The partner presses stop while the worker is already on it.
    ScheduleRun.objects.filter(pk=run.pk).update(stop_requested=True)

    run = services.schedule_run_execute(run_id=run.pk)

    assert (run.status, run.placed, run.violations) == (RunStatus.STOPPED, 3, 0)
    assert MeetingRequest.objects.filter(slot__isnull=False).count() == 3


def test_a_lock_made_during_a_run_wins_over_the_runs_placement(programme, partner):
    w = _workshop_with(programme, partner, meetings=2, slots=2)
    services.schedule_run(actor=partner, workshop=w, method="greedy")
    first = MeetingRequest.objects.order_by("pk").first()
    slot_before = first.slot_id
    problem_started = services.problem_for(w)  # the run has read the workshop ...
    services.meeting_lock(actor=partner, request=first, locked=True)  # ... then a lock lands

    outcome = services._schedule_save(
        w, problem_started[0], problem_started[1], _moved_everything(problem_started[0])
    )

    first.refresh_from_db()
    assert (first.slot_id, outcome["violations"], outcome["placed"]) == (slot_before, [], 1)


def _moved_everything(problem):
    """A result that puts every meeting into the other slot than the greedy did."""
    from matchmaking import scheduling

    greedy = scheduling.schedule_greedy(problem)
    return scheduling.Result(
        {pk: (1 - slot, table) for pk, (slot, table) in greedy.assignment.items()}, "test", 0.0
    )


def test_scheduler_page_queries_do_not_grow_with_the_workshop(client, programme, partner):
    counts = []
    for meetings in (3, 11):
        w = _workshop_with(programme, partner, meetings=meetings, slots=16)
        services.schedule_run_execute(
            run_id=services.schedule_run_start(actor=partner, workshop=w).pk
        )
        client.force_login(partner)
        client.get(_url("schedule", programme, w))  # warm the session and permission caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_url("schedule", programme, w))
        counts.append((response.status_code, "Placed" in response.content.decode(), len(captured)))

    assert counts[0] == counts[1]
