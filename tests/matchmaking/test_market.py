from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from challenges.models import CompetenceTag
from collider.enums import Role, Sector
from collider.models import OrganisationMember
from matchmaking.models import Profile
from tests.challenges.factories import open_challenge
from tests.factories import OrganisationFactory, member

from .factories import profile, terms, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(programme):
    return member(programme, Role.PARTNER)


def _in(organisation_name, country, p):
    organisation = OrganisationFactory(name=organisation_name, country=country)
    Profile.objects.filter(pk=p.pk).update(organisation=organisation)
    p.refresh_from_db()
    return p


@pytest.fixture
def market(programme):
    """Two CCI and two AVM companies in three countries (companies are listed first)."""
    return {
        "studio": _in("Studio Klang", "AT", profile(programme, "UX", "sound", region="Styria")),
        "films": _in("Film Kollektiv", "SI", profile(programme, "video", "branding")),
        "cobots": _in("Cobot Works", "AT", profile(programme, "UX", "robotics", sector=Sector.AVM)),
        "press": _in("Press Parts", "HR", profile(programme, "video", sector=Sector.AVM)),
    }


def _names(response) -> list[str]:
    return re.findall(
        r'<h2 class="h6 card-title" id="card-\d+"><a [^>]*>([^<]+)</a>', response.content.decode()
    )


def _market(client, programme, **params):
    return client.get(reverse("matchmaking:market", args=[programme.slug]), params)


def test_market_lists_companies_and_cci_and_filters_them(client, programme, market):
    client.force_login(market["studio"].user)
    ux = terms(programme, "UX")[0]

    everyone = _market(client, programme)
    by_term = _market(client, programme, term=ux.pk)
    by_side = _market(client, programme, side="avm")
    by_country = _market(client, programme, country="AT")
    by_text = _market(client, programme, q="klang styria")
    combined = _market(client, programme, term=ux.pk, side="cci", country="AT")

    assert _names(everyone) == ["Cobot Works", "Press Parts", "Film Kollektiv", "Studio Klang"]
    assert _names(by_term) == ["Cobot Works", "Studio Klang"]
    assert _names(by_side) == ["Cobot Works", "Press Parts"]
    assert _names(by_country) == ["Cobot Works", "Studio Klang"]
    assert _names(by_text) == ["Studio Klang"]
    assert _names(combined) == ["Studio Klang"]
    assert "1 profile" in combined.content.decode()


def test_market_search_finds_a_term_by_part_of_its_name(client, programme, market):
    client.force_login(market["films"].user)

    assert _names(_market(client, programme, q="robot")) == ["Cobot Works"]


def test_market_refuses_a_bad_filter_with_a_message(client, programme, market):
    client.force_login(market["films"].user)

    response = _market(client, programme, term="not-a-term", country="XX")

    assert response.status_code == 400
    text = response.content.decode()
    assert "Select a valid choice." in text
    assert _names(response) == ["Cobot Works", "Press Parts", "Film Kollektiv", "Studio Klang"]


def _request_targets(response) -> list[int]:
    return [
        int(pk) for pk in re.findall(r'name="recipient" value="(\d+)"', response.content.decode())
    ]


def test_market_cards_offer_a_meeting_request_in_the_open_workshop_to_the_other_side(
    client, programme, partner, market
):
    open_workshop = workshop(programme, actor=partner, days=10)
    client.force_login(market["studio"].user)

    response = _market(client, programme)

    text = response.content.decode()
    assert _request_targets(response) == [market["cobots"].pk, market["press"].pk]
    action = reverse("matchmaking:request_create", args=[programme.slug, open_workshop.pk])
    assert text.count(f'action="{action}"') == 2
    profile_url = reverse("matchmaking:profile_detail", args=[programme.slug, market["films"].pk])
    assert f'href="{profile_url}"' in text


def test_market_offers_no_request_without_an_open_workshop(client, programme, partner, market):
    closed = workshop(programme, actor=partner, days=10)
    closed.booking_closes_at = timezone.now() - timedelta(hours=1)
    closed.save(update_fields=["booking_closes_at"])
    client.force_login(market["studio"].user)

    response = _market(client, programme)

    assert _request_targets(response) == []
    assert "No match-making workshop takes meeting requests at the moment." in (
        response.content.decode()
    )


def test_market_offers_no_request_to_an_organiser(client, programme, partner, market):
    workshop(programme, actor=partner, days=10)
    client.force_login(partner)

    assert _request_targets(_market(client, programme)) == []


