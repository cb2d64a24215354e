import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from collider.enums import EventKind, RegistrationMode, Role
from collider.models import Registration
from outreach import services
from outreach.enums import Audience, QuestionKind, ResponseSource
from outreach.models import ChecklistResponse, Handout, PracticeImage
from tests.factories import EventFactory, member

from .factories import (
    BrochureFactory,
    ChecklistFactory,
    ChecklistQuestionFactory,
    ChecklistSectionFactory,
    MediaCommitmentFactory,
    PracticeFactory,
    PracticeImageFactory,
    choice_question,
    png_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def checklist(programme):
    checklist = ChecklistFactory(programme=programme, title="Ready to cooperate?")
    tech = ChecklistSectionFactory(
        checklist=checklist,
        title="Technology",
        dimension="technology",
        next_steps="Book the digital-twin training.",
    )
    ipr = ChecklistSectionFactory(checklist=checklist, title="IPR", dimension="ipr")
    checklist.scale = ChecklistQuestionFactory(
        section=tech, text="I know CNC basics.", kind=QuestionKind.SCALE
    )
    checklist.avm_only = ChecklistQuestionFactory(
        section=tech, text="We budget for design.", kind=QuestionKind.YES_NO, audience=Audience.AVM
    )
    checklist.single = choice_question(
        ipr, QuestionKind.SINGLE, scores=(0, 10), text="NDA template?"
    )
    return checklist


def _answer_data(checklist, **overrides):
    data = {
        "sector": "cci",
        "email": "nora@studio.example",
        "organisation_name": "Studio Nora",
        "consent": "on",
        f"q{checklist.scale.pk}": "2",
        f"q{checklist.single.pk}": str(checklist.single.options.get(score=10).pk),
    }
    data.update(overrides)
    return data


def test_checklist_answer_without_sector_offers_both(client, checklist):
    response = client.get(reverse("outreach:checklist_answer", args=[checklist.token]))

    assert (
        response.status_code,
        b"?sector=cci" in response.content,
        b"?sector=avm" in response.content,
    ) == (
        200,
        True,
        True,
    )


def test_checklist_answer_shows_only_questions_for_the_sector(client, checklist):
    url = reverse("outreach:checklist_answer", args=[checklist.token])

    cci = client.get(url + "?sector=cci").content.decode()
    avm = client.get(url + "?sector=avm").content.decode()

    assert ("We budget for design." in cci, "We budget for design." in avm) == (False, True)


def test_checklist_answer_post_stores_response_and_shows_scores(client, checklist):
    url = reverse("outreach:checklist_answer", args=[checklist.token])

    response = client.post(url, _answer_data(checklist), follow=True)

    saved = ChecklistResponse.objects.get()
    page = response.content.decode()
    assert (
        response.redirect_chain[-1][0],
        saved.source,
        saved.total_score,
        "Book the digital-twin training." in page,
        ">25<" in page,
        ">100<" in page,
    ) == (
        reverse("outreach:checklist_result", args=[saved.token]),
        ResponseSource.ONLINE,
        62,  # (0.25 + 1.0) / 2, rounded half to even
        True,
        True,
        True,
    )


def test_checklist_answer_post_missing_answer_is_400_with_field_error(client, checklist):
    url = reverse("outreach:checklist_answer", args=[checklist.token])
    data = _answer_data(checklist)
    del data[f"q{checklist.scale.pk}"]

    response = client.post(url, data)

    assert (
        response.status_code,
        "This field is required." in response.content.decode(),
        ChecklistResponse.objects.count(),
    ) == (
        400,
        True,
        0,
    )


def test_checklist_answer_post_without_consent_is_400(client, checklist):
    data = _answer_data(checklist)
    del data["consent"]

    response = client.post(reverse("outreach:checklist_answer", args=[checklist.token]), data)

    assert (response.status_code, ChecklistResponse.objects.count()) == (400, 0)


def test_checklist_answer_post_is_rate_limited(client, checklist, rate_limits):
    rate_limits["checklist_answer"] = "3/10m/ip"
    url = reverse("outreach:checklist_answer", args=[checklist.token])

    codes = [
        client.post(url, _answer_data(checklist, email=f"r{i}@example.org")).status_code
        for i in range(4)
    ]

    assert (codes, ChecklistResponse.objects.count()) == ([302, 302, 302, 429], 3)


def test_checklist_answer_closed_checklist_is_404(client, checklist):
    checklist.status = "closed"
    checklist.save()

    response = client.get(reverse("outreach:checklist_answer", args=[checklist.token]))

    assert response.status_code == 404


def test_checklist_paper_by_partner_records_paper_source(client, checklist, partner):
    client.force_login(partner)
    url = reverse("outreach:checklist_paper", args=[checklist.programme.slug, checklist.pk])

    response = client.post(
        url + "?sector=avm",
        _answer_data(checklist, sector="avm", **{f"q{checklist.avm_only.pk}": "yes"}),
    )

    saved = ChecklistResponse.objects.get()
    assert (response.status_code, saved.source, saved.entered_by, saved.sector) == (
        302,
        "paper",
        partner,
        "avm",
    )


def _respond(checklist, email, sector="cci"):
    answers = {checklist.scale.pk: 3, checklist.single.pk: checklist.single.options.first().pk}
    if sector == "avm":
        answers[checklist.avm_only.pk] = True
    return services.checklist_response_submit(
        checklist=checklist,
        sector=sector,
        email=email,
        organisation_name="Org",
        consent=True,
        answers=answers,
    )


def test_checklist_export_has_stable_columns(client, checklist, partner):
    client.force_login(partner)
    url = reverse("outreach:checklist_export", args=[checklist.programme.slug, checklist.pk])
    empty_header = next(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    _respond(checklist, "a@example.org", "cci")
    _respond(checklist, "b@example.org", "avm")

    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))

    sections = list(checklist.sections.order_by("order", "pk").values_list("title", flat=True))
    expected = [
        "Response",
        "Submitted at",
        "Answered",
        "Sector",
        "E-mail",
        "Organisation",
        "Total score",
        f"1.1 {checklist.scale.text}",
        f"1.2 {checklist.avm_only.text}",
        f"2.1 {checklist.single.text}",
        *[f"Score: {title}" for title in sections],
    ]
    assert (empty_header, rows[0], [r[3] for r in rows[1:]], rows[1][8], rows[2][8]) == (
        expected,
        expected,
        ["Cultural and creative industries (CCI)", "Advanced manufacturing (AVM)"],
        "",
        "yes",
    )


