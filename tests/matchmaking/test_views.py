from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from collider.enums import Role, Sector
from collider.models import Event
from matchmaking import services
from matchmaking.enums import RequestStatus
from matchmaking.models import Agreement, MeetingRequest
from tests.editing import edit_in_two_tabs, refusal
from tests.factories import RegistrationFactory, member
from tests.icalcheck import vevents
from tests.pdfcheck import pdf_info, pdf_pages_text

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


def test_agenda_ics_parses_back_to_one_meeting_at_the_slot_time(
    client, programme, published, settings
):
    settings.SITE_URL = "https://collider.example.org"
    w, cci, avm, meeting = published
    meeting.refresh_from_db()
    client.force_login(avm.user)

    response = client.get(reverse("matchmaking:agenda_ics", args=[programme.slug, w.pk]))

    events = vevents(response.content)
    assert [(str(e["summary"]), e.decoded("dtstart")) for e in events] == [
        (f"1:1 · {cci.display_name}", meeting.slot.starts_at.astimezone(w.event.tz))
    ]
    assert [(str(e["uid"]), e["sequence"]) for e in events] == [
        (f"meeting-{meeting.pk}@collider.example.org", 1)  # version 1 of the schedule
    ]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_agenda_ics_without_meetings_is_a_valid_empty_calendar(client, programme, partner):
    w = workshop(programme, actor=partner)
    cci = profile(programme, "UX")
    client.force_login(cci.user)

    response = client.get(reverse("matchmaking:agenda_ics", args=[programme.slug, w.pk]))

    assert (vevents(response.content), response.status_code) == ([], 200)


def test_agenda_ics_and_pdf_carry_the_online_link_only_for_a_confirmed_seat(
    client, programme, published
):
    # The workshop's online link follows collider.rules.online_link_for, as on the event page.
    w, cci, avm, _meeting = published
    link = "https://meet.example/matchmaking-room"
    Event.objects.filter(pk=w.event_id).update(online_url=link)
    RegistrationFactory(event=w.event, user=cci.user)

    seen = {}
    for label, participant in (("registered", cci), ("unregistered", avm)):
        client.force_login(participant.user)
        ics = client.get(reverse("matchmaking:agenda_ics", args=[programme.slug, w.pk]))
        pdf = client.get(reverse("matchmaking:agenda_pdf", args=[programme.slug, w.pk]))
        locations = [str(e["location"]) for e in vevents(ics.content)]
        seen[label] = (
            [link in location for location in locations],
            link in _pdf_text(pdf.content).replace("\n", ""),
        )

    assert seen == {"registered": ([True], True), "unregistered": ([False], False)}


def test_table_plan_pdf_names_the_host_once_and_the_visitor_in_the_cell(
    client, programme, partner, published
):
    w, cci, avm, _meeting = published  # avm hosts table 1
    client.force_login(partner)

    response = client.get(reverse("matchmaking:table_plan", args=[programme.slug, w.pk]))

    [page] = pdf_pages_text(response.content)
    info = pdf_info(response.content)
    assert (
        page.count(avm.display_name),
        page.count(cci.display_name),
        "Host: " + avm.display_name in " ".join(page.split()),
        page.count("free"),  # 3 slots x 2 tables, one cell taken
        info["Page size"].endswith("(A4)") and info["Page size"].startswith("841.89 x"),
    ) == (1, 1, True, 5, True)


def test_agreement_sign_then_edit_clears_signatures_in_the_page(client, programme, published):
    _w, cci, avm, meeting = published
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)
    client.force_login(cci.user)
    client.post(
        reverse("matchmaking:agreement_sign", args=[programme.slug, agreement.pk]),
        {"name": cci.user.display_name, "confirm": "on"},
    )
    client.force_login(avm.user)
    data = {
        "kind": "cooperation",
        "title": "New title",
        "goals": "Build it",
        "ip_terms": "x",
        "confidentiality": "y",
        "deliverables": "2030-01-31 Prototype",
        "based_on": str(agreement.revision),
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
        b"signature cleared" in response.content,
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


def _named(user, first: str, last: str):
    """Give ``user`` the name they then sign with (a signature must match the account)."""
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])
    return user


def test_agreement_pdf_reads_back_parties_and_hash(client, programme, published):
    _w, cci, avm, meeting = published
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)
    _named(cci.user, "Ana", "Novak")
    services.agreement_sign(actor=cci.user, agreement=agreement, name="Ana Novak")
    client.force_login(avm.user)

    response = client.get(reverse("matchmaking:agreement_pdf", args=[programme.slug, agreement.pk]))

    text = _pdf_text(response.content).replace("\n", " ")
    assert (
        "Ana Novak" in text,
        services.agreement_hash(Agreement.objects.get(pk=agreement.pk))[:16]
        in text.replace(" ", ""),
    ) == (True, True)


