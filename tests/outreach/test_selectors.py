from datetime import timedelta

import pytest
from django.utils import timezone

from collider.enums import ProgrammeStatus, Role
from outreach import selectors, services
from outreach.enums import PublicationStatus, QuestionKind, ResponseSource
from outreach.models import ChecklistResponse
from tests.factories import ProgrammeFactory, member

from .factories import (
    BrochureFactory,
    ChecklistFactory,
    ChecklistQuestionFactory,
    ChecklistSectionFactory,
    MediaCommitmentFactory,
    PracticeFactory,
)

pytestmark = pytest.mark.django_db


def _checklist(programme):
    checklist = ChecklistFactory(programme=programme)
    tech = ChecklistSectionFactory(checklist=checklist, title="Tech", dimension="technology")
    mind = ChecklistSectionFactory(checklist=checklist, title="Mind", dimension="mindset")
    checklist.tech_q = ChecklistQuestionFactory(section=tech, kind=QuestionKind.SCALE)
    checklist.mind_q = ChecklistQuestionFactory(section=mind, kind=QuestionKind.SCALE)
    return checklist


def _respond(checklist, *, email, sector="cci", tech=1, mind=1, when=None, entered_by=None):
    response = services.checklist_response_submit(
        checklist=checklist,
        sector=sector,
        email=email,
        organisation_name="Org",
        consent=True,
        answers={checklist.tech_q.pk: tech, checklist.mind_q.pk: mind},
        source=ResponseSource.PAPER if entered_by else ResponseSource.ONLINE,
        entered_by=entered_by,
    )
    if when is not None:
        ChecklistResponse.objects.filter(pk=response.pk).update(submitted_at=when)
    return response


def test_checklist_section_scores_for_returns_latest_per_dimension(programme, cci):
    checklist = _checklist(programme)
    _respond(checklist, email=cci.email, tech=1, mind=1, when=timezone.now() - timedelta(days=9))
    _respond(checklist, email=cci.email, tech=5, mind=3)

    scores = selectors.checklist_section_scores_for(user=cci, programme=programme)

    assert scores == {"technology": 100, "mindset": 50}


def test_checklist_section_scores_for_ignores_other_people_and_programmes(
    programme, other_programme, cci
):
    _respond(_checklist(programme), email="someone@example.org", tech=5, mind=5)
    _respond(_checklist(other_programme), email=cci.email, tech=5, mind=5)

    assert selectors.checklist_section_scores_for(user=cci, programme=programme) == {}


def test_checklist_section_scores_for_takes_one_query(programme, cci, django_assert_num_queries):
    checklist = _checklist(programme)
    for _ in range(3):
        _respond(checklist, email=cci.email, tech=4, mind=2)

    with django_assert_num_queries(1):
        scores = selectors.checklist_section_scores_for(user=cci, programme=programme)

    assert scores == {"technology": 75, "mindset": 25}


def test_checklist_aggregate_averages_per_section_and_sector(programme):
    checklist = _checklist(programme)
    _respond(checklist, email="a@example.org", sector="cci", tech=1, mind=5)
    _respond(checklist, email="b@example.org", sector="cci", tech=3, mind=5)
    _respond(checklist, email="c@example.org", sector="avm", tech=5, mind=1)

    result = selectors.checklist_aggregate(checklist=checklist)

    assert (result["labels"], [s["data"] for s in result["series"]], result["counts"]) == (
        ["Tech", "Mind"],
        [[25.0, 100.0], [100.0, 0.0]],
        {"cci": 2, "avm": 1},
    )


@pytest.mark.parametrize("responses", [1, 6])
def test_checklist_aggregate_query_count_does_not_grow(
    programme, responses, django_assert_num_queries
):
    checklist = _checklist(programme)
    for index in range(responses):
        _respond(checklist, email=f"r{index}@example.org", sector=("cci", "avm")[index % 2])

    with django_assert_num_queries(3):
        selectors.checklist_aggregate(checklist=checklist)


def test_practice_list_visible_to_anonymous_shows_published_and_shared(programme, other_programme):
    from django.contrib.auth.models import AnonymousUser

    own = PracticeFactory(programme=programme, title="Own")
    PracticeFactory(programme=programme, title="Draft", status=PublicationStatus.DRAFT)
    shared = PracticeFactory(programme=other_programme, title="Shared", shared=True)
    PracticeFactory(programme=other_programme, title="Foreign")
    hidden_programme = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    PracticeFactory(programme=hidden_programme, title="Shared by a draft", shared=True)

    titles = {
        p.title
        for p in selectors.practice_list_visible_to(user=AnonymousUser(), programme=programme)
    }

    assert titles == {own.title, shared.title}


