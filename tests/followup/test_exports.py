"""CSV and XLSX exports, read back with the csv module and openpyxl."""

import csv
import io

import openpyxl
from django.urls import reverse

from collider.enums import EventKind, Role, Sector
from followup import services
from tests.factories import EventFactory, RegistrationFactory, member

from .factories import ReportingPeriodFactory


def _get(client, programme, what, fmt, query=""):
    return client.get(
        reverse("followup:export", kwargs={"slug": programme.slug, "what": what, "fmt": fmt})
        + query
    )


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_participants_csv_lists_each_participant(client, programme, partner):
    person = member(
        programme,
        Role.PARTICIPANT,
        Sector.AVM,
        email="jana@metal.example",
        first_name="Jana",
        last_name="Novak",
    )
    client.force_login(partner)

    rows = _csv(_get(client, programme, "participants", "csv"))

    assert rows[0] == [
        "Name",
        "E-mail",
        "Sector",
        "Organisation",
        "Country",
        "Status",
        "Joined on",
    ]
    assert rows[1:] == [
        [
            "Jana Novak",
            "jana@metal.example",
            "Advanced manufacturing (AVM)",
            "",
            "",
            "Approved",
            person.memberships.get().created_at.date().isoformat(),
        ]
    ]


def test_events_xlsx_counts_registrations_and_attendance(client, programme, partner, cci):
    event = EventFactory(programme=programme, title="Info day Graz", kind=EventKind.INFO_DAY)
    RegistrationFactory(event=event, user=cci, attended=True)
    RegistrationFactory(event=event, attended=False)
    client.force_login(partner)

    response = _get(client, programme, "events", "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Event", "Kind", "Starts at", "Status", "Registered", "Attended"]
    assert rows[1][:2] + rows[1][3:] == ["Info day Graz", "Info day", "Scheduled", 2, 1]


def test_kpis_csv_has_target_and_lock_state(client, programme, partner):
    period = ReportingPeriodFactory(programme=programme)
    services.period_targets_set(actor=partner, period=period, targets={"events.total": 10})
    EventFactory(programme=programme)
    services.period_lock(actor=partner, period=period)
    client.force_login(partner)

    rows = _csv(_get(client, programme, "kpis", "csv", f"?period={period.pk}"))

    assert rows[0] == [
        "Reporting period",
        "Indicator",
        "Unit",
        "Counted",
        "Correction",
        "Value",
        "Target",
        "Locked",
    ]
    assert rows[1] == [
        period.name,
        "Events organised",
        "count",
        "1",
        "0",
        "1",
        "10",
        "yes",
    ]


def test_export_of_an_unknown_list_is_404(client, programme, partner):
    client.force_login(partner)

    response = _get(client, programme, "secrets", "csv")

    assert response.status_code == 404


def test_export_refuses_a_participant(client, programme, cci):
    client.force_login(cci)

    response = _get(client, programme, "participants", "csv")

    assert response.status_code == 403
