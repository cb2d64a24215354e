import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from collider.enums import RegistrationStatus, Role, Sector
from tests.factories import RegistrationFactory, member
from training.enums import Dimension, MaterialKind
from training.models import Certificate, Feedback, Material, MaterialCompletion, SessionOutput

from .factories import (
    PDF_BYTES,
    PNG_BYTES,
    MaterialFactory,
    ModuleFactory,
    SessionFactory,
    VisitFactory,
    past_event_kwargs,
)


def _past_session(programme):
    return SessionFactory(
        module__programme=programme, **{f"event__{k}": v for k, v in past_event_kwargs().items()}
    )


@pytest.mark.rendered
def test_module_list_filters_by_dimension(client, programme):
    ModuleFactory(programme=programme, title="Printing for designers")
    ModuleFactory(programme=programme, title="Pitch to AVM", dimension=Dimension.MINDSET)

    response = client.get(
        reverse("training:module_list", args=[programme.slug]), {"dimension": "mindset"}
    )

    assert [m.title for m in response.context["page"]] == ["Pitch to AVM"]


@pytest.mark.rendered
def test_material_list_searches_title_and_description(client, programme, cci):
    MaterialFactory(programme=programme, title="CNC basics", description="Milling in 15 minutes")
    MaterialFactory(programme=programme, title="IPR tutorial", kind=MaterialKind.IPR_TUTORIAL)
    client.force_login(cci)

    response = client.get(
        reverse("training:material_list", args=[programme.slug]), {"q": "milling"}
    )

    assert [m.title for m in response.context["page"]] == ["CNC basics"]


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize(
    ("url_name", "make"),
    [
        ("training:module_list", lambda p: ModuleFactory(programme=p)),
        ("training:material_list", lambda p: MaterialFactory(programme=p)),
        ("training:my_learning", lambda p: MaterialFactory(programme=p)),
    ],
)
def test_list_pages_issue_the_same_queries_for_one_and_five_rows(
    client, programme, url_name, make, capsys
):
    cci = member(programme, Role.PARTICIPANT, Sector.CCI)
    client.force_login(cci)
    url = reverse(url_name, args=[programme.slug])
    make(programme)
    client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        item = make(programme)
        if isinstance(item, Material):
            MaterialCompletion.objects.create(material=item, user=cci)
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)

    with capsys.disabled():
        print(f"\n{url_name}: {len(one)} queries with 1 row, {len(five)} with 5")
    assert (response.status_code, len(five)) == (200, len(one))


@pytest.mark.rendered
def test_material_create_with_renamed_file_is_refused_with_field_error(client, programme, partner):
    client.force_login(partner)
    fake = SimpleUploadedFile("notes.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    response = client.post(
        reverse("training:material_create", args=[programme.slug]),
        {
            "title": "Notes",
            "kind": "article",
            "dimension": "technology",
            "audience": "both",
            "language": "en",
            "file": fake,
        },
    )

    assert (response.status_code, response.context["form"].errors["file"]) == (
        400,
        ["The file's content is not a PDF file."],
    )
    assert Material.objects.count() == 0


@pytest.mark.rendered
def test_material_create_with_too_large_file_is_refused(client, programme, partner, settings):
    client.force_login(partner)
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), "application/pdf")

    response = client.post(
        reverse("training:material_create", args=[programme.slug]),
        {
            "title": "Big",
            "kind": "article",
            "dimension": "technology",
            "audience": "both",
            "language": "en",
            "file": big,
        },
    )

    assert (response.status_code, response.context["form"].errors["file"]) == (
        400,
        ["The file is 10.0 MB; the limit is 10 MB."],
    )


def test_material_create_with_pdf_stores_file(client, programme, partner):
    client.force_login(partner)
    upload = SimpleUploadedFile("primer.pdf", PDF_BYTES, "application/pdf")

    response = client.post(
        reverse("training:material_create", args=[programme.slug]),
        {
            "title": "Primer",
            "kind": "web_tutorial",
            "dimension": "mindset",
            "audience": "cci",
            "language": "de",
            "file": upload,
        },
    )

    material = Material.objects.get()
    assert response["Location"] == reverse("training:material_list", args=[programme.slug])
    assert (material.content_type, material.size, material.url, material.language) == (
        "application/pdf",
        len(PDF_BYTES),
        "",
        "de",
    )


