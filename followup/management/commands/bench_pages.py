"""Throughput of the main pages under gunicorn, as a share of a bare view on the same server.

Not a test: ``make bench-pages`` runs it and prints the table. It seeds (once, reused later) the
follow-up benchmark's programmes of 200 and 2,000 participants (``followup_benchmark``'s seeding:
organisations, events with attendance, held meetings, agreements, cooperations) and adds what
the other main pages list: a challenge with one idea per participant and three submitted
reviews each, published practices, training modules and a checklist with responses.

Then it starts gunicorn (``--workers``, default 2) on the configured database with
``collider.settings.bench`` — the production settings plus a bare ``HttpResponse('ok')`` view at
``/__bare__/``, with the shared cache production needs (``CACHE_URL``, else the broker's Redis) —
and drives each page with ``wrk`` (Debian's package ``wrk``): ``--connections``
concurrent connections measure the capacity (req/s); one connection (about half the capacity of
two workers) measures p50/p95/p99. Reading pages are kept whole by the page cache
(``collider.pagecache``) while nothing they read changes, as in production: the load runs measure
that; the query counts (from the test client, at both sizes) are those of rendering each page
with the page cache off, and of serving it again from the page cache. Rows
under 30 % of the bare view's req/s, or with a p95 over 100 ms, are marked with ``!``.

Each page is requested with the cookies a browser sends from its second page on: the CSRF
cookie and, for a logged-in page, the session (without the CSRF cookie every answer would mint
and set a new one, which no browser causes). ``--rendered-too`` measures every page a second
time in the same run on a gunicorn with ``PAGE_CACHE=false`` (each request renders the page, as
before the page cache) and prints its req/s and share beside.

The share is measured pair by pair: each page's run follows a run of the bare view of the same
length, and a page's share is the median over ``--repeat`` pairs of its req/s over that pair's
bare req/s, so a machine whose load changes during the benchmark still gives comparable shares.
A second reference, the *layout page* (``/__page__/``: the site's base template around a
paragraph, for a logged-in partner), shows what any page of ours costs before its content.

This command lives in the last phase's app because it seeds and visits every phase's pages.
"""

from __future__ import annotations

import http.client
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from challenges.enums import ChallengeStatus, IdeaStatus, IPStance
from challenges.models import Challenge, Idea, Review, ReviewCriterion, Score
from challenges.selectors import ranking_scope
from collider.cached import forget
from collider.enums import MembershipStatus, Role, Sector
from collider.models import Membership, Organisation, Programme, User
from followup.management.commands.followup_benchmark import _seed
from matchmaking.models import Workshop
from outreach import services as outreach
from outreach.benchmarking import benchmark_checklist
from outreach.demo import PRACTICES, _answers
from outreach.enums import PublicationStatus, ResponseSource
from outreach.models import Checklist, Practice
from training.enums import Dimension, ModuleFormat
from training.models import Module

BARE, LAYOUT = "/__bare__/", "/__page__/"
SHARE_MIN = 0.30
P95_MAX_MS = 100.0
REVIEWS_PER_IDEA = 3

# wrk's own report lacks p95: this script prints one parseable line at the end of a run.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %.3f %.3f %.3f\\n", summary.requests,
    summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


@dataclass
class Page:
    name: str
    url: str
    user: User | None


@dataclass
class Load:
    rps: float
    p50: float
    p95: float
    p99: float
    # This page's req/s over the bare view's in the same pair of runs (median of the pairs).
    share: float = 1.0


def _person(email: str, programme: Programme, role: str, sector: str = "") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, "x", first_name="Bench", last_name=role.title())
        Membership.objects.create(
            programme=programme,
            user=user,
            role=role,
            sector=sector,
            status=MembershipStatus.APPROVED,
        )
    return user


