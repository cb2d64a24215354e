"""The ranking is computed from one weighted sum per review in SQL, and only the rows shown are
loaded in full: the ideas and per-criterion means of a page, not of the whole challenge."""

import pytest
from django.urls import reverse

from challenges import selectors
from challenges.models import Idea
from collider.enums import Role, Sector
from tests.factories import member

from .factories import criteria, open_challenge
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
