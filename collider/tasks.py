"""Thin Celery wrappers around services: primitive ids in, one service call."""

from celery import shared_task

from . import services
from .privacy import services as privacy_services


@shared_task(ignore_result=True)
def reminder_deliver_task(*, reminder_id: int) -> None:
    services.reminder_deliver(reminder_id=reminder_id)


@shared_task(ignore_result=True)
def reminder_sweep_task() -> None:
    services.reminder_sweep()


@shared_task(ignore_result=True)
def phase_sync_task() -> None:
    services.phase_sync()


@shared_task(ignore_result=True)
def export_job_run_task(*, job_id: int) -> None:
    services.export_job_run(job_id=job_id)


@shared_task(ignore_result=True)
def export_job_sweep_task() -> None:
    services.export_job_sweep()


@shared_task(ignore_result=True)
def erasure_sweep_task() -> None:
    privacy_services.erasure_sweep()


@shared_task(ignore_result=True)
def retention_sweep_task() -> None:
    privacy_services.retention_sweep()
