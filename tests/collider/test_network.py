"""The network view: every programme and country rolled up for platform admins."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProgrammeFactory, UserFactory

from . import records


def _query():
    today = timezone.localdate()
    start, end = today - timedelta(days=10), today + timedelta(days=10)
    return f"?start={start}&end={end}&kpi=events.international"


def _admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))


def _column(report, key):
    return [k.key for k in report.kpis].index(key)


@pytest.mark.rendered
def test_network_sums_additive_indicators_and_never_percentages(client, db):
    austria = ProgrammeFactory(name="Alpha", countries=["AT"])
    both = ProgrammeFactory(name="Beta", countries=["AT", "SI"])
    records.build(austria)
    records.build(both)
    _admin(client)

    report = client.get(reverse("collider:network") + _query()).context["report"]

    events, goals = (
        _column(report, "international.meetings"),
        _column(report, "cooperations.goals_met"),
    )
    by_programme = {r.label: (r.values[events], r.values[goals]) for r in report.programmes}
    by_country = {
        r.label: (r.programmes, r.values[events], r.values[goals]) for r in report.countries
    }
    assert by_programme == {"Alpha": (2, 50), "Beta": (2, 50)}
    assert by_country == {"Austria": (2, 4, None), "Slovenia": (1, 2, None)}
    assert (report.total.programmes, report.total.values[events], report.total.values[goals]) == (
        2,
        4,
        None,
    )


@pytest.mark.rendered
def test_network_chart_draws_one_bar_per_programme(client, db):
    records.build(ProgrammeFactory(name="Alpha"))
    ProgrammeFactory(name="Beta")
    _admin(client)

    chart = client.get(reverse("collider:network") + _query()).context["chart"]

    assert [(b["label"], b["value"]) for b in chart["bars"]] == [("Alpha", 1), ("Beta", 0)]


def test_network_csv_has_a_row_per_programme_and_country_and_the_total(client, db):
    records.build(ProgrammeFactory(name="Alpha", countries=["AT"]))
    _admin(client)

    body = client.get(reverse("collider:network_csv") + _query()).content.decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Per", "Name", "Programmes"]
    index = rows[0].index("Cooperations whose goals were met")
    assert [(r[0], r[1], r[index]) for r in rows[1:]] == [
        ("Programme", "Alpha", "50"),
        ("Country", "Austria", ""),
        ("Total", "All programmes", ""),
    ]


def test_network_refuses_a_span_that_ends_before_it_starts(client, db):
    _admin(client)

    response = client.get(reverse("collider:network") + "?start=2026-05-01&end=2026-01-01")

    assert (
        response.status_code,
        "The end lies before the start." in response.content.decode(),
    ) == (
        400,
        True,
    )


def test_network_is_for_platform_admins_only(client, programme, partner):
    client.force_login(partner)

    response = client.get(reverse("collider:network"))

    assert response.status_code == 403


def _network_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("collider:network") + _query())
    assert response.status_code == 200
    return len(queries)


def test_network_query_count_is_the_same_for_one_and_three_programmes(client, db, page_cache_off):
    _admin(client)
    records.build(ProgrammeFactory())
    _network_queries(client)
    one = _network_queries(client)
    records.build(ProgrammeFactory())
    records.build(ProgrammeFactory())

    three = _network_queries(client)

    assert three == one
    print(f"\nnetwork view: {one} queries at 1 programme, {three} at 3")
