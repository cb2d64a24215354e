"""The scored readiness checklist: sections, questions, options, responses and scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Programme, new_token

from ..enums import (
    Audience,
    ChecklistStatus,
    Dimension,
    QuestionKind,
    RespondentSector,
    ResponseSource,
)
from .common import _programme_data


class Checklist(ChoiceLabels):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="checklists", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    audience = models.CharField(
        _("for"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ChecklistStatus.choices, default=ChecklistStatus.DRAFT
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("readiness checklist")
        verbose_name_plural = _("readiness checklists")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    get_additional_data = _programme_data

    def get_absolute_url(self) -> str:
        return reverse(
            "outreach:checklist_detail", kwargs={"slug": self.programme.slug, "pk": self.pk}
        )

    def public_path(self) -> str:
        return reverse("outreach:checklist_answer", kwargs={"token": self.token})

    @property
    def is_open(self) -> bool:
        return self.status == ChecklistStatus.OPEN

    @property
    def sectors(self) -> list[str]:
        if self.audience == Audience.BOTH:
            return [RespondentSector.CCI, RespondentSector.AVM]
        return [self.audience]


class ChecklistSection(ChoiceLabels):
    checklist = models.ForeignKey(
        Checklist, on_delete=models.CASCADE, related_name="sections", verbose_name=_("checklist")
    )
    title = models.CharField(_("title"), max_length=200)
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    intro = models.TextField(_("introduction"), blank=True)
    next_steps = models.TextField(
        _("suggested next steps"),
        blank=True,
        help_text=_("Shown to respondents who score below the threshold in this section."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("checklist section")
        verbose_name_plural = _("checklist sections")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"programme": self.checklist.programme_id}


class ChecklistQuestion(ChoiceLabels):
    section = models.ForeignKey(
        ChecklistSection,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("section"),
    )
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    audience = models.CharField(
        _("asked to"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("0 to 10; 0 asks the question without scoring it.")
    )
    scale_max = models.PositiveSmallIntegerField(_("scale maximum"), default=5)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist questions")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__lte=10), name="question_weight_max_10"),
            models.CheckConstraint(
                condition=Q(scale_max__gte=2, scale_max__lte=10), name="question_scale_2_to_10"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def get_additional_data(self) -> dict:
        return {"programme": self.section.checklist.programme_id}

    @property
    def is_scored(self) -> bool:
        return self.kind != QuestionKind.TEXT and self.weight > 0

    @property
    def has_options(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)

    def asked_to(self, sector: str) -> bool:
        return self.audience in (Audience.BOTH, sector)


class ChecklistOption(models.Model):
    question = models.ForeignKey(
        ChecklistQuestion,
        on_delete=models.CASCADE,
        related_name="options",
        verbose_name=_("question"),
    )
    label = models.CharField(_("label"), max_length=200)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label


class ChecklistResponse(ChoiceLabels):
    """One filled-in checklist: online by the respondent or typed in from paper by a partner."""

    checklist = models.ForeignKey(
        Checklist, on_delete=models.CASCADE, related_name="responses", verbose_name=_("checklist")
    )
    sector = models.CharField(_("sector"), max_length=10, choices=RespondentSector.choices)
    # Both optional: a checklist can be answered anonymously, and paper forms often carry
    # neither. The e-mail address is kept only when the respondent wants the results sent.
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    send_results = models.BooleanField(_("send the results by e-mail"), default=False)
    consent_at = models.DateTimeField(_("consent given at"))
    source = models.CharField(
        _("source"), max_length=10, choices=ResponseSource.choices, default=ResponseSource.ONLINE
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checklist_responses",
        verbose_name=_("respondent"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    total_score = models.PositiveSmallIntegerField(_("total score"), null=True, blank=True)
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("checklist response")
        verbose_name_plural = _("checklist responses")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["checklist", "sector"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(sector__in=["cci", "avm"]), name="response_sector_cci_or_avm"
            )
        ]

    def __str__(self) -> str:
        return f"{self.respondent_label} · {self.checklist}"

    def get_absolute_url(self) -> str:
        return reverse("outreach:checklist_result", kwargs={"token": self.token})

    @property
    def respondent_label(self) -> str:
        """The organisation, else "Anonymous respondent" (lists, messages, exports)."""
        return self.organisation_name or str(_("Anonymous respondent"))

    def get_additional_data(self) -> dict:
        return {"programme": self.checklist.programme_id}


class ChecklistAnswer(models.Model):
    response = models.ForeignKey(
        ChecklistResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
    )
    question = models.ForeignKey(
        ChecklistQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question"),
    )
    number = models.SmallIntegerField(
        _("numeric answer"), null=True, blank=True
    )  # scale value, or 1/0 for yes/no
    text = models.TextField(_("text answer"), blank=True)
    options = models.ManyToManyField(
        ChecklistOption, blank=True, related_name="+", verbose_name=_("chosen options")
    )

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="uniq_answer_question")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number if self.number is not None else self.text}"


class ChecklistSectionScore(ChoiceLabels):
    """A response's score in one section (0 to 100), kept so aggregates are one GROUP BY."""

    response = models.ForeignKey(
        ChecklistResponse,
        on_delete=models.CASCADE,
        related_name="section_scores",
        verbose_name=_("response"),
    )
    section = models.ForeignKey(
        ChecklistSection, on_delete=models.CASCADE, related_name="scores", verbose_name=_("section")
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    sector = models.CharField(_("sector"), max_length=10, choices=RespondentSector.choices)
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("checklist section score")
        verbose_name_plural = _("checklist section scores")
        constraints = [
            models.UniqueConstraint(fields=["response", "section"], name="uniq_score_section"),
            models.CheckConstraint(condition=Q(score__lte=100), name="score_max_100"),
        ]
        indexes = [models.Index(fields=["section", "sector"])]

    def __str__(self) -> str:
        return f"{self.section_id}: {self.score}"
