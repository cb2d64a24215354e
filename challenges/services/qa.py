"""The click-through NDA and the questions CCI ask about a published challenge."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.models import User

from .. import actions
from ..models import NDA_VERSION, Challenge, NdaAcceptance, Question
from .common import notify, stamp

__all__ = ["nda_accept", "question_answer", "question_ask"]


@transaction.atomic
def nda_accept(*, user: User, challenge: Challenge) -> NdaAcceptance:
    """A member accepts the click-through NDA (current version). Side effects: confirmation e-mail.

    CCI and experts of the programme sign it; the owner, the translator and the organisers
    read the details without it; other AVM companies never (``challenges.accept_nda``).
    Accepting again changes nothing (and records nothing a second time).
    """
    actions.NDA_ACCEPT.check(user, challenge)
    acceptance, created = NdaAcceptance.objects.get_or_create(
        challenge=challenge, user=user, version=NDA_VERSION
    )
    if created:
        actions.NDA_ACCEPT.record(actor=user, obj=challenge)
        notify(
            "challenges_nda_accepted",
            recipient=user,
            target=acceptance,
            programme=challenge.programme,
            key=f"{acceptance.pk}",
        )
    return acceptance


@actions.QUESTION_ASK.performs
def question_ask(*, user: User, challenge: Challenge, body: str) -> Question:
    """A CCI asks about a published challenge. Side effects: e-mails the owner."""
    if not body.strip():
        raise ValidationError(_("Write your question."))
    question = Question.objects.create(challenge=challenge, author=user, body=body.strip())
    notify(
        "challenges_question_asked",
        recipient=challenge.owner,
        target=question,
        programme=challenge.programme,
        key=f"{question.pk}",
    )
    return question


@actions.QUESTION_ANSWER.performs
def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    """The AVM owner or a facilitator answers; the answer is visible to all CCI."""
    if not answer.strip():
        raise ValidationError(_("Write an answer."))
    question.answer = answer.strip()
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.save()
    notify(
        "challenges_question_answered",
        recipient=question.author,
        target=question,
        programme=question.challenge.programme,
        key=f"{question.pk}:{stamp()}",
    )
    return question