def _seed_challenge(programme: Programme, scale: int, people: dict) -> Challenge:
    challenge = Challenge.objects.filter(programme=programme).first()
    if challenge is not None:
        return challenge
    now = timezone.now()
    challenge = Challenge.objects.create(
        programme=programme,
        owner=people["avm"],
        organisation=Organisation.objects.filter(
            sector=Sector.AVM, slug__startswith=programme.slug
        ).first(),
        title="Make cobot zones visible",
        public_summary="Operators misread the safety zones around our cobots.",
        context="Cobot cells for metalworking SMEs.",
        problem_statement="Floor markings wear off.",
        scope="Signals and onboarding.",
        expected_outcome="A tested signal language.",
        constraints="ISO 10218.",
        resources="A demo cell.",
        budget_min=8000,
        budget_max=20000,
        timeline="Eight weeks.",
        ip_stance=IPStance.LICENCE,
        status=ChallengeStatus.IDEATION_CLOSED,
    )
    criteria = [
        ReviewCriterion.objects.get_or_create(
            programme=programme, name=name, defaults={"weight": weight, "order": i}
        )[0]
        for i, (name, weight) in enumerate(
            [("Fit", 3), ("Feasibility", 2), ("Innovation", 2), ("Team", 1), ("Cost", 1)]
        )
    ]
    leads = list(
        User.objects.filter(
            memberships__programme=programme, memberships__sector=Sector.CCI
        ).order_by("pk")
    )
    ideas = Idea.objects.bulk_create(
        Idea(
            challenge=challenge,
            lead=leads[i % len(leads)],
            title=f"Idea {i}",
            summary="Summary",
            approach="Approach",
            deliverables="Deliverables",
            time_plan="Time plan",
            status=IdeaStatus.SUBMITTED,
            submitted_at=now,
        )
        for i in range(scale)
    )
    reviewers = [people["expert"], people["facilitator"], people["expert2"]]
    reviews = Review.objects.bulk_create(
        Review(
            idea=idea,
            reviewer=reviewer,
            due_at=now,
            no_conflict_confirmed=True,
            submitted_at=now,
        )
        for idea in ideas
        for reviewer in reviewers[:REVIEWS_PER_IDEA]
    )
    Score.objects.bulk_create(
        Score(review=review, criterion=criterion, value=1 + (review.pk + criterion.pk) % 5)
        for review in reviews
        for criterion in criteria
    )
    forget(ranking_scope(programme.pk))  # written in bulk, without the services' signals
    return challenge


