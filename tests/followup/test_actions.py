"""The follow-up app's declared actions, checked for every state and role by the generated
test (``tests/actions.py``): allowed → done and logged, refused → 400/403 with the reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from collider.enums import Role, Sector
from followup import feedback, services, stories
from followup.actions import PERIOD_LOCK, STORY_ASK, SURVEY_CLOSE, SURVEY_OPEN
from followup.enums import StoryStatus, SurveyState, SurveySubject
from followup.models import SuccessStory
from tests.actions import check_actions
from tests.factories import UserFactory, member

from .factories import ReportingPeriodFactory
from .test_stories import STORY

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return UserFactory(is_staff=True, is_superuser=True)


def _roles(partner, admin):
    return {
        "anonymous": lambda obj: None,
        "partner": lambda obj: partner,
        "admin": lambda obj: admin,
    }


def test_period_lock_follows_its_declaration(client, programme, partner, admin):
    posts = check_actions(
        client,
        [PERIOD_LOCK],
        states=[None],
        make=lambda state: ReportingPeriodFactory(programme=programme),
        roles=_roles(partner, admin),
    )

    assert posts == 3


def test_survey_open_and_close_follow_their_declarations(client, programme, partner, admin):
    for sector in (Sector.CCI, Sector.AVM):
        member(programme, Role.PARTICIPANT, sector)
    today = timezone.localdate()

    def make(state):
        survey = feedback.survey_create(
            actor=partner,
            programme=programme,
            subject_kind=SurveySubject.PROGRAMME,
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=10),
        )
        if state == SurveyState.OPEN:
            survey = feedback.survey_open(actor=partner, survey=survey)
        return survey

    posts = check_actions(
        client,
        [SURVEY_OPEN, SURVEY_CLOSE],
        states=[SurveyState.DRAFT, SurveyState.OPEN],
        make=make,
        roles=_roles(partner, admin),
    )

    assert posts == 12


def test_story_ask_follows_its_declaration(client, programme, partner, admin, pair):
    cooperation = pair
    for service in (
        services.cooperation_meeting_held,
        services.cooperation_negotiation_start,
        services.cooperation_agreement_reach,
        services.cooperation_run,
        services.cooperation_complete,
    ):
        cooperation = service(actor=partner, cooperation=cooperation, note="Moved on.")

    def make(state):
        story = stories.story_create(actor=partner, cooperation=cooperation, **STORY)
        SuccessStory.objects.filter(pk=story.pk).update(status=state)
        return story

    posts = check_actions(
        client,
        [STORY_ASK],
        states=StoryStatus.values,
        make=make,
        roles=_roles(partner, admin),
    )

    assert posts == 12
