"""The KPI engine's additivity flag, the one-query variants and the new indicators, against the
hand-counted records of tests/collider/records.py."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from collider import kpis
from followup import selectors, services
from tests.factories import ProgrammeFactory
from tests.followup.factories import ReportingPeriodFactory

from . import records


def _span():
    today = timezone.localdate()
    return today - timedelta(days=10), today + timedelta(days=10)


def test_compute_counts_the_hand_counted_records(programme):
    records.build(programme)

    values = kpis.compute(programme, *_span())

    assert {key: values[key] for key in records.EXPECTED} == records.EXPECTED


def test_compute_many_gives_the_same_values_as_compute_for_each_programme(programme):
    records.build(programme)
    second = ProgrammeFactory()
    records.build(second)
    empty = ProgrammeFactory()

    many = kpis.compute_many([programme, second, empty], *_span())

    assert many == {p.pk: kpis.compute(p, *_span()) for p in (programme, second, empty)}


def test_compute_many_costs_the_same_queries_for_one_and_three_programmes(db):
    programmes = [ProgrammeFactory() for _ in range(3)]
    with CaptureQueriesContext(connection) as one:
        kpis.compute_many(programmes[:1], *_span())
    with CaptureQueriesContext(connection) as three:
        kpis.compute_many(programmes, *_span())

    assert len(three) == len(one)


def test_a_sum_adds_up_its_parts_without_counting_them_again(programme):
    records.build(programme)
    with CaptureQueriesContext(connection) as one:
        values = kpis.compute(programme, *_span())
    with CaptureQueriesContext(connection) as many:
        by_programme = kpis.compute_many([programme], *_span())

    parts = kpis.kpi_get("international.meetings").parts
    assert values["international.meetings"] == sum(values[part] for part in parts)
    assert by_programme[programme.pk] == values
    for captured in (one, many):  # the international events' query (HAVING ≥ 2 countries)
        assert len([q for q in captured.captured_queries if "HAVING" in q["sql"]]) == 1


def test_percentages_and_distinct_counts_are_not_additive():
    flags = {
        key: kpis.kpi_get(key).additive
        for key in ("cooperations.goals_met", "participants.countries", "events.total")
    }

    assert flags == {
        "cooperations.goals_met": False,
        "participants.countries": False,
        "events.total": True,
    }


def test_every_indicator_counts_many_programmes_in_one_go():
    assert [k.key for k in kpis.kpi_definitions() if k.many is None] == []


def test_correction_of_a_percentage_stays_within_0_and_100(programme, partner, evidence):
    records.build(programme)
    period = ReportingPeriodFactory(programme=programme)
    for delta in (40, 30):
        services.kpi_correction_add(
            actor=partner,
            period=period,
            key="cooperations.goals_met",
            delta=delta,
            reason="Two cooperations reported by phone",
            evidence=evidence(),
        )

    row = {r.key: r for r in selectors.kpi_rows(period=period)}["cooperations.goals_met"]

    assert (row.computed, row.correction, row.value) == (50, 70, 100)


def test_target_of_a_percentage_above_100_is_refused(programme, partner):
    period = ReportingPeriodFactory(programme=programme)

    with pytest.raises(ValidationError):
        services.period_targets_set(
            actor=partner, period=period, targets={"cooperations.goals_met": 120}
        )

    assert period.targets.count() == 0


def test_goals_met_of_a_programme_without_cooperations_is_0(programme):
    assert kpis.compute(programme, *_span())["cooperations.goals_met"] == 0