def test_expert_reads_aggregated_results_but_no_respondent_and_no_export(client, checklist):
    _respond(checklist, "private@studio.example", "cci")
    client.force_login(member(checklist.programme, Role.EXPERT))
    args = [checklist.programme.slug, checklist.pk]

    results = client.get(reverse("outreach:checklist_results", args=args))
    responses = client.get(reverse("outreach:checklist_responses", args=args))
    export = client.get(reverse("outreach:checklist_export", args=args))

    assert (results.status_code, responses.status_code, export.status_code) == (200, 403, 403)
    assert "private@studio.example" not in responses.text + export.content.decode()
    assert reverse("outreach:checklist_export", args=args) not in results.text


def test_checklist_results_passes_chart_data_as_json(client, checklist, partner):
    _respond(checklist, "a@example.org", "cci")
    client.force_login(partner)

    response = client.get(
        reverse("outreach:checklist_results", args=[checklist.programme.slug, checklist.pk])
    )

    match = re.search(
        r'<script id="results-data" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    data = json.loads(match.group(1))
    assert (data["labels"], data["series"][0]["data"], data["series"][1]["data"]) == (
        ["Technology", "IPR"],
        [50.0, 0.0],
        [None, None],
    )


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("view", ["checklist_results", "checklist_responses"])
def test_checklist_result_pages_query_count_does_not_grow(client, checklist, partner, view):
    client.force_login(partner)
    url = reverse(f"outreach:{view}", args=[checklist.programme.slug, checklist.pk])
    _respond(checklist, "first@example.org")
    client.get(url)  # warm caches (sessions, content types)
    one = _count_queries(client, url)
    for index in range(4):
        _respond(checklist, f"more{index}@example.org", ("cci", "avm")[index % 2])

    five = _count_queries(client, url)

    assert one == five


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        (
            "outreach:practice_list",
            lambda p, partner: PracticeImageFactory(practice=PracticeFactory(programme=p)),
        ),
        (
            "outreach:brochure_list",
            lambda p, partner: BrochureFactory(programme=p, stories=[PracticeFactory(programme=p)]),
        ),
        (
            "outreach:media_list",
            lambda p, partner: MediaCommitmentFactory(programme=p, responsible=partner),
        ),
        (
            "outreach:info_day_list",
            lambda p, partner: EventFactory(
                programme=p, kind=EventKind.INFO_DAY, registration_mode=RegistrationMode.PUBLIC
            ),
        ),
        (
            "outreach:checklist_list",
            lambda p, partner: ChecklistSectionFactory(checklist=ChecklistFactory(programme=p)),
        ),
    ],
)
def test_list_pages_query_count_is_the_same_for_1_and_4_rows(
    client, programme, partner, url_name, make
):
    client.force_login(partner)
    url = reverse(url_name, args=[programme.slug])
    make(programme, partner)
    client.get(url)
    one = _count_queries(client, url)
    for _ in range(3):
        make(programme, partner)

    four = _count_queries(client, url)

    assert one == four


