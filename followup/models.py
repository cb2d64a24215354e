"""Phase 6: reporting periods with KPI targets and corrections, the cooperation pipeline and
two-sided check-ins."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.models import Organisation, Programme

from .enums import (
    Anchor,
    CheckInSide,
    Outcome,
    QuestionKind,
    Stage,
    StoryStatus,
    SurveyAudience,
    SurveyState,
    SurveySubject,
)


class ReportingPeriod(models.Model):
    """A span the programme reports on; once locked its KPI values are frozen in ``snapshot``."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="followup_period_dates_ordered"
            ),
            models.UniqueConstraint(fields=["programme", "name"], name="followup_period_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """A period is shown on the KPI dashboard."""
        url = reverse("followup:kpi_dashboard", args=[self.programme.slug])
        return f"{url}?period={self.pk}"

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class KpiTarget(models.Model):
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="targets")
    key = models.CharField(_("indicator"), max_length=60)
    target = models.PositiveIntegerField(_("target"))

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["period", "key"], name="followup_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.target}"

    def get_additional_data(self) -> dict:
        return {"programme": self.period.programme_id}


class KpiCorrection(models.Model):
    """A manual adjustment of a computed value, always with a reason and an evidence file."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="corrections"
    )
    key = models.CharField(_("indicator"), max_length=60)
    delta = models.IntegerField(_("change"), help_text=_("Added to the computed value."))
    reason = models.TextField(_("reason"))
    evidence = models.FileField(_("evidence"), upload_to="followup/evidence/%Y/")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.key} {self.delta:+d}"

    def get_additional_data(self) -> dict:
        return {"programme": self.period.programme_id}


class Cooperation(models.Model):
    """A CCI-AVM pair on its way from first contact to a completed (or stopped) cooperation."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cooperations")
    title = models.CharField(_("title"), max_length=200)
    cci_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("CCI organisation"),
    )
    avm_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("AVM organisation"),
    )
    cci_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("CCI contact person"),
    )
    avm_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("AVM contact person"),
    )
    goals = models.TextField(_("goals"), blank=True)
    # The platform records the pair came from; each may move the stage on its own.
    meeting = models.ForeignKey(
        "matchmaking.MeetingRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cooperations",
    )
    idea = models.ForeignKey(
        "challenges.Idea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cooperations",
    )
    agreement = models.ForeignKey(
        "matchmaking.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cooperations",
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.FIRST_CONTACT
    )
    stage_changed_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-stage_changed_at", "pk"]
        indexes = [models.Index(fields=["programme", "stage"])]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class StageMove(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="moves")
    from_stage = models.CharField(max_length=16, choices=Stage.choices)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    note = models.TextField(_("note"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["to_stage", "at"])]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"

    def get_additional_data(self) -> dict:
        return {"programme": self.cooperation.programme_id}


class CheckIn(models.Model):
    """One side's answer, some months after the meeting or the agreement."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="checkins")
    anchor = models.CharField(max_length=10, choices=Anchor.choices)
    months = models.PositiveSmallIntegerField()
    side = models.CharField(max_length=3, choices=CheckInSide.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_checkins"
    )
    due_at = models.DateTimeField()
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    comment = models.TextField(_("comments"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "anchor", "months", "side"], name="followup_checkin_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cooperation} · {self.months} m · {self.side}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def get_additional_data(self) -> dict:
        return {"programme": self.cooperation.programme_id}


class Milestone(models.Model):
    """A deliverable of a cooperation: due date, and evidence (a file or a link) once done."""

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    # Set when the milestone is a deliverable of a signed agreement (kept in step on re-signing).
    agreement = models.ForeignKey(
        "matchmaking.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    done_at = models.DateTimeField(null=True, blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to="followup/milestones/%Y/", blank=True
    )
    evidence_link = models.URLField(_("evidence link"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def programme(self) -> Programme:
        return self.cooperation.programme

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue_on(self, day) -> bool:
        return not self.is_done and self.due_on < day

    def get_additional_data(self) -> dict:
        return {"programme": self.cooperation.programme_id}


# --- Feedback surveys


class Survey(models.Model):
    """A feedback survey of one programme about an event, a training session or the programme,
    put to CCI participants, AVM participants or both, open between two dates.

    Questions are edited while the survey is a draft; opening it invites the audience through
    the outbox and freezes the questions (answers refer to them).
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="surveys")
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
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
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


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=6, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("answer required"), default=True)

    class Meta:
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


class SurveyInvitation(models.Model):
    """One person of the audience, asked when the survey opened; the sector is the one they
    held then, so the response rate per sector does not drift."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_survey_invites"
    )
    sector = models.CharField(max_length=3, choices=CheckInSide.choices)
    invited_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="followup_invitation_once")
        ]
        indexes = [models.Index(fields=["survey", "sector"])]

    def __str__(self) -> str:
        return f"{self.survey} → {self.user}"

    def get_additional_data(self) -> dict:
        return {"programme": self.survey.programme_id}


