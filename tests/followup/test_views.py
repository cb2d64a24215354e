"""Pages of the follow-up app: dashboard, targets, corrections, board, moves, check-ins."""

import json
from datetime import datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collider.enums import Role
from followup import services
from followup.enums import Outcome, Stage
from followup.models import CheckIn, Cooperation, KpiCorrection
from tests.factories import EventFactory, member

from .factories import CooperationFactory, ReportingPeriodFactory, make_checkins_due


def _dashboard(client, programme, period=None):
    url = reverse("followup:kpi_dashboard", kwargs={"slug": programme.slug})
    return client.get(url + (f"?period={period.pk}" if period else ""))


@pytest.mark.rendered
def test_kpi_dashboard_shows_value_and_target_chart_data(client, programme, partner):
    period = ReportingPeriodFactory(programme=programme)
    services.period_targets_set(actor=partner, period=period, targets={"events.total": 4})
    EventFactory(programme=programme)
    client.force_login(partner)

    response = _dashboard(client, programme, period)

    chart = json.loads(
        response.content.decode()
        .split('id="kpi-data" type="application/json">')[1]
        .split("</script>")[0]
    )
    assert (chart["labels"], chart["values"], chart["targets"]) == (["Events organised"], [1], [4])
    row = next(r for r in response.context["rows"] if r.key == "events.total")
    assert (row.value, row.target, row.progress) == (1, 4, 25)


def test_kpi_dashboard_refuses_a_participant(client, programme, cci):
    client.force_login(cci)

    response = _dashboard(client, programme)

    assert response.status_code == 403


def test_kpi_dashboard_query_count_does_not_grow_with_periods_or_events(
    client, programme, partner, settings, page_cache_off
):
    settings.KPI_CACHE_SECONDS = 0  # both measurements count the indicators
    client.force_login(partner)
    ReportingPeriodFactory(programme=programme)
    EventFactory(programme=programme)
    with CaptureQueriesContext(connection) as small:
        _dashboard(client, programme)
    for _ in range(4):
        ReportingPeriodFactory(programme=programme)
        EventFactory(programme=programme)

    with CaptureQueriesContext(connection) as large:
        _dashboard(client, programme)

    assert len(large) == len(small)


@pytest.mark.rendered
def test_kpi_dashboard_counts_at_most_every_kpi_cache_seconds_and_says_when(
    client, programme, partner, settings
):
    settings.KPI_CACHE_SECONDS = 300
    period = ReportingPeriodFactory(programme=programme)
    EventFactory(programme=programme, starts_at=_inside(period))
    client.force_login(partner)
    with CaptureQueriesContext(connection) as counting:
        first = _dashboard(client, programme)
    EventFactory(programme=programme, starts_at=_inside(period))

    with CaptureQueriesContext(connection) as cached:
        second = _dashboard(client, programme)

    counted_at = timezone.localtime(first.context["counted_at"]).strftime("%H:%M")
    assert f"these were counted at {counted_at}." in second.content.decode()
    assert [_events_total(first), _events_total(second)] == [1, 1]
    assert len(cached) <= len(counting) - 20  # the indicators' queries are not run again
    # Locking counts afresh: the snapshot holds both events.
    services.period_lock(actor=partner, period=period)
    period.refresh_from_db()
    assert period.snapshot["events.total"] == 2


@pytest.mark.rendered
def test_kpi_dashboard_counts_afresh_without_a_cache(client, programme, partner, settings):
    settings.KPI_CACHE_SECONDS = 0
    period = ReportingPeriodFactory(programme=programme)
    client.force_login(partner)
    first = _dashboard(client, programme)
    EventFactory(programme=programme, starts_at=_inside(period))

    second = _dashboard(client, programme)

    assert [_events_total(first), _events_total(second)] == [0, 1]


def _inside(period):
    return timezone.make_aware(datetime.combine(period.starts_on, time(10)))


def _events_total(response) -> int:
    return next(r.value for r in response.context["rows"] if r.key == "events.total")


def test_targets_form_saves_targets(client, programme, partner):
    period = ReportingPeriodFactory(programme=programme)
    client.force_login(partner)

    response = client.post(
        reverse("followup:period_targets", kwargs={"slug": programme.slug, "pk": period.pk}),
        {"events.total": "38", "events.international": "12"},
    )

    assert response.status_code == 302
    assert dict(period.targets.values_list("key", "target")) == {
        "events.total": 38,
        "events.international": 12,
    }