def test_agreement_pdf_prints_the_whole_fingerprint_beside_the_signatures_on_one_page(
    client, programme, published
):
    _w, cci, avm, meeting = published
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)
    Agreement.objects.filter(pk=agreement.pk).update(
        goals="Long goals. " * 120, ip_terms="Shared. " * 60, budget=18000
    )
    agreement = Agreement.objects.get(pk=agreement.pk)
    _named(cci.user, "Ana", "Novak")
    _named(avm.user, "Boris", "Kranjc")
    services.agreement_sign(actor=cci.user, agreement=agreement, name="Ana Novak")
    services.agreement_sign(actor=avm.user, agreement=agreement, name="Boris Kranjc")
    fingerprint = services.agreement_hash(Agreement.objects.get(pk=agreement.pk))
    client.force_login(avm.user)

    response = client.get(reverse("matchmaking:agreement_pdf", args=[programme.slug, agreement.pk]))

    pages = pdf_pages_text(response.content)
    [signature_page] = [page for page in pages if "Signatures" in page]
    squeezed = "".join(signature_page.split())
    assert (
        len(pages) > 1,
        "Ana Novak" in signature_page and "Boris Kranjc" in signature_page,
        squeezed.count(fingerprint),  # once per signature, once below the table
        "18,000 EUR" in " ".join(" ".join(pages).split()),
        pdf_info(response.content)["Tagged"],
    ) == (True, True, 3, True, "yes")


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


# --- Experts, sessions, the challenge's CCI, external parties -------------------------------


def test_experts_view_lists_idea_pitch_experts_first_and_invites(
    client, programme, partner, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.challenges.factories import open_challenge

    w = workshop(programme, actor=partner)
    outsider = member(programme, Role.EXPERT, first_name="Anna", last_name="Adler")
    translator = member(programme, Role.EXPERT, first_name="Zora", last_name="Zupan")
    open_challenge(programme, translator=translator)
    client.force_login(partner)
    url = reverse("matchmaking:experts", args=[programme.slug, w.pk])

    page = client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"expert": translator.pk, "note": "Join us"}, follow=True)

    assert (
        page.index("Zora Zupan") < page.index("Anna Adler"),
        response.status_code,
        "Zora Zupan is invited" in response.content.decode(),
        services.profile_for_expert(translator, programme).participations.get().workshop,
        services.profile_for_expert(outsider, programme),
        [m.to for m in mail.outbox],
    ) == (True, 200, True, w, None, [[translator.email]])


def test_workshop_create_view_makes_two_sessions_and_a_booking_deadline(client, programme, partner):
    client.force_login(partner)

    response = client.post(
        reverse("matchmaking:workshop_create", args=[programme.slug]),
        {
            "title": "Morning and afternoon",
            "starts_at": "2030-05-06T09:00",
            "slots": 4,
            "tables": 3,
            "meeting_minutes": 20,
            "break_minutes": 5,
            "request_mode": "confirm",
            "request_expiry_days": 5,
            "default_cap": 8,
            "more_sessions": "13:30 3",
            "booking_closes_at": "2030-05-04T18:00",
        },
        follow=True,
    )

    from matchmaking.models import Workshop

    w = Workshop.objects.get()
    times = [timezone.localtime(s.starts_at).strftime("%H:%M") for s in w.slots.all()]
    assert (
        times,
        timezone.localtime(w.booking_closes_at).strftime("%Y-%m-%d %H:%M"),
        "Sessions: 09:00–10:35 · 13:30–14:40" in response.content.decode(),
    ) == (
        ["09:00", "09:25", "09:50", "10:15", "13:30", "13:55", "14:20"],
        "2030-05-04 18:00",
        True,
    )


def test_workshop_create_view_refuses_a_bad_session_line(client, programme, partner):
    client.force_login(partner)

    response = client.post(
        reverse("matchmaking:workshop_create", args=[programme.slug]),
        {
            "title": "Bad",
            "starts_at": "2030-05-06T09:00",
            "slots": 4,
            "tables": 3,
            "meeting_minutes": 20,
            "break_minutes": 5,
            "request_mode": "confirm",
            "request_expiry_days": 5,
            "default_cap": 8,
            "more_sessions": "after lunch",
        },
    )

    assert (response.status_code, "Line 1: write a start time" in response.content.decode()) == (
        400,
        True,
    )


def test_request_create_view_after_the_booking_deadline_says_so(client, programme, partner):
    w = workshop(programme, actor=partner, booking_closes_at=timezone.now() + timedelta(days=1))
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    w.booking_closes_at = timezone.now() - timedelta(minutes=5)
    w.save(update_fields=["booking_closes_at"])
    client.force_login(cci.user)

    response = client.post(
        reverse("matchmaking:request_create", args=[programme.slug, w.pk]),
        {"recipient": avm.pk, "reason": "hi"},
    )

    assert (
        response.status_code,
        "Booking for this workshop closed on" in response.content.decode(),
        MeetingRequest.objects.count(),
    ) == (400, True, 0)


