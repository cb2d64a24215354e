"""Pages of phase 4: rendering, refusals with clear messages, flat query counts, the PDF."""

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from challenges.enums import ChallengeStatus, IdeaStatus
from challenges.models import NdaAcceptance
from collider.enums import Role, Sector
from tests.editing import edit_in_two_tabs, refusal
from tests.factories import member
from tests.pdfcheck import pdf_info, pdf_link_uris, pdf_pages_text

from .factories import (
    ChallengeFactory,
    FundingFactory,
    IdeaFactory,
    criteria,
    open_challenge,
    submitted_review,
)

pytestmark = pytest.mark.django_db


def url(name, challenge, **extra):
    return reverse(
        f"challenges:{name}", kwargs={"slug": challenge.programme.slug, "pk": challenge.pk, **extra}
    )


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.EXPERT])
def test_confidential_details_need_the_nda(client, programme, role):
    # CCI and experts alike (experts who are not the translator) sign the NDA first.
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    reader = member(programme, role, Sector.CCI)
    client.force_login(reader)

    refused = client.get(url("challenge_confidential", challenge))
    accepted = client.post(url("challenge_nda", challenge), {"agree": "yes"}, follow=True)

    assert refused.status_code == 403
    assert challenge.confidential_details not in refused.content.decode()
    assert accepted.status_code == 200
    assert challenge.confidential_details in accepted.content.decode()
    assert NdaAcceptance.objects.filter(user=reader, challenge=challenge).count() == 1


def test_translator_owner_and_organisers_read_confidential_details_without_nda(client, programme):
    translator = member(programme, Role.EXPERT)
    challenge = ChallengeFactory(
        programme=programme, status=ChallengeStatus.PUBLISHED, translator=translator
    )
    readers = [
        translator,
        challenge.owner,
        member(programme, Role.PARTNER),
        member(programme, Role.FACILITATOR),
    ]

    seen = []
    for reader in readers:
        client.force_login(reader)
        response = client.get(url("challenge_confidential", challenge))
        seen.append((response.status_code, challenge.confidential_details in response.text))

    assert seen == [(200, True)] * 4
    assert NdaAcceptance.objects.count() == 0


def test_other_avm_company_never_reads_confidential_details(client, programme):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    client.force_login(member(programme, Role.PARTICIPANT, Sector.AVM))

    details = client.get(url("challenge_confidential", challenge))
    nda = client.post(url("challenge_nda", challenge), {"agree": "yes"})

    assert (details.status_code, nda.status_code) == (403, 403)
    assert NdaAcceptance.objects.count() == 0


def test_confidential_details_of_draft_are_404_for_cci(client, programme, cci):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.DRAFT)
    client.force_login(cci)

    response = client.get(url("challenge_confidential", challenge))

    assert response.status_code == 404


def test_nda_without_ticking_the_box_is_400(client, programme, cci):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    client.force_login(cci)

    response = client.post(url("challenge_nda", challenge), {})

    assert response.status_code == 400
    assert "Tick the box to accept the agreement." in response.content.decode()
    assert NdaAcceptance.objects.count() == 0


def test_challenge_page_shows_countdown_to_deadline(client, programme, cci):
    challenge = open_challenge(programme)
    client.force_login(cci)

    body = client.get(challenge.get_absolute_url()).content.decode()

    assert 'class="fs-5 fw-semibold text-primary mb-0 js-countdown"' in body
    assert f'data-deadline="{timezone.localtime(challenge.idea_deadline).isoformat()}"' in body
    assert re.search(r"js-countdown[^>]*>(.*?)</p>", body).group(1) == "3\xa0weeks left"


def test_schedule_inside_window_shows_the_reason_with_400(client, programme):
    partner = member(programme, Role.PARTNER)
    challenge = open_challenge(programme)
    client.force_login(partner)
    deadline = challenge.pitch_event.starts_at + timedelta(days=3)

    response = client.post(
        url("challenge_schedule", challenge),
        {
            "pitch_event": challenge.pitch_event.pk,
            "idea_event": challenge.idea_event.pk,
            "idea_deadline": timezone.localtime(deadline).strftime("%Y-%m-%dT%H:%M"),
        },
    )

    assert response.status_code == 400
    assert "The idea deadline must be at least 14 days after the challenge pitch" in (
        response.content.decode()
    )


