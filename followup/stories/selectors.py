"""Success stories: reads (lists, consents of the current text)."""

from __future__ import annotations

import hashlib
import json

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from collider.models import Programme, User

from ..enums import CheckInSide, Stage, StoryStatus
from ..models import Cooperation, StoryConsent, SuccessStory
from ..rules import is_story_contact

CONSENT_KIND = "followup_story_consent"
#: Fields the partner writes (the image and its description besides the text).
FIELDS = (*SuccessStory.TEXT_FIELDS, "image", "image_content_type", "image_alt")


def story_list(*, programme: Programme) -> QuerySet[SuccessStory]:
    return (
        SuccessStory.objects.filter(programme=programme)
        .select_related(
            "cooperation__cci_organisation",
            "cooperation__avm_organisation",
            "cooperation__cci_contact",
            "cooperation__avm_contact",
            "practice",
        )
        .prefetch_related(
            Prefetch("consents", queryset=StoryConsent.objects.filter(withdrawn_at__isnull=True))
        )
    )


def story_get(*, programme: Programme, pk: int) -> SuccessStory:
    return get_object_or_404(story_list(programme=programme), pk=pk)


def story_get_for_contact(*, user: User, programme: Programme, pk: int) -> SuccessStory:
    """A story whose consent ``user`` is asked for; to anyone else it does not exist."""
    story = get_object_or_404(story_list(programme=programme), pk=pk)
    # The predicate itself, not has_perm: a superuser gives no consent in someone's name.
    if not is_story_contact.test(user, story):
        raise Http404
    return story


def completed_cooperations(*, programme: Programme) -> QuerySet[Cooperation]:
    return Cooperation.objects.filter(programme=programme, stage=Stage.COMPLETED).select_related(
        "cci_organisation", "avm_organisation"
    )


def published_stories(*, programme: Programme) -> list[SuccessStory]:
    """The programme's highlights: stories in the library, newest first."""
    return list(
        story_list(programme=programme)
        .filter(status=StoryStatus.PUBLISHED)
        .order_by("-published_at", "pk")
    )


def text_hash(story: SuccessStory) -> str:
    """A hash of everything a consent covers: the text and the image with its description."""
    parts = [getattr(story, name) for name in SuccessStory.TEXT_FIELDS]
    parts += [story.image.name if story.image else "", story.image_alt]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def consents_by_side(story: SuccessStory) -> dict[str, StoryConsent]:
    """The active consents to the story's current text, by side (uses the prefetch)."""
    current = text_hash(story)
    return {
        consent.side: consent
        for consent in story.consents.all()
        if consent.withdrawn_at is None and consent.text_hash == current
    }


def is_consented(story: SuccessStory) -> bool:
    return set(consents_by_side(story)) == {CheckInSide.CCI, CheckInSide.AVM}


def sides_of(user: User, story: SuccessStory) -> list[str]:
    cooperation = story.cooperation
    return [
        side
        for side, contact_id in (
            (CheckInSide.CCI, cooperation.cci_contact_id),
            (CheckInSide.AVM, cooperation.avm_contact_id),
        )
        if contact_id is not None and contact_id == getattr(user, "pk", None)
    ]
