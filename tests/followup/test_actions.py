"""The follow-up app's declared actions, checked for every state and role by the generated
test (``tests/actions.py``): allowed → done and logged, refused → 400/403 with the reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from collider.enums import Role, Sector
from followup import feedback, stories
from followup.actions import (
    EVALUATION_CONFIRM,
    PERIOD_LOCK,
    STORY_ASK,
    STORY_CONSENT_GIVE,
    STORY_CONSENT_WITHDRAW,
    SURVEY_CLOSE,
    SURVEY_OPEN,
)
from followup.enums import StoryStatus, SurveyState, SurveySubject
from followup.evaluation import evaluation_confirm, evaluation_save
from followup.models import JointEvaluation, SuccessStory
from tests.actions import check_actions
from tests.factories import UserFactory, member
from tests.service_actions import check_services

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


def test_story_ask_follows_its_declaration(client, programme, partner, admin, completed):
    cooperation = completed

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


def test_story_consent_give_and_withdraw_follow_their_declarations(
    programme, partner, admin, completed
):
    cooperation = completed

    def make(state):
        story = stories.story_create(actor=partner, cooperation=cooperation, **STORY)
        if state != StoryStatus.DRAFT:
            story = stories.story_consent_request(actor=partner, story=story)
        if state == "consented":
            stories.story_consent_give(
                actor=cooperation.cci_contact, story=story, text_hash_seen=stories.text_hash(story)
            )
        return SuccessStory.objects.get(pk=story.pk)

    roles = {
        "cci contact": cooperation.cci_contact,
        "avm contact": cooperation.avm_contact,
        "partner": partner,
        "admin": admin,
    }
    calls = check_services(
        [STORY_CONSENT_GIVE],
        states=[StoryStatus.DRAFT, StoryStatus.ASKED, "consented"],
        make=lambda state: make(state),
        roles=roles,
        # Every story has the same text: the hash its contacts read is the same for all.
        data={"give": {"text_hash_seen": stories.text_hash(make(StoryStatus.DRAFT))}},
    ) + check_services(
        [STORY_CONSENT_WITHDRAW],
        states=[StoryStatus.ASKED, "consented"],
        make=make,
        roles=roles,
    )

    assert calls == 12 + 8


def test_evaluation_confirm_follows_its_declaration(programme, admin):
    from tests.tandems.factories import TandemPartnerFactory, partner_staff

    from .test_evaluation import TEXT

    hub = TandemPartnerFactory(programme=programme, is_lead=True)
    cluster = TandemPartnerFactory(programme=programme, role="bso")
    hub_person, cluster_person = partner_staff(hub), partner_staff(cluster)
    n = iter(range(100))

    def make(state):
        period = ReportingPeriodFactory(programme=programme, name=f"P{next(n)}")
        text = {**TEXT, "lessons": ""} if state == "incomplete" else TEXT
        evaluation, _cleared = evaluation_save(actor=hub_person, period=period, **text)
        if state == "confirmed by the hub":
            evaluation = evaluation_confirm(actor=hub_person, evaluation=evaluation)
        return JointEvaluation.objects.get(pk=evaluation.pk)

    calls = check_services(
        [EVALUATION_CONFIRM],
        states=["written", "incomplete", "confirmed by the hub"],
        make=make,
        roles={"hub": hub_person, "cluster": cluster_person, "admin": admin},
    )

    assert calls == 9