@pytest.mark.rendered
def test_targets_form_rejects_a_negative_target(client, programme, partner):
    period = ReportingPeriodFactory(programme=programme)
    client.force_login(partner)

    response = client.post(
        reverse("followup:period_targets", kwargs={"slug": programme.slug, "pk": period.pk}),
        {"events.total": "-1"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "events.total": ["Ensure this value is greater than or equal to 0."]
    }


@pytest.mark.rendered
def test_correction_form_without_evidence_is_a_field_error(client, programme, partner):
    period = ReportingPeriodFactory(programme=programme)
    client.force_login(partner)

    response = client.post(
        reverse("followup:correction_create", kwargs={"slug": programme.slug, "pk": period.pk}),
        {"key": "events.total", "delta": "1", "reason": "Run offline"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"evidence": ["This field is required."]}
    assert KpiCorrection.objects.count() == 0


def test_correction_form_with_evidence_records_it(client, programme, partner, evidence):
    period = ReportingPeriodFactory(programme=programme)
    client.force_login(partner)

    response = client.post(
        reverse("followup:correction_create", kwargs={"slug": programme.slug, "pk": period.pk}),
        {"key": "events.total", "delta": "2", "reason": "Run offline", "evidence": evidence()},
    )

    assert response.status_code == 302
    assert list(KpiCorrection.objects.values_list("key", "delta", "reason")) == [
        ("events.total", 2, "Run offline")
    ]


def test_period_lock_view_freezes_the_period(client, programme, partner):
    period = ReportingPeriodFactory(programme=programme)
    client.force_login(partner)

    client.post(reverse("followup:period_lock", kwargs={"slug": programme.slug, "pk": period.pk}))

    period.refresh_from_db()
    assert (period.is_locked, period.locked_by, period.snapshot["events.total"]) == (
        True,
        partner,
        0,
    )


def test_period_of_another_programme_is_404(client, programme, other_programme, partner):
    period = ReportingPeriodFactory(programme=other_programme)
    client.force_login(partner)

    response = client.get(
        reverse("followup:period_targets", kwargs={"slug": programme.slug, "pk": period.pk})
    )

    assert response.status_code == 404


@pytest.mark.rendered
def test_board_shows_the_cooperation_in_its_stage_column(client, programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    client.force_login(partner)

    response = client.get(reverse("followup:board", kwargs={"slug": programme.slug}))

    columns = {
        column["stage"]: [c.title for c, _flag, _overdue in column["cards"]]
        for column in response.context["columns"]
    }
    assert columns[Stage.MEETING_HELD] == ["Sensor housing redesign"]
    assert columns[Stage.FIRST_CONTACT] == []


def test_board_flags_a_disagreement(client, programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due()
    services.checkin_answer(
        actor=pair.cci_contact,
        checkin=CheckIn.objects.get(side="cci", months=1),
        outcome=Outcome.AGREEMENT,
    )
    services.checkin_answer(
        actor=pair.avm_contact,
        checkin=CheckIn.objects.get(side="avm", months=1),
        outcome=Outcome.KNOWLEDGE,
    )
    client.force_login(partner)

    response = client.get(reverse("followup:board", kwargs={"slug": programme.slug}))

    assert response.content.decode().count("Sides disagree") == 1


@pytest.mark.rendered
def test_board_query_count_does_not_grow_with_cooperations(
    client, programme, partner, page_cache_off
):
    CooperationFactory(programme=programme)
    client.force_login(partner)
    url = reverse("followup:board", kwargs={"slug": programme.slug})
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(4):
        CooperationFactory(programme=programme)

    with CaptureQueriesContext(connection) as large:
        response = client.get(url)

    assert sum(len(column["cards"]) for column in response.context["columns"]) == 5
    assert len(large) == len(small)


@pytest.mark.rendered
def test_board_caps_each_column_and_lists_the_rest_by_stage(client, programme, partner):
    from followup.selectors import BOARD_CARDS

    for _ in range(BOARD_CARDS + 3):
        CooperationFactory(programme=programme)
    client.force_login(partner)
    url = reverse("followup:board", kwargs={"slug": programme.slug})

    column = client.get(url).context["columns"][0]
    assert (column["stage"], column["total"], len(column["cards"])) == (
        Stage.FIRST_CONTACT,
        BOARD_CARDS + 3,
        BOARD_CARDS,
    )
    page = client.get(url).content.decode()
    assert f"Show all {BOARD_CARDS + 3}" in page and "?stage=first_contact" in page

    listed = client.get(url, {"stage": Stage.FIRST_CONTACT})
    titles = {c.title for c, _d, _o in listed.context["cards"]}
    assert titles == set(Cooperation.objects.values_list("title", flat=True))
    # An unknown stage shows the whole board.
    assert "columns" in client.get(url, {"stage": "junk"}).context


def test_move_view_moves_with_a_note(client, programme, partner, pair):
    client.force_login(partner)

    response = client.post(
        reverse("followup:cooperation_move", kwargs={"slug": programme.slug, "pk": pair.pk}),
        {"to": Stage.MEETING_HELD, "note": "Met at the match-making day."},
    )

    pair.refresh_from_db()
    assert (response.status_code, pair.stage) == (302, Stage.MEETING_HELD)


@pytest.mark.rendered
def test_move_view_refuses_a_skipped_stage_with_a_message(client, programme, partner, pair):
    client.force_login(partner)

    response = client.post(
        reverse("followup:cooperation_move", kwargs={"slug": programme.slug, "pk": pair.pk}),
        {"to": Stage.COMPLETED, "note": "Done"},
    )

    pair.refresh_from_db()
    assert (response.status_code, pair.stage) == (400, Stage.FIRST_CONTACT)
    assert response.context["move_form"].non_field_errors() == [
        "A cooperation cannot move from “First contact” to “Completed”."
    ]


def test_cooperation_create_view_records_first_contact(client, programme, partner, pair):
    client.force_login(partner)

    response = client.post(
        reverse("followup:cooperation_create", kwargs={"slug": programme.slug}),
        {
            "title": "Packaging design sprint",
            "cci_organisation": pair.cci_organisation.pk,
            "avm_organisation": pair.avm_organisation.pk,
        },
    )

    created = programme.cooperations.get(title="Packaging design sprint")
    assert response.status_code == 302
    assert (created.stage, created.cci_contact) == (Stage.FIRST_CONTACT, None)


def test_checkin_answer_view_records_the_answer(client, programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due()
    checkin = CheckIn.objects.get(side="avm", months=1)
    client.force_login(pair.avm_contact)

    client.post(
        reverse("followup:checkin_answer", kwargs={"slug": programme.slug, "pk": checkin.pk}),
        {"outcome": Outcome.GOALS_MET, "comment": "Prototype delivered."},
    )

    checkin.refresh_from_db()
    assert (checkin.outcome, checkin.comment) == (Outcome.GOALS_MET, "Prototype delivered.")


def test_checkin_of_the_other_side_is_404(client, programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    checkin = CheckIn.objects.get(side="avm", months=1)
    client.force_login(pair.cci_contact)

    response = client.get(
        reverse("followup:checkin_answer", kwargs={"slug": programme.slug, "pk": checkin.pk})
    )

    assert response.status_code == 404


@pytest.mark.rendered
def test_checkin_answer_without_outcome_is_a_field_error(client, programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due()
    checkin = CheckIn.objects.get(side="avm", months=1)
    client.force_login(pair.avm_contact)

    response = client.post(
        reverse("followup:checkin_answer", kwargs={"slug": programme.slug, "pk": checkin.pk}),
        {"comment": "?"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"outcome": ["This field is required."]}


def test_nav_shows_follow_up_items_to_partners_and_facilitators(client, programme, partner):
    """Facilitators follow the cooperations up with the partners (issue 16 item 6): the board,
    the KPIs and the stories are in their menu; an expert's menu has none of them."""
    pages = {}
    url = reverse("collider:programme_detail", kwargs={"slug": programme.slug})
    for role, user in (
        ("partner", partner),
        ("facilitator", member(programme, Role.FACILITATOR)),
        ("expert", member(programme, Role.EXPERT)),
    ):
        client.force_login(user)
        pages[role] = client.get(url).content.decode()

    links = [
        reverse(name, kwargs={"slug": programme.slug})
        for name in ("followup:board", "followup:kpi_dashboard", "followup:story_list")
    ]
    assert {role: [link in page for link in links] for role, page in pages.items()} == {
        "partner": [True, True, True],
        "facilitator": [True, True, True],
        "expert": [False, False, False],
    }