def test_transition_from_wrong_state_answers_400_with_reason(client, programme):
    partner = member(programme, Role.PARTNER)
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.DRAFT)
    client.force_login(partner)

    response = client.post(url("challenge_transition", challenge, action="approve"))

    assert response.status_code == 400
    assert "Cannot approve: the challenge is “Draft” (expected: In expert review)." in (
        response.content.decode()
    )


def test_unknown_transition_is_404(client, programme):
    partner = member(programme, Role.PARTNER)
    challenge = ChallengeFactory(programme=programme)
    client.force_login(partner)

    response = client.post(url("challenge_transition", challenge, action="teleport"))

    assert response.status_code == 404


@pytest.mark.rendered
def test_idea_create_with_empty_form_is_400_with_field_errors(client, programme, cci):
    challenge = open_challenge(programme)
    client.force_login(cci)

    response = client.post(url("idea_create", challenge), {"title": ""})

    assert response.status_code == 400
    assert response.context["form"].errors["title"] == ["This field is required."]


def test_attachment_upload_of_wrong_type_is_400(client, programme, cci):
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)
    client.force_login(cci)

    response = client.post(
        reverse("challenges:idea_attachment_add", args=[programme.slug, idea.pk]),
        {"file": SimpleUploadedFile("virus.exe", b"MZ\x90")},
    )

    assert response.status_code == 400
    assert "Upload one of these file types: PDF, PNG, JPEG, WebP." in response.content.decode()
    assert idea.attachments.count() == 0


def test_attachment_upload_and_download_round_trip(client, programme, cci):
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)
    client.force_login(cci)
    content = b"%PDF-1.4\n% plan\n"

    client.post(
        reverse("challenges:idea_attachment_add", args=[programme.slug, idea.pk]),
        {"file": SimpleUploadedFile("plan.pdf", content)},
    )
    attachment = idea.attachments.get()
    response = client.get(
        reverse(
            "challenges:idea_attachment_download", args=[programme.slug, idea.pk, attachment.pk]
        )
    )

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == content


def test_attachment_missing_from_storage_is_404_with_a_message(client, programme, cci):
    # A backup restored without the uploads folder: the row is there, the file is not.
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)
    client.force_login(cci)
    client.post(
        reverse("challenges:idea_attachment_add", args=[programme.slug, idea.pk]),
        {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n% plan\n")},
    )
    attachment = idea.attachments.get()
    attachment.file.storage.delete(attachment.file.name)

    response = client.get(
        reverse(
            "challenges:idea_attachment_download", args=[programme.slug, idea.pk, attachment.pk]
        )
    )

    assert response.status_code == 404
    assert "This file is missing on the server" in response.content.decode()


def test_review_form_submits_scores(client, programme):
    facilitator = member(programme, Role.FACILITATOR)
    expert = member(programme, Role.EXPERT)
    crits = criteria(programme)
    challenge = open_challenge(programme)
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED)
    from challenges import services

    review = services.review_assign(
        actor=facilitator, idea=idea, reviewer=expert, due_at=timezone.now() + timedelta(days=4)
    )
    client.force_login(expert)
    path = reverse("challenges:review_form", args=[programme.slug, review.pk])

    client.post(path, {"form": "conflict", "conflict": "no"})
    bad = client.post(path, {"form": "scores", f"score_{crits[0].pk}": "9"})
    good = client.post(
        path,
        {"form": "scores", "comment": "Good", **{f"score_{c.pk}": "4" for c in crits}},
    )

    review.refresh_from_db()
    assert bad.status_code == 400
    assert good.status_code == 302
    assert list(review.scores.values_list("value", flat=True)) == [4, 4, 4, 4, 4]


def test_challenge_sheet_pdf_has_template_but_not_confidential_details(client, programme):
    challenge = open_challenge(programme)

    response = client.get(url("challenge_sheet", challenge))

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert challenge.title in text
    assert "Licence to the AVM company" in text
    assert "Tier-1" not in text


