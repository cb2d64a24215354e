"""The demo builder (idempotent, realistic states) and the dashboard's next steps."""

import os
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from challenges import services
from challenges.demo import build_demo
from challenges.enums import ChallengeStatus, IdeaStatus
from challenges.models import Challenge, FundingOpportunity, Idea, ReviewCriterion
from challenges.steps import next_steps
from collider import registry
from collider.enums import Role
from tests.factories import MembershipFactory, ProgrammeFactory, member

from .factories import ChallengeFactory, IdeaFactory, open_challenge

pytestmark = pytest.mark.django_db


def test_demo_builder_is_idempotent_and_covers_the_workflow(monkeypatch):
    monkeypatch.setattr(registry, "_demo_builders", [(40, build_demo)])

    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)
        call_command("load_demo", stdout=devnull)

    assert sorted(Challenge.objects.values_list("status", flat=True)) == [
        "ideation_open",
        "in_review",
        "published",
    ]
    assert sorted(Idea.objects.values_list("status", flat=True)) == ["draft", "submitted"]
    assert FundingOpportunity.objects.count() == 3
    assert ReviewCriterion.objects.count() == 5


def test_next_steps_ask_reviewer_and_invited_coauthor(programme, cci):
    facilitator = member(programme, Role.FACILITATOR)
    expert = member(programme, Role.EXPERT)
    challenge = open_challenge(programme)
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED)
    services.review_assign(
        actor=facilitator, idea=idea, reviewer=expert, due_at=timezone.now() + timedelta(days=3)
    )
    draft = IdeaFactory(challenge=challenge)
    services.idea_coauthor_invite(actor=draft.lead, idea=draft, user=cci)

    expert_steps = next_steps(user=expert, programme=programme, roles={Role.EXPERT})
    cci_steps = next_steps(user=cci, programme=programme, roles={Role.PARTICIPANT})

    assert [(s.title, s.url) for s in expert_steps] == [
        ("Review 1 idea", reverse("challenges:my_reviews", args=[programme.slug]))
    ]
    assert [(s.title, s.url) for s in cci_steps] == [
        (f"Answer the invitation to “{draft.title}”", draft.get_absolute_url())
    ]


def test_criteria_page_adds_a_weighted_criterion(client, programme):
    partner = member(programme, Role.PARTNER)
    client.force_login(partner)
    path = reverse("challenges:criteria", args=[programme.slug])

    empty = client.get(path)
    client.post(path, {"defaults": "1"})  # the button a programme without criteria shows
    client.post(path, {"name": "Sustainability", "weight": "2", "description": "Circularity"})
    bad = client.post(path, {"name": "Zero", "weight": "0"})

    assert list(
        ReviewCriterion.objects.filter(programme=programme).values_list("name", "weight")
    ) == [
        ("Fit to the problem", 3),
        ("Feasibility", 2),
        ("Innovation", 2),
        ("Team", 1),
        ("Cost", 1),
        ("Sustainability", 2),
    ]
    assert bad.status_code == 400
    assert "Use the default criteria" in empty.content.decode()


@pytest.mark.rendered
def test_funding_form_saves_eligibility(client, programme):
    partner = member(programme, Role.PARTNER)
    client.force_login(partner)

    response = client.post(
        reverse("challenges:funding_create", args=[programme.slug]),
        {
            "title": "Design for Industry Subsidy",
            "kind": "subsidy",
            "amount_min": "5000",
            "amount_max": "30000",
            "cofinancing_rate": "60",
            "deadline": (timezone.localdate() + timedelta(days=40)).isoformat(),
            "eligible_sectors": ["avm"],
            "eligible_sizes": ["small", "medium"],
            "eligible_countries": ["SI"],
            "link": "https://fund.example/design",
        },
    )
    bad = client.post(
        reverse("challenges:funding_create", args=[programme.slug]),
        {"title": "x", "kind": "grant", "amount_min": "9", "amount_max": "1"},
    )

    item = FundingOpportunity.objects.get()
    assert response.status_code == 302
    assert (
        item.eligible_sectors,
        item.eligible_sizes,
        [c.code for c in item.eligible_countries],
    ) == (
        ["avm"],
        ["small", "medium"],
        ["SI"],
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors["amount_max"] == [
        "The upper end must not be below the lower end."
    ]


def test_next_steps_show_every_challenge_step_from_two_merged_queries(programme, cci):
    """Translator, own unfinished challenge, own draft idea and an invitation: each step is
    shown where it belongs, read with one challenge query and one idea query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    other = ProgrammeFactory()
    MembershipFactory(programme=other, user=cci, role=Role.PARTICIPANT)
    to_translate = ChallengeFactory(programme=programme, status=ChallengeStatus.IN_REVIEW)
    to_translate.translator = cci
    to_translate.save()
    own = ChallengeFactory(programme=other, owner=cci, status=ChallengeStatus.CHANGES_REQUESTED)
    ideation = open_challenge(programme)
    draft = IdeaFactory(challenge=ideation, lead=cci)
    invited_to = IdeaFactory(challenge=open_challenge(other))
    services.idea_coauthor_invite(actor=invited_to.lead, idea=invited_to, user=cci)
    IdeaFactory(challenge=ideation, lead=cci, status=IdeaStatus.SUBMITTED)  # not a draft

    with CaptureQueriesContext(connection) as queries:
        here = next_steps(user=cci, programme=programme, roles={Role.PARTICIPANT})
        there = next_steps(user=cci, programme=other, roles={Role.PARTICIPANT})

    assert [s.title for s in here] == [
        f"Review the challenge “{to_translate.title}”",
        f"Submit your idea “{draft.title}”",
    ]
    assert [s.title for s in there] == [
        f"Answer the invitation to “{invited_to.title}”",
        f"Finish your challenge “{own.title}”",
    ]
    sqls = [query["sql"] for query in queries.captured_queries]
    assert len(sqls) == 4  # reviews, the memberships (shared), challenges, ideas
    assert sum('FROM "challenges_challenge"' in sql for sql in sqls) == 1
    assert sum('FROM "challenges_idea"' in sql for sql in sqls) == 1


def _in_review_for(expert, programme, n):
    return [
        ChallengeFactory(programme=programme, status=ChallengeStatus.IN_REVIEW, translator=expert)
        for _ in range(n)
    ]


def test_dashboard_shows_every_challenge_an_expert_reviews(client, programme):
    expert = member(programme, Role.EXPERT)
    challenges = _in_review_for(expert, programme, 3)
    ChallengeFactory(programme=programme, status=ChallengeStatus.IN_REVIEW)  # someone else's
    client.force_login(expert)

    page = client.get(reverse("dashboard")).content.decode()

    for challenge in challenges:
        url = reverse("challenges:challenge_review", args=[programme.slug, challenge.pk])
        assert f'href="{url}"' in page
        assert f"Review the challenge “{challenge.title}”" in page
    assert page.count("You are its expert translator.") == 3


def test_next_steps_of_an_expert_with_many_challenges_end_with_how_many_more(programme):
    expert = member(programme, Role.EXPERT)
    challenges = _in_review_for(expert, programme, 6)

    steps = next_steps(user=expert, programme=programme, roles={Role.EXPERT})

    assert [s.title for s in steps] == [
        *(f"Review the challenge “{c.title}”" for c in challenges[:3]),
        "Review 3 more challenges",
    ]
    assert steps[-1].url == (
        reverse("challenges:challenge_list", args=[programme.slug]) + "?status=in_review"
    )