@pytest.mark.rendered
def test_output_add_photo_without_alt_text_is_refused(client, programme, partner):
    session = _past_session(programme)
    client.force_login(partner)

    response = client.post(
        reverse("training:output_add", args=[programme.slug, session.pk]),
        {"kind": "photo", "title": "Whiteboard", "file": SimpleUploadedFile("w.png", PNG_BYTES)},
    )

    assert (response.status_code, response.context["output_form"].errors["alt_text"]) == (
        400,
        ["Describe the photo for people who cannot see it."],
    )
    assert SessionOutput.objects.count() == 0


def test_output_add_photo_with_alt_text_is_shown_with_alt(client, programme, partner):
    session = _past_session(programme)
    client.force_login(partner)

    client.post(
        reverse("training:output_add", args=[programme.slug, session.pk]),
        {
            "kind": "photo",
            "title": "Whiteboard",
            "alt_text": "Sticky notes grouped by production step",
            "file": SimpleUploadedFile("w.png", PNG_BYTES),
        },
    )
    page = client.get(session.get_absolute_url())

    output = SessionOutput.objects.get()
    assert output.content_type == "image/png"
    assert 'alt="Sticky notes grouped by production step"' in page.content.decode()


@pytest.mark.rendered
@pytest.mark.parametrize("factory", [VisitFactory, SessionFactory])
def test_generic_event_registration_sends_to_the_session_page_and_registers_nobody(
    client, programme, cci, factory
):
    session = factory(module__programme=programme)
    client.force_login(cci)

    event_page = client.get(session.event.get_absolute_url()).content.decode()
    response = client.post(
        reverse("collider:event_register", args=[programme.slug, session.event.pk]), follow=True
    )

    assert f'<a class="btn btn-primary" href="{session.get_absolute_url()}">' in event_page
    assert response.redirect_chain == [(session.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "This event takes registrations on its own page, where its rules apply."
    ]
    assert session.event.registrations.count() == 0


def test_session_register_visit_with_confirmation_enrols(client, programme, cci):
    visit = VisitFactory(module__programme=programme)
    client.force_login(cci)

    response = client.post(
        reverse("training:session_register", args=[programme.slug, visit.pk]), {"confirm": "on"}
    )

    registration = visit.event.registrations.get()
    assert (response["Location"], registration.status, registration.visit_confirmation.text) == (
        visit.get_absolute_url(),
        RegistrationStatus.CONFIRMED,
        visit.confidentiality_text,
    )


def test_attendance_then_feedback_request_mail_then_feedback(
    client, programme, partner, cci, django_capture_on_commit_callbacks
):
    session = _past_session(programme)
    session.event.title = "Pitch training"
    session.event.save(update_fields=["title"])
    registration = RegistrationFactory(event=session.event, user=cci)
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collider:event_attendance", args=[programme.slug, session.event.pk]),
            {"present": [registration.pk]},
        )
    client.force_login(cci)

    response = client.post(
        reverse("training:feedback", args=[programme.slug, session.pk]),
        {"rating": "5", "comment": "Clear and practical"},
    )

    sent = [m for m in mail.outbox if cci.email in m.to]
    assert [m.subject for m in sent] == [
        "[Collider] How was Pitch training? Two minutes of feedback"
    ]
    assert reverse("training:feedback", args=[programme.slug, session.pk]) in sent[0].body
    assert response["Location"] == session.get_absolute_url()
    assert list(Feedback.objects.values_list("rating", "comment")) == [(5, "Clear and practical")]


def test_feedback_with_rating_out_of_range_is_refused(client, programme, cci):
    session = SessionFactory(module__programme=programme)
    RegistrationFactory(event=session.event, user=cci, attended=True)
    client.force_login(cci)

    response = client.post(
        reverse("training:feedback", args=[programme.slug, session.pk]), {"rating": "9"}
    )

    assert (response.status_code, Feedback.objects.count()) == (400, 0)


