"""Feedback surveys: reads and aggregates (lists, the invited audience, results).

Training sessions already collect a quick 1-5 rating from every attendee in the training app
(``training.Feedback``). A training survey does not ask that again: its default questions go
deeper (relevance, the trainer, applying it), and its results show the training app's quick
ratings beside them, read through the training app's selector.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.enums import (
    EventKind,
    EventStatus,
    MembershipStatus,
    RegistrationStatus,
    Role,
)
from collider.kpis import within
from collider.models import Event, Membership, Programme, Registration, User
from collider.selectors import count_subquery
from training import selectors as training_selectors

from ..enums import FEEDBACK_SECTORS, SurveyState, SurveySubject
from ..models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse

RATINGS = (1, 2, 3, 4, 5)


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


def survey_list(*, programme: Programme) -> QuerySet[Survey]:
    """The programme's surveys with their invited and response counts (one query)."""
    return (
        Survey.objects.filter(programme=programme)
        .select_related("event", "programme")
        .annotate(
            n_invited=count_subquery(SurveyInvitation.objects.all(), on="survey"),
            n_responses=count_subquery(SurveyResponse.objects.all(), on="survey"),
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
    return training_selectors.feedback_summary_for_event(survey.event_id)


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
