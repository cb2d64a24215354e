"""Writes of the readiness checklists: builder, scoring and responses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collider import services as core
from collider.models import Programme, User
from collider.rules import require

from ..actions import CHECKLIST_CLOSE, CHECKLIST_OPEN, PARTNERS
from ..enums import (
    Audience,
    QuestionKind,
    RespondentSector,
    ResponseSource,
)
from ..models import (
    Checklist,
    ChecklistAnswer,
    ChecklistOption,
    ChecklistQuestion,
    ChecklistResponse,
    ChecklistSection,
    ChecklistSectionScore,
)
from ..rules import MANAGE
from ..selectors import checklist_scores_forget, checklist_sections
from .common import _apply

#: Below this section score (0 to 100) the result page suggests the section's next steps.
NEXT_STEP_THRESHOLD = 60
# --- Checklists ---------------------------------------------------------------------------------


@transaction.atomic
def checklist_create(*, actor: User, programme: Programme, **fields) -> Checklist:
    require(actor, MANAGE, programme, PARTNERS)
    with set_actor(actor):
        checklist = Checklist(programme=programme, created_by=actor)
        _apply(checklist, fields)
    return checklist


@transaction.atomic
def checklist_update(*, actor: User, checklist: Checklist, **fields) -> Checklist:
    require(actor, MANAGE, checklist.programme, PARTNERS)
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


@CHECKLIST_OPEN.performs
def checklist_open(*, actor: User, checklist: Checklist) -> Checklist:
    """Draft or closed → open: the public link and QR code start accepting answers."""
    if not ChecklistQuestion.objects.filter(section__checklist=checklist).exists():
        raise ValidationError(_("Add at least one question before opening the checklist."))
    return checklist


@CHECKLIST_CLOSE.performs
def checklist_close(*, actor: User, checklist: Checklist) -> Checklist:
    """Open → closed: the public link stops accepting answers (paper entry still works); the
    declaration moves the state."""
    return checklist


@transaction.atomic
def checklist_section_save(
    *, actor: User, checklist: Checklist, section: ChecklistSection | None = None, **fields
) -> ChecklistSection:
    require(actor, MANAGE, checklist.programme, PARTNERS)
    _ensure_editable(checklist)
    with set_actor(actor):
        if section is None:
            section = ChecklistSection(checklist=checklist, order=checklist.sections.count())
        _apply(section, fields)
    return section


@transaction.atomic
def checklist_section_delete(*, actor: User, section: ChecklistSection) -> None:
    require(actor, MANAGE, section.checklist.programme, PARTNERS)
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
    require(actor, MANAGE, checklist.programme, PARTNERS)
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
    require(actor, MANAGE, question.section.checklist.programme, PARTNERS)
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
    consent: bool,
    answers: dict[int, Any],
    email: str = "",
    organisation_name: str = "",
    send_results: bool = False,
    source: str = ResponseSource.ONLINE,
    entered_by: User | None = None,
    respondent: User | None = None,
) -> ChecklistResponse:
    """Store a filled-in checklist with its section scores.

    Online answers need an open checklist; paper answers are entered by a partner at any time.
    E-mail and organisation are optional (anonymous answers, paper forms without either); the
    address is kept only when the respondent wants the results sent (``send_results``).
    Side effects: then the respondent is e-mailed the link to their result page.
    """
    if sector not in RespondentSector.values or (
        checklist.audience != Audience.BOTH and sector != checklist.audience
    ):
        raise ValidationError(_("This checklist is not meant for that sector."))
    if not consent:
        raise ValidationError(_("We can only keep your answers with your consent."))
    if source == ResponseSource.PAPER:
        if entered_by is None:
            raise PermissionDenied(_("Paper answers are entered by a partner."))
        require(entered_by, MANAGE, checklist.programme, PARTNERS)
    elif not checklist.is_open:
        raise ValidationError(_("This checklist no longer accepts answers."))
    sections = checklist_sections(checklist)
    _validate_answers(sections, sector, answers)
    scored = checklist_score(sections=sections, sector=sector, answers=answers)
    email = (email or "").strip().lower()
    if send_results and not email:
        raise ValidationError(
            {"email": _("Give an e-mail address to receive the results, or untick the box.")}
        )
    if respondent is None and email:
        # The respondent's own account (their learning path reads the scores from it).
        respondent = User.objects.filter(email__iexact=email).first()
    if not send_results:
        email = ""  # the address is kept only to send the results
    with set_actor(entered_by or respondent):
        response = ChecklistResponse(
            checklist=checklist,
            sector=sector,
            email=email,
            organisation_name=(organisation_name or "").strip(),
            send_results=send_results,
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
    checklist_scores_forget(respondent)
    if send_results:
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
