"""Exports in the background: start, run and sweep export jobs."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import exports
from ..enums import (
    ExportStatus,
)
from ..models import (
    ExportJob,
    Programme,
    User,
)
from ..privacy import archive as privacy_archive
from ..privacy import services as privacy_services

logger = logging.getLogger(__name__)


# --- Exports in the background ----------------------------------------------------------------


def _enqueue_export_on_commit(job_id: int) -> None:
    def enqueue() -> None:
        from ..tasks import export_job_run_task

        try:
            export_job_run_task.apply_async(kwargs={"job_id": job_id}, retry=False)
        except Exception:
            logger.warning("Broker unavailable; export job %s waits for the sweep", job_id)

    transaction.on_commit(enqueue)


@transaction.atomic
def export_job_start(
    *, actor: User, programme: Programme, dataset_key: str, fmt: str, params: dict | None = None
) -> ExportJob:
    """Queue a background export of one registered dataset.

    Side effects: enqueues :func:`export_job_run` on commit (a broker outage leaves the job
    pending for the sweep)."""
    dataset = exports.export_get(dataset_key)
    if dataset is None or fmt not in exports.FORMATS:
        raise ValidationError(_("There is no such export."))
    if not actor.has_perm(dataset.scope, programme):
        raise PermissionDenied(_("You may not export this list."))
    params = {key: str(value) for key, value in (params or {}).items()}
    job = ExportJob.objects.create(
        user=actor,
        programme=programme,
        dataset=dataset.key,
        format=fmt,
        params=params,
        rows_total=dataset.count(programme, params),
    )
    _enqueue_export_on_commit(job.pk)
    return job


def export_job_run(*, job_id: int) -> ExportJob | None:
    """Write the job's file in chunks, recording progress after each; only one worker wins.

    Not one transaction: progress must be visible while the file is written. A failure is
    recorded on the job (status ``failed`` and the error) and no file is kept.
    """
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.PENDING).update(
        status=ExportStatus.RUNNING
    )
    if not claimed:
        return None
    job = ExportJob.objects.select_related("programme", "organisation", "user").get(pk=job_id)
    dataset = exports.export_get(job.dataset)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(rows_done=done)

    try:
        with tempfile.TemporaryFile() as out:
            if job.format == privacy_archive.FORMAT:  # a personal data archive (a ZIP)
                name, rows = privacy_services.privacy_archive_write(job, out, progress)
            elif dataset is None:
                raise ValueError(f"the list {job.dataset!r} is no longer registered")
            else:
                rows = exports.write(
                    dataset, job.programme, job.params, job.format, out, progress=progress
                )
                name = exports.filename(job.programme, dataset, job.format)
            out.seek(0)
            job.file.save(name, File(out), False)
    except Exception as error:  # recorded on the job, which the owner sees
        logger.exception("Export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportStatus.DONE,
        file=job.file.name,
        rows_done=rows,
        rows_total=max(rows, job.rows_total),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


@dataclass
class ExportSweep:
    requeued: int
    deleted: int


def export_job_sweep(*, now: datetime | None = None) -> ExportSweep:
    """Beat's housekeeping: requeue jobs left pending by a broker outage, and delete jobs (and
    their files) older than ``EXPORT_JOB_KEEP_HOURS``."""
    now = now or timezone.now()
    stale = ExportJob.objects.filter(
        status=ExportStatus.PENDING, created_at__lt=now - timedelta(minutes=1)
    ).values_list("pk", flat=True)
    requeued = 0
    for job_id in stale:
        _enqueue_export_on_commit(job_id)
        requeued += 1
    old = ExportJob.objects.filter(
        created_at__lt=now - timedelta(hours=settings.EXPORT_JOB_KEEP_HOURS)
    )
    deleted = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return ExportSweep(requeued=requeued, deleted=deleted)
