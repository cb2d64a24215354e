"""Writes of the best-practice library: cases, their images, publication, consent withdrawal."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.models import Programme, User
from collider.rules import require

from ..actions import PARTNERS, PRACTICE_PUBLISH, PRACTICE_UNPUBLISH
from ..enums import (
    PracticeAssessment,
    PublicationStatus,
)
from ..models import (
    Brochure,
    BrochureEntry,
    Practice,
    PracticeImage,
)
from ..rules import MANAGE
from .common import _apply, _file_delete_on_commit

# --- Practices --------------------------------------------------------------------------------


@transaction.atomic
def practice_create(*, actor: User, programme: Programme, **fields) -> Practice:
    require(actor, MANAGE, programme, PARTNERS)
    with set_actor(actor):
        practice = Practice(programme=programme, created_by=actor)
        _apply(practice, fields)
    return practice


@transaction.atomic
def practice_update(*, actor: User, practice: Practice, **fields) -> Practice:
    require(actor, MANAGE, practice.programme, PARTNERS)
    with set_actor(actor):
        _apply(practice, fields)
    return practice


@PRACTICE_PUBLISH.performs
def practice_publish(*, actor: User, practice: Practice) -> Practice:
    """Draft → published: the case appears on the public library pages."""
    if practice.assessment == PracticeAssessment.BAD and not practice.lesson.strip():
        raise ValidationError(_("A bad practice needs its lesson before it is published."))
    with set_actor(actor):
        practice.status = PublicationStatus.PUBLISHED
        practice.published_at = timezone.now()
        practice.save(update_fields=["status", "published_at", "updated_at"])
    return practice


@PRACTICE_UNPUBLISH.performs
def practice_unpublish(*, actor: User, practice: Practice) -> Practice:
    """Published → draft: the case disappears from public pages (brochures keep a copy); the
    declaration moves the state."""
    return practice


@transaction.atomic
def practice_image_add(
    *, actor: User, practice: Practice, image, content_type: str, alt_text: str, caption: str = ""
) -> PracticeImage:
    """Attach an image (already checked for type and size by the form)."""
    require(actor, MANAGE, practice.programme, PARTNERS)
    if not alt_text.strip():
        raise ValidationError(_("Describe the image in the alternative text."))
    with set_actor(actor):
        row = PracticeImage(
            practice=practice,
            image=image,
            content_type=content_type,
            alt_text=alt_text.strip(),
            caption=caption,
            order=practice.images.count(),
        )
        row.save()
        Practice.objects.filter(pk=practice.pk).update(updated_at=timezone.now())
    return row


@transaction.atomic
def practice_image_delete(*, actor: User, image: PracticeImage) -> None:
    require(actor, MANAGE, image.practice.programme, PARTNERS)
    with set_actor(actor):
        image.delete()
    _file_delete_on_commit(image.image)


# --- Withdrawal by the people a case is about -----------------------------------------------------


@transaction.atomic
def practice_consent_withdraw(*, practice: Practice) -> Practice:
    """The consent of the people a case tells about is gone (withdrawn, or the text they agreed
    to changed; a later phase records who and when): the case leaves the public library and
    every brochure that tells it, whoever asks. The brochures re-render on their next download."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    brochure_ids = list(
        BrochureEntry.objects.filter(practice=practice).values_list("brochure_id", flat=True)
    )
    BrochureEntry.objects.filter(practice=practice).delete()
    Brochure.objects.filter(pk__in=brochure_ids).update(pdf_fingerprint="")
    if practice.status == PublicationStatus.PUBLISHED:
        practice.status = PublicationStatus.DRAFT
        practice.save(update_fields=["status", "updated_at"])
    return practice
