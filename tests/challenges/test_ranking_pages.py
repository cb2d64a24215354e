"""The ranking is computed from one weighted sum per review in SQL, and only the rows shown are
loaded in full: the ideas and per-criterion means of a page, not of the whole challenge."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from challenges import selectors, services
from challenges.enums import IdeaStatus
from challenges.models import Idea
from challenges.selectors import criteria_for
from collider.enums import Role, Sector
from tests.factories import member

from .factories import criteria, open_challenge, submitted_review
from .test_ranking_scale import _add_ideas

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(programme):
    lead = member(programme, Role.PARTICIPANT, Sector.CCI)
    reviewers = [member(programme, Role.EXPERT), member(programme, Role.FACILITATOR)]
    crits = criteria(programme)
    challenge = open_challenge(programme)
    _add_ideas(challenge, lead, reviewers, crits, 55)
    return challenge, crits


def _reference(challenge, crits):
    """The weighted mean of each idea's reviews, computed the long way from every score."""
    weights = {c.pk: c.weight for c in crits}
    means = {}
    for idea in Idea.objects.filter(challenge=challenge).prefetch_related("reviews__scores"):
        per_review = [
            sum(weights[s.criterion_id] * s.value for s in review.scores.all())
            / sum(weights[s.criterion_id] for s in review.scores.all())
            for review in idea.reviews.all()
        ]
        means[idea.pk] = round(sum(per_review) / len(per_review), 3)
    return means


def test_ranking_without_details_ranks_every_idea_but_loads_none(ranked):
    challenge, crits = ranked

    rows = selectors.ranking_for(challenge=challenge, details=False)

    assert {row.idea_id: row.weighted_mean for row in rows} == _reference(challenge, crits)
    assert [row.weighted_mean for row in rows] == sorted(
        (row.weighted_mean for row in rows), reverse=True
    )
    assert {row.idea for row in rows} == {None}
    assert {row.reviews for row in rows} == {2}


@pytest.mark.rendered
def test_ranking_page_shows_the_second_page_with_its_ideas_and_criteria(client, programme, ranked):
    challenge, crits = ranked
    client.force_login(member(programme, Role.PARTNER))
    expected = selectors.ranking_for(challenge=challenge)[50:]

    response = client.get(
        reverse("challenges:ranking", args=[programme.slug, challenge.pk]) + "?page=2"
    )

    shown = list(response.context["page"].object_list)
    assert [(row.idea, row.per_criterion) for row in shown] == [
        (row.idea, row.per_criterion) for row in expected
    ]
    assert len(shown) == 5 and all(len(row.per_criterion) == len(crits) for row in shown)
    assert expected[0].idea.title.encode() in response.content


# --- The ranking is kept in the cache until what it reads changes


def _ranking_queries(challenge) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        selectors.ranking_for(challenge=challenge, details=False)
    return [q["sql"] for q in queries.captured_queries if '"challenges_review"' in q["sql"]]


def test_ranking_is_computed_once_until_a_review_of_the_programme_changes(programme, ranked):
    challenge, crits = ranked
    first = selectors.ranking_for(challenge=challenge, details=False)
    assert _ranking_queries(challenge) == []
    last = Idea.objects.get(pk=first[-1].idea_id)

    submitted_review(last, member(programme, Role.EXPERT), [5, 5, 5, 5, 5], crits)
    after = selectors.ranking_for(challenge=challenge, details=False)

    assert {row.idea_id: row.weighted_mean for row in after} == _reference(challenge, crits)
    assert next(row.reviews for row in after if row.idea_id == last.pk) == 3


def test_ranking_follows_a_changed_criterion_weight(programme, ranked):
    challenge, crits = ranked
    selectors.ranking_for(challenge=challenge, details=False)
    partner = member(programme, Role.PARTNER)

    services.review_criterion_save(
        actor=partner, programme=programme, name=crits[0].name, weight=9, criterion=crits[0]
    )
    after = selectors.ranking_for(challenge=challenge, details=False)

    crits = criteria_for(programme)
    assert {row.idea_id: row.weighted_mean for row in after} == _reference(challenge, crits)


def test_ranking_drops_a_withdrawn_idea(programme, ranked):
    challenge, _crits = ranked
    first = selectors.ranking_for(challenge=challenge, details=False)
    idea = Idea.objects.get(pk=first[0].idea_id)

    idea.status = IdeaStatus.WITHDRAWN
    idea.save(update_fields=["status"])

    assert idea.pk not in [row.idea_id for row in selectors.ranking_for(challenge=challenge)]
