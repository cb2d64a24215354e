"""Selectors of phase 4: visibility, ranking, hidden reviews, phase-5 interface."""

import pytest
from django.http import Http404

from challenges import selectors, services
from challenges.enums import ChallengeStatus, IdeaStatus
from collider.enums import Role, Sector
from collider.models import User
from tests.factories import member

from .factories import ChallengeFactory, FundingFactory, IdeaFactory, criteria, submitted_review

pytestmark = pytest.mark.django_db


def _titles(qs) -> list[str]:
    return sorted(c.title for c in qs)


def test_challenge_list_shows_drafts_only_to_owner_translator_and_organisers(programme, people):
    expert = people["expert"]
    draft = ChallengeFactory(programme=programme, title="Draft", translator=expert)
    ChallengeFactory(programme=programme, title="Published", status=ChallengeStatus.PUBLISHED)
    own = ChallengeFactory(programme=programme, title="Own draft", owner=people["avm"])

    visible = {
        role: _titles(selectors.challenge_list_visible_to(user=user, programme=programme))
        for role, user in people.items()
        if user is not None and role != "other_partner"
    }

    assert visible == {
        "cci": ["Published"],
        "avm": ["Own draft", "Published"],
        "expert": ["Draft", "Published"],
        "facilitator": ["Draft", "Own draft", "Published"],
        "partner": ["Draft", "Own draft", "Published"],
        "admin": ["Draft", "Own draft", "Published"],
    }
    assert draft.pk != own.pk


def test_challenge_of_other_programme_is_404(programme, other_programme, people):
    challenge = ChallengeFactory(programme=other_programme, status=ChallengeStatus.PUBLISHED)

    with pytest.raises(Http404):
        selectors.challenge_get_visible(
            user=people["partner"], programme=programme, pk=challenge.pk
        )


def test_ranking_weighted_mean_and_z_score_normalisation(programme):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.IDEATION_CLOSED)
    crits = criteria(programme, weights=(3, 1, 1, 1, 1))
    strict = member(programme, Role.EXPERT)
    lenient = member(programme, Role.FACILITATOR)
    a, b, c = (IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED) for _ in range(3))
    IdeaFactory(challenge=challenge, status=IdeaStatus.DRAFT)
    # strict: a=2.0, b=1.0 ; lenient: a=4.0, b=5.0, c=3.0  (all criteria equal per review)
    submitted_review(a, strict, [2] * 5, crits)
    submitted_review(b, strict, [1] * 5, crits)
    submitted_review(a, lenient, [4] * 5, crits)
    submitted_review(b, lenient, [5] * 5, crits)
    submitted_review(c, lenient, [3] * 5, crits)

    plain = selectors.ranking_for(challenge=challenge)
    normalised = selectors.ranking_for(challenge=challenge, normalise=True)

    assert [(r.idea, r.weighted_mean, r.reviews) for r in plain] == [
        (a, 3.0, 2),
        (b, 3.0, 2),
        (c, 3.0, 1),
    ]
    # strict: mean 1.5, sd 0.5 -> a=+1, b=-1;
    # lenient: mean 4, sd 0.8165 -> a=0, b=+1.2247, c=-1.2247
    assert [(r.idea, r.normalised) for r in normalised] == [
        (a, 0.5),
        (b, 0.112),
        (c, -1.225),
    ]


def test_ranking_weights_criteria(programme):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.IDEATION_CLOSED)
    crits = criteria(programme, weights=(3, 2, 2, 1, 1))
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED)
    submitted_review(idea, member(programme, Role.EXPERT), [5, 1, 1, 1, 1], crits)

    (row,) = selectors.ranking_for(challenge=challenge)

    assert row.weighted_mean == round((15 + 2 + 2 + 1 + 1) / 9, 3)
    assert row.per_criterion[crits[0].pk] == 5


def test_reviews_of_others_hidden_until_own_submitted(programme):
    crits = criteria(programme)
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.IDEATION_CLOSED)
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED)
    first = member(programme, Role.EXPERT)
    second = member(programme, Role.FACILITATOR)
    done = submitted_review(idea, first, [4] * 5, crits)
    pending = services.review_assign(
        actor=member(programme, Role.PARTNER),
        idea=idea,
        reviewer=second,
        due_at=done.due_at,
    )

    before = selectors.reviews_visible_to(user=second, idea=idea)
    services.review_declare_conflict(actor=second, review=pending, conflict=False)
    services.review_submit(
        actor=second, review=pending, scores={c.pk: (3, "") for c in crits}, comment=""
    )
    after = selectors.reviews_visible_to(user=second, idea=idea)

    assert [r.pk for r in before] == [pending.pk]
    assert sorted(r.pk for r in after) == sorted([done.pk, pending.pk])


def test_selected_ideas_and_required_competences_for_phase_5(programme):
    challenge = services.challenge_create(
        actor=member(programme, Role.PARTICIPANT, Sector.AVM),
        programme=programme,
        competences=["sound design", "signage"],
        title="t",
        public_summary="s",
        context="c",
        problem_statement="p",
        scope="s",
        expected_outcome="o",
    )
    selected = IdeaFactory(challenge=challenge, status=IdeaStatus.SELECTED)
    IdeaFactory(challenge=challenge, status=IdeaStatus.NOT_SELECTED)

    assert list(selectors.selected_ideas_of_programme(programme)) == [selected]
    assert sorted(selectors.challenge_required_competences(challenge)) == [
        "signage",
        "sound design",
    ]


def test_funding_matching_by_sector_size_and_country(programme):
    from tests.factories import OrganisationFactory

    studio = OrganisationFactory(sector=Sector.CCI, size="micro", country="SI")
    FundingFactory(programme=programme, title="Any")
    FundingFactory(programme=programme, title="CCI only", eligible_sectors=["cci"])
    FundingFactory(programme=programme, title="AVM only", eligible_sectors=["avm"])
    FundingFactory(programme=programme, title="Large only", eligible_sizes=["large"])
    FundingFactory(programme=programme, title="Austria only", eligible_countries=["AT"])
    FundingFactory(programme=programme, title="Slovenia", eligible_countries=["SI", "HR"])
    FundingFactory(programme=programme, title="Expired", deadline="2000-01-01")

    matching = selectors.funding_matching(programme=programme, organisation=studio)

    assert sorted(o.title for o in matching) == ["Any", "CCI only", "Slovenia"]


def test_later_phases_read_published_challenges_contributors_and_ideas(programme, people):
    """The interface matchmaking and followup read instead of this app's models."""
    expert, other = people["expert"], people["facilitator"]
    published = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    ChallengeFactory(programme=programme, translator=expert)  # a draft: not public
    idea = IdeaFactory(challenge=published)

    assert list(selectors.challenges_published(programme=programme)) == [published]
    took_part = dict(
        User.objects.filter(pk__in=[expert.pk, other.pk])
        .annotate(took_part=selectors.took_part_in_challenges(programme=programme))
        .values_list("pk", "took_part")
    )
    assert took_part == {expert.pk: True, other.pk: False}
    assert selectors.idea_get(idea.pk) == idea
    assert selectors.idea_get(idea.pk + 1000) is None
