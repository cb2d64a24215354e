"""Feedback surveys: every write (create, edit, open, close, answer).

A partner creates a survey about an event, a training session or the programme; it starts as a
draft with a default question set for its subject, which the partner edits. Opening it invites
the audience (confirmed registrants of the event who were not marked absent, or the approved
participants of the chosen sectors) through the outbox, with a reminder two days before it
closes. Each invited person answers once and may change the answers until the survey closes.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collider.enums import (
    EventStatus,
    ReminderState,
)
from collider.models import Event, Programme, Reminder, User
from collider.services import reminder_schedule

from ..actions import SURVEY_ANSWER, SURVEY_CLOSE, SURVEY_CREATE, SURVEY_OPEN, SURVEY_UPDATE
from ..enums import QuestionKind, SurveyAudience, SurveyState, SurveySubject
from ..models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse
from .selectors import RATINGS, audience_of

INVITATION_KIND = "followup_feedback_invitation"
REMINDER_KIND = "followup_feedback_reminder"
#: The reminder goes this long before the survey closes (at 9:00 in the programme's zone).
REMINDER_BEFORE_CLOSE = timedelta(days=2)
MAX_QUESTIONS = 20
MAX_TEXT = 4000

#: Default questions per subject: (kind, text). A partner edits them before opening.
DEFAULT_QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    SurveySubject.EVENT: (
        (QuestionKind.RATING, gettext_lazy("How useful was the event for your work?")),
        (
            QuestionKind.RATING,
            gettext_lazy("How well did the event connect you with people from the other sector?"),
        ),
        (
            QuestionKind.RATING,
            gettext_lazy("How well was the event organised (information, venue, timing)?"),
        ),
        (QuestionKind.TEXT, gettext_lazy("What was the most valuable part for you?")),
        (QuestionKind.TEXT, gettext_lazy("What should we change next time?")),
    ),
    # The overall 1-5 rating of a session is already asked by the training app.
    SurveySubject.TRAINING: (
        (QuestionKind.RATING, gettext_lazy("How relevant was the content to your daily work?")),
        (
            QuestionKind.RATING,
            gettext_lazy("How well did the trainer explain the topic for people of your sector?"),
        ),
        (
            QuestionKind.RATING,
            gettext_lazy("How likely are you to apply what you learned in the next six months?"),
        ),
        (QuestionKind.TEXT, gettext_lazy("Which topic should a follow-up session go deeper into?")),
        (QuestionKind.TEXT, gettext_lazy("Anything else the trainers should know?")),
    ),
    SurveySubject.PROGRAMME: (
        (QuestionKind.RATING, gettext_lazy("How satisfied are you with the programme overall?")),
        (
            QuestionKind.RATING,
            gettext_lazy("How well did the programme help you find partners in the other sector?"),
        ),
        (
            QuestionKind.RATING,
            gettext_lazy(
                "How useful were the trainings (technology, future trends, mindset) for you?"
            ),
        ),
        (
            QuestionKind.RATING,
            gettext_lazy("How well did the tandem partners support your cooperation?"),
        ),
        (
            QuestionKind.RATING,
            gettext_lazy("How likely are you to recommend the programme to a peer?"),
        ),
        (QuestionKind.TEXT, gettext_lazy("What worked best for you?")),
        (QuestionKind.TEXT, gettext_lazy("What should the next programme do differently?")),
    ),
}


def _check_subject(programme: Programme, subject_kind: str, event: Event | None) -> None:
    if subject_kind not in SurveySubject.values:
        raise ValidationError({"subject_kind": _("Choose what the survey is about.")})
    if subject_kind == SurveySubject.PROGRAMME:
        if event is not None:
            raise ValidationError({"event": _("A programme survey is not about one event.")})
        return
    if event is None:
        raise ValidationError({"event": _("Choose the event the survey is about.")})
    if event.programme_id != programme.pk:
        raise ValidationError({"event": _("This event belongs to another programme.")})
    if event.status == EventStatus.CANCELLED:
        raise ValidationError({"event": _("This event was cancelled.")})
    is_training = Event.objects.filter(pk=event.pk, training__isnull=False).exists()
    if subject_kind == SurveySubject.TRAINING and not is_training:
        raise ValidationError({"event": _("This event is not a training session.")})


def _check_dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The survey must close on or after it opens.")})


def _default_title(programme: Programme, subject_kind: str, event: Event | None) -> str:
    if event is not None:
        return _("Feedback on “%(title)s”") % {"title": event.title}
    return _("Programme feedback · %(name)s") % {"name": programme.name}


@SURVEY_CREATE.performs
def survey_create(
    *,
    actor: User,
    programme: Programme,
    subject_kind: str,
    event: Event | None = None,
    title: str = "",
    audience: str = SurveyAudience.BOTH,
    opens_on: date,
    closes_on: date,
    anonymous: bool = True,
    intro: str = "",
) -> Survey:
    """A draft survey with the default questions of its subject (edited before opening)."""
    _check_subject(programme, subject_kind, event)
    _check_dates(opens_on, closes_on)
    if audience not in SurveyAudience.values:
        raise ValidationError({"audience": _("Choose who is asked.")})
    survey = Survey.objects.create(
        programme=programme,
        title=title.strip() or _default_title(programme, subject_kind, event),
        subject_kind=subject_kind,
        event=event,
        audience=audience,
        opens_on=opens_on,
        closes_on=closes_on,
        anonymous=anonymous,
        intro=intro.strip(),
        created_by=actor,
    )
    SurveyQuestion.objects.bulk_create(
        # Ratings need an answer; written answers are welcome but optional.
        SurveyQuestion(
            survey=survey,
            position=index,
            kind=kind,
            text=str(text),
            required=kind == QuestionKind.RATING,
        )
        for index, (kind, text) in enumerate(DEFAULT_QUESTIONS[subject_kind], start=1)
    )
    return survey


@SURVEY_UPDATE.performs
def survey_update(
    *,
    actor: User,
    survey: Survey,
    questions: list[dict],
    title: str,
    audience: str,
    opens_on: date,
    closes_on: date,
    anonymous: bool,
    intro: str = "",
) -> Survey:
    """Change a draft's settings and replace its questions (``kind``, ``text``, ``required``,
    in order). Refused once the survey is open."""
    _check_dates(opens_on, closes_on)
    if audience not in SurveyAudience.values:
        raise ValidationError({"audience": _("Choose who is asked.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the survey a title.")})
    if not questions:
        raise ValidationError(_("A survey needs at least one question."))
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(_("A survey has at most %(n)d questions.") % {"n": MAX_QUESTIONS})
    for question in questions:
        if question.get("kind") not in QuestionKind.values:
            raise ValidationError(_("Each question is a rating or a free-text question."))
        if not str(question.get("text", "")).strip():
            raise ValidationError(_("Every question needs its text."))
    survey.title = title.strip()
    survey.audience = audience
    survey.opens_on = opens_on
    survey.closes_on = closes_on
    survey.anonymous = anonymous
    survey.intro = intro.strip()
    survey.save()
    # A draft has no answers yet, so its questions can simply be written anew.
    survey.questions.all().delete()
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            survey=survey,
            position=index,
            kind=question["kind"],
            text=str(question["text"]).strip()[:300],
            required=bool(question.get("required", True)),
        )
        for index, question in enumerate(questions, start=1)
    )
    return survey


def _at_nine(day: date, programme: Programme) -> datetime:
    return datetime.combine(day, time(9), tzinfo=zoneinfo.ZoneInfo(programme.timezone))


@SURVEY_OPEN.performs
def survey_open(*, actor: User, survey: Survey, now: datetime | None = None) -> Survey:
    """Open a draft: invite its audience and freeze the questions.

    Side effects: one invitation e-mail per person through the outbox (sent when the survey
    opens) and one reminder two days before it closes, to those who have not answered by then.
    """
    now = now or timezone.now()
    if not survey.questions.exists():
        raise ValidationError(_("A survey needs at least one question."))
    if survey.closes_at <= now:
        raise ValidationError(
            {"closes_on": _("The closing date has passed; choose a later one first.")}
        )
    people = audience_of(survey)
    if not people:
        raise ValidationError(
            _("Nobody to ask yet: the survey's audience has no one from the chosen sectors.")
        )
    survey.opened_at = now
    survey.save(update_fields=["opened_at"])
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(survey=survey, user_id=user_id, sector=sector, invited_at=now)
        for user_id, sector in people.items()
    )
    invite_at = max(now, survey.opens_at)
    remind_at = _at_nine(survey.closes_on - REMINDER_BEFORE_CLOSE, survey.programme)
    invitations = SurveyInvitation.objects.filter(survey=survey).select_related("user")
    for invitation in invitations:
        reminder_schedule(
            kind=INVITATION_KIND,
            email=invitation.user.email,
            recipient=invitation.user,
            programme=survey.programme,
            target=invitation,
            due_at=invite_at,
            dedupe_key=f"followup-feedback-invite:{invitation.pk}",
        )
        # A survey open for less than the reminder's lead time needs no reminder.
        if remind_at > invite_at:
            reminder_schedule(
                kind=REMINDER_KIND,
                email=invitation.user.email,
                recipient=invitation.user,
                programme=survey.programme,
                target=invitation,
                due_at=remind_at,
                dedupe_key=f"followup-feedback-remind:{invitation.pk}",
            )
    return survey


def _cancel_pending(invitations: QuerySet[SurveyInvitation], kinds: list[str]) -> int:
    return Reminder.objects.filter(
        target_type=ContentType.objects.get_for_model(SurveyInvitation),
        target_id__in=invitations.values("pk"),
        kind__in=kinds,
        state=ReminderState.PENDING,
    ).update(state=ReminderState.CANCELLED)


@SURVEY_CLOSE.performs
def survey_close(*, actor: User, survey: Survey, now: datetime | None = None) -> Survey:
    """Close an opened survey before its closing date; pending e-mails are cancelled."""
    now = now or timezone.now()
    if survey.state_at(now) == SurveyState.CLOSED:
        raise ValidationError(_("This survey is closed already."))
    survey.closed_at = now
    survey.save(update_fields=["closed_at"])
    _cancel_pending(survey.invitations.all(), [INVITATION_KIND, REMINDER_KIND])
    return survey


def _clean_answers(survey: Survey, answers: dict) -> dict[int, tuple[int | None, str]]:
    """``{question id: value}`` → ``{question id: (rating, text)}``; refuses bad values."""
    questions = {question.pk: question for question in survey.questions.all()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError(_("Some answers do not belong to this survey's questions."))
    cleaned: dict[int, tuple[int | None, str]] = {}
    missing = []
    for pk, question in questions.items():
        value = answers.get(pk)
        if question.is_rating:
            if value in (None, ""):
                rating = None
            else:
                try:
                    rating = int(value)
                except (TypeError, ValueError):
                    rating = 0
                if rating not in RATINGS:
                    raise ValidationError(_("Ratings go from 1 to 5."))
            if rating is None:
                if question.required:
                    missing.append(question.text)
                continue
            cleaned[pk] = (rating, "")
        else:
            text = str(value or "").strip()
            if len(text) > MAX_TEXT:
                raise ValidationError(
                    _("Answers are at most %(n)d characters long.") % {"n": MAX_TEXT}
                )
            if not text:
                if question.required:
                    missing.append(question.text)
                continue
            cleaned[pk] = (None, text)
    if missing:
        raise ValidationError(_("Please answer: %(questions)s") % {"questions": "; ".join(missing)})
    return cleaned


@SURVEY_ANSWER.performs
def response_submit(
    *, actor: User, survey: Survey, answers: dict, now: datetime | None = None
) -> SurveyResponse:
    """Record (or replace) the actor's answers, ``{question id: rating or text}``; the
    declaration guards who (the people invited) and when (while the survey is open).

    One response per person: a second submission replaces the first, until the survey closes.
    Side effect: the pending reminder to this person is cancelled.
    """
    now = now or timezone.now()
    state = survey.state_at(now)
    if state == SurveyState.CLOSED:
        raise ValidationError(_("This survey is closed; answers can no longer change."))
    if state != SurveyState.OPEN:
        raise ValidationError(_("This survey is not open yet."))
    invitation = SurveyInvitation.objects.get(survey=survey, user=actor)
    cleaned = _clean_answers(survey, answers)
    response, created = SurveyResponse.objects.select_for_update().get_or_create(
        survey=survey,
        respondent=actor,
        defaults={"sector": invitation.sector, "submitted_at": now, "updated_at": now},
    )
    if not created:
        response.updated_at = now
        response.save(update_fields=["updated_at"])
        response.answers.all().delete()
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, question_id=pk, rating=rating, text=text)
        for pk, (rating, text) in cleaned.items()
    )
    _cancel_pending(SurveyInvitation.objects.filter(pk=invitation.pk), [REMINDER_KIND])
    return response
