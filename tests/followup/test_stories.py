"""Success stories: drafted from a completed cooperation, consented to by both sides through
the outbox, published into the best-practice library and the brochure, withdrawn."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from collider.enums import Role, Sector
from collider.models import Reminder
from collider.services import reminder_sweep
from followup import stories
from followup.enums import StoryStatus
from followup.models import StoryConsent, SuccessStory
from followup.next_steps import evaluation_story_steps
from followup.pdf import report_context
from outreach.enums import PublicationStatus
from outreach.models import BrochureEntry
from outreach.selectors import practice_list_visible_to
from outreach.services import brochure_render
from tests.editing import edit_in_two_tabs, refusal
from tests.factories import member
from tests.outreach.factories import BrochureFactory, PracticeFactory

from .factories import CooperationFactory

STORY = {
    "title": "A sensor housing that sells",
    "summary": "A studio and a machine maker redesigned a sensor housing.",
    "challenge": "Customers found the housing hard to mount.",
    "solution": "User research on the shop floor and three prototypes.",
    "results": "Mounting time halved; a new product line.",
    "quote": "We finally speak the same language.",
    "quote_by": "Marko, Prevent Metal",
}


@pytest.fixture
def story(partner, completed):
    return stories.story_create(actor=partner, cooperation=completed, **STORY)


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("housing.png", buffer.getvalue(), content_type="image/png")


def _consent_both(story):
    cooperation = story.cooperation
    for person in (cooperation.cci_contact, cooperation.avm_contact):
        stories.story_consent_give(
            actor=person, story=story, text_hash_seen=stories.text_hash(story)
        )


def _fresh(story) -> SuccessStory:
    return stories.story_get(programme=story.programme, pk=story.pk)


def test_story_needs_a_completed_cooperation(partner, pair):
    with pytest.raises(ValidationError, match="Only a completed cooperation"):
        stories.story_create(actor=partner, cooperation=pair, **STORY)
    assert SuccessStory.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": " "}, "title"),
        ({"results": ""}, "results"),
        ({"summary": "x" * 1501}, "summary"),
        ({"quote": "", "quote_by": "Marko"}, "quote"),
        ({"image": "PLACEHOLDER", "image_content_type": "image/png", "image_alt": ""}, "image_alt"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(partner, completed, change, field):
    if change.get("image") == "PLACEHOLDER":
        change = {**change, "image": _png()}

    with pytest.raises(ValidationError) as error:
        stories.story_create(actor=partner, cooperation=completed, **{**STORY, **change})

    assert list(error.value.message_dict) == [field]
    assert SuccessStory.objects.count() == 0


def test_only_partners_draft_ask_and_publish(programme, completed, story):
    cci = completed.cci_contact
    with pytest.raises(PermissionDenied):
        stories.story_create(actor=cci, cooperation=completed, **STORY)
    with pytest.raises(PermissionDenied):
        stories.story_consent_request(actor=cci, story=story)
    with pytest.raises(PermissionDenied):
        stories.story_publish(actor=cci, story=story)
    stranger = member(programme, Role.PARTICIPANT, Sector.CCI)
    with pytest.raises(PermissionDenied):
        stories.story_consent_give(actor=stranger, story=story, text_hash_seen="x")


def test_both_sides_are_asked_by_mail_and_consent_with_name_time_and_hash(partner, story):
    stories.story_consent_request(actor=partner, story=story)
    reminder_sweep()
    cooperation = story.cooperation
    links = {}
    for person in (cooperation.cci_contact, cooperation.avm_contact):
        (message,) = [m for m in mail.outbox if person.email in m.to]
        links[person.pk] = re.search(r"/p/[^\s]+/consent/", message.body).group(0)
    stories.story_consent_give(
        actor=cooperation.cci_contact, story=story, text_hash_seen=stories.text_hash(story)
    )

    consent = StoryConsent.objects.get()
    assert set(links.values()) == {
        reverse("followup:story_consent", kwargs={"slug": story.programme.slug, "pk": story.pk})
    }
    assert mail.outbox[0].subject == (
        "[Collider] [Action required] May we publish the success story "
        "“A sensor housing that sells”?"
    )
    assert (consent.side, consent.name, consent.text_hash) == (
        "cci",
        cooperation.cci_contact.display_name,
        stories.text_hash(story),
    )
    assert consent.given_at is not None
    assert not stories.is_consented(_fresh(story))


def test_consent_to_an_outdated_text_is_refused(partner, story):
    stories.story_consent_request(actor=partner, story=story)
    seen = stories.text_hash(story)
    stories.story_update(actor=partner, story=story, **{**STORY, "results": "Even better."})

    with pytest.raises(ValidationError, match="changed while you read it"):
        stories.story_consent_give(
            actor=story.cooperation.cci_contact, story=story, text_hash_seen=seen
        )
    assert StoryConsent.objects.count() == 0


def test_publish_needs_both_consents(partner, story):
    stories.story_consent_request(actor=partner, story=story)
    stories.story_consent_give(
        actor=story.cooperation.cci_contact, story=story, text_hash_seen=stories.text_hash(story)
    )

    with pytest.raises(ValidationError, match="Both the CCI and the AVM side"):
        stories.story_publish(actor=partner, story=story)
    assert _fresh(story).practice is None


def test_any_edit_clears_the_consents_and_asks_again(partner, story):
    stories.story_consent_request(actor=partner, story=story)
    _consent_both(story)
    asked = Reminder.objects.filter(kind=stories.CONSENT_KIND).count()

    story, cleared = stories.story_update(
        actor=partner, story=story, **{**STORY, "quote": "We speak the same language now."}
    )

    assert (cleared, StoryConsent.objects.count()) == (2, 0)
    assert story.status == StoryStatus.ASKED
    # Each side is asked again: now, and reminded after 3 and 7 days.
    assert Reminder.objects.filter(kind=stories.CONSENT_KIND).count() == asked + 2 * 3
    with pytest.raises(ValidationError):
        stories.story_publish(actor=partner, story=story)


def test_published_story_is_in_the_library_and_the_brochure_pdf(programme, partner, story):
    brochure = BrochureFactory(programme=programme, stories=[PracticeFactory(programme=programme)])
    story, _ = stories.story_update(
        actor=partner,
        story=story,
        **STORY,
        image=_png(),
        image_content_type="image/png",
        image_alt="The new housing on a machine",
    )
    stories.story_consent_request(actor=partner, story=story)
    _consent_both(story)

    story = stories.story_publish(
        actor=partner, story=_fresh(story), kind="product", level="national", brochure=brochure
    )

    practice = story.practice
    public = practice_list_visible_to(user=AnonymousUser(), programme=programme)
    assert story.status == StoryStatus.PUBLISHED
    assert practice in public
    assert (practice.title, practice.kind, practice.testimonial_by) == (
        STORY["title"],
        "product",
        STORY["quote_by"],
    )
    assert [image.alt_text for image in practice.images.all()] == ["The new housing on a machine"]
    assert (
        list(
            BrochureEntry.objects.filter(brochure=brochure).values_list(
                "practice__title", flat=True
            )
        )[-1]
        == STORY["title"]
    )
    pdf = brochure_render(brochure=brochure, force=True)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert STORY["title"] in text
    assert "Mounting time halved" in text


def test_withdrawn_consent_unpublishes_and_leaves_the_brochure(programme, partner, story):
    brochure = BrochureFactory(programme=programme, stories=[PracticeFactory(programme=programme)])
    stories.story_consent_request(actor=partner, story=story)
    _consent_both(story)
    story = stories.story_publish(actor=partner, story=_fresh(story), brochure=brochure)
    avm = story.cooperation.avm_contact

    story = stories.story_consent_withdraw(actor=avm, story=story)

    story.practice.refresh_from_db()
    assert story.status == StoryStatus.WITHDRAWN
    assert story.practice.status == PublicationStatus.DRAFT
    assert not BrochureEntry.objects.filter(practice=story.practice).exists()
    withdrawn = StoryConsent.objects.get(side="avm")
    assert withdrawn.withdrawn_at is not None  # kept as the record
    assert STORY["title"] not in " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(brochure_render(brochure=brochure))).pages
    )
    with pytest.raises(ValidationError, match="have not consented"):
        stories.story_consent_withdraw(actor=avm, story=story)


def test_editing_a_published_story_takes_it_out_of_the_library(programme, partner, story):
    stories.story_consent_request(actor=partner, story=story)
    _consent_both(story)
    story = stories.story_publish(actor=partner, story=_fresh(story))

    story, cleared = stories.story_update(actor=partner, story=story, **{**STORY, "title": "New"})

    story.practice.refresh_from_db()
    assert (cleared, story.status, story.practice.status) == (2, "asked", "draft")
    # Consented again, it goes back into the library through the same entry.
    _consent_both(_fresh(story))
    story = stories.story_publish(actor=partner, story=_fresh(story))
    story.practice.refresh_from_db()
    assert (story.practice.status, story.practice.title) == ("published", "New")


def test_consent_page_is_only_for_the_two_contacts(client, programme, partner, story):
    stories.story_consent_request(actor=partner, story=story)
    url = reverse("followup:story_consent", kwargs={"slug": programme.slug, "pk": story.pk})
    client.force_login(member(programme, Role.PARTICIPANT, Sector.CCI))
    assert client.get(url).status_code == 404

    client.force_login(story.cooperation.cci_contact)
    refused = client.post(url, {"action": "consent", "text_hash": stories.text_hash(story)})
    given = client.post(
        url, {"action": "consent", "text_hash": stories.text_hash(story), "agree": "on"}
    )

    assert refused.status_code == 400
    assert "Tick the box to give your consent." in refused.content.decode()
    assert given.status_code == 302
    assert "You (" in client.get(url).content.decode()
    assert StoryConsent.objects.filter(user=story.cooperation.cci_contact).count() == 1


def test_next_steps_ask_each_contact_until_they_consent(programme, partner, story):
    stories.story_consent_request(actor=partner, story=story)
    cci, avm = story.cooperation.cci_contact, story.cooperation.avm_contact

    def titles(user):
        return [
            s.title
            for s in evaluation_story_steps(user=user, programme=programme, roles={"participant"})
        ]

    stories.story_consent_give(actor=cci, story=story, text_hash_seen=stories.text_hash(story))

    assert titles(cci) == []
    assert titles(avm) == [
        "Read the success story “A sensor housing that sells” and give your consent"
    ]


def test_report_lists_published_stories_as_highlights(client, programme, partner, story):
    stories.story_consent_request(actor=partner, story=story)
    _consent_both(story)
    stories.story_publish(actor=partner, story=_fresh(story))
    client.force_login(partner)

    response = client.get(reverse("followup:report_pdf", kwargs={"slug": programme.slug}))

    assert [s.title for s in report_context(programme)["highlights"]] == [STORY["title"]]
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert "Highlights: success stories" in text
    assert "A sensor housing that sells" in text


def test_story_list_queries_do_not_grow_with_rows(
    client, programme, partner, completed, django_assert_max_num_queries, page_cache_off
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(partner)
    url = reverse("followup:story_list", kwargs={"slug": programme.slug})

    def count(n):
        for i in range(n):
            cooperation = CooperationFactory(
                programme=programme, stage="completed", cci_contact=completed.cci_contact
            )
            stories.story_create(
                actor=partner, cooperation=cooperation, **{**STORY, "title": f"Story {i}"}
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    small, large = count(1), count(6)
    assert small == large


@pytest.mark.rendered
def test_story_edit_from_a_stale_tab_is_refused_and_keeps_the_newer_text(programme, story):
    other_partner = member(programme, Role.PARTNER)

    saved, refused = edit_in_two_tabs(
        reverse("followup:story_edit", kwargs={"slug": programme.slug, "pk": story.pk}),
        a=story.created_by,
        b=other_partner,
        change_a={"results": "Mounting time halved; two new product lines."},
        change_b={"title": "Renamed in an old tab"},
    )

    story.refresh_from_db()
    assert (saved.status_code, refusal(refused)) == (302, (400, True, True))
    assert (story.title, story.results) == (
        STORY["title"],
        "Mounting time halved; two new product lines.",
    )


def test_a_side_that_has_not_consented_is_reminded_after_three_days(partner, story, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    stories.story_consent_request(actor=partner, story=story)
    reminder_sweep()
    cooperation = story.cooperation
    stories.story_consent_give(
        actor=cooperation.cci_contact, story=story, text_hash_seen=stories.text_hash(story)
    )
    mailoutbox.clear()

    reminder_sweep(now=timezone.now() + timedelta(days=3, minutes=1))

    assert [(m.to[0], m.subject) for m in mailoutbox] == [
        (
            cooperation.avm_contact.email,
            "[Collider] [Action required] May we publish the success story "
            "“A sensor housing that sells”?",
        )
    ]
