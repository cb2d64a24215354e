"""Background exports: start, progress, file, owner-only download, failure and the sweep
(Celery runs eagerly in tests; on-commit callbacks are executed explicitly)."""

import io
from datetime import timedelta

import openpyxl
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from collider import exports, services
from collider.enums import ExportStatus, Role
from collider.models import ExportJob
from tests.factories import MembershipFactory, member


def _start(client, programme, key="participants", fmt="xlsx", capture=None):
    url = reverse("collider:export_job_start", args=[programme.slug, key, fmt])
    with capture(execute=True):
        return client.post(url)


def test_job_runs_to_done_and_its_owner_downloads_the_xlsx(
    client, programme, partner, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(exports, "CHUNK", 2)  # several progress reports for five rows
    MembershipFactory.create_batch(5, programme=programme)
    client.force_login(partner)

    response = _start(client, programme, capture=django_capture_on_commit_callbacks)

    job = ExportJob.objects.get()
    assert response["Location"] == reverse("collider:export_job_detail", args=[job.pk])
    status = client.get(reverse("collider:export_job_status", args=[job.pk])).json()
    assert (status["status"], status["rows_done"], status["rows_total"], status["percent"]) == (
        ExportStatus.DONE,
        5,
        5,
        100,
    )
    body = b"".join(client.get(status["download_url"]).streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert (rows[0][0], len(rows)) == ("Name", 6)


def test_job_page_shows_progress_and_polls_the_status_url(
    client, programme, partner, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    job = services.export_job_start(
        actor=partner, programme=programme, dataset_key="participants", fmt="csv"
    )  # not committed in this test: the job waits

    page = client.get(reverse("collider:export_job_detail", args=[job.pk])).content.decode()

    status_url = reverse("collider:export_job_status", args=[job.pk])
    assert f'data-status-url="{status_url}"' in page
    assert "collider/export_job.js" in page
    assert ExportJob.objects.get().status == ExportStatus.PENDING


def test_another_user_cannot_see_or_download_the_job(
    client, programme, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.export_job_start(
            actor=partner, programme=programme, dataset_key="participants", fmt="csv"
        )
    other = member(programme, Role.PARTNER)
    client.force_login(other)

    statuses = [
        client.get(reverse(name, args=[job.pk])).status_code
        for name in (
            "collider:export_job_detail",
            "collider:export_job_status",
            "collider:export_job_download",
        )
    ]

    assert statuses == [404, 404, 404]


def test_a_participant_cannot_start_a_job(
    client, programme, cci, django_capture_on_commit_callbacks
):
    client.force_login(cci)

    response = _start(client, programme, capture=django_capture_on_commit_callbacks)

    assert (response.status_code, ExportJob.objects.count()) == (403, 0)


def test_a_failing_job_records_its_error_and_keeps_no_file(programme, partner):
    job = ExportJob.objects.create(
        user=partner, programme=programme, dataset="gone", format="csv", rows_total=3
    )

    services.export_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, bool(job.file), "no longer registered" in job.error) == (
        ExportStatus.FAILED,
        False,
        True,
    )


def test_a_job_runs_only_once(programme, partner):
    job = ExportJob.objects.create(
        user=partner, programme=programme, dataset="participants", format="csv"
    )
    services.export_job_run(job_id=job.pk)

    second = services.export_job_run(job_id=job.pk)

    assert (second, ExportJob.objects.get().status) == (None, ExportStatus.DONE)


def test_sweep_deletes_old_jobs_with_their_files_and_keeps_recent_ones(
    programme, partner, settings
):
    settings.EXPORT_JOB_KEEP_HOURS = 24
    old, recent = (
        ExportJob.objects.create(
            user=partner,
            programme=programme,
            dataset="participants",
            format="csv",
            status=ExportStatus.DONE,
        )
        for _ in range(2)
    )
    old.file.save("old.csv", ContentFile(b"a,b"), save=True)
    name = old.file.name
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))

    result = services.export_job_sweep()

    assert (result.deleted, list(ExportJob.objects.values_list("pk", flat=True))) == (
        1,
        [recent.pk],
    )
    assert not old.file.storage.exists(name)


def test_sweep_requeues_a_job_left_pending(programme, partner, django_capture_on_commit_callbacks):
    job = ExportJob.objects.create(
        user=partner, programme=programme, dataset="participants", format="csv"
    )
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=5))

    with django_capture_on_commit_callbacks(execute=True):
        result = services.export_job_sweep()

    assert (result.requeued, ExportJob.objects.get().status) == (1, ExportStatus.DONE)
