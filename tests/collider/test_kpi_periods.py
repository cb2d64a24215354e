"""KPI periods are timestamp ranges in the current time zone, so indexes on the timestamps serve
them; they select exactly the rows that the local-date lookups (``__date``) selected."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from collider import kpis
from collider.kpis import until, within
from collider.models import Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

# Around the local midnights that bound 30 March 2025 in Vienna (the night clocks went forward).
EDGES = [
    datetime(2025, 3, 28, 22, 59, tzinfo=UTC),  # 29 March, 23:59 local (CET)
    datetime(2025, 3, 28, 23, 0, tzinfo=UTC),  # 30 March, 00:00 local
    datetime(2025, 3, 30, 21, 59, tzinfo=UTC),  # 30 March, 23:59 local (CEST)
    datetime(2025, 3, 30, 22, 0, tzinfo=UTC),  # 31 March, 00:00 local
]


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2025, 3, 30), date(2025, 3, 30)), (date(2025, 3, 29), date(2025, 3, 31))],
)
def test_within_and_until_select_what_the_local_date_lookups_select(programme, start, end):
    for at in EDGES:
        EventFactory(programme=programme, starts_at=at, ends_at=at + timedelta(hours=1))

    with timezone.override("Europe/Vienna"):
        ranged = set(Event.objects.filter(within("starts_at", start, end)))
        by_date = set(Event.objects.filter(starts_at__date__gte=start, starts_at__date__lte=end))
        until_ranged = set(Event.objects.filter(until("starts_at", end)))
        until_by_date = set(Event.objects.filter(starts_at__date__lte=end))

    assert (ranged, until_ranged) == (by_date, until_by_date)
    assert ranged  # the edges are on both sides of the period


def test_kpi_events_query_compares_timestamps_without_converting_them(programme):
    queryset = kpis._events(programme, date(2025, 1, 1), date(2025, 12, 31))

    sql = str(queryset.query).upper()

    # A conversion per row (``AT TIME ZONE``, ``django_datetime_cast_date``) defeats the index.
    assert "AT TIME ZONE" not in sql
    assert "CAST_DATE" not in sql
    assert "STARTS_AT" in sql and connection.vendor in {"postgresql", "sqlite"}
