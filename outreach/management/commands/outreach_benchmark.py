"""Measure the outreach figures the phase-2 issue asks for, on throw-away data.

* brochure PDF rendering time and page count for 30 practices;
* queries and time of the checklist aggregate (selector and results page) at 1 and 1,000
  responses.

Everything runs inside a transaction that is rolled back, so the database is left as it was.
"""

from __future__ import annotations

import io
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from collider import services as core
from collider.enums import MembershipStatus, ProgrammeStatus, Role
from collider.models import Membership, User
from outreach import selectors, services
from outreach.benchmarking import benchmark_checklist
from outreach.demo import PRACTICES, _answers
from outreach.enums import ResponseSource


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure brochure rendering (30 practices) and checklist aggregates (1 / 1,000)."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=1000)
        parser.add_argument("--practices", type=int, default=30)

    def handle(self, *args, responses: int, practices: int, **options):
        try:
            with transaction.atomic():
                self._run(responses=responses, practices=practices)
                raise Rollback
        except Rollback:
            pass

    def _run(self, *, responses: int, practices: int) -> None:
        today = timezone.localdate()
        programme = core.programme_create(
            name="Benchmark programme",
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=300),
            status=ProgrammeStatus.RUNNING,
        )
        partner = User.objects.create_user("benchmark-partner@example.org", "x")
        Membership.objects.create(
            programme=programme, user=partner, role=Role.PARTNER, status=MembershipStatus.APPROVED
        )
        # Brochure of N practices (the demo's six cases, repeated with numbered titles).
        cases = []
        for index in range(practices):
            spec = dict(PRACTICES[index % len(PRACTICES)])
            spec["title"] = f"{spec['title']} ({index + 1})"
            case = services.practice_create(actor=partner, programme=programme, **spec)
            cases.append(services.practice_publish(actor=partner, practice=case))
        brochure = services.brochure_save(
            actor=partner,
            programme=programme,
            practices=cases,
            title="Benchmark brochure",
            intro_cci="Creative industries.",
            intro_avm="Advanced manufacturing.",
            contacts="Benchmark contacts",
        )
        started = time.perf_counter()
        pdf = services.brochure_render(brochure=brochure, force=True)
        elapsed = time.perf_counter() - started
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        self.stdout.write(
            f"brochure: {practices} practices → {pages} pages, {len(pdf) / 1024:.0f} KiB, "
            f"rendered in {elapsed:.2f} s"
        )
        started = time.perf_counter()
        services.brochure_render(brochure=brochure)
        self.stdout.write(f"brochure: unchanged re-download {time.perf_counter() - started:.3f} s")

        checklist = benchmark_checklist(
            actor=partner, programme=programme, title="Benchmark checklist"
        )
        client = Client()
        client.force_login(partner)
        url = f"/p/{programme.slug}/checklists/{checklist.pk}/results/"
        made = 0
        for target in (1, responses):
            while made < target:
                services.checklist_response_submit(
                    checklist=checklist,
                    sector=("cci", "avm")[made % 2],
                    email=f"r{made}@example.org",
                    organisation_name=f"Org {made}",
                    consent=True,
                    answers=_answers(checklist, ("cci", "avm")[made % 2], made % 5),
                    source=ResponseSource.PAPER,
                    entered_by=partner,
                )
                made += 1
            # The query log is a bounded deque; empty it so the capture counts correctly.
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as selector_queries:
                started = time.perf_counter()
                selectors.checklist_aggregate(checklist=checklist)
                selector_time = time.perf_counter() - started
            client.get(url)  # warm the session and content-type caches
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as page_queries:
                started = time.perf_counter()
                status = client.get(url).status_code
                page_time = time.perf_counter() - started
            self.stdout.write(
                f"aggregate at {made} responses: selector {len(selector_queries)} queries "
                f"{selector_time * 1000:.1f} ms; results page {status} with "
                f"{len(page_queries)} queries {page_time * 1000:.1f} ms"
            )