@pytest.mark.rendered
def test_practice_list_filters_by_facet_and_search(client, programme):
    PracticeFactory(
        programme=programme, title="Acoustic branding", kind="product", involves_avm=True
    )
    PracticeFactory(programme=programme, title="Design thinking coaching", kind="practice_change")
    PracticeFactory(programme=programme, title="Game for safety", kind="service", summary="VR game")
    url = reverse("outreach:practice_list", args=[programme.slug])

    by_kind = client.get(url, {"kind": "practice_change"})
    by_text = client.get(url, {"q": "game"})
    bad = client.get(url, {"kind": "nonsense", "level": "<script>"})

    assert (
        [p.title for p in by_kind.context["page"]],
        [p.title for p in by_text.context["page"]],
        bad.status_code,
    ) == (["Design thinking coaching"], ["Game for safety"], 200)


def test_practice_image_add_stores_png_with_alt_text(client, programme, partner):
    practice = PracticeFactory(programme=programme)
    client.force_login(partner)
    upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")

    response = client.post(
        reverse("outreach:practice_image_add", args=[programme.slug, practice.pk]),
        {"image": upload, "alt_text": "A machinist holding the new grip"},
    )

    image = PracticeImage.objects.get()
    assert (response.status_code, image.content_type, image.alt_text) == (
        302,
        "image/png",
        "A machinist holding the new grip",
    )


@pytest.mark.parametrize(
    ("name", "content", "alt", "message"),
    [
        (
            "fake.png",
            b"MZ\x90\x00 not an image",
            "Alt",
            "The file&#x27;s content is not a PNG file.",
        ),
        (
            "big.png",
            b"\x89PNG" + b"0" * (3 * 1024 * 1024),
            "Alt",
            "The file is 3.0 MB; the limit is 3 MB.",
        ),
        ("photo.png", None, "", "This field is required."),
    ],
)
def test_practice_image_add_rejects_bad_uploads(
    client, programme, partner, name, content, alt, message
):
    practice = PracticeFactory(programme=programme)
    client.force_login(partner)
    upload = SimpleUploadedFile(
        name, content if content is not None else png_bytes(), content_type="image/png"
    )

    response = client.post(
        reverse("outreach:practice_image_add", args=[programme.slug, practice.pk]),
        {"image": upload, "alt_text": alt},
    )

    assert (
        response.status_code,
        message in response.content.decode(),
        PracticeImage.objects.count(),
    ) == (400, True, 0)


def test_practice_image_rejects_gif(client, programme, partner):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    practice = PracticeFactory(programme=programme)
    client.force_login(partner)

    response = client.post(
        reverse("outreach:practice_image_add", args=[programme.slug, practice.pk]),
        {"image": SimpleUploadedFile("a.gif", buffer.getvalue()), "alt_text": "A"},
    )

    assert (
        response.status_code,
        "Upload one of these file types: JPEG, PNG, WebP." in response.content.decode(),
    ) == (400, True)


def _info_day(programme, **kwargs):
    return EventFactory(
        programme=programme,
        kind=EventKind.INFO_DAY,
        registration_mode=RegistrationMode.PUBLIC,
        **kwargs,
    )


def test_info_day_handout_upload_checks_content(client, programme, partner):
    event = _info_day(programme)
    client.force_login(partner)
    url = reverse("outreach:info_day_manage", args=[programme.slug, event.pk])

    fake = client.post(
        url,
        {
            "form": "handout",
            "kind": "leaflet",
            "title": "Leaflet",
            "file": SimpleUploadedFile("x.pdf", b"MZ not a pdf"),
        },
    )
    real = client.post(
        url,
        {
            "form": "handout",
            "kind": "leaflet",
            "title": "Leaflet",
            "event": event.pk,
            "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 ok"),
        },
    )

    handout = Handout.objects.get()
    assert (
        fake.status_code,
        "content is not a PDF file" in fake.content.decode(),
        real.status_code,
        handout.event,
        handout.size,
    ) == (
        400,
        True,
        302,
        event,
        11,
    )


