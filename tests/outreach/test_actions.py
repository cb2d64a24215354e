"""The generated test of the outreach app's declared actions: every action, in every state of
its object, for every role of the access matrix, through the declared service."""

from __future__ import annotations

from datetime import date

from collider import actions
from outreach.actions import (
    BROCHURE_PUBLISH,
    BROCHURE_UNPUBLISH,
    CHECKLIST_CLOSE,
    CHECKLIST_OPEN,
    MEDIA_COMMIT,
    MEDIA_PUBLISH,
    PRACTICE_PUBLISH,
    PRACTICE_UNPUBLISH,
)
from outreach.enums import ChecklistStatus, MediaStatus, PublicationStatus
from outreach.models import Brochure, Checklist, MediaCommitment, Practice
from tests.actions import check_actions
from tests.service_actions import check_services

from .factories import (
    BrochureFactory,
    ChecklistFactory,
    ChecklistQuestionFactory,
    ChecklistSectionFactory,
    MediaCommitmentFactory,
    PracticeFactory,
)

PUBLISHED_MEDIA = {"link": "https://example.org/story", "published_on": date(2026, 3, 1)}


def test_every_outreach_transition_is_declared_once():
    assert set(actions.declared(Practice)) == {PRACTICE_PUBLISH, PRACTICE_UNPUBLISH}
    assert set(actions.declared(Checklist)) == {CHECKLIST_OPEN, CHECKLIST_CLOSE}
    assert set(actions.declared(Brochure)) == {BROCHURE_PUBLISH, BROCHURE_UNPUBLISH}
    assert set(actions.declared(MediaCommitment)) == {MEDIA_COMMIT, MEDIA_PUBLISH}


def test_practice_actions_follow_their_declarations(programme, people):
    check_services(
        [PRACTICE_PUBLISH, PRACTICE_UNPUBLISH],
        states=PublicationStatus.values,
        make=lambda state: PracticeFactory(programme=programme, status=state),
        roles=people,
    )


def test_checklist_actions_follow_their_declarations(programme, people):
    def make(state):
        checklist = ChecklistFactory(programme=programme, status=state)
        ChecklistQuestionFactory(section=ChecklistSectionFactory(checklist=checklist))
        return checklist

    check_services(
        [CHECKLIST_OPEN, CHECKLIST_CLOSE], states=ChecklistStatus.values, make=make, roles=people
    )


def test_brochure_actions_follow_their_declarations(programme, people):
    check_services(
        [BROCHURE_PUBLISH, BROCHURE_UNPUBLISH],
        states=PublicationStatus.values,
        make=lambda state: BrochureFactory(programme=programme, status=state),
        roles=people,
    )


def test_media_actions_follow_their_declarations(programme, people):
    check_services(
        [MEDIA_COMMIT, MEDIA_PUBLISH],
        states=MediaStatus.values,
        make=lambda state: MediaCommitmentFactory(
            programme=programme,
            status=state,
            responsible=people["partner"],
            **(PUBLISHED_MEDIA if state == MediaStatus.PUBLISHED else {}),
        ),
        roles=people,
        data={
            "published": {
                "link": "https://example.org/story",
                "published_on": date(2026, 3, 1),
                "estimated_reach": 1200,
            }
        },
    )


def _as_buttons(people) -> dict:
    return {role: (lambda _obj, person=person: person) for role, person in people.items()}


def test_every_outreach_action_is_a_button():
    assert [
        actions.declared(model, buttons=True)
        for model in (Practice, Checklist, Brochure, MediaCommitment)
    ] == [
        [PRACTICE_PUBLISH, PRACTICE_UNPUBLISH],
        [CHECKLIST_OPEN, CHECKLIST_CLOSE],
        [BROCHURE_PUBLISH, BROCHURE_UNPUBLISH],
        [MEDIA_COMMIT, MEDIA_PUBLISH],
    ]


def test_practice_buttons_follow_their_declarations(client, programme, people):
    """Partners (and the admin) publish a draft case and take a published one back; drafts
    others may not see are 404, a published case is refused to them with the message."""
    posts = check_actions(
        client,
        [PRACTICE_PUBLISH, PRACTICE_UNPUBLISH],
        states=PublicationStatus.values,
        make=lambda state: PracticeFactory(programme=programme, status=state),
        roles=_as_buttons(people),
    )

    assert posts == 2 * len(PublicationStatus.values) * len(people)


def test_checklist_buttons_follow_their_declarations(client, programme, people):
    def make(state):
        checklist = ChecklistFactory(programme=programme, status=state)
        ChecklistQuestionFactory(section=ChecklistSectionFactory(checklist=checklist))
        return checklist

    posts = check_actions(
        client,
        [CHECKLIST_OPEN, CHECKLIST_CLOSE],
        states=ChecklistStatus.values,
        make=make,
        roles=_as_buttons(people),
    )

    assert posts == 2 * len(ChecklistStatus.values) * len(people)


def test_brochure_buttons_follow_their_declarations(client, programme, people):
    posts = check_actions(
        client,
        [BROCHURE_PUBLISH, BROCHURE_UNPUBLISH],
        states=PublicationStatus.values,
        make=lambda state: BrochureFactory(programme=programme, status=state),
        roles=_as_buttons(people),
    )

    assert posts == 2 * len(PublicationStatus.values) * len(people)


def test_media_buttons_follow_their_declarations(client, programme, people):
    """The media log's "Committed" button and the publication page's POST: partners (and the
    admin) record a contacted outlet's commitment and a committed one's publication; a wrong
    state is refused with the message; to others the row does not exist."""
    posts = check_actions(
        client,
        [MEDIA_COMMIT, MEDIA_PUBLISH],
        states=MediaStatus.values,
        make=lambda state: MediaCommitmentFactory(
            programme=programme,
            status=state,
            responsible=people["partner"],
            **(PUBLISHED_MEDIA if state == MediaStatus.PUBLISHED else {}),
        ),
        roles=_as_buttons(people),
        data={
            "published": {
                "link": "https://example.org/story",
                "published_on": "2026-03-01",
                "estimated_reach": "1200",
            }
        },
    )

    assert posts == 2 * len(MediaStatus.values) * len(people)
