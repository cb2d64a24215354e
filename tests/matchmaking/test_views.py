from __future__ import annotations

import io

import icalendar
import pytest
from django.urls import reverse
from pypdf import PdfReader

from collider.enums import Role, Sector
from matchmaking import services
from matchmaking.enums import RequestStatus
from matchmaking.models import Agreement, MeetingRequest
from tests.factories import member

from .factories import accepted, profile, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(programme):
    return member(programme, Role.PARTNER)


@pytest.fixture
def published(programme, partner):
    w = workshop(programme, actor=partner, slots=3, tables=2)
    avm = profile(programme, "UX", "robotics", sector=Sector.AVM)
    cci = profile(programme, "UX", "product design")
    table = w.tables.first()
    services.table_fix(actor=partner, table=table, profile=avm)
    meeting = accepted(w, cci, avm, reason="Cobot interface")
    services.schedule_run(actor=partner, workshop=w)
    services.schedule_publish(actor=partner, workshop=w)
    return w, cci, avm, meeting


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_request_create_view_refuses_a_request_to_a_participant_of_the_same_side(
    client, programme, partner
):
    w = workshop(programme, actor=partner)
    cci = profile(programme, "UX")
    other = profile(programme, "UX")
    client.force_login(cci.user)

    response = client.post(
        reverse("matchmaking:request_create", args=[programme.slug, w.pk]),
        {"recipient": other.pk, "reason": "hi"},
    )

    assert (
        response.status_code,
        MeetingRequest.objects.count(),
        b"Select a valid choice" in response.content,
    ) == (400, 0, True)


def test_request_answer_view_accepts(client, programme, partner):
    w = workshop(programme, actor=partner)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    request = services.meeting_request_create(
        actor=cci.user, workshop=w, recipient=avm, reason="hi"
    )
    client.force_login(avm.user)

    response = client.post(
        reverse("matchmaking:request_answer", args=[programme.slug, w.pk, request.pk]),
        {"decision": "accept"},
    )

    request.refresh_from_db()
    assert (response.status_code, request.status) == (302, RequestStatus.ACCEPTED)


def test_agenda_pdf_lists_the_published_meeting(client, programme, published):
    w, cci, avm, _meeting = published
    client.force_login(cci.user)

    response = client.get(reverse("matchmaking:agenda_pdf", args=[programme.slug, w.pk]))

    text = _pdf_text(response.content)
    assert (response["Content-Type"], avm.user.display_name in text, "Cobot interface" in text) == (
        "application/pdf",
        True,
        True,
    )


def test_agenda_ics_parses_back_to_one_meeting_at_the_slot_time(client, programme, published):
    w, cci, avm, meeting = published
    meeting.refresh_from_db()
    client.force_login(avm.user)

    response = client.get(reverse("matchmaking:agenda_ics", args=[programme.slug, w.pk]))

    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in events] == [
        (f"1:1 · {cci.display_name}", meeting.slot.starts_at.astimezone(w.event.tz))
    ]


def test_table_plan_pdf_shows_the_pair(client, programme, partner, published):
    w, cci, avm, _meeting = published
    client.force_login(partner)

    response = client.get(reverse("matchmaking:table_plan", args=[programme.slug, w.pk]))

    assert f"{cci.display_name} · {avm.display_name}" in _pdf_text(response.content).replace(
        "\n", " "
    )


def test_schedule_view_reports_placed_meetings_and_checker(client, programme, partner, published):
    w, *_ = published
    client.force_login(partner)

    response = client.post(
        reverse("matchmaking:schedule", args=[programme.slug, w.pk]), {"method": "greedy"}
    )

    assert (
        response.status_code,
        b"1 of 1 accepted meetings placed" in response.content,
        b"Checker: 0 violations." in response.content,
    ) == (200, True, True)


def test_agreement_sign_then_edit_clears_signatures_in_the_page(client, programme, published):
    _w, cci, avm, meeting = published
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)
    client.force_login(cci.user)
    client.post(
        reverse("matchmaking:agreement_sign", args=[programme.slug, agreement.pk]),
        {"name": "Ana", "confirm": "on"},
    )
    client.force_login(avm.user)
    data = {
        "kind": "cooperation",
        "title": "New title",
        "goals": "Build it",
        "ip_terms": "x",
        "confidentiality": "y",
        "deliverables": "2030-01-31 Prototype",
    }

    response = client.post(
        reverse("matchmaking:agreement_edit", args=[programme.slug, agreement.pk]),
        data,
        follow=True,
    )

    agreement.refresh_from_db()
    assert (
        agreement.parties.exclude(signed_at=None).count(),
        list(agreement.deliverables.values_list("title", flat=True)),
        b"signature(s) cleared" in response.content,
    ) == (0, ["Prototype"], True)


def test_agreement_edit_rejects_a_bad_deliverable_line(client, programme, published):
    _w, cci, _avm, meeting = published
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)
    client.force_login(cci.user)
    data = {"kind": "cooperation", "title": "T", "goals": "G", "deliverables": "soon Prototype"}

    response = client.post(
        reverse("matchmaking:agreement_edit", args=[programme.slug, agreement.pk]), data
    )

    assert (
        response.status_code,
        b"Line 1: start with a date as YYYY-MM-DD." in response.content,
    ) == (400, True)


def test_agreement_pdf_reads_back_parties_and_hash(client, programme, published):
    _w, cci, avm, meeting = published
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)
    services.agreement_sign(actor=cci.user, agreement=agreement, name="Ana Novak")
    client.force_login(avm.user)

    response = client.get(reverse("matchmaking:agreement_pdf", args=[programme.slug, agreement.pk]))

    text = _pdf_text(response.content).replace("\n", " ")
    assert (
        "Ana Novak" in text,
        services.agreement_hash(Agreement.objects.get(pk=agreement.pk))[:16]
        in text.replace(" ", ""),
    ) == (True, True)


def _agreements(programme, n, partner):
    w = workshop(programme, actor=partner, slots=n + 1, tables=n + 1)
    for _ in range(n):
        cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
        services.agreement_create(actor=partner, programme=programme, meeting=accepted(w, cci, avm))


@pytest.mark.parametrize("url_name", ["matchmaking:agreement_list", "matchmaking:hub"])
def test_list_pages_issue_the_same_queries_for_one_and_several_rows(
    client, programme, partner, django_assert_num_queries, url_name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(partner)
    _agreements(programme, 1, partner)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse(url_name, args=[programme.slug]))
    _agreements(programme, 4, partner)

    with django_assert_num_queries(len(one)):
        response = client.get(reverse(url_name, args=[programme.slug]))

    assert response.status_code == 200
