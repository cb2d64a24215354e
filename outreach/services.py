"""Every write of the outreach app. Keyword-only, atomic, named ``<entity>_<action>``."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
from dataclasses import dataclass
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collider import services as core
from collider.enums import EventKind, Phase, RegistrationMode
from collider.models import Event, Programme, Registration, User
from collider.rules import roles_in
from collider.uploads import read_upload

from .enums import (
    Audience,
    ChecklistStatus,
    MediaStatus,
    PracticeAssessment,
    PublicationStatus,
    QuestionKind,
    RespondentSector,
    ResponseSource,
)
from .models import (
    Brochure,
    BrochureEntry,
    Checklist,
    ChecklistAnswer,
    ChecklistOption,
    ChecklistQuestion,
    ChecklistResponse,
    ChecklistSection,
    ChecklistSectionScore,
    Handout,
    InfoDayItem,
    MediaCommitment,
    Practice,
    PracticeImage,
)

logger = logging.getLogger(__name__)

#: Below this section score (0 to 100) the result page suggests the section's next steps.
NEXT_STEP_THRESHOLD = 60


def _require_partner(actor: User, programme: Programme) -> None:
    if not (actor.is_superuser or "partner" in roles_in(actor, programme)):
        raise PermissionDenied(_("Only the programme's partners can do this."))


def _apply(instance, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


def _file_delete_on_commit(field_file) -> None:
    # Files are not transactional: drop them only once the row is surely gone.
    name, storage = field_file.name, field_file.storage

    def delete() -> None:
        with contextlib.suppress(FileNotFoundError, KeyError, OSError):
            storage.delete(name)

    if name:
        transaction.on_commit(delete)


# --- Practices --------------------------------------------------------------------------------


@transaction.atomic
def practice_create(*, actor: User, programme: Programme, **fields) -> Practice:
    _require_partner(actor, programme)
    with set_actor(actor):
        practice = Practice(programme=programme, created_by=actor)
        _apply(practice, fields)
    return practice


@transaction.atomic
def practice_update(*, actor: User, practice: Practice, **fields) -> Practice:
    _require_partner(actor, practice.programme)
    with set_actor(actor):
        _apply(practice, fields)
    return practice


@transaction.atomic
def practice_publish(*, actor: User, practice: Practice) -> Practice:
    """Draft → published: the case appears on the public library pages."""
    _require_partner(actor, practice.programme)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.status != PublicationStatus.DRAFT:
        raise ValidationError(_("Only drafts can be published."))
    if practice.assessment == PracticeAssessment.BAD and not practice.lesson.strip():
        raise ValidationError(_("A bad practice needs its lesson before it is published."))
    with set_actor(actor):
        practice.status = PublicationStatus.PUBLISHED
        practice.published_at = timezone.now()
        practice.save(update_fields=["status", "published_at", "updated_at"])
    return practice


@transaction.atomic
def practice_unpublish(*, actor: User, practice: Practice) -> Practice:
    """Published → draft: the case disappears from public pages (brochures keep a copy)."""
    _require_partner(actor, practice.programme)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.status != PublicationStatus.PUBLISHED:
        raise ValidationError(_("Only published cases can be withdrawn."))
    with set_actor(actor):
        practice.status = PublicationStatus.DRAFT
        practice.save(update_fields=["status", "updated_at"])
    return practice


@transaction.atomic
def practice_image_add(
    *, actor: User, practice: Practice, image, content_type: str, alt_text: str, caption: str = ""
) -> PracticeImage:
    """Attach an image (already checked for type and size by the form)."""
    _require_partner(actor, practice.programme)
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
    _require_partner(actor, image.practice.programme)
    with set_actor(actor):
        image.delete()
    _file_delete_on_commit(image.image)


# --- Checklists ---------------------------------------------------------------------------------


@transaction.atomic
def checklist_create(*, actor: User, programme: Programme, **fields) -> Checklist:
    _require_partner(actor, programme)
    with set_actor(actor):
        checklist = Checklist(programme=programme, created_by=actor)
        _apply(checklist, fields)
    return checklist


@transaction.atomic
def checklist_update(*, actor: User, checklist: Checklist, **fields) -> Checklist:
    _require_partner(actor, checklist.programme)
    with set_actor(actor):
        _apply(checklist, fields)
    return checklist


def _ensure_editable(checklist: Checklist) -> None:
    # Scores of earlier responses must stay comparable: once someone answered, the structure
    # is frozen (copy the checklist to change it).
    if checklist.responses.exists():
        raise ValidationError(
            _("This checklist already has responses; its questions can no longer change.")
        )


@transaction.atomic
def checklist_open(*, actor: User, checklist: Checklist) -> Checklist:
    """Draft or closed → open: the public link and QR code start accepting answers."""
    _require_partner(actor, checklist.programme)
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    if checklist.status == ChecklistStatus.OPEN:
        raise ValidationError(_("The checklist is already open."))
    if not ChecklistQuestion.objects.filter(section__checklist=checklist).exists():
        raise ValidationError(_("Add at least one question before opening the checklist."))
    with set_actor(actor):
        checklist.status = ChecklistStatus.OPEN
        checklist.save(update_fields=["status", "updated_at"])
    return checklist


@transaction.atomic
def checklist_close(*, actor: User, checklist: Checklist) -> Checklist:
    """Open → closed: the public link stops accepting answers (paper entry still works)."""
    _require_partner(actor, checklist.programme)
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    if checklist.status != ChecklistStatus.OPEN:
        raise ValidationError(_("Only an open checklist can be closed."))
    with set_actor(actor):
        checklist.status = ChecklistStatus.CLOSED
        checklist.save(update_fields=["status", "updated_at"])
    return checklist


@transaction.atomic
def checklist_section_save(
    *, actor: User, checklist: Checklist, section: ChecklistSection | None = None, **fields
) -> ChecklistSection:
    _require_partner(actor, checklist.programme)
    _ensure_editable(checklist)
    with set_actor(actor):
        if section is None:
            section = ChecklistSection(checklist=checklist, order=checklist.sections.count())
        _apply(section, fields)
    return section


@transaction.atomic
def checklist_section_delete(*, actor: User, section: ChecklistSection) -> None:
    _require_partner(actor, section.checklist.programme)
    _ensure_editable(section.checklist)
    with set_actor(actor):
        section.delete()


@transaction.atomic
def checklist_question_save(
    *,
    actor: User,
    section: ChecklistSection,
    question: ChecklistQuestion | None = None,
    options: list[tuple[str, int]] | None = None,
    **fields,
) -> ChecklistQuestion:
    """Create or change a question; ``options`` (label, score) replace the existing ones."""
    checklist = section.checklist
    _require_partner(actor, checklist.programme)
    _ensure_editable(checklist)
    with set_actor(actor):
        if question is None:
            question = ChecklistQuestion(section=section, order=section.questions.count())
        _apply(question, fields)
        if question.has_options:
            if not options or len(options) < 2:
                raise ValidationError(_("Choice questions need at least two options."))
            question.options.all().delete()
            ChecklistOption.objects.bulk_create(
                ChecklistOption(question=question, label=label, score=score, order=index)
                for index, (label, score) in enumerate(options)
            )
        else:
            question.options.all().delete()
    return question


@transaction.atomic
def checklist_question_delete(*, actor: User, question: ChecklistQuestion) -> None:
    _require_partner(actor, question.section.checklist.programme)
    _ensure_editable(question.section.checklist)
    with set_actor(actor):
        question.delete()


@dataclass
class Scored:
    sections: dict[int, int]  # section id → score 0 to 100 (sections with scored answers only)
    total: int | None


def _fraction(question: ChecklistQuestion, value: Any) -> float | None:
    """How ready one answer says the respondent is (0 to 1); None when not scored/answered."""
    if not question.is_scored or value in (None, "", []):
        return None
    if question.kind == QuestionKind.SCALE:
        return (int(value) - 1) / (question.scale_max - 1)
    if question.kind == QuestionKind.YES_NO:
        return 1.0 if value else 0.0
    options = {option.pk: option.score for option in question.options.all()}
    best = max(options.values(), default=0)
    if question.kind == QuestionKind.SINGLE:
        return options[int(value)] / best if best else 0.0
    possible = sum(options.values())
    chosen = sum(options[int(pk)] for pk in value)
    return min(chosen / possible, 1.0) if possible else 0.0


def checklist_score(
    *, sections: list[ChecklistSection], sector: str, answers: dict[int, Any]
) -> Scored:
    """Weighted score per section: Σ weight * answer fraction / Σ weight of answered questions.

    Pure: reads only the prefetched sections, questions and options.
    """
    result: dict[int, int] = {}
    total_points = total_weight = 0.0
    for section in sections:
        points = weight = 0.0
        for question in section.questions.all():
            if not question.asked_to(sector):
                continue
            fraction = _fraction(question, answers.get(question.pk))
            if fraction is None:
                continue
            points += question.weight * fraction
            weight += question.weight
        if weight:
            result[section.pk] = round(100 * points / weight)
            total_points += points
            total_weight += weight
    total = round(100 * total_points / total_weight) if total_weight else None
    return Scored(sections=result, total=total)


def _validate_answers(
    sections: list[ChecklistSection], sector: str, answers: dict[int, Any]
) -> None:
    for section in sections:
        for question in section.questions.all():
            if not question.asked_to(sector):
                continue
            value = answers.get(question.pk)
            if value in (None, "", []):
                if question.required:
                    raise ValidationError(_("“%(q)s” needs an answer.") % {"q": question.text})
                continue
            if not _answer_valid(question, value):
                raise ValidationError(_("Invalid answer to “%(q)s”.") % {"q": question.text})


def _answer_valid(question: ChecklistQuestion, value: Any) -> bool:
    option_ids = {option.pk for option in question.options.all()}
    if question.kind == QuestionKind.SCALE:
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and 1 <= value <= question.scale_max
        )
    if question.kind == QuestionKind.YES_NO:
        return isinstance(value, bool)
    if question.kind == QuestionKind.SINGLE:
        return value in option_ids
    if question.kind == QuestionKind.MULTIPLE:
        return isinstance(value, list) and set(value) <= option_ids
    return isinstance(value, str) and len(value) <= 4000


@transaction.atomic
def checklist_response_submit(
    *,
    checklist: Checklist,
    sector: str,
    email: str,
    organisation_name: str,
    consent: bool,
    answers: dict[int, Any],
    source: str = ResponseSource.ONLINE,
    entered_by: User | None = None,
    respondent: User | None = None,
) -> ChecklistResponse:
    """Store a filled-in checklist with its section scores.

    Online answers need an open checklist; paper answers are entered by a partner at any time.
    Side effects: an online respondent is e-mailed the link to their result page.
    """
    from .selectors import checklist_sections

    if sector not in RespondentSector.values or (
        checklist.audience != Audience.BOTH and sector != checklist.audience
    ):
        raise ValidationError(_("This checklist is not meant for that sector."))
    if not consent:
        raise ValidationError(_("We can only keep your answers with your consent."))
    if source == ResponseSource.PAPER:
        if entered_by is None:
            raise PermissionDenied(_("Paper answers are entered by a partner."))
        _require_partner(entered_by, checklist.programme)
    elif not checklist.is_open:
        raise ValidationError(_("This checklist no longer accepts answers."))
    sections = checklist_sections(checklist)
    _validate_answers(sections, sector, answers)
    scored = checklist_score(sections=sections, sector=sector, answers=answers)
    email = email.strip().lower()
    if respondent is None:
        respondent = User.objects.filter(email__iexact=email).first()
    with set_actor(entered_by or respondent):
        response = ChecklistResponse(
            checklist=checklist,
            sector=sector,
            email=email,
            organisation_name=organisation_name.strip(),
            consent_at=timezone.now(),
            source=source,
            respondent=respondent,
            entered_by=entered_by,
            total_score=scored.total,
            submitted_at=timezone.now(),
        )
        response.full_clean()
        response.save()
    questions = {q.pk: q for s in sections for q in s.questions.all()}
    rows, choices = [], []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None or not question.asked_to(sector) or value in (None, "", []):
            continue
        answer = ChecklistAnswer(response=response, question=question)
        if question.kind == QuestionKind.SCALE:
            answer.number = value
        elif question.kind == QuestionKind.YES_NO:
            answer.number = 1 if value else 0
        elif question.kind == QuestionKind.TEXT:
            answer.text = value
        rows.append(answer)
        if question.has_options:
            choices.append((answer, [value] if question.kind == QuestionKind.SINGLE else value))
    ChecklistAnswer.objects.bulk_create(rows)
    through = ChecklistAnswer.options.through
    through.objects.bulk_create(
        through(checklistanswer_id=answer.pk, checklistoption_id=option_id)
        for answer, option_ids in choices
        for option_id in option_ids
    )
    by_id = {s.pk: s for s in sections}
    ChecklistSectionScore.objects.bulk_create(
        ChecklistSectionScore(
            response=response,
            section_id=section_id,
            dimension=by_id[section_id].dimension,
            sector=sector,
            score=score,
        )
        for section_id, score in scored.sections.items()
    )
    from .selectors import checklist_scores_forget

    checklist_scores_forget(respondent)
    if source == ResponseSource.ONLINE:
        core.notification_send(
            kind="outreach_checklist_result",
            email=email,
            recipient=respondent,
            programme=checklist.programme,
            target=response,
            context={"response_id": response.pk},
            dedupe_key=f"outreach-checklist-result:{response.pk}",
        )
    return response


# --- Info days ------------------------------------------------------------------------------------


@transaction.atomic
def info_day_create(*, actor: User, programme: Programme, **fields) -> Event:
    """An info day is a public event of phase 2 that anyone can register for."""
    _require_partner(actor, programme)
    return core.event_create(
        actor=actor,
        programme=programme,
        kind=EventKind.INFO_DAY,
        phase=Phase.CONNECT,
        registration_mode=RegistrationMode.PUBLIC,
        **fields,
    )


@transaction.atomic
def info_day_item_add(*, actor: User, event: Event, **fields) -> InfoDayItem:
    _require_partner(actor, event.programme)
    with set_actor(actor):
        item = InfoDayItem(event=event, order=event.info_day_items.count())
        _apply(item, fields)
    return item


@transaction.atomic
def info_day_item_delete(*, actor: User, item: InfoDayItem) -> None:
    _require_partner(actor, item.event.programme)
    with set_actor(actor):
        item.delete()


def info_day_register(
    *, event: Event, name: str, email: str, organisation_name: str, sector: str
) -> Registration:
    """A guest registers for an info day without an account (the core's guest registration).

    Side effects: confirmation e-mail with a calendar file, reminders before the day.
    """
    if event.kind != EventKind.INFO_DAY or not event.is_public:
        raise ValidationError(_("This is not a public info day."))
    return core.registration_create(
        event=event, name=name, email=email, organisation_name=organisation_name, sector=sector
    )


@transaction.atomic
def handout_add(
    *,
    actor: User,
    programme: Programme,
    kind: str,
    title: str,
    file,
    content_type: str,
    event: Event | None = None,
) -> Handout:
    """Store a handout (type and size were checked by the form)."""
    _require_partner(actor, programme)
    if event is not None and event.programme_id != programme.pk:
        raise PermissionDenied
    with set_actor(actor):
        handout = Handout(
            programme=programme,
            event=event,
            kind=kind,
            title=title,
            file=file,
            content_type=content_type,
            size=file.size,
            uploaded_by=actor,
        )
        handout.save()
    return handout


@transaction.atomic
def handout_delete(*, actor: User, handout: Handout) -> None:
    _require_partner(actor, handout.programme)
    with set_actor(actor):
        handout.delete()
    _file_delete_on_commit(handout.file)


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
    _require_partner(actor, programme)
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
        from .tasks import brochure_render_task

        try:
            brochure_render_task.apply_async(kwargs={"brochure_id": brochure_id}, retry=False)
        except Exception:
            logger.warning("Broker unavailable; brochure %s renders on download", brochure_id)

    transaction.on_commit(enqueue)


@transaction.atomic
def brochure_publish(*, actor: User, brochure: Brochure) -> Brochure:
    """Draft → published: the PDF can be downloaded from the programme's public pages."""
    _require_partner(actor, brochure.programme)
    if brochure.status != PublicationStatus.DRAFT:
        raise ValidationError(_("Only drafts can be published."))
    with set_actor(actor):
        brochure.status = PublicationStatus.PUBLISHED
        brochure.save(update_fields=["status", "updated_at"])
    return brochure


@transaction.atomic
def brochure_unpublish(*, actor: User, brochure: Brochure) -> Brochure:
    _require_partner(actor, brochure.programme)
    if brochure.status != PublicationStatus.PUBLISHED:
        raise ValidationError(_("Only published brochures can be withdrawn."))
    with set_actor(actor):
        brochure.status = PublicationStatus.DRAFT
        brochure.save(update_fields=["status", "updated_at"])
    return brochure


def brochure_fingerprint(context: dict) -> str:
    """A hash of everything the PDF shows; a changed story or text changes it."""
    brochure = context["brochure"]
    parts = [
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
    """The brochure's PDF, re-rendered only when its content changed since the last render."""
    from pypdf import PdfReader

    from collider.pdf import render_pdf

    from .pdf import brochure_context

    brochure = Brochure.objects.select_for_update().get(pk=brochure.pk)
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


# --- Media log -------------------------------------------------------------------------------


def _check_responsible(programme: Programme, responsible: User) -> None:
    if not (responsible.is_superuser or "partner" in roles_in(responsible, programme)):
        raise ValidationError(_("The responsible person must be a partner of this programme."))


@transaction.atomic
def media_commitment_create(
    *, actor: User, programme: Programme, responsible: User, **fields
) -> MediaCommitment:
    _require_partner(actor, programme)
    _check_responsible(programme, responsible)
    with set_actor(actor):
        item = MediaCommitment(programme=programme, responsible=responsible)
        _apply(item, {**fields, "status": MediaStatus.CONTACTED})
    return item


@transaction.atomic
def media_commitment_update(
    *, actor: User, item: MediaCommitment, responsible: User, **fields
) -> MediaCommitment:
    _require_partner(actor, item.programme)
    _check_responsible(item.programme, responsible)
    with set_actor(actor):
        _apply(item, {**fields, "responsible": responsible})
    return item


@transaction.atomic
def media_commitment_commit(*, actor: User, item: MediaCommitment) -> MediaCommitment:
    """Contacted → committed: the outlet agreed to publish."""
    _require_partner(actor, item.programme)
    item = MediaCommitment.objects.select_for_update().get(pk=item.pk)
    if item.status != MediaStatus.CONTACTED:
        raise ValidationError(_("Only contacted outlets can commit."))
    with set_actor(actor):
        item.status = MediaStatus.COMMITTED
        item.save(update_fields=["status", "updated_at"])
    return item


@transaction.atomic
def media_commitment_publish(
    *,
    actor: User,
    item: MediaCommitment,
    link: str,
    published_on,
    estimated_reach: int | None,
) -> MediaCommitment:
    """Committed → published, with the publication's link, date and estimated reach."""
    _require_partner(actor, item.programme)
    item = MediaCommitment.objects.select_for_update().get(pk=item.pk)
    if item.status != MediaStatus.COMMITTED:
        raise ValidationError(_("Only committed outlets can be marked as published."))
    with set_actor(actor):
        _apply(
            item,
            {
                "status": MediaStatus.PUBLISHED,
                "link": link,
                "published_on": published_on,
                "estimated_reach": estimated_reach,
            },
        )
    return item


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
