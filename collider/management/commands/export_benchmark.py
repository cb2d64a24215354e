"""Measure exports: time, file size, peak Python memory and SQL queries, CSV and XLSX, both as a
direct download (the whole file built in the request) and as a background job (what the worker
does: the file written in chunks with progress updates, then stored).

Not a test: run it and read the table. It seeds a programme of ``--rows`` participants (from
organisations in five countries) once and reuses it on later runs. Each case runs twice: once
for time and queries, once under tracemalloc for the peak (tracemalloc slows Python down).
"""

from __future__ import annotations

import time
import tracemalloc
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from collider import exports, services
from collider.enums import MembershipStatus, OrganisationKind, Role, Sector
from collider.models import ExportJob, Membership, Organisation, Programme, User

SLUG = "export-benchmark"
COUNTRIES = ("AT", "SI", "HR", "HU", "CZ")


def _seed(rows: int, stdout) -> tuple[Programme, User]:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None:
        today = timezone.localdate()
        programme = services.programme_create(
            name="Export benchmark",
            slug=SLUG,
            status="running",
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=300),
        )
    admin, _ = User.objects.get_or_create(
        email="export-bench-admin@bench.example",
        defaults={"is_staff": True, "is_superuser": True, "first_name": "Bench"},
    )
    have = Membership.objects.filter(programme=programme, role=Role.PARTICIPANT).count()
    if have < rows:
        organisations = list(Organisation.objects.filter(slug__startswith="export-bench-"))
        if not organisations:
            organisations = Organisation.objects.bulk_create(
                Organisation(
                    name=f"Bench organisation {i}",
                    slug=f"export-bench-{i}",
                    kind=OrganisationKind.CCI_COMPANY,
                    sector=Sector.CCI,
                    country=COUNTRIES[i % len(COUNTRIES)],
                )
                for i in range(200)
            )
        users = User.objects.bulk_create(
            User(
                email=f"export-bench-{i}@bench.example",
                first_name="Export",
                last_name=f"Bench {i}",
            )
            for i in range(have, rows)
        )
        Membership.objects.bulk_create(
            Membership(
                programme=programme,
                user=user,
                role=Role.PARTICIPANT,
                sector=Sector.CCI if i % 3 else Sector.AVM,
                organisation=organisations[i % len(organisations)],
                status=MembershipStatus.APPROVED,
            )
            for i, user in enumerate(users)
        )
        stdout.write(f"Seeded {rows - have} participants")
    return programme, admin


def _direct(dataset, programme, fmt):
    body = exports.render(dataset, programme, {}, fmt)
    return len(body)


def _job(dataset, programme, admin, fmt):
    # The row as export_job_start makes it, without enqueueing: the worker's part is measured.
    job = ExportJob.objects.create(
        user=admin,
        programme=programme,
        dataset=dataset.key,
        format=fmt,
        rows_total=dataset.count(programme, {}),
    )
    job = services.export_job_run(job_id=job.pk)
    size = job.file.size
    job.file.delete(save=False)
    job.delete()
    return size


class Command(BaseCommand):
    help = "Measure CSV/XLSX exports of a large list, direct and as a background job."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--dataset", default="participants")

    def handle(self, *args, rows: int, dataset: str, **options):
        programme, admin = _seed(rows, self.stdout)
        found = exports.export_get(dataset)
        if found is None:
            self.stderr.write(f"No dataset {dataset!r}")
            return
        count = found.count(programme, {})
        self.stdout.write(
            f"{connection.vendor}: dataset {dataset!r}, {count} rows, chunk {exports.CHUNK}"
        )
        self.stdout.write(
            f"{'case':<14}{'time (s)':>10}{'size (KiB)':>12}{'peak (MiB)':>12}{'queries':>9}"
        )
        for mode in ("direct", "job"):
            for fmt in exports.FORMATS:

                def run(fmt=fmt, mode=mode):
                    if mode == "direct":
                        return _direct(found, programme, fmt)
                    return _job(found, programme, admin, fmt)

                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    size = run()
                    elapsed = time.perf_counter() - started
                tracemalloc.start()
                run()
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                self.stdout.write(
                    f"{mode + ' ' + fmt:<14}{elapsed:>10.2f}{size / 1024:>12.0f}"
                    f"{peak / 1024 / 1024:>12.1f}{len(queries):>9}"
                )
