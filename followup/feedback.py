"""Feedback surveys from both sectors: services (every write), selectors (reads, aggregates) and
the export dataset.

A partner creates a survey about an event, a training session or the programme; it starts as a
draft with a default question set for its subject, which the partner edits. Opening it invites
the audience (confirmed registrants of the event who were not marked absent, or the approved
participants of the chosen sectors) through the outbox, with a reminder two days before it
closes. Each invited person answers once and may change the answers until the survey closes.

Training sessions already collect a quick 1-5 rating from every attendee in the training app
(``training.Feedback``). A training survey does not ask that again: its default questions go
deeper (relevance, the trainer, applying it), and its results show the training app's quick
ratings beside them, read through the training app's selector.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F, IntegerField, OuterRef, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collider.enums import (
    EventKind,
    EventStatus,
    MembershipStatus,
    RegistrationStatus,
    ReminderState,
    Role,
)
from collider.kpis import within
from collider.models import Event, Membership, Programme, Registration, Reminder, User
from collider.services import reminder_schedule

from .enums import FEEDBACK_SECTORS, QuestionKind, SurveyAudience, SurveyState, SurveySubject
from .models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse

INVITATION_KIND = "followup_feedback_invitation"
REMINDER_KIND = "followup_feedback_reminder"
#: The reminder goes this long before the survey closes (at 9:00 in the programme's zone).
REMINDER_BEFORE_CLOSE = timedelta(days=2)
MAX_QUESTIONS = 20
MAX_TEXT = 4000
RATINGS = (1, 2, 3, 4, 5)

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


def _require(actor: User, perm: str, obj) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


# --- Services ---------------------------------------------------------------------------------


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


@transaction.atomic
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
    _require(actor, "followup.manage_feedback", programme)
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


def _locked_draft(survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().select_related("programme").get(pk=survey.pk)
    if not survey.is_draft:
        raise ValidationError(
            _("The survey is open already: its questions and settings can no longer change.")
        )
    return survey


@transaction.atomic
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
    _require(actor, "followup.manage_feedback", survey.programme)
    survey = _locked_draft(survey)
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


def audience_of(survey: Survey) -> dict[int, str]:
    """The people a survey asks, as ``{user id: sector}``.

    For an event or a training session: registrants with an account whose registration is
    confirmed and who were not marked absent; their sector is their participant membership's
    (else the one given on the registration). For the programme: approved participants.
    Only the sectors of the survey's audience count; staff are never asked.
    """
    sectors = survey.sectors
    participants = dict(
        Membership.objects.filter(
            programme_id=survey.programme_id,
            role=Role.PARTICIPANT,
            status=MembershipStatus.APPROVED,
        ).values_list("user_id", "sector")
    )
    if survey.subject_kind == SurveySubject.PROGRAMME:
        people = participants
    else:
        people = {}
        registrations = (
            Registration.objects.filter(
                event_id=survey.event_id, status=RegistrationStatus.CONFIRMED, user__isnull=False
            )
            .exclude(attended=False)
            .values_list("user_id", "sector")
        )
        for user_id, given in registrations:
            people[user_id] = participants.get(user_id) or given
    return {user_id: sector for user_id, sector in people.items() if sector in sectors}


def _at_nine(day: date, programme: Programme) -> datetime:
    import zoneinfo

    return datetime.combine(day, time(9), tzinfo=zoneinfo.ZoneInfo(programme.timezone))


@transaction.atomic
def survey_open(*, actor: User, survey: Survey, now: datetime | None = None) -> Survey:
    """Open a draft: invite its audience and freeze the questions.

    Side effects: one invitation e-mail per person through the outbox (sent when the survey
    opens) and one reminder two days before it closes, to those who have not answered by then.
    """
    _require(actor, "followup.manage_feedback", survey.programme)
    now = now or timezone.now()
    survey = _locked_draft(survey)
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


@transaction.atomic
def survey_close(*, actor: User, survey: Survey, now: datetime | None = None) -> Survey:
    """Close an opened survey before its closing date; pending e-mails are cancelled."""
    _require(actor, "followup.manage_feedback", survey.programme)
    now = now or timezone.now()
    survey = Survey.objects.select_for_update().select_related("programme").get(pk=survey.pk)
    if survey.is_draft:
        raise ValidationError(_("A draft is not open; there is nothing to close."))
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


@transaction.atomic
def response_submit(
    *, actor: User, survey: Survey, answers: dict, now: datetime | None = None
) -> SurveyResponse:
    """Record (or replace) the actor's answers, ``{question id: rating or text}``.

    One response per person: a second submission replaces the first, until the survey closes.
    Side effect: the pending reminder to this person is cancelled.
    """
    now = now or timezone.now()
    survey = Survey.objects.select_related("programme").get(pk=survey.pk)
    invitation = SurveyInvitation.objects.filter(survey=survey, user=actor).first()
    if invitation is None:
        raise PermissionDenied(_("Only the people asked can answer this survey."))
    state = survey.state_at(now)
    if state == SurveyState.CLOSED:
        raise ValidationError(_("This survey is closed; answers can no longer change."))
    if state != SurveyState.OPEN:
        raise ValidationError(_("This survey is not open yet."))
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


# --- Selectors --------------------------------------------------------------------------------


def _count_of(model, **filters):
    rows = (
        model.objects.filter(survey=OuterRef("pk"), **filters)
        .order_by()
        .values("survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def survey_list(*, programme: Programme) -> QuerySet[Survey]:
    """The programme's surveys with their invited and response counts (one query)."""
    return (
        Survey.objects.filter(programme=programme)
        .select_related("event", "programme")
        .annotate(
            n_invited=_count_of(SurveyInvitation),
            n_responses=_count_of(SurveyResponse),
        )
    )


