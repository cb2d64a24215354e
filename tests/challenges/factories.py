"""Factories for phase 4. Objects are built directly in a given state; tests of transitions
move them with the services."""

from datetime import timedelta

import factory
from django.utils import timezone

from challenges.enums import ChallengeStatus, IdeaStatus, IPStance
from challenges.models import (
    Challenge,
    FundingOpportunity,
    Idea,
    Review,
    ReviewCriterion,
    Score,
)
from collider.enums import EventKind, Role, Sector
from tests.factories import EventFactory, OrganisationFactory, ProgrammeFactory, member


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    programme = factory.SubFactory(ProgrammeFactory)
    owner = factory.LazyAttribute(lambda o: member(o.programme, Role.PARTICIPANT, Sector.AVM))
    organisation = factory.SubFactory(
        OrganisationFactory, sector=Sector.AVM, kind="avm_company", size="small", country="AT"
    )
    title = factory.Sequence(lambda n: f"Challenge {n}: make cobot zones visible")
    public_summary = "Operators misread the safety zones around our cobots."
    context = "We build cobot cells for metalworking SMEs."
    problem_statement = "Floor markings wear off and lights mean different things."
    scope = "In: signals and onboarding. Out: the safety controller."
    expected_outcome = "A tested signal language and a short onboarding film."
    constraints = "ISO 10218."
    resources = "A demo cell."
    budget_min = 8000
    budget_max = 20000
    timeline = "Eight weeks."
    ip_stance = IPStance.LICENCE
    confidential_details = "Customer: a Tier-1 automotive supplier. Incident log attached."
    status = ChallengeStatus.DRAFT


def pitch_events(programme, *, pitch_in_days: int = 2):
    """A challenge pitch in 2 days (or ``pitch_in_days``; negative: it took place) and an idea
    pitch in 40 days."""
    pitch = EventFactory(
        programme=programme,
        kind=EventKind.CHALLENGE_PITCH,
        starts_at=timezone.now() + timedelta(days=pitch_in_days),
    )
    idea_event = EventFactory(
        programme=programme,
        kind=EventKind.IDEA_PITCH,
        starts_at=timezone.now() + timedelta(days=40),
    )
    return pitch, idea_event


def open_challenge(programme, **kwargs) -> Challenge:
    """A challenge with ideation open: pitched, deadline 20 days after a pitch in 2 days."""
    pitch, idea_event = pitch_events(programme)
    return ChallengeFactory(
        programme=programme,
        status=ChallengeStatus.IDEATION_OPEN,
        pitch_event=pitch,
        idea_event=idea_event,
        idea_deadline=pitch.starts_at + timedelta(days=20),
        **kwargs,
    )


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    challenge = factory.SubFactory(ChallengeFactory)
    lead = factory.LazyAttribute(
        lambda o: member(o.challenge.programme, Role.PARTICIPANT, Sector.CCI)
    )
    title = factory.Sequence(lambda n: f"Idea {n}: zones you can hear")
    summary = "A sound signature that rises near the slow zone."
    approach = "Field recordings and three prototypes."
    deliverables = "Sound library and a guide."
    time_plan = "Eight weeks."
    budget_estimate = 14000
    status = IdeaStatus.DRAFT


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingOpportunity

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Creative voucher {n}")
    kind = "voucher"
    amount_min = 2000
    amount_max = 10000
    cofinancing_rate = 50
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


def criteria(programme, weights=(3, 2, 2, 1, 1)):
    names = ["Fit to the problem", "Feasibility", "Innovation", "Team", "Cost"]
    return [
        ReviewCriterion.objects.create(programme=programme, name=name, weight=weight, order=i)
        for i, (name, weight) in enumerate(zip(names, weights, strict=True))
    ]


def submitted_review(idea, reviewer, values, crits) -> Review:
    review = Review.objects.create(
        idea=idea,
        reviewer=reviewer,
        due_at=timezone.now() + timedelta(days=5),
        no_conflict_confirmed=True,
        submitted_at=timezone.now(),
    )
    Score.objects.bulk_create(
        [Score(review=review, criterion=c, value=v) for c, v in zip(crits, values, strict=True)]
    )
    return review
