"""The dashboard as a cockpit: what waits, for whom, with the figures that matter."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collider.enums import MembershipStatus, Role
from collider.registry import Tile
from followup import services as followup_services
from tests.factories import EventFactory, MembershipFactory, UserFactory, member
from tests.followup.factories import CooperationFactory, ReportingPeriodFactory


def _card(response, programme):
    return next(card for card in response.context["cards"] if card["programme"] == programme)


@pytest.mark.rendered
def test_platform_admin_sees_the_applications_waiting_in_every_programme(client, programme):
    MembershipFactory(programme=programme, status=MembershipStatus.APPLIED)
    MembershipFactory(programme=programme, status=MembershipStatus.APPLIED)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.get(reverse("dashboard"))

    card = _card(response, programme)
    assert card["next_step"].title == "Review 2 applications"
    assert "Nothing waits for you" not in response.text
    assert "Review 2 applications" in response.text


@pytest.mark.rendered
def test_partner_cockpit_shows_kpis_against_the_current_periods_targets(client, programme, partner):
    period = ReportingPeriodFactory(programme=programme)
    followup_services.period_targets_set(actor=partner, period=period, targets={"events.total": 10})
    EventFactory(programme=programme, starts_at=timezone.now() - timedelta(days=2))
    client.force_login(partner)

    response = client.get(reverse("dashboard"))

    (tile,) = _card(response, programme)["kpis"]
    assert (tile.target, tile.url) == (
        10,
        reverse("followup:kpi_dashboard", kwargs={"slug": programme.slug}),
    )
    assert tile.value >= 1
    assert "KPIs against targets" in response.text


@pytest.mark.rendered
def test_participant_cockpit_puts_the_next_step_first_and_shows_their_cooperation(
    client, programme
):
    person = member(programme, Role.PARTICIPANT)
    CooperationFactory(programme=programme, cci_contact=person)
    client.force_login(person)

    response = client.get(reverse("dashboard"))

    card = _card(response, programme)
    cooperation = next(tile for tile in card["mine"] if tile.label == "Cooperation")
    assert (cooperation.value, cooperation.hint) == (1, "First contact")
    assert card["kpis"] == []


@pytest.mark.rendered
def test_this_week_lists_only_the_next_seven_days(client, programme):
    person = member(programme, Role.PARTICIPANT)
    soon = EventFactory(programme=programme, starts_at=timezone.now() + timedelta(days=2))
    later = EventFactory(programme=programme, starts_at=timezone.now() + timedelta(days=20))
    client.force_login(person)

    response = client.get(reverse("dashboard"))

    week = _card(response, programme)["week_events"]
    assert (soon in week, later in week) == (True, False)


def test_a_tile_with_a_target_reports_its_progress_capped_at_100():
    assert [
        Tile(label="a", value=3, target=12).progress,
        Tile(label="b", value=30, target=12).progress,
        Tile(label="c", value=3).progress,
    ] == [25, 100, None]