def test_info_day_detail_shows_programme_per_dimension_and_materials(client, programme, checklist):
    event = _info_day(programme)
    services.info_day_item_add(
        actor=member(programme, Role.PARTNER),
        event=event,
        dimension="mindset",
        title="How to pitch to AVM",
        description="",
        speaker="Mira",
        starts_at=None,
    )
    BrochureFactory(
        programme=programme, title="Success stories", stories=[PracticeFactory(programme=programme)]
    )

    page = client.get(
        reverse("outreach:info_day_detail", args=[programme.slug, event.pk])
    ).content.decode()

    assert (
        "How to pitch to AVM" in page,
        "Mindset" in page,
        "Success stories" in page,
        checklist.title in page,
    ) == (
        True,
        True,
        True,
        True,
    )


def test_info_day_guest_registration_invites_to_create_account(client, programme):
    event = _info_day(programme)

    response = client.post(
        reverse("outreach:info_day_detail", args=[programme.slug, event.pk]),
        {
            "name": "Nora Brandstätter",
            "email": "nora@studio.example",
            "organisation_name": "Studio",
            "sector": "cci",
            "consent": "on",
        },
    )

    registration = Registration.objects.get()
    assert (
        response.status_code,
        registration.email,
        registration.sector,
        reverse("account_signup") in response.content.decode(),
    ) == (
        200,
        "nora@studio.example",
        "cci",
        True,
    )


def test_info_day_answer_is_the_same_whether_the_email_has_an_account_or_not(client, programme):
    event = _info_day(programme)
    member(programme, email="known@studio.example")
    url = reverse("outreach:info_day_detail", args=[programme.slug, event.pk])

    def register(email):
        data = {"name": "N", "email": email, "sector": "cci", "consent": "on"}
        response = client.post(url, data)
        registration = Registration.objects.get(email=email)
        page = response.text.replace(email, "<email>").replace(registration.token, "<token>")
        # Only the CSRF tokens differ between two requests.
        return response.status_code, re.sub(r'(X-CSRFToken": |value=)"[^"]+"', "", page)

    known = register("known@studio.example")
    unknown = register("unknown@studio.example")

    assert known == unknown
    assert reverse("account_signup") in known[1]


def test_info_day_guest_registration_twice_is_400_with_message(client, programme):
    event = _info_day(programme)
    url = reverse("outreach:info_day_detail", args=[programme.slug, event.pk])
    data = {"name": "Nora", "email": "nora@studio.example", "sector": "cci", "consent": "on"}
    client.post(url, data)

    again = client.post(url, data)

    assert (again.status_code, "already registered" in again.content.decode()) == (400, True)


def test_info_day_create_makes_public_info_day(client, programme, partner):
    client.force_login(partner)
    start = timezone.localtime() + timedelta(days=20)

    response = client.post(
        reverse("outreach:info_day_create", args=[programme.slug]),
        {
            "title": "Info day Maribor",
            "format": "on_site",
            "venue": "Tovarna",
            "timezone": "Europe/Vienna",
            "starts_at": start.strftime("%Y-%m-%dT09:00"),
            "ends_at": start.strftime("%Y-%m-%dT12:00"),
        },
    )

    event = programme.events.get(title="Info day Maribor")
    assert (response.status_code, event.kind, event.registration_mode, event.phase) == (
        302,
        "info_day",
        "public",
        "connect",
    )


def test_brochure_pdf_of_published_brochure_is_public(client, programme):
    brochure = BrochureFactory(programme=programme, stories=[PracticeFactory(programme=programme)])

    response = client.get(reverse("outreach:brochure_pdf", args=[programme.slug, brochure.pk]))

    assert (response.status_code, response["Content-Type"], response.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )


def test_checklist_qr_is_svg_of_public_link(client, checklist, partner):
    client.force_login(partner)

    response = client.get(
        reverse("outreach:checklist_qr", args=[checklist.programme.slug, checklist.pk])
    )

    assert (
        response["Content-Type"],
        response.content.lstrip().startswith(b"<?xml"),
        b"<svg" in response.content,
    ) == (
        "image/svg+xml",
        True,
        True,
    )


