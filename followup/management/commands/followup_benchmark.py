"""Measure the follow-up pages on a large programme: median and p95 server time and queries.

Not a test: run ``python manage.py followup_benchmark`` and read the table. It first seeds (once,
reused on later runs) a programme of ``--scale`` participants in organisations from six
countries, scale/5 events with attendance, scale/2 cooperations at every stage with their moves,
check-ins and milestones, a match-making workshop with ``scale`` held 1:1 meetings and scale/8
signed agreements — every record the KPI engine counts. ``--compare`` also measures a copy with
a tenth of the rows, to show which query counts stay flat.
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta
from itertools import cycle

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collider import services as core
from collider.enums import (
    EventKind,
    MembershipStatus,
    OrganisationKind,
    RegistrationStatus,
    Role,
    Sector,
)
from collider.models import (
    Event,
    Membership,
    Organisation,
    OrganisationMember,
    Programme,
    Registration,
    User,
)
from followup.enums import CHECKIN_MONTHS, Anchor, CheckInSide, Outcome, Stage
from followup.models import CheckIn, Cooperation, Milestone, ReportingPeriod, StageMove
from followup.services import period_create, period_targets_set
from matchmaking.enums import AgreementStatus, RequestStatus, Side
from matchmaking.models import Agreement, MeetingRequest, Profile, Workshop

COUNTRIES = ("AT", "SI", "HU", "IT", "DE", "CZ")
STAGES = list(Stage)


def _seed(slug: str, scale: int, stdout) -> tuple[Programme, User]:
    programme = Programme.objects.filter(slug=slug).first()
    partner_email = f"partner@{slug}.example"
    if programme is not None:
        return programme, User.objects.get(email=partner_email)
    started = time.perf_counter()
    today = timezone.localdate()
    now = timezone.now()
    programme = core.programme_create(
        name=f"Follow-up benchmark {scale}",
        slug=slug,
        status="running",
        starts_on=today - timedelta(days=300),
        ends_on=today + timedelta(days=60),
    )
    partner = User.objects.create_user(partner_email, "x", first_name="Bench", last_name="Partner")
    Membership.objects.create(
        programme=programme, user=partner, role=Role.PARTNER, status=MembershipStatus.APPROVED
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"{slug} organisation {i}",
            slug=f"{slug}-org-{i}",
            kind=OrganisationKind.AVM_COMPANY if i % 3 == 0 else OrganisationKind.CCI_COMPANY,
            sector=Sector.AVM if i % 3 == 0 else Sector.CCI,
            country=COUNTRIES[i % len(COUNTRIES)],
        )
        for i in range(max(6, scale // 5))
    )
    avm_orgs = [o for o in organisations if o.sector == Sector.AVM]
    cci_orgs = [o for o in organisations if o.sector == Sector.CCI]
    users = User.objects.bulk_create(
        User(email=f"p{i}@{slug}.example", first_name="Person", last_name=str(i))
        for i in range(scale)
    )
    memberships = []
    sides = {}
    for i, user in enumerate(users):
        sector = Sector.AVM if i % 3 == 0 else Sector.CCI
        pool = avm_orgs if sector == Sector.AVM else cci_orgs
        organisation = pool[i % len(pool)]
        sides[user.pk] = (sector, organisation)
        memberships.append(
            Membership(
                programme=programme,
                user=user,
                role=Role.PARTICIPANT,
                sector=sector,
                organisation=organisation,
                status=MembershipStatus.APPROVED,
            )
        )
    Membership.objects.bulk_create(memberships)
    OrganisationMember.objects.bulk_create(
        OrganisationMember(organisation=m.organisation, user=m.user) for m in memberships
    )
    kinds = cycle([EventKind.TRAINING_SESSION, EventKind.INFO_DAY, EventKind.MATCHMAKING])
    past = now - timedelta(days=100)
    events = Event.objects.bulk_create(
        Event(
            programme=programme,
            kind=next(kinds),
            title=f"Event {i}",
            starts_at=past + timedelta(hours=i),
            ends_at=past + timedelta(hours=i + 1),
            venue="Hall",
            capacity=100,
        )
        for i in range(max(1, scale // 5))
    )
    Registration.objects.bulk_create(
        Registration(
            event=event,
            user=user,
            name=user.display_name,
            email=user.email,
            status=RegistrationStatus.CONFIRMED,
            attended=True,
        )
        for n, event in enumerate(events)
        for user in users[n % 10 :: max(1, len(users) // 20)][:20]
    )
    workshop = Workshop.objects.create(event=next(e for e in events if e.kind == "matchmaking"))
    profiles = Profile.objects.bulk_create(
        Profile(
            programme=programme,
            user=user,
            organisation=sides[user.pk][1],
            side=Side.AVM if sides[user.pk][0] == Sector.AVM else Side.CCI,
        )
        for user in users
    )
    avm_profiles = [p for p in profiles if p.side == Side.AVM]
    cci_profiles = [p for p in profiles if p.side == Side.CCI]
    meetings = MeetingRequest.objects.bulk_create(
        MeetingRequest(
            workshop=workshop,
            requester=cci_profiles[i % len(cci_profiles)],
            recipient=avm_profiles[(i * 7 + i // len(cci_profiles)) % len(avm_profiles)],
            reason="Fit",
            status=RequestStatus.ACCEPTED,
            expires_at=now,
            held_at=past,
        )
        for i in range(scale)
    )
    Agreement.objects.bulk_create(
        Agreement(
            programme=programme,
            title=f"Agreement {i}",
            meeting=meetings[i],
            goals="Goals",
            status=AgreementStatus.SIGNED,
            signed_at=past + timedelta(days=10),
            created_by=partner,
            kind="cooperation" if i % 4 else "business",
        )
        for i in range(max(1, scale // 8))
    )
    cooperations = Cooperation.objects.bulk_create(
        Cooperation(
            programme=programme,
            title=f"Cooperation {i}",
            cci_organisation=cci_orgs[i % len(cci_orgs)],
            avm_organisation=avm_orgs[i % len(avm_orgs)],
            cci_contact=users[(i * 3 + 1) % len(users)],
            avm_contact=users[(i * 3) % len(users)],
            stage=STAGES[i % len(STAGES)],
            stage_changed_at=past,
        )
        for i in range(max(1, scale // 2))
    )
    StageMove.objects.bulk_create(
        StageMove(
            cooperation=c, from_stage=Stage.FIRST_CONTACT, to_stage=c.stage, note="x", at=past
        )
        for c in cooperations
    )
    outcomes = cycle(Outcome.values)
    CheckIn.objects.bulk_create(
        CheckIn(
            cooperation=c,
            anchor=Anchor.MEETING,
            months=months,
            side=side,
            respondent=c.cci_contact if side == CheckInSide.CCI else c.avm_contact,
            due_at=past + timedelta(days=30 * months),
            outcome=next(outcomes) if months == 1 else "",
            answered_at=past if months == 1 else None,
        )
        for c in cooperations
        for months in CHECKIN_MONTHS
        for side in CheckInSide.values
    )
    Milestone.objects.bulk_create(
        Milestone(
            cooperation=c, title=f"Deliverable {n}", due_on=today + timedelta(days=n * 40 - 50)
        )
        for c in cooperations
        for n in range(2)
    )
    period = period_create(
        actor=partner,
        programme=programme,
        name="Whole programme",
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
    )
    period_targets_set(
        actor=partner, period=period, targets={"cooperations.agreements": 38, "events.total": 38}
    )
    stdout.write(
        f"Seeded {slug}: {scale} participants, {len(events)} events, {len(meetings)} meetings, "
        f"{len(cooperations)} cooperations in {time.perf_counter() - started:.1f} s"
    )
    return programme, partner


def _measure(client: Client, url: str, runs: int) -> tuple[float, float, int, int]:
    times, queries, size = [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            body = b"".join(response) if response.streaming else response.content
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(captured), len(body)
    times.sort()
    return (
        statistics.median(times),
        times[min(len(times) - 1, int(len(times) * 0.95))],
        queries,
        size,
    )


class Command(BaseCommand):
    help = "Median/p95 time and queries of the follow-up pages on a large programme."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=10)
        parser.add_argument("--scale", type=int, default=2000)
        parser.add_argument("--compare", action="store_true", help="also measure scale/10")

    def handle(self, *args, runs: int, scale: int, compare: bool, **options):
        scales = [scale // 10, scale] if compare else [scale]
        self.stdout.write(
            f"{'rows':>6}  {'page':<26}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'KB':>8}"
        )
        for size in scales:
            with transaction.atomic():
                programme, partner = _seed(f"followup-bench-{size}", size, self.stdout)
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(partner)
            slug = programme.slug
            period = ReportingPeriod.objects.filter(programme=programme).first()
            pages = [
                ("KPI dashboard", reverse("followup:kpi_dashboard", args=[slug]), runs),
                (
                    "KPI dashboard (period)",
                    reverse("followup:kpi_dashboard", args=[slug]) + f"?period={period.pk}",
                    runs,
                ),
                ("cooperation board", reverse("followup:board", args=[slug]), runs),
                ("programme report PDF", reverse("followup:report_pdf", args=[slug]), 3),
                (
                    "participants XLSX",
                    reverse("followup:export", args=[slug, "participants", "xlsx"]),
                    3,
                ),
            ]
            for name, url, n in pages:
                median, p95, queries, size_bytes = _measure(client, url, n)
                self.stdout.write(
                    f"{size:>6}  {name:<26}{median:>10.1f}{p95:>9.1f}{queries:>9}"
                    f"{size_bytes / 1024:>8.0f}"
                )