class SurveyResponse(models.Model):
    """One person's answers to one survey (one per person, editable until the survey closes).

    The respondent is stored so they can edit their answers; an anonymous survey never shows
    it to partners (results and exports carry the sector only).
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_survey_responses"
    )
    sector = models.CharField(max_length=3, choices=CheckInSide.choices)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
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
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=4000)

    class Meta:
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


# --- Joint evaluation and success stories -----------------------------------------------------


class JointEvaluation(models.Model):
    """The tandem's own look back at a reporting period, written by both partner organisations.

    Once every partner organisation has confirmed the same text it is final: ``kpi_snapshot``
    then holds the period's KPI rows as they stood, and they are never computed again.
    """

    period = models.OneToOneField(
        ReportingPeriod, on_delete=models.CASCADE, related_name="evaluation"
    )
    strengths = models.TextField(_("strengths of the tandem cooperation"), blank=True)
    weaknesses = models.TextField(_("weaknesses of the tandem cooperation"), blank=True)
    challenges = models.TextField(_("biggest challenges"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    kpi_snapshot = models.JSONField(default=list, blank=True)

    SECTIONS = ("strengths", "weaknesses", "challenges", "lessons")
    VERSION_FIELD = "edited_at"

    def __str__(self) -> str:
        return str(self.period)

    def get_absolute_url(self) -> str:
        return reverse(
            "followup:evaluation", kwargs={"slug": self.period.programme.slug, "pk": self.period_id}
        )

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None

    def sections(self) -> list[tuple[str, str, str]]:
        return [
            (name, self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.SECTIONS
        ]

    def get_additional_data(self) -> dict:
        return {"programme": self.period.programme_id}


class EvaluationConfirmation(models.Model):
    """One partner organisation's confirmation of the evaluation's current text."""

    evaluation = models.ForeignKey(
        JointEvaluation, on_delete=models.CASCADE, related_name="confirmations"
    )
    partner = models.ForeignKey(
        "tandems.TandemPartner", on_delete=models.CASCADE, related_name="evaluation_confirmations"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField()

    class Meta:
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "partner"], name="followup_evaluation_confirm_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} · {self.evaluation}"

    def get_additional_data(self) -> dict:
        return {"programme": self.evaluation.period.programme_id}


class SuccessStory(models.Model):
    """A completed cooperation told as a story; with both sides' consent it is published into
    the best-practice library (and so can go into the brochure)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="stories")
    cooperation = models.ForeignKey(Cooperation, on_delete=models.PROTECT, related_name="stories")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1500)
    challenge = models.TextField(_("the challenge"), max_length=3000)
    solution = models.TextField(_("the solution"), max_length=3000)
    results = models.TextField(_("the results"), max_length=3000)
    quote = models.TextField(_("quote"), max_length=600, blank=True)
    quote_by = models.CharField(_("quote by"), max_length=200, blank=True)
    image = models.ImageField(_("image"), upload_to="followup/stories/%Y/", blank=True)
    image_content_type = models.CharField(max_length=40, blank=True, editable=False)
    image_alt = models.CharField(_("alternative text of the image"), max_length=250, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StoryStatus.choices, default=StoryStatus.DRAFT
    )
    practice = models.ForeignKey(
        "outreach.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("library entry"),
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    #: The fields a consent covers: changing any of them needs both consents again.
    TEXT_FIELDS = ("title", "summary", "challenge", "solution", "results", "quote", "quote_by")
    VERSION_FIELD = "updated_at"

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followup:story_detail", kwargs={"slug": self.programme.slug, "pk": self.pk})

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    @property
    def is_published(self) -> bool:
        return self.status == StoryStatus.PUBLISHED


class StoryConsent(models.Model):
    """One side's consent to one version of the story's text (a hash of it), with name and
    time; a withdrawal keeps the row as the record."""

    story = models.ForeignKey(SuccessStory, on_delete=models.CASCADE, related_name="consents")
    side = models.CharField(max_length=3, choices=CheckInSide.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    text_hash = models.CharField(max_length=64)
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["given_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "side"],
                condition=Q(withdrawn_at__isnull=True),
                name="followup_story_consent_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.story}"

    def get_additional_data(self) -> dict:
        return {"programme": self.story.programme_id}
