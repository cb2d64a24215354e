"""Models of the feedback surveys: the survey, its questions, invitations, responses and
answers."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Programme

from ..enums import (
    CheckInSide,
    QuestionKind,
    SurveyAudience,
    SurveyState,
    SurveySubject,
)


class Survey(ChoiceLabels):
    """A feedback survey of one programme about an event, a training session or the programme,
    put to CCI participants, AVM participants or both, open between two dates.

    Questions are edited while the survey is a draft; opening it invites the audience through
    the outbox and freezes the questions (answers refer to them).
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    subject_kind = models.CharField(_("subject"), max_length=10, choices=SurveySubject.choices)
    # The event asked about (a training session's event for training surveys); none for the
    # programme as a whole.
    event = models.ForeignKey(
        "collider.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("event"),
    )
    audience = models.CharField(
        _("audience"), max_length=4, choices=SurveyAudience.choices, default=SurveyAudience.BOTH
    )
    intro = models.TextField(_("introduction"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Partners see the answers with the sector only, never with names."),
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="followup_survey_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(subject_kind=SurveySubject.PROGRAMME, event__isnull=True)
                | (~Q(subject_kind=SurveySubject.PROGRAMME) & Q(event__isnull=False)),
                name="followup_survey_subject_event",
            ),
        ]
        indexes = [models.Index(fields=["programme", "opens_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followup:feedback_detail", args=[self.programme.slug, self.pk])

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    @property
    def sectors(self) -> tuple[str, ...]:
        return SurveyAudience(self.audience).sectors

    def _moment(self, day, *, end: bool) -> datetime:
        tz = zoneinfo.ZoneInfo(self.programme.timezone)
        return datetime.combine(day, time.max if end else time.min, tzinfo=tz)

    @property
    def opens_at(self) -> datetime:
        """The start of the opening day in the programme's time zone."""
        return self._moment(self.opens_on, end=False)

    @property
    def closes_at(self) -> datetime:
        """The end of the closing day (or the moment it was closed early)."""
        planned = self._moment(self.closes_on, end=True)
        return min(planned, self.closed_at) if self.closed_at else planned

    def state_at(self, now: datetime) -> str:
        if self.opened_at is None:
            return SurveyState.DRAFT
        if now >= self.closes_at:
            return SurveyState.CLOSED
        if now < self.opens_at:
            return SurveyState.SCHEDULED
        return SurveyState.OPEN

    @property
    def state(self) -> str:
        return self.state_at(timezone.now())

    @property
    def is_draft(self) -> bool:
        return self.opened_at is None

    @property
    def is_open(self) -> bool:
        return self.state == SurveyState.OPEN


class SurveyQuestion(ChoiceLabels):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=6, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("answer required"), default=True)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "position"], name="followup_question_position"
            )
        ]

    def __str__(self) -> str:
        return self.text

    def get_additional_data(self) -> dict:
        return {"programme": self.survey.programme_id}

    @property
    def is_rating(self) -> bool:
        return self.kind == QuestionKind.RATING


class SurveyInvitation(ChoiceLabels):
    """One person of the audience, asked when the survey opened; the sector is the one they
    held then, so the response rate per sector does not drift."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followup_survey_invites",
        verbose_name=_("user"),
    )
    sector = models.CharField(_("sector"), max_length=3, choices=CheckInSide.choices)
    invited_at = models.DateTimeField(_("invited at"))

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="followup_invitation_once")
        ]
        indexes = [models.Index(fields=["survey", "sector"])]

    def __str__(self) -> str:
        return f"{self.survey} → {self.user}"

    def get_additional_data(self) -> dict:
        return {"programme": self.survey.programme_id}


class SurveyResponse(ChoiceLabels):
    """One person's answers to one survey (one per person, editable until the survey closes).

    The respondent is stored so they can edit their answers; an anonymous survey never shows
    it to partners (results and exports carry the sector only).
    """

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followup_survey_responses",
        verbose_name=_("respondent"),
    )
    sector = models.CharField(_("sector"), max_length=3, choices=CheckInSide.choices)
    submitted_at = models.DateTimeField(_("submitted at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"], name="followup_response_once_per_person"
            )
        ]
        indexes = [models.Index(fields=["survey", "sector"])]

    def __str__(self) -> str:
        return f"{self.survey} · {self.sector}"

    def get_additional_data(self) -> dict:
        return {"programme": self.survey.programme_id}


class SurveyAnswer(models.Model):
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    text = models.TextField(_("text answer"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["question__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="followup_answer_once"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="followup_answer_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.rating or self.text[:40]}"
