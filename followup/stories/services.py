"""Success stories: every write.


A tandem partner drafts a story from a completed cooperation and asks both sides (the CCI and
the AVM contact) through the outbox for their consent. A consent records the person's name, the
time and a hash of the text they agreed to; any change of the story clears the consents. With
both consents a partner publishes the story into the outreach best-practice library (and, if
chosen, into a brochure). A withdrawn consent takes it out of the library and the brochures.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.models import User
from collider.services import reminder_schedule
from collider.uploads import read_upload
from collider.versioning import ensure_current
from outreach import services as outreach
from outreach.enums import PracticeKind, PracticeLevel
from outreach.selectors import practice_exists

from ..actions import (
    STORY_ASK,
    STORY_CONSENT_GIVE,
    STORY_CONSENT_WITHDRAW,
    STORY_CREATE,
    STORY_PUBLISH,
    STORY_UPDATE,
)
from ..enums import CheckInSide, Stage, StoryStatus
from ..models import Cooperation, StoryConsent, SuccessStory
from .selectors import CONSENT_KIND, consents_by_side, is_consented, sides_of, story_list, text_hash

if TYPE_CHECKING:  # annotations only: reads go through the earlier app's selectors
    from outreach.models import Brochure


def _validate(fields: dict) -> dict:
    cleaned = {}
    for name in SuccessStory.TEXT_FIELDS:
        value = (fields.get(name) or "").strip()
        limit = SuccessStory._meta.get_field(name).max_length
        if limit and len(value) > limit:
            raise ValidationError({name: _("At most %(n)s characters.") % {"n": limit}})
        cleaned[name] = value
    required = ("title", "summary", "challenge", "solution", "results")
    missing = {name: _("This field is required.") for name in required if not cleaned[name]}
    if missing:
        raise ValidationError(missing)
    if cleaned["quote_by"] and not cleaned["quote"]:
        raise ValidationError({"quote": _("Give the quote, or leave its author empty.")})
    return cleaned


def _image_fields(image, content_type: str, image_alt: str) -> dict:
    image_alt = (image_alt or "").strip()
    if image and not image_alt:
        raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})
    if image and not content_type:
        raise ValidationError({"image": _("Upload a JPEG, PNG or WebP image.")})
    return {"image": image, "image_content_type": content_type, "image_alt": image_alt}


@STORY_CREATE.performs
def story_create(
    *,
    actor: User,
    cooperation: Cooperation,
    image=None,
    image_content_type: str = "",
    image_alt: str = "",
    **fields,
) -> SuccessStory:
    """Draft a story from a completed cooperation (fields: title, summary, challenge,
    solution, results, quote, quote_by)."""
    if cooperation.stage != Stage.COMPLETED:
        raise ValidationError(_("Only a completed cooperation can be told as a success story."))
    values = _validate(fields)
    if image:
        values.update(_image_fields(image, image_content_type, image_alt))
    with set_actor(actor):
        return SuccessStory.objects.create(
            programme=cooperation.programme, cooperation=cooperation, created_by=actor, **values
        )


#: A consent not given yet is asked again this many days after the request.
CONSENT_REMINDER_DAYS = (3, 7)


def _ask(story: SuccessStory) -> int:
    """Queue a consent request to each side that has not consented to the current text."""
    cooperation = story.cooperation
    current = text_hash(story)
    given = consents_by_side(story)
    queued = 0
    for side, contact in (
        (CheckInSide.CCI, cooperation.cci_contact),
        (CheckInSide.AVM, cooperation.avm_contact),
    ):
        if side in given:
            continue
        now = timezone.now()
        # Asked now, reminded after 3 and 7 days; the renderer drops a reminder once this side
        # consented or the text changed.
        for days in (0, *CONSENT_REMINDER_DAYS):
            reminder_schedule(
                kind=CONSENT_KIND,
                email=contact.email,
                recipient=contact,
                programme=story.programme,
                target=story,
                due_at=now + timedelta(days=days),
                # A changed text is a new question, so it gets its own rows (and e-mails).
                dedupe_key=f"followup-story:{story.pk}:{side}:{current[:16]}"
                + (f":{days}d" if days else ""),
                context={"text_hash": current, "side": side, "days_waiting": days},
            )
        queued += 1
    return queued


def _locked(story: SuccessStory) -> SuccessStory:
    return (
        SuccessStory.objects.select_for_update(of=("self",))
        .select_related("cooperation__cci_contact", "cooperation__avm_contact", "programme")
        .get(pk=story.pk)
    )


@STORY_UPDATE.performs
def story_update(
    *,
    actor: User,
    story: SuccessStory,
    image=None,
    image_content_type: str = "",
    image_alt: str = "",
    remove_image: bool = False,
    based_on: str | None = None,
    **fields,
) -> tuple[SuccessStory, int]:
    """Change the story. Any change clears the consents given so far and returns how many it
    cleared; a published story leaves the library, and both sides are asked again. A change
    based on an older version (``based_on``) is refused (StaleEdit)."""
    story = _locked(story)
    ensure_current(story, based_on)
    values = _validate(fields)
    if image:
        values.update(_image_fields(image, image_content_type, image_alt))
    elif remove_image:
        values.update({"image": None, "image_content_type": "", "image_alt": ""})
    elif story.image:
        values.update(_image_fields(story.image, story.image_content_type, image_alt))
    before = text_hash(story)
    for name, value in values.items():
        setattr(story, name, value)
    if text_hash(story) == before and not image:
        return story, 0
    with set_actor(actor):
        cleared = 0
        for consent in story.consents.filter(withdrawn_at__isnull=True):
            consent.delete()
            cleared += 1
        if story.status == StoryStatus.PUBLISHED and story.practice_id:
            outreach.practice_consent_withdraw(practice=story.practice)
            story.published_at = None
        if story.status != StoryStatus.DRAFT:
            story.status = StoryStatus.ASKED
        story.save()
    if story.status == StoryStatus.ASKED:
        _ask(story)
    return story, cleared


@STORY_ASK.performs
def story_consent_request(*, actor: User, story: SuccessStory) -> SuccessStory:
    """Ask the CCI and the AVM contact (by e-mail, through the outbox) for their consent."""
    cooperation = story.cooperation
    if cooperation.cci_contact is None or cooperation.avm_contact is None:
        raise ValidationError(
            _("The cooperation needs a CCI and an AVM contact person to ask for consent.")
        )
    with set_actor(actor):
        story.status = StoryStatus.ASKED
        story.save(update_fields=["status", "updated_at"])
    _ask(story)
    return story


@STORY_CONSENT_GIVE.performs
def story_consent_give(*, actor: User, story: SuccessStory, text_hash_seen: str) -> StoryConsent:
    """The contact agrees to the text they read (``text_hash_seen``: the page they saw); the
    declaration guards who, the state and a side still to consent."""
    current = text_hash(story)
    if text_hash_seen != current:
        raise ValidationError(_("The story changed while you read it. Read it again, please."))
    given = consents_by_side(story)
    side = next(side for side in sides_of(actor, story) if side not in given)
    with set_actor(actor):
        return StoryConsent.objects.create(
            story=story,
            side=side,
            user=actor,
            name=actor.display_name,
            text_hash=current,
            given_at=timezone.now(),
        )


@STORY_CONSENT_WITHDRAW.performs
def story_consent_withdraw(*, actor: User, story: SuccessStory) -> SuccessStory:
    """The contact withdraws their consent: a published story leaves the library and the
    brochures at once; the withdrawal is kept (name and time) as the record."""
    now = timezone.now()
    with set_actor(actor):
        for consent in story.consents.filter(withdrawn_at__isnull=True, user=actor):
            consent.withdrawn_at = now
            consent.save(update_fields=["withdrawn_at"])
        if story.status == StoryStatus.PUBLISHED and story.practice_id:
            outreach.practice_consent_withdraw(practice=story.practice)
        story.status = StoryStatus.WITHDRAWN
        story.published_at = None
        story.save(update_fields=["status", "published_at", "updated_at"])
    return story


def _practice_fields(story: SuccessStory, kind: str, level: str) -> dict:
    cooperation = story.cooperation
    outcome = "\n\n".join(
        [
            _("The challenge: %(text)s") % {"text": story.challenge},
            _("The solution: %(text)s") % {"text": story.solution},
            _("The results: %(text)s") % {"text": story.results},
        ]
    )
    return {
        "title": story.title,
        "summary": story.summary,
        "kind": kind,
        "level": level,
        "involves_cci": True,
        "involves_avm": True,
        "involves_intermediary": True,
        "collaboration_format": _("Cooperation %(cci)s × %(avm)s")
        % {"cci": cooperation.cci_organisation.name, "avm": cooperation.avm_organisation.name},
        "outcome": outcome,
        "testimonial": story.quote,
        "testimonial_by": story.quote_by,
    }


@STORY_PUBLISH.performs
def story_publish(
    *,
    actor: User,
    story: SuccessStory,
    kind: str = PracticeKind.SERVICE,
    level: str = PracticeLevel.REGIONAL,
    brochure: Brochure | None = None,
) -> SuccessStory:
    """With both consents to the current text, put the story into the best-practice library
    (through outreach's services) and, if given, into ``brochure``."""
    story = story_list(programme=story.programme).get(pk=story.pk)
    if not is_consented(story):
        raise ValidationError(
            _("Both the CCI and the AVM side must consent to this text before it is published.")
        )
    if kind not in PracticeKind.values or level not in PracticeLevel.values:
        raise ValidationError(_("Choose the kind and the level of the practice."))
    if brochure is not None and brochure.programme_id != story.programme_id:
        raise PermissionDenied(_("Choose a brochure of this programme."))
    values = _practice_fields(story, kind, level)
    if practice_exists(story.practice_id):
        practice = outreach.practice_update(actor=actor, practice=story.practice, **values)
        for image in practice.images.all():
            outreach.practice_image_delete(actor=actor, image=image)
    else:
        practice = outreach.practice_create(actor=actor, programme=story.programme, **values)
    # A story image missing from storage (a backup restored without uploads) is left out.
    if (data := read_upload(story.image)) is not None:
        content = ContentFile(data, name=Path(story.image.name).name)
        outreach.practice_image_add(
            actor=actor,
            practice=practice,
            image=content,
            content_type=story.image_content_type,
            alt_text=story.image_alt,
        )
    practice = outreach.practice_publish(actor=actor, practice=practice)
    if brochure is not None:
        told = [entry.practice for entry in brochure.entries.select_related("practice")]
        outreach.brochure_save(
            actor=actor,
            programme=story.programme,
            brochure=brochure,
            practices=[p for p in told if p.pk != practice.pk] + [practice],
        )
    with set_actor(actor):
        story.practice = practice
        story.status = StoryStatus.PUBLISHED
        story.published_at = timezone.now()
        story.save(update_fields=["practice", "status", "published_at", "updated_at"])
    return story