def test_practice_list_visible_to_partner_includes_drafts(programme, partner):
    PracticeFactory(programme=programme, title="Draft", status=PublicationStatus.DRAFT)

    titles = [
        p.title for p in selectors.practice_list_visible_to(user=partner, programme=programme)
    ]

    assert titles == ["Draft"]


def test_practice_search_matches_words_in_several_fields(programme, partner):
    PracticeFactory(programme=programme, title="Sound branding", avm_technology="test benches")
    PracticeFactory(programme=programme, title="VR training", summary="Serious game for presses")
    PracticeFactory(programme=programme, title="Foundry coaching")
    queryset = selectors.practice_list_visible_to(user=partner, programme=programme)

    found = sorted(p.title for p in selectors.practice_search(queryset, "serious game"))
    by_technology = [p.title for p in selectors.practice_search(queryset, "benches")]

    assert (found, by_technology) == (["VR training"], ["Sound branding"])


def test_media_summary_counts_both_group_items_in_both_sectors(programme):
    partner = member(programme, Role.PARTNER)
    common = {"programme": programme, "responsible": partner, "status": "published"}
    day = timezone.localdate()
    MediaCommitmentFactory(
        channel="linkedin", target_group="avm", estimated_reach=500, published_on=day, **common
    )
    MediaCommitmentFactory(
        channel="daily", target_group="both", estimated_reach=1000, published_on=day, **common
    )
    MediaCommitmentFactory(
        channel="blog", target_group="cci", estimated_reach=None, published_on=day, **common
    )
    MediaCommitmentFactory(
        programme=programme,
        responsible=partner,
        channel="podcast",
        target_group="cci",
        estimated_reach=9,
    )

    summary = selectors.media_summary(programme=programme)

    cells = {row["channel"]: (row["cci"]["n"], row["avm"]["n"]) for row in summary["rows"]}
    assert (
        cells["LinkedIn"],
        cells["Daily newspaper"],
        cells["Blog"],
        cells["Podcast"],
        summary["totals"],
    ) == (
        (0, 1),
        (1, 1),
        (1, 0),
        (0, 0),
        {"cci": {"n": 2, "reach": 1000}, "avm": {"n": 2, "reach": 1500}},
    )


def test_info_day_list_visible_to_anonymous_only_public(programme):
    from django.contrib.auth.models import AnonymousUser

    from collider.enums import EventKind, RegistrationMode
    from tests.factories import EventFactory

    public = EventFactory(
        programme=programme, kind=EventKind.INFO_DAY, registration_mode=RegistrationMode.PUBLIC
    )
    EventFactory(programme=programme, kind=EventKind.INFO_DAY)
    EventFactory(
        programme=programme,
        kind=EventKind.TRAINING_SESSION,
        registration_mode=RegistrationMode.PUBLIC,
    )

    events = list(selectors.info_day_list_visible_to(user=AnonymousUser(), programme=programme))

    assert events == [public]


def test_outreach_next_steps_ask_participant_to_take_open_checklist(programme, cci):
    from collider.dashboard import build

    checklist = _checklist(programme)

    before = [s.title for card in build(cci)["cards"] for s in card["steps"]]
    _respond(checklist, email=cci.email)
    # A new request loads the user afresh (the steps are cached on the user object).
    fresh = type(cci).objects.get(pk=cci.pk)
    after = [s.title for card in build(fresh)["cards"] for s in card["steps"]]

    title = f"Take the readiness checklist “{checklist.title}”"
    assert (title in before, title in after) == (True, False)


def test_checklist_section_scores_for_several_programmes_takes_one_query(
    programme, other_programme, django_assert_num_queries
):
    user = member(programme, Role.PARTICIPANT)
    _respond(_checklist(programme), email=user.email, tech=5, mind=1)
    _respond(_checklist(other_programme), email=user.email, tech=1, mind=5)

    with django_assert_num_queries(1):
        first = selectors.checklist_section_scores_for(user=user, programme=programme)
        second = selectors.checklist_section_scores_for(user=user, programme=other_programme)

    assert (first, second) == (
        {"technology": 100, "mindset": 0},
        {"technology": 0, "mindset": 100},
    )


def test_followup_reads_brochures_and_practices_through_selectors(programme):
    draft = BrochureFactory(programme=programme, status=PublicationStatus.DRAFT)
    BrochureFactory(programme=ProgrammeFactory())
    practice = PracticeFactory(programme=programme)

    assert list(selectors.brochures_of(programme=programme)) == [draft]
    assert selectors.practice_exists(practice.pk)
    assert not selectors.practice_exists(practice.pk + 1000)
    assert not selectors.practice_exists(None)