def survey_get(*, programme: Programme, pk: int) -> Survey:
    return get_object_or_404(survey_list(programme=programme), pk=pk)


def survey_get_for_respondent(*, user: User, programme: Programme, pk: int) -> Survey:
    """A survey the user was invited to; any other (or another programme's) is 404."""
    return get_object_or_404(
        Survey.objects.select_related("event", "programme"),
        pk=pk,
        programme=programme,
        invitations__user=user,
    )


def response_of(*, user: User, survey: Survey) -> SurveyResponse | None:
    return (
        SurveyResponse.objects.filter(survey=survey, respondent=user)
        .prefetch_related("answers")
        .first()
    )


def surveys_awaiting(user: User) -> dict[int, list[Survey]]:
    """Open surveys the user was asked and has not answered, per programme: one query, cached
    on the user because the dashboard asks once per programme."""
    cached = getattr(user, "_followup_surveys_awaiting", None)
    if cached is None:
        cached = {}
        now = timezone.now()
        rows = (
            Survey.objects.filter(
                invitations__user=user,
                opened_at__isnull=False,
                opens_on__lte=timezone.localdate(),
                closes_on__gte=timezone.localdate() - timedelta(days=1),
                closed_at__isnull=True,
            )
            .exclude(responses__respondent=user)
            .select_related("programme")
        )
        for survey in rows:
            if survey.state_at(now) == SurveyState.OPEN:
                cached.setdefault(survey.programme_id, []).append(survey)
        user._followup_surveys_awaiting = cached
    return cached


@dataclass
class SectorStats:
    """The ratings of one question from one sector (or from everyone)."""

    counts: list[int] = field(default_factory=lambda: [0] * len(RATINGS))

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        if not self.n:
            return None
        return sum(r * c for r, c in zip(RATINGS, self.counts, strict=True)) / self.n

    @property
    def cells(self) -> list[tuple[int, int, int]]:
        """``(rating, count, per cent)`` per rating, for the table."""
        n = self.n
        return [
            (rating, count, round(100 * count / n) if n else 0)
            for rating, count in zip(RATINGS, self.counts, strict=True)
        ]


#: Bar colours of the ratings 1-5 (a colour-blind safe diverging scale) and their label colour.
RATING_COLOURS = ("#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac")
RATING_TEXT = ("#ffffff", "#1b1b1b", "#1b1b1b", "#1b1b1b", "#ffffff")
CHART_LEFT, CHART_WIDTH, CHART_ROW = 70, 400, 30


