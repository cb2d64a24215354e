"""Browser journey of the exports: a partner of the demo programme opens the exports page, where
the participants list is above the (lowered) direct-download threshold, starts a background XLSX
export, watches the progress page poll until the worker has written the file, downloads it and
reads it back with openpyxl; the platform admin opens the network view. Every page is audited
with axe-core; screenshots land in test-artifacts/browser/exports/ (prefix ``exports-``)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from collider import services
from collider.enums import ExportStatus
from collider.models import ExportJob, Membership

from .support import ConsoleErrors, Screenshots, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNER = "petra.lindner@creativehub-graz.example"
ADMIN = "admin@demo.collider.test"


@pytest.fixture
def snap() -> Screenshots:
    return Screenshots.fresh("exports", "exports")


def test_background_export_progress_download_and_network(
    demo, new_context, snap, a11y, settings, celery_conf
):
    console = ConsoleErrors()
    settings.EXPORT_DIRECT_MAX_ROWS = 3
    # Jobs go to an in-memory broker that no worker reads, so the page shows them waiting until
    # this test does the worker's part.
    celery_conf(task_always_eager=False, broker_url="memory://")
    participants = Membership.objects.filter(programme=demo, role="participant").exclude(
        status="rejected"
    )

    page = console.watch(new_context().new_page())
    log_in(page, PARTNER, land=False)
    page.goto(f"/p/{demo.slug}/exports/")
    expect(page.get_by_role("heading", name="Exports", exact=True)).to_be_visible()
    row = page.locator('tr[data-export="participants"]')
    expect(row.locator("td").first).to_have_text(str(participants.count()))
    a11y.check(page, "exports")
    snap(page, "list")

    row.get_by_role("button", name="Prepare XLSX").click()
    expect(page.get_by_role("heading", name="Participants (XLSX)")).to_be_visible()
    expect(page.locator('[data-field="status_label"]')).to_have_text("Waiting")
    a11y.check(page, "job-waiting")
    snap(page, "job-waiting")

    job = ExportJob.objects.get()
    services.export_job_run(job_id=job.pk)  # what the worker does

    download_link = page.get_by_role("link", name="Download the file")
    expect(download_link).to_be_visible(timeout=15_000)
    expect(page.locator('[data-field="status_label"]')).to_have_text("Ready")
    expect(page.locator("#export-progress")).to_have_attribute("value", "100")
    a11y.check(page, "job-done")
    snap(page, "job-done")
    with page.expect_download() as info:
        download_link.click()
    body = open(info.value.path(), "rb").read()  # noqa: SIM115 - read once
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert (rows[0][:3], len(rows) - 1) == (("Name", "E-mail", "Sector"), participants.count())
    assert ExportJob.objects.get().status == ExportStatus.DONE

    admin = console.watch(new_context().new_page())
    log_in(admin, ADMIN)
    admin.get_by_role("link", name="Network").click()
    expect(
        admin.get_by_role("heading", name="Network: every programme and country")
    ).to_be_visible()
    expect(admin.locator("svg.network-chart rect")).to_have_count(1)
    a11y.check(admin, "network")
    snap(admin, "network")

    assert console.errors == []
    a11y.assert_clean()
