"""Phase 4's personal data: erasure deletes the files of an idea that was the person's alone and
keeps those of a shared idea; the NDA is listed among the person's consents."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from challenges.enums import CoAuthorStatus
from challenges.models import IdeaAttachment, IdeaCoAuthor, NdaAcceptance
from collider.privacy import consents_of
from collider.privacy import services as privacy_services
from tests.challenges.factories import IdeaFactory, open_challenge
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _attach(idea, user) -> IdeaAttachment:
    attachment = IdeaAttachment(
        idea=idea, name="plan.pdf", content_type="application/pdf", size=9, uploaded_by=user
    )
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4 "), save=True)
    return attachment


def test_erasure_deletes_files_of_an_idea_of_ones_own_only(programme):
    challenge = open_challenge(programme)
    solo = IdeaFactory(challenge=challenge)
    lead = solo.lead
    shared = IdeaFactory(challenge=challenge, lead=lead)
    IdeaCoAuthor.objects.create(idea=shared, user=UserFactory(), status=CoAuthorStatus.ACCEPTED)
    own_file, shared_file = _attach(solo, lead), _attach(shared, lead)
    storage, name = own_file.file.storage, own_file.file.name

    pseudonym, summary = privacy_services.erase_person(user=lead)

    assert list(IdeaAttachment.objects.values_list("pk", flat=True)) == [shared_file.pk]
    assert not storage.exists(name)
    assert shared_file.file.storage.exists(shared_file.file.name)
    assert summary["Files attached to ideas (deleted)"] == 1
    solo.refresh_from_db()
    assert str(solo.lead) == pseudonym  # the idea itself stays


def test_nda_is_listed_among_the_consents(programme):
    challenge = open_challenge(programme)
    user = UserFactory()
    NdaAcceptance.objects.create(challenge=challenge, user=user, version="2026-1")

    lines = consents_of(user)

    assert [(str(line.kind), line.what) for line in lines] == [
        ("Non-disclosure agreement", f"{challenge.title} (version 2026-1)")
    ]
