"""The ranking page at 10 and 500 ideas: same number of queries; timings printed for the
report (run with -s)."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from challenges.enums import IdeaStatus
from challenges.models import Idea, Review, Score
from challenges.selectors import ranking_scope
from collider.cached import forget
from collider.enums import Role, Sector
from tests.factories import member

from .factories import criteria, open_challenge

pytestmark = pytest.mark.django_db


def _add_ideas(challenge, lead, reviewers, crits, n):
    ideas = Idea.objects.bulk_create(
        [
            Idea(
                challenge=challenge,
                lead=lead,
                title=f"Idea {i}",
                summary="s",
                approach="a",
                deliverables="d",
                time_plan="t",
                status=IdeaStatus.SUBMITTED,
                submitted_at=timezone.now(),
            )
            for i in range(n)
        ]
    )
    reviews = Review.objects.bulk_create(
        [
            Review(
                idea=idea,
                reviewer=reviewer,
                due_at=timezone.now(),
                no_conflict_confirmed=True,
                submitted_at=timezone.now(),
            )
            for idea in ideas
            for reviewer in reviewers
        ]
    )
    Score.objects.bulk_create(
        [
            Score(review=review, criterion=c, value=1 + (review.pk + c.pk) % 5)
            for review in reviews
            for c in crits
        ]
    )
    # Created in bulk, without the signals the services' writes send: forget the ranking here.
    forget(ranking_scope(challenge.programme_id))


def _measure(client, path) -> tuple[int, float]:
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200
    return len(ctx.captured_queries), elapsed


def test_ranking_page_queries_at_10_and_500_ideas(client, programme, page_cache_off):
    partner = member(programme, Role.PARTNER)
    lead = member(programme, Role.PARTICIPANT, Sector.CCI)
    reviewers = [member(programme, Role.EXPERT), member(programme, Role.FACILITATOR)]
    crits = criteria(programme)
    challenge = open_challenge(programme)
    client.force_login(partner)
    path = reverse("challenges:ranking", args=[programme.slug, challenge.pk])

    _add_ideas(challenge, lead, reviewers, crits, 10)
    small = _measure(client, path)
    small_z = _measure(client, path + "?normalise=1")
    _add_ideas(challenge, lead, reviewers, crits, 490)
    large = _measure(client, path)
    large_z = _measure(client, path + "?normalise=1")

    print(
        f"\nranking queries/time: 10 ideas {small[0]} q {small[1] * 1000:.0f} ms "
        f"(z: {small_z[0]} q {small_z[1] * 1000:.0f} ms); "
        f"500 ideas {large[0]} q {large[1] * 1000:.0f} ms "
        f"(z: {large_z[0]} q {large_z[1] * 1000:.0f} ms)"
    )
    assert (large[0], small_z[0], large_z[0]) == (small[0], small[0], small[0])