def test_request_from_a_card_reaches_the_company(client, programme, partner, market):
    open_workshop = workshop(programme, actor=partner, days=10)
    client.force_login(market["studio"].user)

    response = client.post(
        reverse("matchmaking:request_create", args=[programme.slug, open_workshop.pk]),
        {"recipient": market["cobots"].pk, "reason": "Your cobots need a sound."},
    )

    assert response.status_code == 302
    assert list(open_workshop.requests.values_list("requester", "recipient", "reason")) == [
        (market["studio"].pk, market["cobots"].pk, "Your cobots need a sound.")
    ]


def test_profile_page_shows_the_organisation_and_the_request_button(
    client, programme, partner, market
):
    workshop(programme, actor=partner, days=10)
    client.force_login(market["cobots"].user)

    response = client.get(
        reverse("matchmaking:profile_detail", args=[programme.slug, market["studio"].pk])
    )

    text = response.content.decode()
    assert ("Studio Klang" in text, "Austria" in text, "Styria" in text) == (True, True, True)
    assert _request_targets(response) == [market["studio"].pk]


def test_profile_page_of_another_programme_is_404(client, programme, other_programme, market):
    stranger = profile(other_programme, "UX")
    client.force_login(market["studio"].user)

    response = client.get(reverse("matchmaking:profile_detail", args=[programme.slug, stranger.pk]))

    assert response.status_code == 404


def test_market_queries_do_not_grow_with_the_profiles(client, programme, partner):
    workshop(programme, actor=partner, days=10)
    viewer = profile(programme, "UX")
    client.force_login(viewer.user)
    for i in range(2):
        _in(f"Company {i}", "AT", profile(programme, "UX", "robotics", sector=Sector.AVM))
    with CaptureQueriesContext(connection) as few:
        _market(client, programme)
    for i in range(8):
        _in(f"Studio {i}", "SI", profile(programme, "UX", f"t{i}"))

    with CaptureQueriesContext(connection) as many:
        response = _market(client, programme)

    assert len(_names(response)) == 11
    assert len(many) == len(few)


def test_hub_recommendations_carry_the_request_button(client, programme, partner, market):
    workshop(programme, actor=partner, days=10)
    challenge = open_challenge(programme, owner=market["cobots"].user)
    challenge.required_competences.set([CompetenceTag.objects.get_or_create(name="UX research")[0]])
    client.force_login(market["studio"].user)

    response = client.get(reverse("matchmaking:hub", args=[programme.slug]))

    # "Companies for you": Cobot Works (UX); "Challenges for you": the challenge of Cobot Works.
    assert _request_targets(response) == [market["cobots"].pk, market["cobots"].pk]
    assert len(set(re.findall(r'id="(reason-[^"]+)"', response.content.decode()))) == 2


def test_challenge_cci_page_carries_the_request_button_for_the_company(
    client, programme, partner, market
):
    workshop(programme, actor=partner, days=10)
    challenge = open_challenge(programme, owner=market["cobots"].user)
    challenge.required_competences.set([CompetenceTag.objects.get_or_create(name="UX research")[0]])
    client.force_login(market["cobots"].user)

    response = client.get(reverse("matchmaking:challenge_cci", args=[programme.slug, challenge.pk]))

    assert _request_targets(response) == [market["studio"].pk]


def test_profile_page_lists_the_organisations_colleagues_in_the_programme(
    client, programme, other_programme, market
):
    studio = market["studio"]
    OrganisationMember.objects.get_or_create(organisation=studio.organisation, user=studio.user)
    colleague = member(programme, Role.PARTICIPANT, Sector.CCI, job_title="Sound designer")
    elsewhere = member(other_programme, Role.PARTICIPANT, Sector.CCI)
    for person in (colleague, elsewhere):
        OrganisationMember.objects.create(organisation=studio.organisation, user=person)
    client.force_login(market["cobots"].user)

    text = client.get(
        reverse("matchmaking:profile_detail", args=[programme.slug, studio.pk])
    ).content.decode()

    people = text[text.index("People in this programme") :]
    assert studio.user.display_name in people
    assert f"{colleague.display_name} · Sound designer" in people
    # Someone of the organisation who is not in this programme is not shown.
    assert elsewhere.display_name not in text
    assert people.index(studio.user.display_name) < people.index(colleague.display_name)