@pytest.mark.rendered
def test_certificate_pdf_lists_attended_sessions_and_code_verifies(client, programme, cci):
    session = SessionFactory(module__programme=programme, event__title="Hands-on 3D printing")
    RegistrationFactory(event=session.event, user=cci, attended=True)
    client.force_login(cci)

    client.post(reverse("training:certificate_issue", args=[programme.slug]))
    response = client.get(reverse("training:certificate_pdf", args=[programme.slug]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    certificate = Certificate.objects.get()
    client.logout()
    verify = client.get(reverse("training:certificate_verify"), {"code": certificate.code.lower()})

    assert response["Content-Type"] == "application/pdf"
    assert "Certificate of attendance" in text
    assert "Hands-on 3D printing" in text
    assert certificate.code in text
    assert (verify.status_code, verify.context["certificate"]) == (200, certificate)


def test_certificate_verify_with_unknown_code_is_404_with_message(client, db):
    response = client.get(reverse("training:certificate_verify"), {"code": "AAAA-BBBB-CCCC"})

    assert response.status_code == 404
    assert "No certificate has this code." in response.content.decode()


@pytest.mark.rendered
def test_material_done_marks_item_and_library_shows_progress(client, programme, cci):
    material = MaterialFactory(programme=programme)
    MaterialFactory(programme=programme)
    client.force_login(cci)

    client.post(reverse("training:material_done", args=[programme.slug, material.pk]))
    response = client.get(reverse("training:material_list", args=[programme.slug]))

    technology = response.context["progress"][0]
    assert (technology["done"], technology["total"]) == (1, 2)


def test_material_done_ignores_offsite_next(client, programme, cci):
    material = MaterialFactory(programme=programme)
    client.force_login(cci)

    response = client.post(
        reverse("training:material_done", args=[programme.slug, material.pk]),
        {"next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("training:material_list", args=[programme.slug])


@pytest.mark.rendered
def test_dashboard_shows_learning_path_step_with_reason(client, programme, cci):
    from .test_selectors import _answer_checklist

    _answer_checklist(programme, cci, technology=1, mindset=5)
    module = ModuleFactory(programme=programme, title="Hands-on 3D printing")
    client.force_login(cci)

    response = client.get(reverse("dashboard"))

    steps = [s for card in response.context["cards"] for s in card["steps"]]
    ours = [s for s in steps if s.url == module.get_absolute_url()]
    assert [s.title for s in ours] == ["Training: Hands-on 3D printing"]
    assert ours[0].reason.startswith("Your readiness checklist scored")


def test_visit_reflection_after_attendance_is_stored(client, programme, cci):
    visit = VisitFactory(module__programme=programme)
    RegistrationFactory(event=visit.event, user=cci, attended=True)
    client.force_login(cci)

    page = client.get(reverse("training:feedback", args=[programme.slug, visit.pk]))
    response = client.post(
        reverse("training:feedback", args=[programme.slug, visit.pk]),
        {"rating": "5", "learned": "How cobots are taught", "idea": "A training video"},
    )

    assert "Your reflection on the visit" in page.content.decode()
    assert response["Location"] == visit.get_absolute_url()
    assert list(Feedback.objects.values_list("rating", "learned", "idea")) == [
        (5, "How cobots are taught", "A training video")
    ]


@pytest.mark.rendered
def test_visit_reflection_without_what_was_learned_is_refused(client, programme, cci):
    visit = VisitFactory(module__programme=programme)
    RegistrationFactory(event=visit.event, user=cci, attended=True)
    client.force_login(cci)

    response = client.post(
        reverse("training:feedback", args=[programme.slug, visit.pk]), {"rating": "4"}
    )

    assert (response.status_code, list(response.context["form"].errors)) == (400, ["learned"])
    assert Feedback.objects.count() == 0


def test_certificate_download_before_issuing_creates_nothing_and_says_so(client, programme, cci):
    session = SessionFactory(module__programme=programme)
    RegistrationFactory(event=session.event, user=cci, attended=True)
    client.force_login(cci)

    response = client.get(reverse("training:certificate_pdf", args=[programme.slug]), follow=True)

    assert Certificate.objects.count() == 0
    assert response.redirect_chain == [
        (reverse("training:my_learning", args=[programme.slug]), 302)
    ]
    assert "Issue your certificate of attendance first." in response.content.decode()


def test_certificate_issue_by_post_then_page_offers_download(client, programme, cci):
    session = SessionFactory(module__programme=programme)
    RegistrationFactory(event=session.event, user=cci, attended=True)
    client.force_login(cci)

    response = client.post(
        reverse("training:certificate_issue", args=[programme.slug]), follow=True
    )

    certificate = Certificate.objects.get()
    assert (certificate.user, certificate.programme) == (cci, programme)
    assert "Your certificate of attendance is ready to download." in response.content.decode()
    assert reverse("training:certificate_pdf", args=[programme.slug]) in response.content.decode()
