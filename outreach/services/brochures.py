"""Writes of the brochures: save, publish, render."""

from __future__ import annotations

import hashlib
import io
import json
import logging

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from collider.languages import first_of
from collider.models import Programme, User
from collider.pdf import render_pdf
from collider.rules import require
from collider.uploads import read_upload

from ..actions import BROCHURE_PUBLISH, BROCHURE_UNPUBLISH, PARTNERS
from ..models import (
    Brochure,
    BrochureEntry,
    Practice,
)
from ..pdf import brochure_context
from ..rules import MANAGE
from .common import _apply

logger = logging.getLogger(__name__)


# --- Brochures ----------------------------------------------------------------------------------


@transaction.atomic
def brochure_save(
    *,
    actor: User,
    programme: Programme,
    practices: list[Practice],
    brochure: Brochure | None = None,
    **fields,
) -> Brochure:
    """Create or change a brochure; ``practices`` are its stories, in order."""
    require(actor, MANAGE, programme, PARTNERS)
    if not practices:
        raise ValidationError(_("Choose at least one story."))
    for practice in practices:
        if practice.programme_id != programme.pk and not practice.shared:
            raise PermissionDenied
    with set_actor(actor):
        if brochure is None:
            brochure = Brochure(programme=programme, created_by=actor)
        _apply(brochure, fields)
        brochure.entries.all().delete()
        BrochureEntry.objects.bulk_create(
            BrochureEntry(brochure=brochure, practice=practice, order=index)
            for index, practice in enumerate(practices)
        )
    _brochure_prerender_on_commit(brochure.pk)
    return brochure


def _brochure_prerender_on_commit(brochure_id: int) -> None:
    """Render the changed brochure in the background so the next download is instant.

    Optional: without a worker (or with the broker down) the download renders it instead.
    """

    def enqueue() -> None:
        from ..tasks import brochure_render_task  # tasks imports services: a cycle

        try:
            brochure_render_task.apply_async(kwargs={"brochure_id": brochure_id}, retry=False)
        except Exception:
            logger.warning("Broker unavailable; brochure %s renders on download", brochure_id)

    transaction.on_commit(enqueue)


@BROCHURE_PUBLISH.performs
def brochure_publish(*, actor: User, brochure: Brochure) -> Brochure:
    """Draft → published: the PDF can be downloaded from the programme's public pages (the
    declaration moves the state)."""
    return brochure


@BROCHURE_UNPUBLISH.performs
def brochure_unpublish(*, actor: User, brochure: Brochure) -> Brochure:
    """Published → draft (the declaration moves the state)."""
    return brochure


def brochure_fingerprint(context: dict) -> str:
    """A hash of everything the PDF shows; a changed story or text changes it."""
    brochure = context["brochure"]
    parts = [
        translation.get_language(),
        brochure.title,
        brochure.subtitle,
        brochure.intro_cci,
        brochure.intro_avm,
        brochure.contacts,
        [
            (
                e.practice_id,
                e.practice.updated_at.isoformat(),
                [i.pk for i in e.practice.images.all()],
            )
            for e in context["entries"]
        ],
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


@transaction.atomic
def brochure_render(*, brochure: Brochure, force: bool = False) -> bytes:
    """The brochure's PDF, re-rendered only when its content changed since the last render.

    One shared document, so it is written in the programme's first language, whoever asks.
    """

    brochure = (
        Brochure.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=brochure.pk)
    )
    with translation.override(first_of(brochure.programme.languages)):
        return _brochure_render(brochure, force=force)


def _brochure_render(brochure: Brochure, *, force: bool) -> bytes:
    context = brochure_context(brochure)
    fingerprint = brochure_fingerprint(context)
    if not force and brochure.pdf and brochure.pdf_fingerprint == fingerprint:
        stored = read_upload(brochure.pdf)
        if stored is not None:
            return stored
        # else storage lost the file: render it again
    content = render_pdf("outreach/pdf/brochure.html", context)
    if brochure.pdf:
        brochure.pdf.delete(save=False)
    brochure.pdf.save(f"brochure-{brochure.pk}.pdf", ContentFile(content), save=False)
    brochure.pdf_fingerprint = fingerprint
    brochure.pdf_pages = len(PdfReader(io.BytesIO(content)).pages)
    brochure.rendered_at = timezone.now()
    # A plain update: rendering is not a content change (updated_at and the audit stay put).
    Brochure.objects.filter(pk=brochure.pk).update(
        pdf=brochure.pdf.name,
        pdf_fingerprint=fingerprint,
        pdf_pages=brochure.pdf_pages,
        rendered_at=brochure.rendered_at,
    )
    return content