def _seed_outreach_and_training(programme: Programme, scale: int, partner: User) -> Checklist:
    if not Practice.objects.filter(programme=programme).exists():
        now = timezone.now()
        Practice.objects.bulk_create(
            Practice(
                programme=programme,
                created_by=partner,
                status=PublicationStatus.PUBLISHED,
                published_at=now,
                **{**PRACTICES[i % len(PRACTICES)], "title": f"Practice {i}"},
            )
            for i in range(max(10, scale // 20))
        )
        Module.objects.bulk_create(
            Module(
                programme=programme,
                title=f"Module {i}",
                dimension=list(Dimension)[i % len(Dimension)],
                format=list(ModuleFormat)[i % len(ModuleFormat)],
                description="What the module teaches.",
                learning_outcomes="One\nTwo",
            )
            for i in range(max(5, scale // 40))
        )
    checklist = Checklist.objects.filter(programme=programme).first()
    if checklist is not None:
        return checklist
    checklist = benchmark_checklist(actor=partner, programme=programme, title="Readiness")
    for n in range(max(5, scale // 4)):
        sector = ("cci", "avm")[n % 2]
        outreach.checklist_response_submit(
            checklist=checklist,
            sector=sector,
            email=f"r{n}@{programme.slug}.example",
            organisation_name=f"Org {n}",
            consent=True,
            answers=_answers(checklist, sector, n % 5),
            source=ResponseSource.PAPER,
            entered_by=partner,
        )
    return checklist


def _pages(scale: int, stdout) -> list[Page]:
    with transaction.atomic():
        programme, partner = _seed(f"followup-bench-{scale}", scale, stdout)
        slug = programme.slug
        people = {
            "partner": partner,
            "facilitator": _person(f"facilitator@{slug}.example", programme, Role.FACILITATOR),
            "expert": _person(f"expert@{slug}.example", programme, Role.EXPERT),
            "expert2": _person(f"expert2@{slug}.example", programme, Role.EXPERT),
            "cci": User.objects.get(email=f"p1@{slug}.example"),
            "avm": User.objects.get(email=f"p0@{slug}.example"),
        }
        challenge = _seed_challenge(programme, scale, people)
        checklist = _seed_outreach_and_training(programme, scale, partner)
    facilitator = people["facilitator"]
    event = programme.events.order_by("starts_at").first()
    # The follow-up seeding's match-making workshop: ``scale`` accepted meetings to schedule.
    workshop = Workshop.objects.get(event__programme=programme)
    return [
        Page("bare view", BARE, None),
        Page("layout page", LAYOUT, partner),
        Page("home", reverse("home"), None),
        Page("programme", reverse("collider:programme_detail", args=[slug]), None),
        Page("events", reverse("collider:event_list", args=[slug]), partner),
        Page("event detail", reverse("collider:event_detail", args=[slug, event.pk]), partner),
        Page("members", reverse("collider:programme_manage", args=[slug]), partner),
        *(
            Page(f"dashboard ({role})", reverse("dashboard"), people[role])
            for role in ("partner", "facilitator", "expert", "cci", "avm")
        ),
        Page("idea list", reverse("challenges:idea_list", args=[slug, challenge.pk]), facilitator),
        Page("ranking", reverse("challenges:ranking", args=[slug, challenge.pk]), facilitator),
        Page("KPI dashboard", reverse("followup:kpi_dashboard", args=[slug]), partner),
        Page("cooperation board", reverse("followup:board", args=[slug]), partner),
        Page("scheduler page", reverse("matchmaking:schedule", args=[slug, workshop.pk]), partner),
        Page(
            "checklist results",
            reverse("outreach:checklist_results", args=[slug, checklist.pk]),
            partner,
        ),
        Page("library", reverse("outreach:practice_list", args=[slug]), None),
        Page("catalogue", reverse("training:module_list", args=[slug]), None),
    ]


def _analyze() -> None:
    """Give the planner statistics of the rows just seeded, as autovacuum does in production:
    without them PostgreSQL guesses a handful of rows per table and, e.g., sorts every member
    of the programme where an index would hand over the first page."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _queries(page: Page, *, kept: bool = False) -> int:
    """Queries of rendering the page (``kept``: of serving it again from the page cache)."""
    client = Client(HTTP_HOST="127.0.0.1")
    if page.user is not None:
        client.force_login(page.user)
    with override_settings(PAGE_CACHE=kept):
        client.get(page.url)  # warm the session, content types, template and page caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
    if response.status_code != 200:
        raise CommandError(f"{page.name}: {page.url} answered {response.status_code}")
    return len(captured)


def _session_cookie(user: User | None) -> str:
    """The cookies a browser sends from its second page on: the CSRF cookie our first answer
    set, and the session of ``user`` (none for an anonymous visitor)."""
    csrf = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    cookies = [f"{settings.CSRF_COOKIE_NAME}={csrf}"]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session}")
    return "; ".join(cookies)


def _cache_url() -> str:
    """The shared cache production runs with (sessions, rate limits, cached pages' parts):
    ``CACHE_URL``, else the Redis the broker uses; a process-local cache only without Redis."""
    url = os.environ.get("CACHE_URL", "")
    broker = settings.CELERY_BROKER_URL
    if not url and broker.startswith(("redis://", "rediss://")):
        url = broker
    return url


class Command(BaseCommand):
    help = "req/s, p50/p95/p99 and queries of the main pages as a share of a bare view."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8190)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
        parser.add_argument(
            "--repeat", type=int, default=3, help="pairs of runs (bare, page) per page; median"
        )
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--scale", type=int, default=2000)
        parser.add_argument("--only", default="", help="measure pages whose name contains this")
        parser.add_argument(
            "--rendered-too",
            action="store_true",
            help="also measure every page rendered on every request (PAGE_CACHE=false), in "
            "the same run, and print it beside (the pages as they were before the page cache)",
        )

    def handle(
        self, *args, port, workers, duration, repeat, connections, scale, only, rendered_too, **_
    ):
        if shutil.which("wrk") is None:
            raise CommandError("wrk is missing: apt-get install wrk")
        small = self._pages_at(scale // 10, only)
        pages = self._pages_at(scale, only)
        _analyze()
        queries = {
            page.name: (_queries(low), _queries(page), _queries(page, kept=True))
            for low, page in zip(small, pages, strict=True)
            if page.url not in (BARE, LAYOUT)
        }
        self.stdout.write(f"  cache: {_cache_url() or 'process-local (set CACHE_URL to Redis)'}")
        bare = next(page for page in pages if page.url == BARE)
        runs = [True, False] if rendered_too else [True]
        results = {}
        for page_cache in runs:
            with self._gunicorn(port, workers, page_cache):
                results[page_cache] = {
                    page.name: self._load(page, bare, port, duration, connections, repeat)
                    for page in pages
                }
        self._print(pages, results[True], queries, scale, results.get(False))

    def _pages_at(self, scale: int, only: str) -> list[Page]:
        pages = _pages(scale, self.stdout)
        return [p for p in pages if p.url in (BARE, LAYOUT) or only.lower() in p.name.lower()]

    def _gunicorn(self, port: int, workers: int, page_cache: bool):
        command = self

        class Server:
            def __enter__(self):
                static_root = Path(settings.BASE_DIR) / "var" / "bench-static"
                env = {
                    **os.environ,
                    "DJANGO_SETTINGS_MODULE": "collider.settings.bench",
                    "DJANGO_SECRET_KEY": settings.SECRET_KEY,
                    "DJANGO_DEBUG": "false",
                    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                    "DJANGO_SECURE_SSL_REDIRECT": "false",
                    "DJANGO_SECURE_COOKIES": "false",
                    "STATIC_ROOT": str(static_root),
                    "LOG_LEVEL": "WARNING",
                    "CACHE_URL": _cache_url(),
                    "PAGE_CACHE": "true" if page_cache else "false",
                }
                command.stdout.write(f"  gunicorn with PAGE_CACHE={env['PAGE_CACHE']}")
                if not (static_root / "staticfiles.json").exists():
                    subprocess.run(
                        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                        env=env,
                        cwd=settings.BASE_DIR,
                        check=True,
                    )
                self.process = subprocess.Popen(
                    [
                        *(sys.executable, "-m", "gunicorn", "collider.wsgi"),
                        *("--workers", str(workers), "--bind", f"127.0.0.1:{port}"),
                        *("--log-level", "warning"),
                    ],
                    env=env,
                    cwd=settings.BASE_DIR,
                )
                for _ in range(120):
                    try:
                        if command._status(port, "/__bare__/", "") == 200:
                            return self
                    except OSError:
                        time.sleep(0.5)
                self.process.terminate()
                raise CommandError("gunicorn did not answer within a minute")

            def __exit__(self, *exc):
                self.process.terminate()
                self.process.wait(timeout=30)

        return Server()

    @staticmethod
    def _status(port: int, url: str, cookie: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", url, headers={"Cookie": cookie} if cookie else {})
        status = conn.getresponse().status
        conn.close()
        return status

    def _load(
        self, page: Page, bare: Page, port: int, duration: int, connections: int, repeat: int
    ) -> Load:
        cookie = _session_cookie(page.user)
        status = self._status(port, page.url, cookie)
        if status != 200:
            raise CommandError(f"{page.name}: {page.url} answered {status} under gunicorn")
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(WRK_REPORT)
            script.flush()

            def wrk(conns: int, seconds: int, url: str = page.url, cookie: str = cookie):
                command = ["wrk", f"-t{min(2, conns)}", f"-c{conns}", f"-d{seconds}s"]
                command += ["-s", script.name, "--timeout", "10s"]
                if cookie:
                    command += ["-H", f"Cookie: {cookie}"]
                out = subprocess.run(
                    [*command, f"http://127.0.0.1:{port}{url}"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                match = re.search(
                    r"^BENCH (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)$", out, re.M
                )
                requests, micros, errors, p50, p95, p99 = match.groups()
                if int(errors):
                    raise CommandError(f"{page.name}: {errors} failed requests under load")
                if not int(requests):  # none finished within the run: no latency to report
                    return 0.0, math.inf, math.inf, math.inf
                return int(requests) / (int(micros) / 1e6), float(p50), float(p95), float(p99)

            wrk(connections, 2)  # warm-up: workers fill their caches
            pairs = []
            for _ in range(repeat):
                # The bare view's own row is its runs alone: its share is 100 % by definition.
                bare_rps = wrk(connections, duration, bare.url, "")[0] if page is not bare else 0
                rps = wrk(connections, duration)[0]
                pairs.append((rps, bare_rps or rps))
            _, p50, p95, p99 = wrk(1, duration)
        rps = statistics.median(rps for rps, _bare in pairs)
        share = statistics.median(rps / bare_rps for rps, bare_rps in pairs)
        self.stdout.write(f"  measured {page.name}: {rps:.0f} req/s, {share:.0%} of bare")
        return Load(rps, p50, p95, p99, share)

    def _print(self, pages, results, queries, scale, rendered=None) -> None:
        layout = results.get("layout page")
        small = scale // 10
        before = f"{'rendered':>10}{'of bare':>9}" if rendered else ""
        self.stdout.write(
            f"\n{'page':<24}{'req/s':>8}{'of bare':>9}{'of layout':>10}{'p50 ms':>8}{'p95 ms':>8}"
            f"{'p99 ms':>8}{f'q@{small}':>8}{f'q@{scale}':>8}{'q kept':>8}{before}"
        )
        for page in pages:
            load = results[page.name]
            of_layout = f"{load.share / layout.share:>9.0%}" if layout else f"{'-':>9}"
            low, high, kept = queries.get(page.name, (0, 0, 0))
            mark = " !" if load.share < SHARE_MIN or load.p95 > P95_MAX_MS else ""
            if rendered:
                then = rendered[page.name]
                mark = f"{then.rps:>10.0f}{then.share:>8.0%}{mark}"
            self.stdout.write(
                f"{page.name:<24}{load.rps:>8.0f}{load.share:>8.0%} {of_layout}"
                f" {load.p50:>7.1f} {load.p95:>7.1f} {load.p99:>7.1f}"
                f"{low:>8}{high:>8}{kept:>8}{mark}"
            )
        self.stdout.write(
            f"\nShares are medians of paired runs (bare view, then the page). ! = under "
            f"{SHARE_MIN:.0%} of the bare view's req/s, or p95 over {P95_MAX_MS:.0f} ms at one "
            "connection (about half the capacity of two workers). 'of layout': against the "
            "layout page, the site's base template around a paragraph. q@N: queries of "
            "rendering the page at N participants; q kept: of serving it again from the page "
            "cache (collider.pagecache) while nothing it read changed."
            + (
                " 'rendered': req/s and share of bare in the same run with PAGE_CACHE=false "
                "(every request renders the page, as before the page cache)."
                if rendered
                else ""
            )
        )
