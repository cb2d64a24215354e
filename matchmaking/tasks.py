"""Thin Celery wrappers around services."""

from celery import shared_task

from collider.celery import app

from . import services


@shared_task(ignore_result=True)
def meeting_requests_expire_task() -> None:
    services.meeting_requests_expire()


# No retry and no time limit of Celery's own: the solver stops itself at the run's time limit,
# and a run lost with its worker stays "running" for the partner to start again.
@shared_task(ignore_result=True)
def schedule_run_execute_task(*, run_id: int) -> None:
    services.schedule_run_execute(run_id=run_id)


@app.on_after_finalize.connect
def _periodic(sender, **kwargs) -> None:
    # Registered here rather than in the shared settings so the core never names a phase app.
    sender.add_periodic_task(
        3600.0, meeting_requests_expire_task.s(), name="matchmaking-expire-requests"
    )
