"""Scheduling a workshop's accepted meetings into slots and tables, and publishing it.

Keyword-only, atomic; side effects named in docstrings.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.models import User
from collider.services import (
    notification_send,
)

from .. import scheduling
from ..actions import SCHEDULE_PUBLISH, SCHEDULE_RUN, SCHEDULE_RUN_STOP
from ..enums import (
    RequestStatus,
    RunStatus,
    Side,
)
from ..models import (
    MeetingRequest,
    ScheduleRun,
    ScheduleVersion,
    Workshop,
)
from .common import _url

# --- Scheduling ---------------------------------------------------------------------------------

logger = logging.getLogger(__name__)


HOST_RANK = {Side.CCI: 0, Side.EXPERT: 1, Side.AVM: 2}


def problem_for(workshop: Workshop) -> tuple[scheduling.Problem, dict]:
    """The pure scheduling problem of a workshop and lookups to map the answer back."""
    slots = list(workshop.slots.all())
    tables = list(workshop.tables.all())
    accepted = list(
        workshop.requests.filter(status=RequestStatus.ACCEPTED).select_related(
            "requester", "recipient"
        )
    )
    participations = list(workshop.participations.prefetch_related("unavailable"))
    slot_index = {slot.pk: slot.index for slot in slots}
    meetings = []
    experts = set()
    for r in accepted:
        # The host (``b``) is the side that keeps a table: AVM over expert over CCI.
        cci, avm = (
            (r.requester_id, r.recipient_id)
            if HOST_RANK[r.requester.side] < HOST_RANK[r.recipient.side]
            else (r.recipient_id, r.requester_id)
        )
        experts |= {p.pk for p in (r.requester, r.recipient) if p.side == Side.EXPERT}
        weight = 1 + 2 * r.mutual + 2 * r.facilitator_pick
        locked = (
            (slot_index[r.slot_id], r.table_id) if r.locked and r.slot_id and r.table_id else None
        )
        meetings.append(scheduling.Meeting(r.pk, cci, avm, weight=weight, locked=locked))
    availability = {}
    caps = {}
    for p in participations:
        blocked = {slot_index[s.pk] for s in p.unavailable.all()}
        if blocked:
            availability[p.profile_id] = set(range(len(slots))) - blocked
        caps[p.profile_id] = p.cap if p.cap is not None else workshop.default_cap
    problem = scheduling.Problem(
        slots=len(slots),
        tables=[t.pk for t in tables],
        meetings=meetings,
        availability=availability,
        caps=caps,
        fixed_tables={t.fixed_for_id: t.pk for t in tables if t.fixed_for_id},
        experts=experts,
    )
    # Caps no one reaches do not constrain anything; dropping them lets König apply.
    degree: dict = {}
    for m in meetings:
        for p in (m.a, m.b):
            degree[p] = degree.get(p, 0) + 1
    problem.caps = {p: c for p, c in caps.items() if degree.get(p, 0) > c}
    return problem, {"slots": {s.index: s for s in slots}, "tables": {t.pk: t for t in tables}}


def schedule_run(
    *,
    actor: User,
    workshop: Workshop,
    method: str = "auto",
    time_limit: float = 10.0,
    progress: scheduling.Progress | None = None,
) -> dict:
    """Place accepted meetings (locks kept) into the working schedule; nothing is published.

    Runs in the caller (the background run and tests use it). Returns the solver result, the
    checker's violations, the upper bound and what binds it, participants' mean idle slots and,
    per meeting left out, the constraint that binds. Raises ``ValidationError`` naming the
    conflict if locks clash.
    """
    SCHEDULE_RUN.check(actor, workshop)
    problem, lookup = problem_for(workshop)
    if not problem.slots or not problem.tables:
        raise ValidationError(_("The workshop needs slots and tables before scheduling."))
    try:
        result = scheduling.schedule(
            problem, method=method, time_limit=time_limit, progress=progress
        )
    except scheduling.ScheduleInfeasible as error:
        raise ValidationError(error.reasons) from error
    return _schedule_save(workshop, problem, lookup, result)


@transaction.atomic
def _schedule_save(workshop: Workshop, problem, lookup: dict, result) -> dict:
    """Write the placements, keeping every meeting locked now where it is locked.

    A run takes seconds to minutes: a partner may lock a meeting meanwhile. Such a lock wins,
    and placements that now clash with it are dropped (the checker then finds none)."""
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    requests = {
        r.pk: r
        for r in workshop.requests.filter(status=RequestStatus.ACCEPTED).select_related("slot")
    }
    assignment = {pk: p for pk, p in result.assignment.items() if pk in requests}
    locked = {
        pk: (r.slot.index, r.table_id)
        for pk, r in requests.items()
        if r.locked and r.slot_id and r.table_id
    }
    if locked:
        by_id = {m.id: m for m in problem.meetings}
        seats = {(p, slot) for pk, (slot, _t) in locked.items() for p in _sides(by_id, pk)}
        tables = {(table, slot) for slot, table in locked.values()}
        assignment = {
            pk: (slot, table)
            for pk, (slot, table) in assignment.items()
            if pk not in locked
            and (table, slot) not in tables
            and not any((p, slot) in seats for p in _sides(by_id, pk))
        } | locked
    changed = []
    for pk, request in requests.items():
        placement = assignment.get(pk)
        slot = lookup["slots"][placement[0]] if placement else None
        table = lookup["tables"][placement[1]] if placement else None
        if (request.slot_id, request.table_id) != (
            slot.pk if slot else None,
            table.pk if table else None,
        ):
            request.slot, request.table = slot, table
            changed.append(request)
    # Only what moved, in batches: one UPDATE … CASE over 10,000 rows is quadratic in
    # PostgreSQL (minutes at 2,000 participants).
    MeetingRequest.objects.bulk_update(changed, ["slot", "table"], batch_size=500)
    idle = scheduling.idle_slots(problem, assignment)
    return {
        "result": result,
        "placed": len(assignment),
        "violations": scheduling.check(problem, assignment),
        "unscheduled": scheduling.explain_unscheduled(problem, assignment),
        "total": len(problem.meetings),
        "bound": result.bound,
        "binding": result.binding,
        "idle_mean": sum(idle.values()) / len(idle) if idle else 0.0,
    }


def _sides(by_id: dict, pk) -> tuple:
    meeting = by_id.get(pk)
    return (meeting.a, meeting.b) if meeting else ()


def _enqueue_run_on_commit(run_id: int) -> None:
    def enqueue() -> None:
        from ..tasks import schedule_run_execute_task  # the tasks module imports the services

        try:
            schedule_run_execute_task.apply_async(kwargs={"run_id": run_id}, retry=False)
        except Exception:  # a broker outage must not fail the request; the run waits
            logger.warning("Broker unavailable; scheduler run %s waits", run_id)

    transaction.on_commit(enqueue)


RUN_ABANDONED_AFTER = timedelta(minutes=15)


@transaction.atomic
def schedule_run_start(
    *, actor: User, workshop: Workshop, method: str = "auto", time_limit: int = 10
) -> ScheduleRun:
    """Queue a scheduler run in the background. Side effects: enqueues
    :func:`schedule_run_execute` on commit. Refused while another run of the workshop is
    unfinished."""
    SCHEDULE_RUN.check(actor, workshop)
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    if not workshop.slots.exists() or not workshop.tables.exists():
        raise ValidationError(_("The workshop needs slots and tables before scheduling."))
    # A run no worker finished within RUN_ABANDONED_AFTER (worker lost, broker down) would
    # otherwise block the workshop for good: it is marked failed and a new one may start.
    now = timezone.now()
    workshop.runs.filter(
        status__in=[RunStatus.PENDING, RunStatus.RUNNING],
        created_at__lt=now - RUN_ABANDONED_AFTER,
    ).update(
        status=RunStatus.FAILED,
        error=_("No worker finished this run; it was abandoned."),
        finished_at=now,
    )
    if workshop.runs.filter(status__in=[RunStatus.PENDING, RunStatus.RUNNING]).exists():
        raise ValidationError(_("The scheduler is already running for this workshop."))
    run = ScheduleRun.objects.create(
        workshop=workshop,
        requested_by=actor,
        method=method,
        time_limit=time_limit,
        total=workshop.requests.filter(status=RequestStatus.ACCEPTED).count(),
    )
    _enqueue_run_on_commit(run.pk)
    return run


def schedule_run_execute(*, run_id: int) -> ScheduleRun | None:
    """The background run: claim it, solve while reporting progress, save the placements.

    Not one transaction: progress must be visible while the solver works. Between rounds the
    solver hears whether a stop was asked for; it then keeps the best schedule so far. A
    failure is recorded on the run."""
    claimed = ScheduleRun.objects.filter(pk=run_id, status=RunStatus.PENDING).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    run = ScheduleRun.objects.select_related("workshop__event__programme", "requested_by").get(
        pk=run_id
    )

    def progress(snapshot: dict) -> bool:
        ScheduleRun.objects.filter(pk=run_id).update(
            phase=snapshot["phase"], placed=snapshot["placed"]
        )
        return not ScheduleRun.objects.filter(pk=run_id, stop_requested=True).exists()

    try:
        outcome = schedule_run(
            actor=run.requested_by,
            workshop=run.workshop,
            method=run.method,
            time_limit=run.time_limit,
            progress=progress,
        )
    except (ValidationError, PermissionDenied) as error:
        message = "; ".join(getattr(error, "messages", [str(error)]))
        ScheduleRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=message[:2000], finished_at=timezone.now()
        )
    except Exception as error:  # recorded on the run, which the partner sees
        logger.exception("Scheduler run %s failed", run_id)
        ScheduleRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
    else:
        result = outcome["result"]
        stopped = ScheduleRun.objects.filter(pk=run_id, stop_requested=True).exists()
        ScheduleRun.objects.filter(pk=run_id).update(
            status=RunStatus.STOPPED if stopped else RunStatus.DONE,
            phase="done",
            placed=outcome["placed"],
            total=outcome["total"],
            bound=outcome["bound"],
            binding=outcome["binding"],
            idle_mean=outcome["idle_mean"],
            violations=len(outcome["violations"]),
            solver=result.method,
            notes=result.notes,
            unscheduled={
                str(pk): reason for pk, reason in list(outcome["unscheduled"].items())[:200]
            },
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    return run


def schedule_run_stop(*, actor: User, run: ScheduleRun) -> ScheduleRun:
    """Ask a run to stop; a run no worker has claimed yet stops at once."""
    SCHEDULE_RUN_STOP.check(actor, run)
    ScheduleRun.objects.filter(pk=run.pk, status=RunStatus.PENDING).update(
        status=RunStatus.STOPPED, stop_requested=True, finished_at=timezone.now()
    )
    ScheduleRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(stop_requested=True)
    run.refresh_from_db()
    return run


def _placements(workshop: Workshop) -> dict[str, list]:
    rows = workshop.requests.filter(
        status=RequestStatus.ACCEPTED, slot__isnull=False
    ).select_related("slot", "table")
    return {str(r.pk): [r.slot.index, r.table.name] for r in rows}


@SCHEDULE_PUBLISH.performs
def schedule_publish(*, actor: User, workshop: Workshop) -> ScheduleVersion:
    """Publish the working schedule as version n+1 (guarded by ``SCHEDULE_PUBLISH``: an
    organiser, something placed). Side effects: e-mails only the participants whose meetings
    changed since the previous version (all of them for version 1)."""
    placements = _placements(workshop)
    previous = workshop.versions.first()
    before = previous.placements if previous else {}
    changed_ids = {
        key for key in set(placements) | set(before) if placements.get(key) != before.get(key)
    }
    sides = MeetingRequest.objects.filter(pk__in=[int(k) for k in changed_ids]).values_list(
        "requester__user_id", "recipient__user_id"
    )
    user_ids = {uid for pair in sides for uid in pair}
    number = workshop.published_version + 1
    version = ScheduleVersion.objects.create(
        workshop=workshop,
        number=number,
        placements=placements,
        published_by=actor,
        notified=len(user_ids),
    )
    workshop.published_version = number
    workshop.save(update_fields=["published_version"])
    url = _url("matchmaking:workshop_detail", workshop.programme.slug, workshop.pk)
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        notification_send(
            kind="matchmaking_schedule_changed",
            recipient=user,
            programme=workshop.programme,
            target=version,
            context={
                "workshop": str(workshop),
                "version": number,
                "url": url,
                "name": user.display_name,
            },
            dedupe_key=f"mm-published:{version.pk}:{user.pk}",
        )
    return version
