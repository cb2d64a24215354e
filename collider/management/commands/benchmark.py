"""Measure main pages: median and p95 server time and SQL queries, on a seeded data set.

Not a test: run it (``make benchmark``) and read the table. ``--scale N`` first adds a synthetic
programme with N participants and N/5 events (with registrations) so list pages are measured
on many rows; the data set is reused on later runs.
"""

import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collider import services
from collider.enums import MembershipStatus, RegistrationStatus, Role, Sector
from collider.models import Event, Membership, Programme, Registration, User

BENCH_SLUG = "benchmark-programme"


def _seed(scale: int, stdout) -> Programme:
    programme = Programme.objects.filter(slug=BENCH_SLUG).first()
    if programme is None:
        today = timezone.localdate()
        programme = services.programme_create(
            name="Benchmark programme",
            slug=BENCH_SLUG,
            status="running",
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=300),
        )
    have = programme.memberships.filter(role=Role.PARTICIPANT).count()
    if have < scale:
        users = User.objects.bulk_create(
            User(email=f"bench{i}@bench.example", first_name="Bench", last_name=str(i))
            for i in range(have, scale)
        )
        Membership.objects.bulk_create(
            Membership(
                programme=programme,
                user=user,
                role=Role.PARTICIPANT,
                sector=Sector.CCI if i % 3 else Sector.AVM,
                status=MembershipStatus.APPROVED if i % 10 else MembershipStatus.APPLIED,
            )
            for i, user in enumerate(users)
        )
        start = timezone.now() + timedelta(days=5)
        events = Event.objects.bulk_create(
            Event(
                programme=programme,
                kind="training_session",
                title=f"Session {i}",
                starts_at=start + timedelta(hours=i),
                ends_at=start + timedelta(hours=i + 1),
                venue="Bench hall",
                capacity=50,
            )
            for i in range(scale // 5)
        )
        participants = list(User.objects.filter(email__endswith="@bench.example")[:50])
        Registration.objects.bulk_create(
            Registration(
                event=event,
                user=user,
                name=user.display_name,
                email=user.email,
                status=RegistrationStatus.CONFIRMED,
            )
            for event in events[:50]
            for user in participants
        )
        stdout.write(f"Seeded {scale - have} participants and {len(events)} events")
    return programme


class Command(BaseCommand):
    help = "Median/p95 server time and query counts of the main pages."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15)
        parser.add_argument("--scale", type=int, default=2000)

    def handle(self, *args, runs: int, scale: int, **options):
        programme = _seed(scale, self.stdout)
        partner = User.objects.filter(email="bench-partner@bench.example").first()
        if partner is None:
            partner = User.objects.create_user("bench-partner@bench.example", "x")
            Membership.objects.create(
                programme=programme,
                user=partner,
                role=Role.PARTNER,
                status=MembershipStatus.APPROVED,
            )
        event = programme.events.first()
        slug = programme.slug
        pages = [
            ("home", reverse("home"), None),
            ("programme detail", reverse("collider:programme_detail", args=[slug]), None),
            ("dashboard (partner)", reverse("dashboard"), partner),
            ("members (partner)", reverse("collider:programme_manage", args=[slug]), partner),
            ("events (partner)", reverse("collider:event_list", args=[slug]), partner),
            ("event detail", reverse("collider:event_detail", args=[slug, event.pk]), partner),
            ("attendance", reverse("collider:event_attendance", args=[slug, event.pk]), partner),
            ("activity", reverse("collider:programme_activity", args=[slug]), partner),
            ("one-pager PDF", reverse("collider:programme_onepager", args=[slug]), None),
        ]
        self.stdout.write(f"{'page':<22}{'median ms':>10}{'p95 ms':>9}{'queries':>9}")
        for name, url, user in pages:
            client = Client(HTTP_HOST="127.0.0.1")
            if user is not None:
                client.force_login(user)
            times, queries = [], 0
            for _ in range(runs if "PDF" not in name else max(3, runs // 5)):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (name, response.status_code)
                queries = len(captured)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            self.stdout.write(f"{name:<22}{statistics.median(times):>10.1f}{p95:>9.1f}{queries:>9}")
