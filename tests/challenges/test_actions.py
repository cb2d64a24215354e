"""The declared actions of phase 4 (challenges/actions.py): every button in every state for
every role answers as its declaration says (tests/actions.py), and the declarations read as
the activity timeline's sentences."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges import services
from challenges.enums import ChallengeStatus, CoAuthorStatus, IdeaStatus, MaturityItem
from challenges.models import Challenge, Idea, IdeaCoAuthor
from collider.actions import declared as declared_for
from collider.enums import Role, Sector
from collider.models import ActivityEntry
from tests.actions import check_actions
from tests.factories import member

from .factories import ChallengeFactory, IdeaFactory, pitch_events

pytestmark = pytest.mark.django_db


def _fixed(people) -> dict:
    return {role: (lambda obj, user=user: user) for role, user in people.items()}


def _challenge_in(programme, translator, state: str) -> Challenge:
    """A challenge in ``state`` with all an allowed step needs: a complete checklist, the
    pitch and idea pitch scheduled (the pitch took place yesterday), a deadline inside the
    ideation window."""
    pitch, idea_event = pitch_events(programme, pitch_in_days=-1)
    return ChallengeFactory(
        programme=programme,
        status=state,
        translator=translator,
        maturity=list(MaturityItem.values),
        pitch_event=pitch,
        idea_event=idea_event,
        idea_deadline=pitch.starts_at + timedelta(days=20),
    )


def test_challenge_buttons_follow_their_declarations(client, programme, people):
    roles = {**_fixed(people), "owner": lambda challenge: challenge.owner}

    posts = check_actions(
        client,
        declared_for(Challenge, buttons=True),
        states=ChallengeStatus.values,
        make=lambda state: _challenge_in(programme, people["expert"], state),
        roles=roles,
        data={"request_changes": {"note": "Name the two part families."}},
    )

    assert posts == 10 * len(ChallengeStatus.values) * 9


def _idea_in(programme, coauthor, state: str) -> Idea:
    """An idea in ``state`` with an open invitation to ``coauthor``; its challenge takes
    submissions for a draft and is past ideation (ready to shortlist) for the others."""
    challenge = _challenge_in(
        programme,
        None,
        ChallengeStatus.IDEATION_OPEN
        if state == IdeaStatus.DRAFT
        else ChallengeStatus.IDEATION_CLOSED,
    )
    idea = IdeaFactory(challenge=challenge, status=state)
    IdeaCoAuthor.objects.create(idea=idea, user=coauthor, status=CoAuthorStatus.INVITED)
    return idea


def test_idea_buttons_follow_their_declarations(client, programme, people):
    coauthor = member(programme, Role.PARTICIPANT, Sector.CCI)
    roles = {
        **_fixed(people),
        "lead": lambda idea: idea.lead,
        "coauthor": lambda idea: coauthor,
        "owner": lambda idea: idea.challenge.owner,
    }

    posts = check_actions(
        client,
        declared_for(Idea, buttons=True),
        states=IdeaStatus.values,
        make=lambda state: _idea_in(programme, coauthor, state),
        roles=roles,
    )

    assert posts == 8 * len(IdeaStatus.values) * 11


def test_every_state_machine_step_is_a_declared_button():
    challenge_verbs = [a.verb for a in declared_for(Challenge, buttons=True)]
    idea_verbs = [a.verb for a in declared_for(Idea, buttons=True)]

    assert challenge_verbs == [
        "submit",
        "request_changes",
        "approve",
        "publish",
        "pitched",
        "open_ideation",
        "close_ideation",
        "complete_selection",
        "close",
        "withdraw",
    ]
    assert idea_verbs == [
        "submit",
        "withdraw",
        "accept_invitation",
        "decline_invitation",
        "shortlist",
        "select",
        "reject",
        "confirm",
    ]


def test_publishing_reads_on_the_timeline_in_words(client, programme, people):
    partner = people["partner"]
    challenge = _challenge_in(programme, None, ChallengeStatus.APPROVED)

    services.challenge_publish(actor=partner, challenge=challenge)
    client.force_login(partner)
    page = client.get(reverse("collider:programme_activity", args=[programme.slug]))

    entry = ActivityEntry.objects.get(action="challenges.challenge_publish")
    assert (entry.actor, entry.target) == (partner, challenge)
    assert (
        f"Challenge “{challenge.title}” published by {partner.display_name}"
        in page.content.decode()
    )


def test_refused_service_writes_no_activity_entry(programme, people):
    challenge = _challenge_in(programme, None, ChallengeStatus.DRAFT)

    with pytest.raises(Exception, match="Only tandem partners publish challenges"):
        services.challenge_publish(actor=people["cci"], challenge=challenge)

    assert ActivityEntry.objects.count() == 0


def test_deleting_a_need_is_recorded_with_the_id_it_had(programme):
    idea = IdeaFactory(challenge=_challenge_in(programme, None, ChallengeStatus.IDEATION_OPEN))
    need = services.idea_expert_need_add(
        actor=idea.lead, idea=idea, kind="legal_ipr", description="Licence terms"
    )
    need_pk = need.pk

    services.idea_expert_need_remove(actor=idea.lead, need=need)

    removed = ActivityEntry.objects.get(action="challenges.idea_expert_need_remove")
    assert (removed.object_id, removed.programme) == (need_pk, programme)


def test_detail_page_offers_exactly_the_allowed_buttons(client, programme, people):
    challenge = _challenge_in(programme, None, ChallengeStatus.IDEATION_OPEN)
    client.force_login(people["facilitator"])

    body = client.get(challenge.get_absolute_url()).content.decode()

    transitions = reverse(
        "challenges:challenge_transition", args=[programme.slug, challenge.pk, "x"]
    ).removesuffix("x/")
    offered = sorted(part.split("/")[0] for part in body.split(f'action="{transitions}')[1:])
    assert offered == ["close_ideation"]


def test_idea_deadline_passed_hides_submit_and_explains_a_direct_post(client, programme):
    challenge = _challenge_in(programme, None, ChallengeStatus.IDEATION_OPEN)
    idea = IdeaFactory(challenge=challenge)
    Challenge.objects.filter(pk=challenge.pk).update(
        idea_deadline=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(idea.lead)
    submit = reverse("challenges:idea_action", args=[programme.slug, idea.pk, "submit"])

    page = client.get(idea.get_absolute_url()).content.decode()
    response = client.post(submit)

    assert submit not in page
    assert response.status_code == 400
    assert "The idea deadline has passed; late submissions are not accepted." in (
        response.content.decode()
    )


def test_challenge_page_shows_its_history_to_those_who_read_the_activity(client, programme, people):
    challenge = _challenge_in(programme, None, ChallengeStatus.APPROVED)
    services.challenge_publish(actor=people["partner"], challenge=challenge)
    sentence = f"Challenge “{challenge.title}” published by {people['partner'].display_name}"

    shown = {}
    for role in ("partner", "cci"):
        client.force_login(people[role])
        shown[role] = sentence in client.get(challenge.get_absolute_url()).content.decode()

    assert shown == {"partner": True, "cci": False}