def test_challenge_sheet_pdf_is_one_tagged_page_with_money_and_a_live_link(client, programme):
    challenge = open_challenge(
        programme,
        context="Petek Robotics builds cobot cells for metalworking SMEs. " * 3,
        problem_statement="Floor markings wear off; warning lights differ per cell. " * 3,
    )

    response = client.get(url("challenge_sheet", challenge))

    info = pdf_info(response.content)
    text = " ".join(" ".join(pdf_pages_text(response.content)).split())
    assert (
        info["Pages"],
        info["Tagged"],
        info["Title"],
        "8,000 – 20,000 EUR" in text,
        pdf_link_uris(response.content),
    ) == (
        "1",
        "yes",
        challenge.title,
        True,
        [settings.SITE_URL + challenge.get_absolute_url()],
    )


# --- Query counts: flat in the number of rows -------------------------------------------------


def test_challenge_list_queries_do_not_grow(client, programme, cci):
    client.force_login(cci)
    ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    path = reverse("challenges:challenge_list", args=[programme.slug])
    one = count_queries(client, path)
    for _ in range(4):
        ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)

    assert count_queries(client, path) == one


def test_idea_list_queries_do_not_grow(client, programme):
    partner = member(programme, Role.PARTNER)
    challenge = open_challenge(programme)
    client.force_login(partner)
    IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED)
    path = url("idea_list", challenge)
    one = count_queries(client, path)
    for _ in range(4):
        IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED)

    assert count_queries(client, path) == one


def _scored(challenge, reviewers, crits):
    idea = IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED)
    for n, reviewer in enumerate(reviewers):
        submitted_review(idea, reviewer, [1 + (idea.pk + n) % 5] * 5, crits)
    return idea


def test_ranking_queries_do_not_grow(client, programme, page_cache_off):
    partner = member(programme, Role.PARTNER)
    reviewers = [member(programme, Role.EXPERT), member(programme, Role.FACILITATOR)]
    crits = criteria(programme)
    challenge = open_challenge(programme)
    client.force_login(partner)
    _scored(challenge, reviewers, crits)
    path = url("ranking", challenge)
    one = count_queries(client, path)
    for _ in range(4):
        _scored(challenge, reviewers, crits)

    assert count_queries(client, path) == one
    assert count_queries(client, path + "?normalise=1") == one


def test_funding_and_my_ideas_queries_do_not_grow(client, programme, cci, page_cache_off):
    client.force_login(cci)
    challenge = open_challenge(programme)
    FundingFactory(programme=programme)
    IdeaFactory(challenge=challenge, lead=cci)
    funding = reverse("challenges:funding_list", args=[programme.slug])
    mine = reverse("challenges:my_ideas", args=[programme.slug])
    before = (count_queries(client, funding), count_queries(client, mine))
    for _ in range(4):
        FundingFactory(programme=programme)
        IdeaFactory(challenge=challenge, lead=cci)

    assert (count_queries(client, funding), count_queries(client, mine)) == before


def test_ideas_pages_render_for_their_people(client, programme, cci):
    avm = member(programme, Role.PARTICIPANT, Sector.AVM)
    challenge = open_challenge(programme, owner=avm)
    idea = IdeaFactory(challenge=challenge, lead=cci, status=IdeaStatus.SUBMITTED)
    client.force_login(avm)

    body = client.get(idea.get_absolute_url()).content.decode()

    assert idea.title in body
    assert "Submit the idea" not in body


@pytest.mark.parametrize(
    ("make", "route", "field", "author"),
    [
        (lambda p: ChallengeFactory(programme=p), "challenge_edit", "problem_statement", "owner"),
        (lambda p: IdeaFactory(challenge=open_challenge(p)), "idea_edit", "approach", "lead"),
    ],
)
@pytest.mark.rendered
def test_edit_from_a_stale_tab_is_refused_and_keeps_the_newer_text(
    programme, make, route, field, author
):
    record = make(programme)
    person = getattr(record, author)

    saved, refused = edit_in_two_tabs(
        reverse(f"challenges:{route}", kwargs={"slug": programme.slug, "pk": record.pk}),
        a=person,
        b=person,
        change_a={field: "Saved in the newer tab."},
        change_b={field: "An older wording."},
    )

    record.refresh_from_db()
    assert (saved.status_code, refusal(refused)) == (302, (400, True, True))
    assert getattr(record, field) == "Saved in the newer tab."
