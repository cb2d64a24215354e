"""The export registry: every dataset read back as CSV (csv module) and XLSX (openpyxl), direct
downloads against the threshold, and the exports page's query count."""

import codecs
import csv
import io
from datetime import UTC, datetime

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collider import exports
from tests.factories import EventFactory, MembershipFactory, ProgrammeFactory
from tests.followup.factories import ReportingPeriodFactory

from . import records


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx(body: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def _url(programme, key, fmt):
    return reverse("collider:export", kwargs={"slug": programme.slug, "key": key, "fmt": fmt})


EXPECTED_KEYS = [
    "participants",
    "organisations",
    "events",
    "checklist_responses",
    "challenges",
    "ideas",
    "meetings",
    "agreements",
    "cooperations",
    "milestones",
    "checkins",
    "feedback",
    "kpis",
]


def test_every_list_partners_see_is_registered():
    assert [d.key for d in exports.export_definitions()] == EXPECTED_KEYS


@pytest.mark.parametrize("key", EXPECTED_KEYS)
def test_each_dataset_reads_back_as_csv_and_xlsx_with_one_row_per_counted_record(
    client, programme, partner, key
):
    records.build(programme)
    ReportingPeriodFactory(programme=programme)
    dataset = exports.export_get(key)
    client.force_login(partner)

    as_csv = _csv(client.get(_url(programme, key, "csv")).content)
    as_xlsx = _xlsx(client.get(_url(programme, key, "xlsx")).content)

    count = dataset.count(programme, {})
    labels = [str(header) for header in dataset.headers]
    assert (as_csv[0], len(as_csv) - 1) == (labels, count)
    assert (as_xlsx[0], len(as_xlsx) - 1) == (labels, count)
    assert count > 0
    # Labels, never field names or codes.
    assert [h for h in as_csv[0] if "_" in h or h != h.strip() or h[:1].islower()] == []


def test_ideas_export_has_the_weighted_score_and_leaves_out_drafts(client, programme, partner):
    records.build(programme)
    client.force_login(partner)

    rows = _csv(client.get(_url(programme, "ideas", "csv")).content)

    by_title = {row[1]: row for row in rows[1:]}
    assert sorted(by_title) == ["i1", "i2"]
    assert (by_title["i1"][6], by_title["i1"][7]) == ("1", "4.0")
    assert (by_title["i2"][6], by_title["i2"][7]) == ("0", "")


def test_meetings_export_names_both_organisations_and_countries(client, programme, partner):
    records.build(programme)
    client.force_login(partner)

    rows = _xlsx(client.get(_url(programme, "meetings", "xlsx")).content)

    pairs = sorted((r[2], r[3], r[5], r[6]) for r in rows[1:])
    assert pairs == [
        ("", "", "Metal SI", "Slovenia"),
        ("Studio AT", "Austria", "Metal SI", "Slovenia"),
        ("Studio AT", "Austria", "Metal SI", "Slovenia"),
        ("Studio AT", "Austria", "Robotics AT", "Austria"),
    ]


def test_a_cell_that_looks_like_a_formula_is_written_as_text(client, programme, partner):
    person = MembershipFactory(programme=programme).user
    person.first_name, person.last_name = "=HYPERLINK(1)", "x"
    person.save()
    client.force_login(partner)

    rows = _csv(client.get(_url(programme, "participants", "csv")).content)

    assert rows[1][0] == "'=HYPERLINK(1) x"


def test_a_list_above_the_threshold_is_sent_to_the_exports_page(
    client, programme, partner, settings
):
    settings.EXPORT_DIRECT_MAX_ROWS = 1
    MembershipFactory.create_batch(2, programme=programme)
    client.force_login(partner)

    response = client.get(_url(programme, "participants", "xlsx"))

    assert response["Location"] == reverse("collider:export_list", args=[programme.slug])
    [message] = get_messages(response.wsgi_request)
    assert "background" in str(message)


def test_unknown_list_or_format_is_404(client, programme, partner):
    client.force_login(partner)

    statuses = [
        client.get(_url(programme, "secrets", "csv")).status_code,
        client.get(_url(programme, "participants", "pdf")).status_code,
    ]

    assert statuses == [404, 404]


@pytest.mark.rendered
def test_exports_page_lists_every_dataset_with_its_count(client, programme, partner):
    records.build(programme)
    client.force_login(partner)

    response = client.get(reverse("collider:export_list", args=[programme.slug]))

    rows = {d["dataset"].key: d["count"] for d in response.context["datasets"]}
    assert list(rows) == EXPECTED_KEYS
    # Five participants: the rejected applicant is left out; drafts of ideas too.
    assert (rows["participants"], rows["meetings"], rows["ideas"]) == (5, 4, 2)


def test_exports_page_offers_a_background_job_above_the_threshold(
    client, programme, partner, settings
):
    settings.EXPORT_DIRECT_MAX_ROWS = 1
    MembershipFactory.create_batch(2, programme=programme)
    client.force_login(partner)

    response = client.get(reverse("collider:export_list", args=[programme.slug]))

    start = reverse("collider:export_job_start", args=[programme.slug, "participants", "xlsx"])
    direct = _url(programme, "participants", "xlsx")
    page = response.content.decode()
    assert (f'action="{start}"' in page, f'href="{direct}"' in page) == (
        True,
        False,
    )


def _page_queries(client, programme) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("collider:export_list", args=[programme.slug]))
    assert response.status_code == 200
    return len(queries)


def test_exports_page_query_count_does_not_grow_with_rows(
    client, programme, partner, page_cache_off
):
    client.force_login(partner)
    records.build(programme)
    _page_queries(client, programme)  # warm the session and caches
    small = _page_queries(client, programme)
    records.build(ProgrammeFactory())
    MembershipFactory.create_batch(30, programme=programme)

    large = _page_queries(client, programme)

    assert large == small
    print(f"\nexports page: {small} queries (records), {large} (records + 30 participants)")


def test_csv_starts_with_a_bom_and_writes_labels_and_times_to_the_second_in_time_zone(
    client, programme, partner
):
    starts = datetime(2026, 12, 5, 6, 53, 12, 123456, tzinfo=UTC)
    EventFactory(programme=programme, title="Info day", starts_at=starts, kind="info_day")
    client.force_login(partner)

    body = client.get(_url(programme, "events", "csv")).content

    rows = _csv(body)
    assert body.startswith(codecs.BOM_UTF8)
    assert rows[0][:3] == ["Event", "Kind", "Starts at"]
    assert rows[1][:3] == ["Info day", "Info day", "2026-12-05 07:53:12"]


def test_xlsx_has_a_bold_frozen_header_and_columns_as_wide_as_their_content(
    client, programme, partner
):
    EventFactory(
        programme=programme, title="A workshop with a rather long title to fit", kind="info_day"
    )
    client.force_login(partner)

    body = client.get(_url(programme, "events", "xlsx")).content

    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    widths = [sheet.column_dimensions[letter].width for letter in "ABC"]
    assert (sheet.freeze_panes, sheet["A1"].font.b, sheet["A2"].font.b) == ("A2", True, False)
    # Two characters beyond the longest of header and cells ("Info day": the minimum, 8 + 2).
    assert widths == [44, 10, len("2026-12-31 23:59:59") + 2]
    assert sheet["C2"].number_format == "yyyy-mm-dd h:mm:ss"