@dataclass
class QuestionResult:
    question: SurveyQuestion
    sectors: dict[str, SectorStats] = field(default_factory=dict)
    overall: SectorStats = field(default_factory=SectorStats)
    text_counts: dict[str, int] = field(default_factory=dict)
    texts: list[SurveyAnswer] = field(default_factory=list)

    @property
    def text_total(self) -> int:
        return sum(self.text_counts.values())

    @property
    def rows(self) -> list[tuple[str, str, SectorStats]]:
        """``(key, label, stats)`` per sector of the audience, then everyone together."""
        labels = {"cci": _("CCI"), "avm": _("AVM")}
        rows = [(key, labels[key], stats) for key, stats in self.sectors.items()]
        return [*rows, ("all", _("All"), self.overall)]

    @property
    def chart(self) -> dict:
        """Geometry of the stacked bars (one per row, segments per rating) for the SVG."""
        bars = []
        for index, (key, label, stats) in enumerate(self.rows):
            x, segments = float(CHART_LEFT), []
            for rating, count, _pct in stats.cells:
                if not count:
                    continue
                width = CHART_WIDTH * count / stats.n
                segments.append(
                    {
                        "rating": rating,
                        "count": count,
                        "x": round(x, 2),
                        "width": round(width, 2),
                        "label_x": round(x + width / 2, 2),
                        "fill": RATING_COLOURS[rating - 1],
                        "text": RATING_TEXT[rating - 1],
                        "show_label": width >= 16,
                    }
                )
                x += width
            mean = stats.mean
            bars.append(
                {
                    "key": key,
                    "label": label,
                    "y": index * CHART_ROW + 4,
                    "text_y": index * CHART_ROW + 20,
                    "segments": segments,
                    "n": stats.n,
                    "mean": "" if mean is None else f"{mean:.1f}",
                }
            )
        return {
            "bars": bars,
            "height": len(bars) * CHART_ROW + 8,
            "width": CHART_LEFT + CHART_WIDTH + 90,
            "left": CHART_LEFT,
            "mean_x": CHART_LEFT + CHART_WIDTH + 10,
            "empty_width": CHART_WIDTH,
        }


@dataclass
class SurveyResults:
    survey: Survey
    questions: list[QuestionResult]
    invited: dict[str, int]
    responded: dict[str, int]
    training_quick: dict | None = None

    @property
    def sectors(self) -> tuple[str, ...]:
        return self.survey.sectors

    @property
    def rates(self) -> list[dict]:
        """Response rate per sector of the audience and overall."""
        labels = {"cci": _("CCI"), "avm": _("AVM")}
        rows = []
        for key in self.sectors:
            rows.append(
                self._rate(key, labels[key], self.invited.get(key, 0), self.responded.get(key, 0))
            )
        rows.append(
            self._rate("all", _("All"), sum(self.invited.values()), sum(self.responded.values()))
        )
        return rows

    @staticmethod
    def _rate(key, label, invited, responded) -> dict:
        percent = round(100 * responded / invited) if invited else None
        return {
            "key": key,
            "label": label,
            "invited": invited,
            "responded": responded,
            "percent": percent,
        }


#: Free-text answers shown per question on the results page; the rest are one click away.
TEXT_PREVIEW = 5