def _challenge_with_ccis(programme, n):
    from challenges.models import CompetenceTag
    from tests.challenges.factories import open_challenge

    owner = member(programme, Role.PARTICIPANT, Sector.AVM)
    challenge = open_challenge(programme, owner=owner)
    challenge.required_competences.set(
        [CompetenceTag.objects.get_or_create(name=name)[0] for name in ("UX", "sensors")]
    )
    for i in range(n):
        profile(programme, "UX", *(["sensors"] if i % 2 else []))
    return challenge


def test_challenge_cci_page_ranks_with_explanations(client, programme, partner):
    challenge = _challenge_with_ccis(programme, 3)
    client.force_login(challenge.owner)

    response = client.get(reverse("matchmaking:challenge_cci", args=[programme.slug, challenge.pk]))

    text = response.content.decode()
    assert (
        response.status_code,
        text.count("offers UX and sensors, which “"),
        text.count("1 of 2 needs covered"),
    ) == (200, 1, 2)


def test_challenge_cci_page_is_refused_to_another_company(client, programme):
    challenge = _challenge_with_ccis(programme, 1)
    client.force_login(member(programme, Role.PARTICIPANT, Sector.AVM))

    response = client.get(reverse("matchmaking:challenge_cci", args=[programme.slug, challenge.pk]))

    assert response.status_code == 403


@pytest.mark.rendered
def test_challenge_cci_page_queries_do_not_grow_with_the_cci(
    client, programme, partner, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    challenge = _challenge_with_ccis(programme, 2)
    url = reverse("matchmaking:challenge_cci", args=[programme.slug, challenge.pk])
    client.force_login(partner)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(30):
        profile(programme, "UX", "sensors")

    with django_assert_num_queries(len(small)):
        response = client.get(url + "?page=2")

    assert (response.status_code, response.context["page"].paginator.count) == (200, 32)


def test_sign_link_page_signs_and_refuses_old_and_bad_links(client, programme, published):
    _w, cci, _avm, meeting = published
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)
    party = services.agreement_party_add_external(
        actor=cci.user, agreement=agreement, name="Erika Example", email="erika@ip-law.example"
    )
    agreement.refresh_from_db()
    token = services.sign_link_token(party, revision=agreement.revision)
    old = services.sign_link_token(party, revision=agreement.revision - 1)
    url = reverse("matchmaking:sign_link", args=[token])

    page = client.get(url)
    empty = client.post(url, {})
    signed = client.post(url, {"name": "Erika Example", "confirm": "on"}, follow=True)
    stale = client.get(reverse("matchmaking:sign_link", args=[old]))
    bad = client.get(reverse("matchmaking:sign_link", args=[token + "x"]))

    party.refresh_from_db()
    assert (
        page.status_code,
        agreement.title in page.content.decode(),
        empty.status_code,
        signed.status_code,
        "You signed this version" in signed.content.decode(),
        party.signed_name,
        stale.status_code,
        "This link is for revision 1" in stale.content.decode(),
        bad.status_code,
        "This signing link is not valid." in bad.content.decode(),
    ) == (200, True, 400, 200, True, "Erika Example", 400, True, 404, True)


def test_agreement_party_add_view_adds_an_external_party(client, programme, published):
    _w, cci, _avm, meeting = published
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)
    client.force_login(cci.user)
    url = reverse("matchmaking:agreement_party_add", args=[programme.slug, agreement.pk])

    bad = client.post(url, {"name": "Erika", "email": "not-an-address"})
    good = client.post(
        url,
        {"name": "Erika", "email": "erika@ip-law.example", "organisation_name": "IP Law"},
        follow=True,
    )

    assert (
        bad.status_code,
        good.status_code,
        "Erika (IP Law)" in good.content.decode(),
        list(agreement.parties.filter(user=None).values_list("email", flat=True)),
    ) == (400, 200, True, ["erika@ip-law.example"])


@pytest.mark.rendered
def test_agreement_edit_from_a_stale_tab_is_refused_and_keeps_the_newer_revision(
    programme, published
):
    _w, cci, avm, meeting = published
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)

    saved, refused = edit_in_two_tabs(
        reverse("matchmaking:agreement_edit", args=[programme.slug, agreement.pk]),
        a=cci.user,
        b=avm.user,
        change_a={"goals": "A cobot interface prototype."},
        change_b={"goals": "Only a study.", "budget": "1"},
    )

    agreement.refresh_from_db()
    assert (saved.status_code, refusal(refused)) == (302, (400, True, True))
    assert (agreement.goals, agreement.budget, agreement.revision) == (
        "A cobot interface prototype.",
        None,
        2,
    )
