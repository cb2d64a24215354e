"""Phase 2 · Make a connection: best practices, readiness checklists, info days, brochures,
media commitments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.enums import Sector
from collider.models import Event, Programme, new_token

from .enums import (
    Audience,
    ChecklistStatus,
    Dimension,
    HandoutKind,
    MediaChannel,
    MediaStatus,
    PracticeAssessment,
    PracticeKind,
    PracticeLevel,
    PublicationStatus,
    QuestionKind,
    RespondentSector,
    ResponseSource,
)


def _programme_data(self) -> dict:
    return {"programme": self.programme_id}


# --- Best-practice library ------------------------------------------------------------------


class Practice(models.Model):
    """A case of cross-sectoral cooperation (or of one that went wrong, with its lesson)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="practices", verbose_name=_("programme")
    )
    shared = models.BooleanField(
        _("shared with every programme"),
        default=False,
        help_text=_("Shared cases appear in the libraries of all programmes."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1500)
    kind = models.CharField(_("kind"), max_length=20, choices=PracticeKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=PracticeLevel.choices)
    assessment = models.CharField(
        _("good or bad practice"),
        max_length=10,
        choices=PracticeAssessment.choices,
        default=PracticeAssessment.GOOD,
    )
    involves_cci = models.BooleanField(_("CCI involved"), default=True)
    involves_avm = models.BooleanField(_("AVM involved"), default=True)
    involves_intermediary = models.BooleanField(_("intermediary involved"), default=False)
    country = models.CharField(_("country or region"), max_length=120, blank=True)
    avm_technology = models.CharField(_("AVM technology"), max_length=200, blank=True)
    collaboration_format = models.CharField(_("collaboration format"), max_length=200, blank=True)
    ip_arrangement = models.TextField(_("IP arrangement"), blank=True)
    outcome = models.TextField(_("outcome and results"), blank=True)
    costs = models.CharField(_("costs"), max_length=200, blank=True)
    contacts = models.TextField(_("contacts"), blank=True)
    testimonial = models.TextField(_("testimonial"), blank=True)
    testimonial_by = models.CharField(_("testimonial by"), max_length=200, blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    lesson = models.TextField(
        _("lesson learned"), blank=True, help_text=_("Required for bad practices.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
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
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        ordering = ["-published_at", "-created_at", "pk"]
        indexes = [models.Index(fields=["programme", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(assessment="bad") | ~Q(lesson=""), name="bad_practice_has_lesson"
            )
        ]

    def __str__(self) -> str:
        return self.title

    get_additional_data = _programme_data

    def get_absolute_url(self) -> str:
        return reverse(
            "outreach:practice_detail", kwargs={"slug": self.programme.slug, "pk": self.pk}
        )

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def sector_labels(self) -> list[str]:
        labels = []
        if self.involves_cci:
            labels.append(str(_("CCI")))
        if self.involves_avm:
            labels.append(str(_("AVM")))
        if self.involves_intermediary:
            labels.append(str(_("Intermediary")))
        return labels


def practice_image_path(instance: PracticeImage, filename: str) -> str:
    return f"outreach/practices/{instance.practice_id}/{new_token()[:12]}-{filename[-60:]}"


class PracticeImage(models.Model):
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="images", verbose_name=_("practice")
    )
    image = models.ImageField(_("image"), upload_to=practice_image_path)
    content_type = models.CharField(_("content type"), max_length=40, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("practice image")
        verbose_name_plural = _("practice images")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return reverse(
            "outreach:practice_image",
            kwargs={"slug": self.practice.programme.slug, "pk": self.pk},
        )

    def get_additional_data(self) -> dict:
        return {"programme": self.practice.programme_id}


# --- Readiness checklist ----------------------------------------------------------------------


class Checklist(models.Model):
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


class ChecklistSection(models.Model):
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


class ChecklistQuestion(models.Model):
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


class ChecklistResponse(models.Model):
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


class ChecklistSectionScore(models.Model):
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


# --- Info days -----------------------------------------------------------------------------


class InfoDayItem(models.Model):
    """A slot of an info day's programme, tagged with the dimension it covers."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="info_day_items", verbose_name=_("event")
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("info-day item")
        verbose_name_plural = _("info-day items")
        ordering = ["starts_at", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"programme": self.event.programme_id}


def handout_path(instance: Handout, filename: str) -> str:
    return f"outreach/handouts/{instance.programme_id}/{new_token()[:12]}-{filename[-60:]}"


class Handout(models.Model):
    """Material to hand out: a leaflet, a printed brochure, slides… (optionally for one event)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="handouts", verbose_name=_("programme")
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="handouts",
        verbose_name=_("info day"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=HandoutKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=handout_path)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("file size"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("handout")
        verbose_name_plural = _("handouts")
        ordering = ["kind", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    get_additional_data = _programme_data


# --- Brochure ----------------------------------------------------------------------------------


class Brochure(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="brochures", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    intro_cci = models.TextField(_("introduction to the creative industries"), max_length=3000)
    intro_avm = models.TextField(_("introduction to advanced manufacturing"), max_length=3000)
    contacts = models.TextField(_("contacts"), blank=True)
    practices = models.ManyToManyField(
        Practice, through="BrochureEntry", related_name="brochures", verbose_name=_("stories")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    pdf = models.FileField(_("PDF"), upload_to="outreach/brochures/", blank=True, editable=False)
    pdf_fingerprint = models.CharField(
        _("PDF fingerprint"), max_length=64, blank=True, editable=False
    )
    pdf_pages = models.PositiveSmallIntegerField(
        _("number of PDF pages"), null=True, blank=True, editable=False
    )
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True, editable=False)
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
        verbose_name = _("brochure")
        verbose_name_plural = _("brochures")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The partners' page of the brochure, where its buttons are."""
        return reverse(
            "outreach:brochure_edit", kwargs={"slug": self.programme.slug, "pk": self.pk}
        )

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    get_additional_data = _programme_data


class BrochureEntry(models.Model):
    brochure = models.ForeignKey(
        Brochure, on_delete=models.CASCADE, related_name="entries", verbose_name=_("brochure")
    )
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="+", verbose_name=_("practice")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("brochure entry")
        verbose_name_plural = _("brochure entries")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["brochure", "practice"], name="uniq_brochure_practice")
        ]

    def __str__(self) -> str:
        return f"{self.brochure_id} · {self.practice_id}"


# --- Media log -------------------------------------------------------------------------------


class MediaCommitment(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="media_commitments",
        verbose_name=_("programme"),
    )
    outlet = models.CharField(_("outlet"), max_length=200)
    channel = models.CharField(_("channel"), max_length=20, choices=MediaChannel.choices)
    target_group = models.CharField(
        _("target group"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible partner"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MediaStatus.choices, default=MediaStatus.CONTACTED
    )
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    link = models.URLField(_("publication link"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    estimated_reach = models.PositiveIntegerField(_("estimated reach"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("media commitment")
        verbose_name_plural = _("media commitments")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="published_media_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.outlet} ({self.get_channel_display()})"

    def get_absolute_url(self) -> str:
        """The partners' media log, where the record's buttons are."""
        return reverse("outreach:media_list", kwargs={"slug": self.programme.slug})

    get_additional_data = _programme_data


__all__ = ["Sector"]