def survey_results(*, survey: Survey, text_preview: int = TEXT_PREVIEW) -> SurveyResults:
    """Averages and distributions per question and sector, response rates and the latest
    free-text answers: six queries whatever the number of questions and responses."""
    questions = list(survey.questions.all())
    sectors = [s for s in FEEDBACK_SECTORS if s in survey.sectors]
    results = {
        q.pk: QuestionResult(
            question=q,
            sectors={s: SectorStats() for s in sectors},
            text_counts={s: 0 for s in sectors},
        )
        for q in questions
    }
    answers = SurveyAnswer.objects.filter(response__survey=survey).order_by()
    distribution = (
        answers.filter(rating__isnull=False)
        .values_list("question_id", "response__sector", "rating")
        .annotate(n=Count("pk"))
    )
    for question_id, sector, rating, n in distribution:
        result = results.get(question_id)
        if result is None or rating not in RATINGS:
            continue
        if sector in result.sectors:
            result.sectors[sector].counts[rating - 1] += n
        result.overall.counts[rating - 1] += n
    text_counts = (
        answers.exclude(text="")
        .values_list("question_id", "response__sector")
        .annotate(n=Count("pk"))
    )
    for question_id, sector, n in text_counts:
        if question_id in results:
            results[question_id].text_counts[sector] = n
    if text_preview:
        latest = (
            answers.exclude(text="")
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("question_id")],
                    order_by=[F("response__updated_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=text_preview)
            .select_related("response__respondent")
            .order_by("question__position", "rank")
        )
        for answer in latest:
            results[answer.question_id].texts.append(answer)
    invited = dict(survey.invitations.order_by().values_list("sector").annotate(n=Count("pk")))
    responded = dict(survey.responses.order_by().values_list("sector").annotate(n=Count("pk")))
    return SurveyResults(
        survey=survey,
        questions=[results[q.pk] for q in questions],
        invited=invited,
        responded=responded,
        training_quick=_training_quick_ratings(survey),
    )


def _training_quick_ratings(survey: Survey) -> dict | None:
    """The training app's own quick ratings of the session (one query), shown beside the
    survey's results instead of asking the same thing twice."""
    if survey.subject_kind != SurveySubject.TRAINING or survey.event_id is None:
        return None
    from training.models import Feedback

    summary = Feedback.objects.filter(registration__event_id=survey.event_id).aggregate(
        n=Count("pk"), mean=Avg("rating")
    )
    return {"n": summary["n"], "mean": summary["mean"]}


def text_answers(*, survey: Survey, question_id: int | None = None) -> QuerySet[SurveyAnswer]:
    """Every free-text answer of the survey (of one question), newest first, for a paginated
    list; the respondent is joined for named surveys only."""
    rows = (
        SurveyAnswer.objects.filter(response__survey=survey)
        .exclude(text="")
        .select_related("question", "response")
        .order_by("question__position", "-response__updated_at", "-pk")
    )
    if not survey.anonymous:
        rows = rows.select_related("response__respondent")
    if question_id is not None:
        rows = rows.filter(question_id=question_id)
    return rows


def responses_submitted(start: date, end: date) -> QuerySet[SurveyResponse]:
    """Responses submitted between the two dates (inclusive), of any programme: the KPI
    engine filters them by programme, or counts many programmes in one grouped query."""
    return SurveyResponse.objects.filter(within("submitted_at", start, end))


def training_events(programme: Programme) -> QuerySet[Event]:
    """Events a training survey can be about: the programme's training sessions and visits."""
    return Event.objects.filter(programme=programme, training__isnull=False).exclude(
        status=EventStatus.CANCELLED
    )


def survey_events(programme: Programme) -> QuerySet[Event]:
    """Events an event survey can be about (not partner meetings, not cancelled)."""
    return (
        Event.objects.filter(programme=programme)
        .exclude(status=EventStatus.CANCELLED)
        .exclude(kind=EventKind.PARTNER_MEETING)
        .order_by("-starts_at")
    )


# --- Export -----------------------------------------------------------------------------------


def _respondent_columns(survey: Survey, response: SurveyResponse) -> list[str]:
    if survey.anonymous:
        return ["", ""]
    return [response.respondent.display_name, response.respondent.email]


#: Columns of the programme-wide feedback list (one row per answer: surveys ask different
#: questions, so the long format keeps every survey in one table).
FEEDBACK_HEADERS = (
    gettext_lazy("Survey"),
    gettext_lazy("About"),
    gettext_lazy("Event"),
    gettext_lazy("Question"),
    gettext_lazy("Answer type"),
    gettext_lazy("Sector"),
    gettext_lazy("Name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Rating"),
    gettext_lazy("Text"),
    gettext_lazy("Submitted at"),
)


def feedback_answers(programme: Programme):
    return SurveyAnswer.objects.filter(response__survey__programme=programme)


def feedback_rows(programme: Programme, params: dict):
    """Every answer of every survey of ``programme``, streamed; anonymous surveys leave the
    name and e-mail columns empty."""
    answers = feedback_answers(programme).select_related(
        "question", "response__survey__event", "response__respondent"
    )
    answers = answers.order_by(
        "response__survey_id", "response__sector", "response_id", "question__position"
    )
    for answer in answers.iterator(chunk_size=2000):
        response, survey = answer.response, answer.response.survey
        yield [
            survey.title,
            survey.get_subject_kind_display(),
            survey.event.title if survey.event_id else "",
            answer.question.text,
            answer.question.get_kind_display(),
            response.get_sector_display(),
            *_respondent_columns(survey, response),
            answer.rating,
            answer.text,
            response.submitted_at,
        ]


def survey_export(survey: Survey):
    """One survey's responses as a dataset of the core's export writers: one row per response
    and one column per question (ratings as numbers), for CSV/XLSX."""
    from collider.exports import Dataset

    questions = list(survey.questions.all())
    headers = [_("Response"), _("Sector"), _("Name"), _("E-mail"), _("Submitted at")]
    headers += [_("Changed at"), *(f"{q.position}. {q.text}" for q in questions)]

    def rows(programme, params):
        responses = (
            SurveyResponse.objects.filter(survey=survey)
            .select_related("respondent")
            .prefetch_related("answers")
            # Anonymous answers are not listed in the order they came in, which could tell who.
            .order_by(*(("sector", "pk") if survey.anonymous else ("submitted_at", "pk")))
        )
        for number, response in enumerate(responses.iterator(chunk_size=1000), start=1):
            by_question = {a.question_id: a for a in response.answers.all()}
            row = [number, response.get_sector_display(), *_respondent_columns(survey, response)]
            row += [response.submitted_at, response.updated_at]
            for question in questions:
                answer = by_question.get(question.pk)
                if answer is None:
                    row.append("")
                else:
                    row.append(answer.rating if question.is_rating else answer.text)
            yield row

    return Dataset(
        key=f"feedback-{survey.pk}",
        label=gettext_lazy("Feedback"),
        headers=tuple(headers),
        rows=rows,
        count=lambda programme, params: survey.responses.count(),
    )