def test_media_publish_form_records_link(client, programme, partner):
    item = MediaCommitmentFactory(programme=programme, responsible=partner, status="committed")
    client.force_login(partner)

    response = client.post(
        reverse("outreach:media_publish", args=[programme.slug, item.pk]),
        {
            "link": "https://example.org/story",
            "published_on": "2026-05-04",
            "estimated_reach": "1200",
        },
    )

    item.refresh_from_db()
    assert (response.status_code, item.status, item.link, item.estimated_reach) == (
        302,
        "published",
        "https://example.org/story",
        1200,
    )


def test_checklist_answer_rate_limit_ignores_forged_forwarded_for(client, checklist, rate_limits):
    # No proxy is trusted by default: every X-Forwarded-For entry, the last one too, is the
    # client's own and may rotate.
    rate_limits["checklist_answer"] = "1/10m/ip"
    url = reverse("outreach:checklist_answer", args=[checklist.token])
    first = client.post(url, _answer_data(checklist), HTTP_X_FORWARDED_FOR="1.1.1.1, 10.0.0.9")

    forged = client.post(
        url,
        _answer_data(checklist, email="other@example.org"),
        HTTP_X_FORWARDED_FOR="2.2.2.2, 10.0.0.10",
    )

    assert (first.status_code, forged.status_code) == (302, 429)


def test_info_day_registration_flood_is_refused(client, programme, rate_limits):
    rate_limits["info_day_register"] = "2/10m/ip"
    event = EventFactory(
        programme=programme, kind=EventKind.INFO_DAY, registration_mode=RegistrationMode.PUBLIC
    )
    url = reverse("outreach:info_day_detail", args=[programme.slug, event.pk])

    def register(i: int) -> int:
        data = {"name": f"Guest {i}", "email": f"guest{i}@example.org", "sector": "cci"}
        return client.post(url, {**data, "consent": "on"}).status_code

    codes = [register(i) for i in range(3)]

    assert (codes, Registration.objects.filter(event=event).count()) == ([200, 200, 429], 2)


def test_checklist_answer_anonymously_shows_the_result_and_mails_nobody(
    client, checklist, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("outreach:checklist_answer", args=[checklist.token])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, _answer_data(checklist, email="", organisation_name=""), follow=True
        )

    saved = ChecklistResponse.objects.get()
    page = response.content.decode()
    assert (saved.email, saved.organisation_name, saved.total_score) == ("", "", 62)
    assert "Thank you. Here is how ready you are" in page
    assert "we did not e-mail it" in page
    assert mailoutbox == []


def test_checklist_answer_send_me_my_results_mails_the_link(
    client, checklist, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("outreach:checklist_answer", args=[checklist.token])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, _answer_data(checklist, organisation_name="", send_results="on"))

    saved = ChecklistResponse.objects.get()
    assert (saved.email, saved.send_results) == ("nora@studio.example", True)
    assert [m.to for m in mailoutbox] == [["nora@studio.example"]]
    assert saved.token in mailoutbox[0].body


def test_checklist_answer_send_results_without_address_is_400_with_message(client, checklist):
    url = reverse("outreach:checklist_answer", args=[checklist.token])

    response = client.post(url, _answer_data(checklist, email="", send_results="on"))

    assert response.status_code == 400
    assert "Give an e-mail address to receive the results." in response.content.decode()
    assert ChecklistResponse.objects.count() == 0


def test_checklist_paper_without_address_or_organisation_is_listed_as_anonymous(
    client, checklist, partner
):
    client.force_login(partner)
    slug = checklist.programme.slug
    url = reverse("outreach:checklist_paper", args=[slug, checklist.pk])

    response = client.post(
        url, _answer_data(checklist, email="", organisation_name=""), follow=True
    )
    listing = client.get(reverse("outreach:checklist_responses", args=[slug, checklist.pk]))
    export = client.get(reverse("outreach:checklist_export", args=[slug, checklist.pk]))

    assert "Paper answers of Anonymous respondent saved" in response.content.decode()
    rows = export.content.decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and ",,Anonymous respondent," in rows[1]
    assert ChecklistResponse.objects.get().source == ResponseSource.PAPER
    assert "Anonymous respondent" in listing.content.decode()
